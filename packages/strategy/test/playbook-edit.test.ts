// Editing playbook files: one change per call through the yaml Document API. Every library file
// prints back unchanged; an edit changes only what it edits (comments, order, quoting and flow
// style of the rest kept); the same edit twice gives the same text; values of any kind (Chinese,
// `: # ' " \n`) come back through parsePlaybooks as they went in.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { checkPlaybooks, parsePlaybooks, type Playbook } from '../src/playbooks.js';
import {
  addPlaybook,
  newPlaybookFile,
  PLAYBOOK_YAML_FORMAT,
  playbookValues,
  removePlaybook,
  setPlaybookField,
  setPlaybookKpis,
  setPlaybookMeasures,
  updatePlaybook,
  type PlaybookValues
} from '../src/playbook-edit.js';
import { renderStrategyError, StrategyError } from '../src/messages/index.js';
import { repoRoot } from './helpers.js';

const libDir = join(repoRoot, 'packages/strategy/libraries');
const LIBRARY_YAML = readdirSync(libDir).flatMap((id) =>
  readdirSync(join(libDir, id))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => ({ name: f, text: readFileSync(join(libDir, id, f), 'utf8') }))
);

function playbooks(text: string): Playbook[] {
  const { file, diagnostics } = parsePlaybooks(text);
  expect(diagnostics.filter((d) => d.severity === 'error'), text).toEqual([]);
  return file!.playbooks;
}
function playbook(text: string, segment: string): Playbook {
  const pb = playbooks(text).find((p) => p.segment === segment);
  expect(pb, segment).toBeDefined();
  return pb!;
}
/** the lines of `b` that differ from `a` (same number of lines) */
function changedLines(a: string, b: string): string[] {
  const x = a.split('\n');
  const y = b.split('\n');
  expect(y.length).toBe(x.length);
  return y.filter((line, i) => line !== x[i]);
}

const TEAM = `# Team playbooks (kept by sales ops)
lang: en
playbooks:
  # the best customers
  gold:
    goal: Lift annual purchases # the board's number
    measures:
      - Tiered discount # from Q2
      - 'Free trial: new products'
    owner: Sales team 2
    kpis:
      - { name: Average order value, target: "+20%", metric: aov }
      - name: Repurchase
        target: ">= 60%"
        metric: Repurchase-Rate
      - Satisfaction >= 4
      - { name: Customers, target: 15 }
  churn_risk:
    goal: Win back 30%
    measures: Call within 7 days
  # end of the list
`;

describe('round trip', () => {
  it.each(LIBRARY_YAML.map((f) => [f.name, f.text] as const))('%s prints back byte for byte, and writing its own values changes nothing', (_name, text) => {
    expect(parseDocument(text).toString(PLAYBOOK_YAML_FORMAT)).toBe(text);
    for (const pb of playbooks(text)) {
      expect(updatePlaybook(text, pb.segment, playbookValues(pb))).toBe(text);
      expect(setPlaybookField(text, pb.segment, 'goal', pb.goal)).toBe(text);
      expect(setPlaybookKpis(text, pb.segment, pb.kpis)).toBe(text);
      expect(setPlaybookMeasures(text, pb.segment, pb.measures)).toBe(text);
    }
  });

  it.each(LIBRARY_YAML.map((f) => [f.name, f.text] as const))('%s: changing a goal and a KPI target changes those lines only, twice the same', (_name, text) => {
    const first = playbooks(text)[0]!;
    const kpis = first.kpis.map((k, i) => (i === 0 ? { ...k, target: '>= 99%' } : k));
    const once = updatePlaybook(text, first.segment, { goal: '新的目标: 99% # kept', kpis });
    expect(updatePlaybook(once, first.segment, { goal: '新的目标: 99% # kept', kpis })).toBe(once);
    expect(changedLines(text, once)).toHaveLength(first.kpis.length ? 2 : 1);
    const pb = playbook(once, first.segment);
    expect(pb.goal).toBe('新的目标: 99% # kept');
    if (first.kpis.length) expect(pb.kpis[0]!.target).toBe('>= 99%');
    // every comment line is still there
    const comments = (s: string) => s.split('\n').filter((l) => l.trimStart().startsWith('#'));
    expect(comments(once)).toEqual(comments(text));
    // the other playbooks read the same
    expect(playbooks(once).filter((p) => p.segment !== first.segment)).toEqual(playbooks(text).filter((p) => p.segment !== first.segment));
  });
});

describe('setting fields', () => {
  it('keeps the comments of the file, the field and its neighbours', () => {
    const out = setPlaybookField(TEAM, 'gold', 'goal', 'Reach 800k');
    expect(changedLines(TEAM, out)).toEqual(["    goal: Reach 800k # the board's number"]);
    expect(out).toContain('# Team playbooks (kept by sales ops)');
    expect(out).toContain('  # the best customers\n  gold:');
    expect(out).toContain('  # end of the list\n');
  });

  it('writes hostile and Chinese text so that it reads back the same', () => {
    const values = [': # \' " \\n', 'a: b', '# not a comment', "it's", '"quoted"', 'line one\nline two', '- dash', '[x]', '{y}', 'yes', 'null', '~', '12', '0x1F', '  spaced  ', '铂金客户：续约率 ≥ 98%', '@at', '`tick`', '%p', '*star', '&amp', '!bang', '|pipe', '>gt', 'tab\there'];
    for (const v of values) {
      for (const field of ['goal', 'owner', 'notes'] as const) {
        const out = setPlaybookField(TEAM, 'gold', field, v);
        expect(playbook(out, 'gold')[field], `${field} = ${JSON.stringify(v)}\n${out}`).toBe(v.trim());
        expect(setPlaybookField(out, 'gold', field, v)).toBe(out);
      }
      const measures = ['plain', v, `${v} 2`];
      const m = setPlaybookMeasures(TEAM, 'gold', measures);
      expect(playbook(m, 'gold').measures).toEqual(measures.map((x) => x.trim()));
      const kpis = [{ name: v, target: v, metric: null }, { name: `${v}!`, target: '>= 3', metric: 'aov' as const }];
      const k = setPlaybookKpis(TEAM, 'gold', kpis);
      expect(playbook(k, 'gold').kpis, k).toEqual(kpis.map((x) => ({ ...x, name: x.name.trim(), target: x.target.trim() })));
      expect(setPlaybookKpis(k, 'gold', kpis)).toBe(k);
    }
  });

  it('removes a field set to nothing; adds a missing one in the usual order', () => {
    const out = setPlaybookField(TEAM, 'gold', 'owner', '  ');
    expect(out).not.toContain('owner:');
    expect(playbook(out, 'gold').owner).toBeNull();
    const timed = setPlaybookField(TEAM, 'gold', 'timing', 'each quarter end');
    expect(timed).toContain('    owner: Sales team 2\n    timing: each quarter end\n    kpis:');
    const churn = setPlaybookField(TEAM, 'churn_risk', 'owner', '挽回小组');
    expect(churn).toContain('    goal: Win back 30%\n    measures: Call within 7 days\n    owner: 挽回小组\n');
  });

  it('updatePlaybook writes the form at once and touches only what changed', () => {
    const gold = playbookValues(playbook(TEAM, 'gold'));
    const values: PlaybookValues = { ...gold, owner: 'Key accounts', cadence: 'monthly', notes: null };
    const out = updatePlaybook(TEAM, 'gold', values);
    expect(playbookValues(playbook(out, 'gold'))).toEqual(values);
    // the measures' comment and quoting, the KPIs' mixed styles: untouched
    expect(out).toContain("      - Tiered discount # from Q2\n      - 'Free trial: new products'\n");
    expect(out).toContain('      - name: Repurchase\n        target: ">= 60%"\n        metric: Repurchase-Rate\n      - Satisfaction >= 4\n');
    expect(out).toContain('    owner: Key accounts\n    cadence: monthly\n    kpis:');
  });
});

describe('measures and KPIs', () => {
  it('measures: items edited in place (comments kept), added, removed; one measure written as text stays text', () => {
    const out = setPlaybookMeasures(TEAM, 'gold', ['Tiered discount', 'Free trial: new products and samples', 'Fast support line']);
    expect(out).toContain('      - Tiered discount # from Q2\n');
    expect(out).toContain("      - 'Free trial: new products and samples'\n      - Fast support line\n");
    const fewer = setPlaybookMeasures(out, 'gold', ['Tiered discount']);
    expect(playbook(fewer, 'gold').measures).toEqual(['Tiered discount']);
    expect(setPlaybookMeasures(TEAM, 'churn_risk', ['Call within 3 days'])).toContain('    measures: Call within 3 days\n');
    const two = setPlaybookMeasures(TEAM, 'churn_risk', ['Call within 3 days', ' ', 'Coupon']);
    expect(two).toContain('    measures:\n      - Call within 3 days\n      - Coupon\n');
    expect(setPlaybookMeasures(TEAM, 'churn_risk', [])).not.toContain('Call within 7 days');
  });

  it('KPIs keep their style: flow maps stay flow, block maps block, aliases and numbers as written', () => {
    const gold = playbook(TEAM, 'gold');
    expect(gold.kpis.map((k) => k.metric)).toEqual(['aov', 'repurchase_rate', null, null]);
    const kpis = gold.kpis.map((k) => ({ ...k }));
    kpis[0]!.target = '+25%';
    kpis[1]!.target = '>= 65%';
    kpis[3]!.target = '20';
    const out = setPlaybookKpis(TEAM, 'gold', kpis);
    expect(changedLines(TEAM, out)).toEqual(['      - { name: Average order value, target: "+25%", metric: aov }', '        target: ">= 65%"', '      - { name: Customers, target: 20 }']);
    // a KPI written as its name gets a target: it becomes a map like the others
    kpis[2] = { name: 'Satisfaction', target: '>= 4', metric: null };
    kpis.push({ name: '复购率', target: '>= 60%', metric: 'repurchase_rate' });
    const more = setPlaybookKpis(out, 'gold', kpis);
    expect(more).toContain('      - { name: Satisfaction, target: ">= 4" }\n      - { name: Customers, target: 20 }\n      - { name: 复购率, target: ">= 60%", metric: repurchase_rate }\n');
    expect(playbook(more, 'gold').kpis).toEqual(kpis);
    // no metric, no target: the keys go
    const bare = setPlaybookKpis(TEAM, 'gold', [{ name: 'Average order value', target: null, metric: null }]);
    expect(bare).toContain('    kpis:\n      - { name: Average order value }\n  churn_risk:');
    // KPIs where there were none: flow maps, as the models write them
    const added = setPlaybookKpis(TEAM, 'churn_risk', [{ name: 'Won back', target: '>= 30%', metric: 'share' }]);
    expect(added).toContain('    measures: Call within 7 days\n    kpis:\n      - { name: Won back, target: ">= 30%", metric: share }\n');
    // KPIs without a name are left out
    expect(setPlaybookKpis(TEAM, 'churn_risk', [{ name: ' ', target: '1', metric: null }])).toBe(TEAM);
  });
});

describe('adding and removing playbooks', () => {
  const ORDER = ['gold', 'silver', 'churn_risk', 'lost'];

  it('adds a playbook from the template in the rules\' order; the file reads it', () => {
    const out = addPlaybook(TEAM, 'silver', undefined, { order: ORDER, label: 'Silver 银' });
    expect(playbooks(out).map((p) => p.segment)).toEqual(['gold', 'silver', 'churn_risk']);
    expect(playbook(out, 'silver').goal).toBe('Set the goal for Silver 银');
    expect(out).toContain('      - { name: Customers, target: 15 }\n  silver:\n    goal: Set the goal for Silver 银\n  churn_risk:');
    const last = addPlaybook(out, 'lost', { goal: 'Say goodbye', owner: 'CRM' }, { order: ORDER });
    expect(playbook(last, 'lost')).toMatchObject({ goal: 'Say goodbye', owner: 'CRM' });
    // the file's language for the template
    const zh = addPlaybook('lang: zh\nplaybooks:\n  a:\n    goal: x\n', 'b', undefined, { label: '忠诚客户' });
    expect(playbook(zh, 'b').goal).toBe('为“忠诚客户”设定目标');
    expect(addPlaybook(TEAM, 'lost')).toBe(addPlaybook(TEAM, 'lost'));
  });

  it('adds to an empty file, a file without `playbooks:` and an empty `playbooks:`', () => {
    expect(addPlaybook('', 'gold', { goal: 'Grow' })).toBe('playbooks:\n  gold:\n    goal: Grow\n');
    expect(addPlaybook('lang: en\n', 'gold', { goal: 'Grow' })).toBe('lang: en\nplaybooks:\n  gold:\n    goal: Grow\n');
    // the comment after an empty `playbooks:` is kept (yaml prints it on the next line)
    expect(addPlaybook('playbooks: # ours\n', 'gold', { goal: 'Grow' })).toBe('playbooks:\n  # ours\n  gold:\n    goal: Grow\n');
    // the last one removed, then one added again
    const none = removePlaybook('playbooks:\n  gold:\n    goal: Grow\n', 'gold');
    expect(addPlaybook(none, 'silver', { goal: 'Keep' })).toBe('playbooks:\n  silver:\n    goal: Keep\n');
  });

  it('removes a playbook with the comment above it; the others are untouched', () => {
    const out = removePlaybook(TEAM, 'gold');
    // a comment above the first entry belongs to the list (yaml cannot tell): it stays
    expect(out).toBe('# Team playbooks (kept by sales ops)\nlang: en\nplaybooks:\n  # the best customers\n  churn_risk:\n    goal: Win back 30%\n    measures: Call within 7 days\n  # end of the list\n');
    const three = 'playbooks:\n  a:\n    goal: A\n  # about b\n  b:\n    goal: B # b!\n  c:\n    goal: C\n';
    expect(removePlaybook(three, 'b')).toBe('playbooks:\n  a:\n    goal: A\n  c:\n    goal: C\n');
  });

  it('a new file: one template playbook per segment, no diagnostics, every segment covered', () => {
    const segs = [
      { id: 'platinum', label: 'Platinum strategic' },
      { id: 'gold', label: null },
      { id: '新客', label: '新客户' }
    ];
    const text = newPlaybookFile(segs, { lang: 'en', rules: 'team.seg' });
    expect(text.startsWith('# Playbooks for team.seg: what to do about each segment')).toBe(true);
    expect(text).toContain('lang: en\nrules: team.seg\nplaybooks:\n  platinum:\n    goal: Set the goal for Platinum strategic\n  gold:\n    goal: Set the goal for gold\n');
    const { file, diagnostics } = parsePlaybooks(text);
    expect(diagnostics).toEqual([]);
    expect(checkPlaybooks(file!, segs, text)).toEqual([]);
    const zh = newPlaybookFile(segs, { lang: 'zh', rules: 'a: b.seg' });
    expect(parsePlaybooks(zh).file!.rules).toBe('a: b.seg');
    expect(parsePlaybooks(zh).file!.playbooks[2]).toMatchObject({ segment: '新客', goal: '为“新客户”设定目标' });
  });
});

describe('what cannot be edited', () => {
  const err = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(StrategyError);
      return { code: (e as StrategyError).code, zh: renderStrategyError(e, 'zh-CN') };
    }
    throw new Error('no error');
  };

  it('refuses with coded errors: broken YAML, no such playbook, one already there, a playbook that is not a map', () => {
    expect(err(() => setPlaybookField('playbooks:\n  gold:\n    goal: "x\n', 'gold', 'goal', 'y')).code).toBe('edit.broken');
    expect(err(() => setPlaybookField('playbooks:\n  a: 1\n  a: 2\n', 'a', 'goal', 'y')).code).toBe('edit.broken');
    expect(err(() => setPlaybookField(TEAM, 'silver', 'goal', 'y'))).toEqual({ code: 'edit.no-playbook', zh: "'silver' 没有策略" });
    expect(err(() => addPlaybook(TEAM, 'gold')).code).toBe('edit.exists');
    expect(err(() => setPlaybookField('playbooks:\n  silver: just text\n', 'silver', 'goal', 'y')).code).toBe('edit.playbook-not-map');
    expect(err(() => addPlaybook('- a\n', 'gold')).code).toBe('edit.not-a-map');
    expect(err(() => addPlaybook('playbooks: [a]\n', 'gold')).code).toBe('edit.playbooks-not-map');
    expect(err(() => removePlaybook(TEAM, 'silver')).code).toBe('edit.no-playbook');
    expect(err(() => addPlaybook(TEAM, 'a\nb')).code).toBe('edit.bad-segment');
  });

  it('keeps CRLF line ends and a byte-order mark', () => {
    const crlf = '\ufeffplaybooks:\r\n  gold:\r\n    goal: Grow # yes\r\n';
    expect(setPlaybookField(crlf, 'gold', 'goal', 'Keep')).toBe('\ufeffplaybooks:\r\n  gold:\r\n    goal: Keep # yes\r\n');
    expect(setPlaybookField(crlf, 'gold', 'goal', 'Grow')).toBe(crlf);
  });
});
