import { describe, expect, it } from 'vitest';
import { isPlaybookFile, isRuleFile, splitRuleFiles } from './rule-files.js';

describe('rule files among dropped files', () => {
  it('are the .seg files (any case); everything else is data', () => {
    expect(isRuleFile('tiers.seg')).toBe(true);
    expect(isRuleFile('TIERS.SEG')).toBe(true);
    expect(isRuleFile('tiers.seg.csv')).toBe(false);
    expect(isRuleFile('segments.csv')).toBe(false);
    const split = splitRuleFiles([{ path: 'a.csv' }, { path: 'team/tiers.seg' }, { path: 'b.xlsx' }, { path: 'x.seg' }]);
    expect(split.rules.map((x) => x.path)).toEqual(['team/tiers.seg', 'x.seg']);
    expect(split.data.map((x) => x.path)).toEqual(['a.csv', 'b.xlsx']);
  });
  it('playbook YAML files go with the rules, never to the data', () => {
    expect(isPlaybookFile('playbooks.yaml')).toBe(true);
    expect(isPlaybookFile('p.YML')).toBe(true);
    expect(isPlaybookFile('yaml.csv')).toBe(false);
    const split = splitRuleFiles([{ path: 'a.csv' }, { path: 'p.yaml' }, { path: 't.seg' }]);
    expect(split.rules.map((x) => x.path)).toEqual(['p.yaml', 't.seg']);
    expect(split.data.map((x) => x.path)).toEqual(['a.csv']);
  });
});
