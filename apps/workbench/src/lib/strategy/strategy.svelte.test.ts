// The Strategy view's state over a real rules state (no engine: segments from the rule text):
// a model's playbooks shown per segment, a form edit written into the YAML with its comments,
// "Add a playbook", "Start a playbook file", a broken YAML, and errors in the UI's terms.
import { describe, expect, it } from 'vitest';
import { loadLibrary, parsePlaybooks } from '@segmint/strategy';
import { EngineHost } from '../engine/host.js';
import type { Engine } from '../engine/wasm.js';
import type { DataState } from '../data/dataset.svelte.js';
import { RulesState } from '../rules/rules.svelte.js';
import { StrategyState } from './strategy.svelte.js';

function states(): { rules: RulesState; strategy: StrategyState } {
  const rules = new RulesState(new EngineHost<Engine>(() => new Promise<Engine>(() => {})), {} as DataState);
  return { rules, strategy: new StrategyState(rules) };
}

describe('the Strategy view state', () => {
  it('a ready-made model: every segment with its playbook; a form edit goes into the YAML, comments kept', () => {
    const { rules, strategy } = states();
    rules.useLibrary('tiers', 'en');
    expect(rules.playbook?.name).toBe('tiers.playbooks.yaml');
    expect(strategy.rows.map((r) => [r.id, r.label, r.playbook !== null])).toEqual([
      ['platinum', 'Platinum strategic', true],
      ['gold', 'Gold potential', true],
      ['iron_basic', 'Iron basic', true],
      ['churn_risk', 'Churn risk', true]
    ]);
    expect(strategy.missing).toEqual([]);
    strategy.edit('gold');
    strategy.draft!.goal = 'Lift gold to 900k';
    strategy.draft!.kpis[0]!.target = '>= 40%';
    expect(strategy.save()).toBe(true);
    expect(strategy.editing).toBeNull();
    const text = rules.playbook!.text;
    const before = loadLibrary('tiers', 'en').playbooks;
    expect(text).toBe(before.replace('goal: Lift annual purchases of gold customers to the platinum level', 'goal: Lift gold to 900k').replace('{ name: Customers reaching the target, target: ">= 30%" }', '{ name: Customers reaching the target, target: ">= 40%" }'));
    expect(text.startsWith('# Playbooks for tiers.en.seg')).toBe(true);
    expect(strategy.rows[1]!.playbook!.goal).toBe('Lift gold to 900k');
  });

  it('a draft with errors is not written', () => {
    const { rules, strategy } = states();
    rules.useLibrary('tiers', 'zh');
    const before = rules.playbook!.text;
    strategy.edit('platinum');
    strategy.draft!.goal = ' ';
    expect(strategy.problems.map((p) => p.code)).toEqual(['goal-required']);
    expect(strategy.save()).toBe(false);
    expect(rules.playbook!.text).toBe(before);
    strategy.cancel();
    expect(strategy.draft).toBeNull();
  });

  it('a segment without a playbook is pointed out; "Add a playbook" adds the template in rule order and opens it', () => {
    const { rules, strategy } = states();
    rules.setRules('segment loyal "Loyal 忠诚" when F >= 8\nsegment new when T < 30\nsegment rest otherwise\n');
    rules.openPlaybook('team.yml', '# ours\nplaybooks:\n  loyal:\n    goal: Keep # yes\n  rest:\n    goal: Wake\n');
    expect(strategy.missing.map((m) => m.id)).toEqual(['new']);
    strategy.add('new');
    expect(rules.playbook!.text).toBe('# ours\nplaybooks:\n  loyal:\n    goal: Keep # yes\n  new:\n    goal: Set the goal for new\n  rest:\n    goal: Wake\n');
    expect(strategy.missing).toEqual([]);
    expect(strategy.editing).toBe('new');
    expect(strategy.draft?.goal).toBe('Set the goal for new');
  });

  it('"Start a playbook file": named after the rule file, one playbook per segment, in the UI language', () => {
    const { rules, strategy } = states();
    rules.openRuleFile('team.seg', 'segment loyal "Loyal 忠诚" when F >= 8\nsegment rest otherwise\n');
    expect(rules.playbook).toBeNull();
    expect(strategy.newFileName).toBe('team.playbooks.yaml');
    strategy.startFile();
    expect(rules.playbook!.name).toBe('team.playbooks.yaml');
    const { file, diagnostics } = parsePlaybooks(rules.playbook!.text);
    expect(diagnostics).toEqual([]);
    expect(file!.rules).toBe('team.seg');
    expect(file!.playbooks.map((p) => [p.segment, p.goal])).toEqual([
      ['loyal', 'Set the goal for Loyal 忠诚'],
      ['rest', 'Set the goal for rest']
    ]);
  });

  it('a broken YAML: diagnostics with line and column, no rows with playbooks, edits refused with a coded error', () => {
    const { rules, strategy } = states();
    rules.useLibrary('tiers', 'en');
    strategy.setYaml('playbooks:\n  gold:\n    goal: "Grow\n');
    expect(strategy.file).toBeNull();
    const d = strategy.diagnostics[0]!;
    expect(d.severity).toBe('error');
    expect(d.span?.line).toBeGreaterThan(0);
    expect(strategy.missing).toEqual([]);
    strategy.add('gold');
    expect(strategy.error && 'code' in strategy.error ? strategy.error.code : null).toBe('edit.broken');
  });

  it('playbooks for unknown segments are flagged and can be removed', () => {
    const { rules, strategy } = states();
    rules.setRules('segment a when F > 1\nsegment b otherwise\n');
    rules.openPlaybook('p.yaml', 'playbooks:\n  a:\n    goal: A\n  old:\n    goal: Gone\n  b:\n    goal: B\n');
    expect(strategy.unknown.map((p) => p.segment)).toEqual(['old']);
    expect(strategy.diagnostics.map((d) => [d.code, d.span?.line])).toEqual([['unknown-segment', 4]]);
    strategy.remove('old');
    expect(rules.playbook!.text).toBe('playbooks:\n  a:\n    goal: A\n  b:\n    goal: B\n');
    expect(strategy.unknown).toEqual([]);
  });
});
