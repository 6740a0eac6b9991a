// The strategy catalogues: every English key has a Chinese text with the same placeholders;
// every playbook diagnostic carries keys the catalogue knows, renders in Chinese with nothing left
// unfilled, and its English rendering is the message it carries; errors have codes.
import { placeholders } from '@segmint/dsl';
import { describe, expect, it } from 'vitest';
import { checkPlaybooks, parsePlaybooks } from '../src/playbooks.js';
import { formatStrategyDiagnostic, renderStrategyDiagnostic, type StrategyDiagnostic } from '../src/diagnostics.js';
import { loadLibrary } from '../src/libraries.js';
import { reportToHtml, reportToMarkdown } from '../src/render-report.js';
import type { SegmentReport } from '../src/report.js';
import { renderStrategyError, renderStrategyMessage, STRATEGY_MESSAGE_KEYS, strategyCatalogue, StrategyError } from '../src/messages/index.js';

describe('the strategy catalogues', () => {
  it('every English key has a Chinese text with the same placeholders, in Chinese', () => {
    const en = strategyCatalogue('en');
    const zh = strategyCatalogue('zh-CN');
    expect(STRATEGY_MESSAGE_KEYS.length).toBeGreaterThan(40);
    for (const key of STRATEGY_MESSAGE_KEYS) {
      expect(zh[key], key).toBeDefined();
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
      expect(/[\u4e00-\u9fff]/.test(zh[key]), `${key}: ${zh[key]}`).toBe(true);
    }
    expect(Object.keys(zh).sort()).toEqual([...STRATEGY_MESSAGE_KEYS].sort());
  });
});

const BAD_FILES = [
  '',
  '- a\n- b\n',
  'playbooks:\n',
  'lang: fr\nplaybooks:\n  a:\n    goal: x\n',
  'lang: [1]\nplaybooks:\n  a:\n    goal: x\n',
  'title: [a]\nplaybooks:\n  a:\n    goal: x\n',
  'gold:\n  goal: a\n',
  'playbookz:\n  a:\n    goal: x\nplaybooks:\n  a:\n    goal: x\n',
  'zzzzzzzzzz: 1\nplaybooks:\n  a:\n    goal: x\n',
  'playbooks: [1, 2]\n',
  'playbooks:\n  ? [a]\n  : b\n',
  'playbooks:\n  silver: just text\n',
  'playbooks:\n  gold:\n    owner: Sales\n    gaol: typo\n    qqqqqqqqqqq: 1\n    measures: [1, ""]\n',
  'playbooks:\n  gold:\n    goal: ""\n    measures: {a: 1}\n    kpis: 3\n',
  'playbooks:\n  gold:\n    goal: g\n    kpis:\n      - ""\n      - [1]\n      - { target: [1] }\n      - { name: [1], metric: retension, targt: 1 }\n      - { name: A, metric: [1], zzzzzzzzzz: 2 }\n',
  'playbooks:\n  gold:\n    goal: a\n  gold:\n    goal: b\n',
  'playbooks:\n\tgold:\n\t\tgoal: a\n',
  'playbooks:\n  gold:\n    goal: "unterminated\n',
  'playbooks:\n  gold:\n    goal: "a\\qb"\n',
  'a: 1\n---\nb: 2\n',
  '{playbooks}\n',
  '? [a]\n: 1\nplaybooks:\n  a:\n    goal: x\n',
  'a: @b\n'
];

describe('playbook diagnostics by key', () => {
  const seen: StrategyDiagnostic[] = [];
  for (const src of BAD_FILES) seen.push(...parsePlaybooks(src).diagnostics);
  const good = parsePlaybooks('playbooks:\n  gold:\n    goal: g\n  churn_risk:\n    goal: h\n').file!;
  seen.push(...checkPlaybooks(good, [{ id: 'platinum' }, { id: 'churn' }]), ...checkPlaybooks(good, []));

  it('every diagnostic has keys; English is its message; Chinese is filled and Chinese', () => {
    for (const d of seen) {
      expect(d.messageKey, d.message).toBeDefined();
      expect(renderStrategyDiagnostic(d, 'en')).toEqual(d.hint !== undefined ? { message: d.message, hint: d.hint } : { message: d.message });
      const z = renderStrategyDiagnostic(d, 'zh-CN');
      expect(z.message).not.toMatch(/\{\w+\}/);
      expect(z.hint ?? '').not.toMatch(/\{\w+\}/);
      expect(/[\u4e00-\u9fff]/.test(z.message), z.message).toBe(true);
    }
    const keys = new Set(seen.flatMap((d) => [d.messageKey, d.hintKey]));
    const diagnosticKeys = STRATEGY_MESSAGE_KEYS.filter((k) => !/^(export|report|library|download|flow|edit|template)\.|^unassigned$|^yaml\./.test(k));
    expect(diagnosticKeys.filter((k) => !keys.has(k))).toEqual([]);
  });

  it('renders a playbook diagnostic in Chinese, with the source line and caret', () => {
    const src = 'playbooks:\n  gold:\n    goal: x\n    kpis:\n      - { name: A, target: 1, metric: retension }\n';
    const d = parsePlaybooks(src).diagnostics[0]!;
    expect(renderStrategyDiagnostic(d, 'zh-CN')).toEqual({ message: "'gold' 中有未知的 KPI 指标 'retension'", hint: "是不是想写 'retention'？可用的指标：retention, repurchase_rate, aov, m_per_customer, share_of_m, customers, share（也可以不写 'metric'）" });
    expect(formatStrategyDiagnostic(d, src, 'p.yaml', 'zh-CN')).toMatch(/^p\.yaml:5:39: error: 'gold' 中有未知的 KPI 指标 'retension'\n.*\n {38}\^{9}\n是不是想写/);
    const missing = checkPlaybooks(parsePlaybooks('playbooks:\n  a:\n    goal: g\n').file!, [{ id: 'a' }, { id: 'b' }]);
    expect(formatStrategyDiagnostic(missing[0]!, '', 'p.yaml', 'zh-CN')).toBe("p.yaml: warning: 细分 'b' 没有策略\n请在 'playbooks:' 下加上 'b:'，至少写一个目标");
  });

  it('YAML errors Segmint knows read in both languages; others keep the parser text as the detail', () => {
    const dup = parsePlaybooks('playbooks:\n  gold:\n    goal: a\n  gold:\n    goal: b\n').diagnostics[0]!;
    expect(dup.code).toBe('yaml-duplicate-key');
    expect(renderStrategyDiagnostic(dup, 'zh-CN')).toEqual({ message: '同一个映射中有重复的键', hint: '每个细分只能有一个策略；请合并这两项' });
    expect(typeof dup.params?.detail).toBe('string');
  });
});

describe('errors and flows by code', () => {
  it('a library error has a code, params and both languages', () => {
    let err: unknown;
    try {
      loadLibrary('nope');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StrategyError);
    expect((err as StrategyError).code).toBe('library.unknown');
    expect((err as StrategyError).message).toBe("unknown library 'nope'; libraries: tiers, rfm, lifecycle, value-matrix");
    expect(renderStrategyError(err, 'zh-CN')).toBe("未知的模型库 'nope'；可用的有：tiers, rfm, lifecycle, value-matrix");
    expect(renderStrategyError(new Error('plain'), 'zh-CN')).toBe('plain');
  });

  it('numbers in params are formatted by the locale', () => {
    expect(renderStrategyMessage('download.too-many-rows', { total: 1048577, max: 1048576 }, 'en')).toBe('1,048,577 customers do not fit in one Excel sheet (at most 1,048,576 rows): export them as CSV');
    expect(renderStrategyMessage('flow.changed', { count: 1234, from: '金牌', to: '银牌', m: '21万' }, 'zh-CN')).toBe('1,234 位「金牌」客户变为「银牌」，占上期金额 21万');
    expect(renderStrategyMessage('flow.new.one', { count: 1, to: 'gold', m: '2.1k' }, 'en')).toBe('1 new customer arrived in gold, worth 2.1k of this period’s M');
  });
});

describe('report notes in the report language', () => {
  it('a playbook warning reads in Chinese in a Chinese report, in English in an English one', () => {
    const notes = checkPlaybooks(parsePlaybooks('playbooks:\n  a:\n    goal: g\n').file!, [{ id: 'a' }, { id: 'b' }]);
    const base = { title: 'r', asOf: '2024-12-31', rulesFile: null, playbooksFile: null, customers: 0, M: 0, segments: [], unassigned: null, pareto: { topShare: 0.2, topMShare: null, customersFor80: null, curve: [] }, notes } as unknown as SegmentReport;
    expect(reportToMarkdown({ ...base, lang: 'zh' })).toContain('- warning: 细分 &#39;b&#39; 没有策略 (请在 &#39;playbooks:&#39; 下加上 &#39;b:&#39;，至少写一个目标)');
    expect(reportToMarkdown({ ...base, lang: 'en' })).toContain('- warning: segment &#39;b&#39; has no playbook (add &#39;b:&#39; with at least a goal under &#39;playbooks:&#39;)');
    expect(reportToHtml({ ...base, lang: 'zh' })).toContain('细分 &#39;b&#39; 没有策略');
  });
});
