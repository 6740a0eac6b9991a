// The Strategy view's pure steps: the rule file's segments beside their playbooks, the edit form's
// draft (what the inputs hold) with its checks and the values it writes, and the name of a new
// playbook file. The state is strategy.svelte.ts; the YAML edits are @segmint/strategy's
// playbook-edit.ts.
import { parseRulesPartial } from '@segmint/dsl';
import { KPI_METRICS, parseTarget, type KpiMetric, type Playbook, type PlaybookFile, type PlaybookValues } from '@segmint/strategy';

/** A segment of the rule file, with its numbers from the live run when there is one. */
export interface StrategySegment {
  id: string;
  label: string | null;
  /** customers in the segment (null: no result yet) */
  customers: number | null;
  /** their share of all customers (0..1) */
  share: number | null;
}

/** One card of the view: a segment and its playbook (null: it has none). */
export interface StrategyRow extends StrategySegment {
  playbook: Playbook | null;
}

/** The rule file's segments in file order: from the live result (labels and counts, empty
 * segments included), else from the text (what parses). */
export function strategySegments(summary: readonly { segment: string | null; label: string | null; customers: number; share: number }[] | null, rules: string): StrategySegment[] {
  if (summary) return summary.flatMap((s) => (s.segment === null ? [] : [{ id: s.segment, label: s.label, customers: s.customers, share: s.share }]));
  return parseRulesPartial(rules).file.statements.flatMap((s) => (s.kind === 'segment' ? [{ id: s.id, label: s.label, customers: null, share: null }] : []));
}

/** Each segment with its playbook (the file's, as far as it reads). */
export function strategyRows(segments: readonly StrategySegment[], file: PlaybookFile | null): StrategyRow[] {
  const byId = new Map((file?.playbooks ?? []).map((p) => [p.segment, p]));
  return segments.map((s) => ({ ...s, playbook: byId.get(s.id) ?? null }));
}

/** The playbooks of the file for segments the rules do not define. */
export function unknownPlaybooks(segments: readonly StrategySegment[], file: PlaybookFile | null): Playbook[] {
  const ids = new Set(segments.map((s) => s.id));
  return (file?.playbooks ?? []).filter((p) => !ids.has(p.segment));
}

/** The name of a new playbook file beside the rule file `rules` (its last path part):
 * `x.seg` → `x.playbooks.yaml` (the ready-made models' naming); no name → `playbooks.yaml`. */
export function playbookFileName(rules: string | null | undefined): string {
  const base = (rules ?? '').split(/[\\/]/).pop()!.trim();
  const stem = base.replace(/\.(seg|txt)$/i, '').replace(/^[.\s]+|[.\s]+$/g, '');
  return stem ? `${stem}.playbooks.yaml` : 'playbooks.yaml';
}

export type MetricChoice = KpiMetric | '';
export const METRIC_CHOICES: readonly MetricChoice[] = ['', ...KPI_METRICS];

/** The edit form's inputs: text as typed (one entry per measure and KPI row). */
export interface PlaybookDraft {
  goal: string;
  owner: string;
  timing: string;
  cadence: string;
  channel: string;
  notes: string;
  measures: string[];
  kpis: { name: string; target: string; metric: MetricChoice }[];
}

/** The form's inputs for a playbook (null: blank); an empty list gets one empty row to type in
 * (blank rows are not written). */
export function draftOf(pb: Playbook | null): PlaybookDraft {
  if (!pb) return { goal: '', owner: '', timing: '', cadence: '', channel: '', notes: '', measures: [''], kpis: [{ name: '', target: '', metric: '' }] };
  const d: PlaybookDraft = {
    goal: pb.goal,
    owner: pb.owner ?? '',
    timing: pb.timing ?? '',
    cadence: pb.cadence ?? '',
    channel: pb.channel ?? '',
    notes: pb.notes ?? '',
    measures: [...pb.measures],
    kpis: pb.kpis.map((k) => ({ name: k.name, target: k.target ?? '', metric: k.metric ?? '' }))
  };
  if (!d.measures.length) d.measures.push('');
  if (!d.kpis.length) d.kpis.push({ name: '', target: '', metric: '' });
  return d;
}

/** What the form says about a draft: errors keep it from being written, warnings do not. */
export interface DraftProblem {
  severity: 'error' | 'warning';
  /** `goal`, `kpi-name-<i>` or `kpi-target-<i>`: the input it is about */
  field: string;
  code: 'goal-required' | 'kpi-name-required' | 'target-not-comparable';
  /** the KPI row (0-based) */
  index?: number;
}

/** Check a draft: a goal is required; a KPI row with a target or metric needs a name; a target
 * the report cannot compare (prose, "+20%") for a computed metric is pointed out. */
export function checkDraft(d: PlaybookDraft): DraftProblem[] {
  const out: DraftProblem[] = [];
  if (!d.goal.trim()) out.push({ severity: 'error', field: 'goal', code: 'goal-required' });
  d.kpis.forEach((k, i) => {
    if (!k.name.trim() && (k.target.trim() || k.metric)) out.push({ severity: 'error', field: `kpi-name-${i}`, code: 'kpi-name-required', index: i });
    if (k.metric && k.target.trim() && parseTarget(k.target) === null) out.push({ severity: 'warning', field: `kpi-target-${i}`, code: 'target-not-comparable', index: i });
  });
  return out;
}

const text = (s: string): string | null => (s.trim() === '' ? null : s.trim());

/** The values a draft writes (blank fields, measures and KPI rows left out). */
export function valuesOf(d: PlaybookDraft): PlaybookValues {
  return {
    goal: d.goal.trim(),
    measures: d.measures.map((m) => m.trim()).filter((m) => m !== ''),
    owner: text(d.owner),
    timing: text(d.timing),
    cadence: text(d.cadence),
    channel: text(d.channel),
    kpis: d.kpis.filter((k) => k.name.trim() !== '').map((k) => ({ name: k.name.trim(), target: text(k.target), metric: k.metric === '' ? null : k.metric })),
    notes: text(d.notes)
  };
}
