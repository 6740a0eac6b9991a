// The Strategy view's pure steps: segments from the live result or the text, rows and unknown
// playbooks, the new file's name, the form's draft, its checks and the values it writes.
import { describe, expect, it } from 'vitest';
import { parsePlaybooks } from '@segmint/strategy';
import { checkDraft, draftOf, playbookFileName, strategyRows, strategySegments, unknownPlaybooks, valuesOf } from './strategy.js';

const RULES = 'segment gold "Gold 黄金" when M > 100\nsegment silver when M > 10\ntag vip when F > 3\nsegment rest otherwise\n';
const YAML = 'playbooks:\n  gold:\n    goal: Grow\n    kpis:\n      - { name: AOV, target: "+20%", metric: aov }\n  bronze:\n    goal: Old\n';

describe('segments and rows', () => {
  it('segments come from the live result (labels, counts; unassigned left out), else from the text', () => {
    const summary = [
      { segment: 'gold', label: 'Gold 黄金', customers: 12, share: 0.12 },
      { segment: 'silver', label: null, customers: 0, share: 0 },
      { segment: null, label: null, customers: 88, share: 0.88 }
    ];
    expect(strategySegments(summary, RULES)).toEqual([
      { id: 'gold', label: 'Gold 黄金', customers: 12, share: 0.12 },
      { id: 'silver', label: null, customers: 0, share: 0 }
    ]);
    expect(strategySegments(null, RULES)).toEqual([
      { id: 'gold', label: 'Gold 黄金', customers: null, share: null },
      { id: 'silver', label: null, customers: null, share: null },
      { id: 'rest', label: null, customers: null, share: null }
    ]);
  });

  it('each segment with its playbook; playbooks of unknown segments apart', () => {
    const segs = strategySegments(null, RULES);
    const file = parsePlaybooks(YAML).read!;
    expect(strategyRows(segs, file).map((r) => [r.id, r.playbook?.goal ?? null])).toEqual([
      ['gold', 'Grow'],
      ['silver', null],
      ['rest', null]
    ]);
    expect(unknownPlaybooks(segs, file).map((p) => p.segment)).toEqual(['bronze']);
    expect(strategyRows(segs, null).every((r) => r.playbook === null)).toBe(true);
  });

  it('a new playbook file is named after the rule file', () => {
    expect(playbookFileName('team.seg')).toBe('team.playbooks.yaml');
    expect(playbookFileName('dir/sub\\客户.SEG')).toBe('客户.playbooks.yaml');
    expect(playbookFileName('notes.txt')).toBe('notes.playbooks.yaml');
    expect(playbookFileName(null)).toBe('playbooks.yaml');
    expect(playbookFileName(' .seg ')).toBe('playbooks.yaml');
  });
});

describe('the edit form', () => {
  it('a draft holds the playbook as text; its values write it back', () => {
    const gold = parsePlaybooks(YAML).read!.playbooks[0]!;
    const d = draftOf(gold);
    // no measures: one empty row to type in, not written while blank
    expect(d).toMatchObject({ goal: 'Grow', owner: '', measures: [''], kpis: [{ name: 'AOV', target: '+20%', metric: 'aov' }] });
    expect(valuesOf(d)).toEqual({ goal: 'Grow', measures: [], owner: null, timing: null, cadence: null, channel: null, kpis: [{ name: 'AOV', target: '+20%', metric: 'aov' }], notes: null });
    expect(draftOf(null)).toMatchObject({ goal: '', measures: [''], kpis: [{ name: '', target: '', metric: '' }] });
  });

  it('blank rows are left out, text is trimmed', () => {
    const d = { ...draftOf(null), goal: '  Keep ', owner: ' CS ', measures: ['a', ' ', ' b '], kpis: [{ name: '', target: '', metric: '' as const }, { name: ' N ', target: ' ', metric: 'share' as const }] };
    expect(valuesOf(d)).toMatchObject({ goal: 'Keep', owner: 'CS', measures: ['a', 'b'], kpis: [{ name: 'N', target: null, metric: 'share' }] });
  });

  it('checks: a goal is required, a KPI with a target needs a name, a target the report cannot compare is pointed out', () => {
    const d = { ...draftOf(null), goal: ' ', kpis: [{ name: '', target: '>= 3', metric: '' as const }, { name: 'AOV', target: '+20%', metric: 'aov' as const }, { name: 'Talk', target: 'monthly', metric: '' as const }] };
    expect(checkDraft(d)).toEqual([
      { severity: 'error', field: 'goal', code: 'goal-required' },
      { severity: 'error', field: 'kpi-name-0', code: 'kpi-name-required', index: 0 },
      { severity: 'warning', field: 'kpi-target-1', code: 'target-not-comparable', index: 1 }
    ]);
    expect(checkDraft({ ...d, goal: 'x', kpis: [] })).toEqual([]);
  });
});
