// The files chosen or dropped, before they are loaded: each with its guessed role (changeable),
// the amount expression when the orders need one, and the load of them. Guessing reads each
// file's first rows only (the engine's guessFileRoles), again for the whole list when files are
// added (which files form the orders depends on all of them); an older guess never overwrites a
// newer one.
import { guessFileRoles, type FileRole } from '@segmint/engine';
import { browserFile } from '@segmint/engine/browser';
import type { DataState } from './dataset.svelte.js';
import { splitRuleFiles } from '../rules/rule-files.js';
import { addFiles, applyGuesses, setRole, sourceOf, stagingProblems, suggestedAmount, summarise, type Incoming, type StagedFile } from './staging.js';

export class StagingState {
  files = $state<StagedFile[]>([]);
  /** the guesses for the current list are being made */
  guessing = $state(false);
  /** the amount role for the load: pre-filled with the suggestion (Quantity * UnitPrice) */
  amount = $state('');
  /** the user typed in the amount field (a new guess then leaves it alone) */
  private amountEdited = false;
  private nextId = 1;
  private seq = 0;

  readonly summary = $derived(summarise(this.files));
  readonly problems = $derived(stagingProblems(this.files));
  readonly suggestion = $derived(suggestedAmount(this.files));

  /** `openRuleFiles`: where chosen or dropped rule files (.seg) and playbooks (.yaml) go: the
   * rule editor (one rule file; the others are kept as base files for its `use` lines; the
   * playbook beside the rules), never the data */
  constructor(
    private readonly data: DataState,
    private readonly openRuleFiles: (files: { path: string; text: string }[]) => void = () => undefined
  ) {}

  /** Files picked or dropped (a promise: a dropped folder's files are read after the drop). A
   * rule file among them opens in the editor (with several, the one that uses the others), a
   * playbook beside it. */
  async add(incoming: Incoming<File>[] | Promise<Incoming<File>[]>): Promise<void> {
    const { rules, data: list } = splitRuleFiles(await incoming);
    if (rules.length) this.openRuleFiles(await Promise.all(rules.map(async (r) => ({ path: r.path, text: await r.file.text() }))));
    if (!list.length) return;
    this.files = addFiles(this.files, list, this.nextId);
    this.nextId += list.length;
    await this.guess();
  }

  setRole(id: number, role: FileRole): void {
    this.files = setRole(this.files, id, role);
    if (!this.amountEdited) this.amount = suggestedAmount(this.files);
  }

  remove(id: number): void {
    this.files = this.files.filter((f) => f.id !== id);
    void this.guess();
  }

  setAmount(text: string): void {
    this.amountEdited = true;
    this.amount = text;
  }

  clear(): void {
    this.seq++;
    this.files = [];
    this.amount = '';
    this.amountEdited = false;
    this.guessing = false;
  }

  /** Load the staged files (orders as one table, customers as another). The list is cleared
   * once the load is over: loaded, or failed (the files are then the load settings' to fix and
   * reload); a cancelled load keeps it, to load again. */
  async load(): Promise<void> {
    if (this.problems.some((p) => p.code === 'staging.no_orders') || this.guessing) return;
    await this.data.load(sourceOf(this.files, this.amount));
    if (!this.data.cancelled) this.clear();
  }

  private async guess(): Promise<void> {
    const seq = ++this.seq;
    const files = this.files;
    if (!files.length) return;
    this.guessing = true;
    try {
      const guesses = await guessFileRoles(files.map((f) => browserFile(f.file)));
      if (seq !== this.seq) return;
      this.files = applyGuesses(this.files, guesses);
      if (!this.amountEdited) this.amount = suggestedAmount(this.files);
    } finally {
      if (seq === this.seq) this.guessing = false;
    }
  }
}
