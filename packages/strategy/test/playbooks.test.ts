// Playbook files: parsing, validation with line numbers, and the rules cross-check.
import { describe, expect, it } from 'vitest';
import { checkPlaybooks, parsePlaybooks, parseTarget } from '../src/playbooks.js';
import { formatStrategyDiagnostic } from '../src/diagnostics.js';

const GOOD = `# team playbooks
lang: en
rules: tiers.seg
playbooks:
  gold:
    goal: Lift annual purchases to 800k
    measures:
      - Tiered discount
      - Free trial of new products
    owner: Sales team 2
    timing: each quarter end
    cadence: quarterly
    channel: Sales manager
    kpis:
      - { name: Average order value, target: "+20%", metric: aov }
      - name: Repurchase
        target: ">= 60%"
        metric: Repurchase-Rate
      - Satisfaction >= 4
  churn_risk:
    goal: Win back 30%
    measures: Call within 7 days
`;

describe('parsePlaybooks', () => {
  it('reads every field, normalises metric names, keeps file order and lines', () => {
    const { file, diagnostics } = parsePlaybooks(GOOD);
    expect(diagnostics).toEqual([]);
    expect(file!.lang).toBe('en');
    expect(file!.rules).toBe('tiers.seg');
    expect(file!.playbooks.map((p) => [p.segment, p.line])).toEqual([
      ['gold', 5],
      ['churn_risk', 20]
    ]);
    const gold = file!.playbooks[0]!;
    expect(gold).toMatchObject({ goal: 'Lift annual purchases to 800k', owner: 'Sales team 2', timing: 'each quarter end', cadence: 'quarterly', channel: 'Sales manager' });
    expect(gold.measures).toEqual(['Tiered discount', 'Free trial of new products']);
    expect(gold.kpis).toEqual([
      { name: 'Average order value', target: '+20%', metric: 'aov' },
      { name: 'Repurchase', target: '>= 60%', metric: 'repurchase_rate' },
      { name: 'Satisfaction >= 4', target: null, metric: null }
    ]);
    expect(file!.playbooks[1]!.measures).toEqual(['Call within 7 days']);
  });

  it('reports an unknown metric at its line and column, with a suggestion', () => {
    const src = 'playbooks:\n  gold:\n    goal: x\n    kpis:\n      - { name: A, target: 1, metric: retension }\n';
    const { file, diagnostics } = parsePlaybooks(src);
    expect(file).toBeNull();
    expect(diagnostics).toHaveLength(1);
    const d = diagnostics[0]!;
    expect(d).toMatchObject({ severity: 'error', code: 'unknown-metric' });
    expect(d.span).toMatchObject({ line: 5, column: 39 });
    expect(d.hint).toContain("did you mean 'retention'?");
    expect(formatStrategyDiagnostic(d, src, 'p.yaml')).toMatch(/^p\.yaml:5:39: error: unknown KPI metric 'retension' in 'gold'\n.*\n {38}\^{9}\ndid you mean/);
  });

  it('requires a goal, warns at unknown fields, rejects wrong shapes', () => {
    const src = ['playbooks:', '  gold:', '    owner: Sales', '    gaol: typo', '  silver: just text', '  bronze:', '    goal: [a, b]', ''].join('\n');
    const { file, diagnostics } = parsePlaybooks(src);
    expect(file).toBeNull();
    const got = diagnostics.map((d) => [d.severity, d.code, d.span?.line]);
    expect(got).toEqual([
      ['warning', 'unknown-key', 4],
      ['error', 'no-goal', 2],
      ['error', 'playbook-not-map', 5],
      ['error', 'not-text', 7]
    ]);
    expect(diagnostics[0]!.hint).toBe("did you mean 'goal'?");
  });

  it('reports YAML syntax errors and duplicate segments with lines', () => {
    const dup = parsePlaybooks('playbooks:\n  gold:\n    goal: a\n  gold:\n    goal: b\n');
    expect(dup.file).toBeNull();
    expect(dup.diagnostics[0]).toMatchObject({ severity: 'error', code: 'yaml-duplicate-key', span: { line: 4 } });
    const bad = parsePlaybooks('playbooks:\n  gold:\n    goal: "unterminated\n');
    expect(bad.file).toBeNull();
    expect(bad.diagnostics[0]!.severity).toBe('error');
    expect(bad.diagnostics[0]!.span!.line).toBeGreaterThanOrEqual(3);
    const tabs = parsePlaybooks('playbooks:\n\tgold:\n\t\tgoal: a\n');
    expect(tabs.file).toBeNull();
    expect(tabs.diagnostics[0]!.span!.line).toBe(2);
  });

  it('explains empty files, missing playbooks: and segments put at the top level', () => {
    expect(parsePlaybooks('').diagnostics[0]!.code).toBe('empty');
    expect(parsePlaybooks('# only a comment\n').diagnostics[0]!.code).toBe('empty');
    const top = parsePlaybooks('gold:\n  goal: a\n');
    expect(top.diagnostics.map((d) => d.code)).toEqual(['unknown-key', 'no-playbooks']);
    expect(parsePlaybooks('- a\n- b\n').diagnostics[0]!.code).toBe('not-a-map');
    expect(parsePlaybooks('lang: fr\nplaybooks:\n  a:\n    goal: x\n').diagnostics[0]).toMatchObject({ code: 'bad-lang', span: { line: 1, column: 7 } });
  });

  it('never throws on garbage', () => {
    for (const g of ['{', ']]]', 'playbooks: [1, 2]', 'playbooks:\n  ? [a]\n  : b', '\u0000', 'playbooks:\n  x:\n    kpis: 3\n    goal: g', 'a: &x\n  b: *x'])
      expect(() => parsePlaybooks(g)).not.toThrow();
  });
});

describe('checkPlaybooks', () => {
  it('reports segments without a playbook and playbooks of unknown segments (with position)', () => {
    const { file } = parsePlaybooks(GOOD);
    const out = checkPlaybooks(file!, [{ id: 'platinum' }, { id: 'gold' }, { id: 'churn' }], GOOD);
    expect(out.map((d) => [d.code, d.message])).toEqual([
      ['missing-playbook', "segment 'platinum' has no playbook"],
      ['missing-playbook', "segment 'churn' has no playbook"],
      ['unknown-segment', "playbook for 'churn_risk', which is not a segment of the rules"]
    ]);
    expect(out[2]!.span).toMatchObject({ line: 20, column: 3, endColumn: 13 });
  });
});

describe('parseTarget', () => {
  it('parses plain comparisons and leaves relative targets to people', () => {
    expect(parseTarget('>= 98%')).toEqual({ op: '>=', value: 0.98, percent: true });
    expect(parseTarget('≤3')).toEqual({ op: '<=', value: 3, percent: false });
    expect(parseTarget('15')).toEqual({ op: '>=', value: 15, percent: false });
    expect(parseTarget('1.5k')).toEqual({ op: '>=', value: 1500, percent: false });
    expect(parseTarget('80万')).toEqual({ op: '>=', value: 800000, percent: false });
    expect(parseTarget('+20%')).toBeNull();
    expect(parseTarget('renewal ≥ 98%')).toBeNull();
    expect(parseTarget(null)).toBeNull();
  });
});

describe('parsePlaybooks: the file as far as it reads', () => {
  it('keeps the playbooks of a file with errors in its fields (for an editor), none when the YAML is broken', () => {
    const p = parsePlaybooks('playbooks:\n  gold:\n    owner: Sales\n  silver:\n    goal: Keep\n    kpis:\n      - { target: 1 }\n');
    expect(p.file).toBeNull();
    expect(p.read!.playbooks.map((x) => [x.segment, x.goal, x.owner])).toEqual([
      ['gold', '', 'Sales'],
      ['silver', 'Keep', null]
    ]);
    expect(parsePlaybooks(GOOD).read).toEqual(parsePlaybooks(GOOD).file);
    expect(parsePlaybooks('playbooks:\n  gold:\n    goal: "x\n').read ?? null).toBeNull();
    expect(parsePlaybooks('playbooks: [a]\n').read).toBeNull();
  });
});
