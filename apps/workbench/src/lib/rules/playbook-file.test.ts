import { describe, expect, it } from 'vitest';
import { loadLibrary, listLibraries } from '@segmint/strategy';
import { checkPlaybookText, problemText, ruleSegments } from './playbook-file.js';

const RULES = 'segment gold "Gold" when M > 1000\nsegment silver when M > 100\ntag new when T < 30 days\nsegment rest otherwise\n';

describe('the playbook beside the rules', () => {
  it('lists the rule file\'s segments (not its tags)', () => {
    expect(ruleSegments(RULES)).toEqual(['gold', 'silver', 'rest']);
    // a statement that does not parse is skipped, the others count
    expect(ruleSegments('segment a when R <\nsegment b when F > 1\n')).toEqual(['b']);
  });
  it('points out the segments without a playbook and the playbooks for no segment', () => {
    const yaml = 'playbooks:\n  gold:\n    goal: Keep them\n  bronze:\n    goal: Grow\n';
    const c = checkPlaybookText(yaml, RULES);
    expect(c.covered).toEqual(['gold']);
    expect(c.uncovered).toEqual(['silver', 'rest']);
    expect(c.unknown).toEqual(['bronze']);
    expect(c.problems.map((p) => [p.code, p.line])).toEqual([['unknown-segment', 4]]);
  });
  it('reports the file\'s own problems with codes and lines', () => {
    const c = checkPlaybookText('playbooks:\n  gold:\n    owner: CS\n    gaol: x\n', RULES);
    expect(c.problems.map((p) => [p.code, p.severity, p.line])).toEqual([
      ['unknown-key', 'warning', 4],
      ['no-goal', 'error', 2]
    ]);
    // an error leaves nothing usable: which segments are covered is not known
    expect(c.uncovered).toBeNull();
    expect(problemText(c.problems[0]!, 'en')).toContain("did you mean 'goal'?");
    expect(problemText(c.problems[1]!, 'zh')).toBe('该策略没有目标（goal）');
  });
  it('a YAML syntax error has its code and line, in both languages', () => {
    const c = checkPlaybookText('playbooks:\n  gold:\n\tgoal: x\n', RULES);
    expect(c.problems[0]!.code).toMatch(/^yaml-/);
    expect(c.problems[0]!.line).toBeGreaterThan(0);
    expect(problemText(c.problems[0]!, 'zh')).not.toMatch(/[a-z]{4,}/);
  });
  it('every ready-made model\'s playbooks cover its rules, in both languages', () => {
    for (const lib of listLibraries())
      for (const lang of ['en', 'zh'] as const) {
        const l = loadLibrary(lib.id, lang);
        const c = checkPlaybookText(l.playbooks, l.rules);
        expect(c.problems.filter((p) => p.severity === 'error'), `${lib.id} ${lang}`).toEqual([]);
        expect(c.uncovered, `${lib.id} ${lang}`).toEqual([]);
      }
  });
});
