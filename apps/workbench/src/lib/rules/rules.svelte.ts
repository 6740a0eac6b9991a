// The rules' state: the quick rule and the rule file, each one live query (engine/live.svelte.ts)
// against the data set on screen, and whether the rule file holds the user's own edits (a
// ready-made model then asks before replacing them).
import { loadLibrary } from '@segmint/strategy';
import type { EngineHost } from '../engine/host.js';
import type { Engine } from '../engine/wasm.js';
import { LiveQuery } from '../engine/live.svelte.js';
import type { DataState } from '../data/dataset.svelte.js';
import { exampleQuickRule, exampleRules } from '../data/example.js';
import { readPastedSegment, type PastedSegment } from '../editor/pasted.js';
import { insertStatement } from '../customers/add-segment.js';
import { isPlaybookFile } from './rule-files.js';
import { isDirty, type FileKind } from './save.js';
import { quickOutcome, rulesAsOf, rulesOutcome, type QuickResult, type RulesResult } from './rules.js';
import { useLines, type ResolvedUses } from '@segmint/dsl';
import { BaseFiles } from './base-files.svelte.js';
import { resolveAmong, splitBaseFiles, type SegText } from './base-files.js';

export class RulesState {
  readonly quick: LiveQuery<QuickResult>;
  readonly file: LiveQuery<RulesResult>;
  /** the rule text was typed by the user since the last example / library was put there */
  edited = $state(false);
  /** a rule file opened (dropped or chosen) while the rules hold the user's edits: offered, to
   * replace them only when the user says so */
  offered = $state<{ name: string; text: string; handle?: FileSystemFileHandle | null } | null>(null);
  /** the name of the rule file last opened (null: the example, a model, or typed) */
  fileName = $state<string | null>(null);
  /** the playbook YAML beside the rules (opened, or a ready-made model's), if any */
  playbook = $state<{ name: string; text: string } | null>(null);
  /** a whole segment statement pasted into the quick rule: offered to the rule file */
  pasted = $state<PastedSegment | null>(null);
  /** the base files for `use` lines (kept with an opened rule file, or chosen when asked for);
   * when one comes in, both texts are checked again */
  readonly bases = new BaseFiles(() => this.rerun());
  /** the rule text last opened, saved or loaded: the unsaved-changes mark compares with it */
  savedText = $state(exampleRules);
  /** the file the rules were opened from or saved to, when the browser gave a handle (saving
   * again writes it) */
  handle = $state.raw<FileSystemFileHandle | null>(null);
  /** the playbook's file handle, likewise */
  playbookHandle = $state.raw<FileSystemFileHandle | null>(null);
  /** the name a save suggests when no file was opened (a model's `tiers.seg`) */
  suggestedName = $state<string | null>(null);
  /** the text differs from the one last opened, saved or loaded */
  readonly dirty: boolean;
  /** told when a rule or playbook file is put on screen (the recent files) */
  onOpened: (kind: FileKind, name: string, text: string, handle: FileSystemFileHandle | null) => void = () => {};
  /** told when the file name, saved text, handles or playbook change (they are kept) */
  onDocument: () => void = () => {};

  constructor(host: EngineHost<Engine>, data: DataState) {
    const serial = <T>(fn: () => Promise<T>) => host.serial(fn);
    const ready = () => host.current !== null && data.dataset !== null;
    const ws = () => host.current!.ws;
    this.quick = new LiveQuery<QuickResult>({
      text: exampleQuickRule,
      serial,
      ready,
      blankClears: true,
      evaluate: async (text) => quickOutcome(await ws().quickRule(text, this.usesOption(this.file.text)))
    });
    this.file = new LiveQuery<RulesResult>({
      text: exampleRules,
      serial,
      ready,
      // after the next paint: the editor's own check (squiggles) is on screen before the engine
      // compiles the same text again in the page's thread
      debounceMs: 'frame',
      // materialize: false: live typing needs the numbers only (one pass, no table written)
      evaluate: async (text) => rulesOutcome(await ws().runRules(text, { ...rulesAsOf(text, data.baseAsOf), materialize: false, ...this.usesOption(text) })),
      // An `as of` line in the rule file rebuilds the customers at that date: show it, and the
      // quick rule on them.
      afterResult: async () => {
        if (await data.followRebuild()) void this.quick.run();
      }
    });
    void this.bases.restore();
    this.dirty = $derived(isDirty(this.file.text, this.savedText));
  }

  /** The rule file's `use` lines resolved among the base files (undefined: it has none). */
  usesOf(text: string): ResolvedUses | undefined {
    return useLines(text).length > 0 ? resolveAmong(this.fileName, text, this.bases.files) : undefined;
  }

  private usesOption(text: string): { uses?: ResolvedUses } {
    const uses = this.usesOf(text);
    return uses ? { uses } : {};
  }

  /** Several .seg files came in together (a folder, chosen files): the ones another uses are
   * kept as base files, the first other one opens (see base-files.ts). */
  openRuleFiles(files: readonly SegText[]): void {
    const playbook = files.find((f) => isPlaybookFile(f.path));
    const { open, bases } = splitBaseFiles(files.filter((f) => !isPlaybookFile(f.path)));
    this.bases.add(bases);
    if (open) this.openRuleFile(open.path, open.text);
    // a playbook YAML chosen or dropped with them goes beside the rules
    if (playbook) this.openRuleFile(playbook.path, playbook.text);
  }

  setQuickRule(text: string): void {
    this.quick.set(text);
  }

  /** Text pasted into the quick rule that is a whole `segment` statement: offer it (false: it
   * is not one, paste it as text). */
  pasteIntoQuick(text: string): boolean {
    this.pasted = readPastedSegment(text);
    return this.pasted !== null;
  }

  /** The pasted segment goes into the rule file ('add'), or its condition into the quick rule
   * ('use'), or nowhere ('cancel'). */
  answerPasted(answer: 'add' | 'use' | 'cancel'): void {
    const p = this.pasted;
    this.pasted = null;
    if (!p) return;
    if (answer === 'add') this.setRules(insertStatement(this.file.text, p.statement), true);
    else if (answer === 'use') this.setQuickRule(p.condition);
  }

  setRules(text: string, edited = false): void {
    if (edited) this.edited = true;
    // the quick rule may use the rule file's base defines: other `use` lines, check it again
    const usesChanged = useLines(text).join('\n') !== useLines(this.file.text).join('\n');
    this.file.set(text);
    if (usesChanged) void this.quick.run();
  }

  /** Put a ready-made model's rule file in the editor (one step; then it is edited as usual). */
  useLibrary(id: string, lang: 'en' | 'zh'): void {
    const lib = loadLibrary(id, lang);
    this.setRules(lib.rules);
    this.edited = false;
    this.fileName = null;
    this.savedText = lib.rules;
    this.handle = null;
    this.suggestedName = lib.rulesFile;
    this.playbook = { name: lib.playbooksFile, text: lib.playbooks };
    this.playbookHandle = null;
    this.onDocument();
  }

  /** Open a rule file's text in the editor; with the user's unsaved edits there, offer it first.
   * A playbook file (YAML) goes beside the rules. */
  openRuleFile(name: string, text: string, handle: FileSystemFileHandle | null = null): void {
    if (isPlaybookFile(name)) {
      this.openPlaybook(name, text, handle);
      return;
    }
    if (this.edited && this.dirty) {
      this.offered = { name, text, handle };
      return;
    }
    this.replaceWith(name, text, handle);
  }

  /** Put a playbook file beside the rules (no editor yet: nothing typed can be lost). */
  openPlaybook(name: string, text: string, handle: FileSystemFileHandle | null = null): void {
    this.playbook = { name, text };
    this.playbookHandle = handle;
    this.onOpened('playbook', name, text, handle);
    this.onDocument();
  }

  /** The playbook's text edited here (the Strategy view's form or YAML), or a new playbook file
   * started as `name` (no file behind it yet): kept like an opened one, saved to its file. */
  editPlaybook(text: string, name?: string): void {
    if (name !== undefined || !this.playbook) {
      this.playbook = { name: name ?? 'playbooks.yaml', text };
      this.playbookHandle = null;
    } else this.playbook = { name: this.playbook.name, text };
    this.onDocument();
  }

  /** The text was saved as `name` (through `handle` when there is one, else downloaded). */
  markSaved(kind: FileKind, name: string, text: string, handle: FileSystemFileHandle | null): void {
    if (kind === 'playbook') {
      this.playbook = { name, text };
      this.playbookHandle = handle;
      this.onDocument();
      return;
    }
    this.fileName = name;
    this.savedText = text;
    this.handle = handle;
    this.suggestedName = null;
    // saved: nothing is lost when another file or a model replaces it
    if (!this.dirty) this.edited = false;
    this.onDocument();
  }

  /** The offered rule file replaces the rules (yes) or is dropped (no). */
  answerOffer(replace: boolean): void {
    const o = this.offered;
    this.offered = null;
    if (o && replace) this.replaceWith(o.name, o.text, o.handle ?? null);
  }

  private replaceWith(name: string, text: string, handle: FileSystemFileHandle | null): void {
    this.setRules(text);
    this.edited = false;
    this.fileName = name;
    this.savedText = text;
    this.handle = handle;
    this.suggestedName = null;
    this.onOpened('rules', name, text, handle);
    this.onDocument();
  }

  /** Another data set is in: forget the results and evaluate both texts on it. */
  reset(): void {
    this.quick.clear();
    this.file.clear();
    void this.quick.run();
    void this.file.run();
  }

  /** The customers were built again (another as-of): evaluate both texts again. */
  rerun(): void {
    this.quick.pending = true;
    this.file.pending = true;
    void this.quick.run();
    void this.file.run();
  }
}
