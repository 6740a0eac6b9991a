// The Strategy view's state: the playbook YAML beside the rules (the rules state's `playbook`,
// which saving and the report use), read and checked against the rule file's segments; the edit
// form's draft; and the edits, each written into the YAML through @segmint/strategy's
// playbook-edit.ts (comments and formatting of the rest kept). Pure steps: strategy.ts.
import { addPlaybook, checkPlaybooks, newPlaybookFile, parsePlaybooks, removePlaybook, updatePlaybook, type ParsedPlaybooks, type PlaybookFile, type StrategyDiagnostic } from '@segmint/strategy';
import { contextKey } from '../ui/context.js';
import { i18n } from '../i18n/index.svelte.js';
import type { RulesState } from '../rules/rules.svelte.js';
import { checkDraft, draftOf, playbookFileName, strategyRows, strategySegments, unknownPlaybooks, valuesOf, type DraftProblem, type PlaybookDraft, type StrategyRow, type StrategySegment } from './strategy.js';
import type { Playbook } from '@segmint/strategy';

export type StrategyTab = 'cards' | 'yaml';

export class StrategyState {
  /** the playbook file parsed (null: there is none) */
  readonly parsed: ParsedPlaybooks | null;
  /** the file as far as it reads (null: none, or its YAML is broken) */
  readonly file: PlaybookFile | null;
  /** the rule file's segments, in file order */
  readonly segments: StrategySegment[];
  /** each segment with its playbook */
  readonly rows: StrategyRow[];
  /** playbooks for segments the rules do not define */
  readonly unknown: Playbook[];
  /** the segments without a playbook (empty while the file's YAML is broken) */
  readonly missing: StrategySegment[];
  /** the file's diagnostics (YAML and fields) and its playbooks for unknown segments */
  readonly diagnostics: StrategyDiagnostic[];
  /** the draft's problems (empty when nothing is edited) */
  readonly problems: DraftProblem[];

  /** cards or the YAML text */
  tab = $state<StrategyTab>('cards');
  /** the segment whose playbook the form edits */
  editing = $state<string | null>(null);
  draft = $state<PlaybookDraft | null>(null);
  /** what the last edit could not do (a StrategyError: its code, rendered in the UI language) */
  error = $state.raw<Error | null>(null);

  constructor(private readonly rules: RulesState) {
    this.parsed = $derived(rules.playbook ? parsePlaybooks(rules.playbook.text) : null);
    this.file = $derived(this.parsed?.read ?? null);
    this.segments = $derived(strategySegments(rules.file.result?.summary ?? null, rules.file.text));
    this.rows = $derived(strategyRows(this.segments, this.file));
    this.unknown = $derived(unknownPlaybooks(this.segments, this.file));
    this.missing = $derived(this.file ? this.rows.filter((r) => r.playbook === null) : []);
    this.diagnostics = $derived.by(() => {
      const p = this.parsed;
      if (!p || !rules.playbook) return [];
      const cross = this.file ? checkPlaybooks(this.file, this.segments, rules.playbook.text).filter((d) => d.code === 'unknown-segment') : [];
      return [...p.diagnostics, ...cross];
    });
    this.problems = $derived(this.draft ? checkDraft(this.draft) : []);
  }

  /** the name a new playbook file gets (beside the rule file) */
  get newFileName(): string {
    return playbookFileName(this.rules.fileName ?? this.rules.suggestedName);
  }

  /** The language new text is written in: the file's, else the UI's. */
  private get lang(): 'en' | 'zh' {
    const l = this.file?.lang;
    if (l === 'en' || l === 'zh') return l;
    return i18n.locale === 'zh-CN' ? 'zh' : 'en';
  }

  show(tab: StrategyTab): void {
    this.tab = tab;
  }

  /** Open the form on `segment`'s playbook. */
  edit(segment: string): void {
    const pb = this.file?.playbooks.find((p) => p.segment === segment) ?? null;
    this.error = null;
    this.editing = segment;
    this.draft = draftOf(pb);
  }

  cancel(): void {
    this.editing = null;
    this.draft = null;
    this.error = null;
  }

  /** Write the form into the YAML (false: the draft has errors, or the file cannot be edited). */
  save(): boolean {
    const segment = this.editing;
    const d = this.draft;
    if (segment === null || d === null || this.problems.some((p) => p.severity === 'error')) return false;
    if (!this.apply((text) => updatePlaybook(text, segment, valuesOf(d)))) return false;
    this.editing = null;
    this.draft = null;
    return true;
  }

  /** Add a playbook (the template: a goal to replace) for a segment without one, and open it. */
  add(segment: string): void {
    const seg = this.segments.find((s) => s.id === segment);
    const order = this.segments.map((s) => s.id);
    if (this.apply((text) => addPlaybook(text, segment, undefined, { order, label: seg?.label ?? null, lang: this.lang }))) this.edit(segment);
  }

  /** Remove a playbook (one for a segment the rules do not define). */
  remove(segment: string): void {
    if (this.apply((text) => removePlaybook(text, segment)) && this.editing === segment) this.cancel();
  }

  /** A new playbook file beside the rules: one template playbook per segment. */
  startFile(): void {
    const rulesName = this.rules.fileName ?? this.rules.suggestedName;
    const text = newPlaybookFile(this.segments, { lang: this.lang, rules: rulesName ? rulesName.split(/[\\/]/).pop()! : null });
    this.error = null;
    this.rules.editPlaybook(text, this.newFileName);
  }

  /** The YAML as typed in the YAML view. */
  setYaml(text: string): void {
    this.rules.editPlaybook(text);
  }

  // draft lists
  addMeasure(): void {
    this.draft?.measures.push('');
  }
  removeMeasure(i: number): void {
    this.draft?.measures.splice(i, 1);
  }
  addKpi(): void {
    this.draft?.kpis.push({ name: '', target: '', metric: '' });
  }
  removeKpi(i: number): void {
    this.draft?.kpis.splice(i, 1);
  }

  /** One edit of the YAML text; false (and `error`) when the file cannot take it. */
  private apply(fn: (text: string) => string): boolean {
    const text = this.rules.playbook?.text;
    if (text === undefined) return false;
    try {
      const next = fn(text);
      this.error = null;
      if (next !== text) this.rules.editPlaybook(next);
      return true;
    } catch (e) {
      this.error = e instanceof Error ? e : new Error(String(e));
      return false;
    }
  }
}

export const STRATEGY = contextKey<StrategyState>('segmint.strategy');
