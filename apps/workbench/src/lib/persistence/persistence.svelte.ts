// Keeping the work between visits: at start, the saved texts, language and workspace are put
// back (the workspace's files are loaded again from OPFS, else the example); while working, the
// texts and settings are written to IndexedDB after a pause in typing, and each successful load
// of the user's files writes their bytes to OPFS. Only the tab that holds the lock writes
// (lock.ts); everything pending is written when the page is hidden or closed. "Forget all data"
// erases it all. The storage itself is store.ts; the decisions over stored values manifest.ts.
import { untrack } from 'svelte';
import type { DataState } from '../data/dataset.svelte.js';
import type { Source } from '../data/dataset.js';
import type { LoadProblem } from '../data/load-report.js';
import type { RulesState } from '../rules/rules.svelte.js';
import { exampleRules } from '../data/example.js';
import { LOCALE_MIRROR_KEY, i18n, onLocaleChosen, setLocale, type Locale } from '../i18n/index.svelte.js';
import { manifestOf, parseRecord, restorePlan, type WorkspaceRecord } from './manifest.js';
import { takeOwnership } from './lock.js';
import { PendingWrites } from './writes.js';
import { eraseAll, readSettings, readWorkspace, removeStale, saveWorkspace, storageAvailable, writeSettings, type SettingKey } from './store.js';

/** the pause in typing before texts are written */
export const WRITE_DELAY_MS = 400;

export type SaveStatus =
  /** not yet known (the start is reading what is stored) */
  | 'starting'
  /** something is being written */
  | 'saving'
  /** everything shown is stored */
  | 'saved'
  /** another tab owns the stored workspace: nothing is written here */
  | 'readOnly'
  /** the browser offers no IndexedDB/OPFS here (or refused them): nothing is kept */
  | 'unavailable'
  /** the last write failed */
  | 'failed'
  /** the user erased everything: nothing is written until the page is reloaded */
  | 'erased';

/** Why the saved workspace did not come back (the example is on screen instead). */
export interface RestoreFailure {
  /** the load's problem (by code), when the files were read but did not load */
  problem: LoadProblem | null;
}

function isLocale(v: unknown): v is Locale {
  return v === 'en' || v === 'zh-CN';
}

function sameFiles(a: readonly File[], b: readonly File[]): boolean {
  return a.length === b.length && a.every((f, i) => f === b[i]);
}

export class PersistenceState {
  status = $state<SaveStatus>('starting');
  restoreFailure = $state<RestoreFailure | null>(null);
  /** the playbooks' text (no editor yet: kept for the playbook editor to come) */
  playbooks = $state<string | null>(null);

  private owner = false;
  private record: WorkspaceRecord | null = null;
  /** the files of the saved workspace (those restored or last saved), to save only new ones */
  private savedFiles: File[] = [];
  /** the values known to be stored, to skip writing what did not change */
  private readonly known = new Map<string, unknown>();
  /** OPFS saves run one after the other */
  private chain: Promise<void> = Promise.resolve();
  private saving = 0;
  /** the last write failed (cleared by the next that succeeds) */
  private failed = false;
  /** run when everything stored is erased (features clear what they show of it) */
  private readonly forgetHooks: (() => void)[] = [];
  private readonly writes = new PendingWrites<unknown>((entries) => this.track(writeSettings(entries)), WRITE_DELAY_MS, () => this.update());

  constructor(
    private readonly data: DataState,
    private readonly rules: RulesState
  ) {}

  /** Called by the data set's start: take the lock, put back the texts and the language, and say
   * which workspace to load (null source: the example). Never throws: whatever cannot be read is
   * the example, with a notice if a saved workspace was lost. */
  async restore(): Promise<{ source: Source | null; asOf: string | null }> {
    if (!storageAvailable()) {
      this.status = 'unavailable';
      return { source: null, asOf: null };
    }
    let stored: Partial<Record<SettingKey, unknown>>;
    try {
      const ownership = await takeOwnership();
      this.owner = ownership !== 'readOnly';
      stored = await readSettings();
    } catch {
      this.owner = false;
      this.status = 'unavailable';
      return { source: null, asOf: null };
    }
    for (const [k, v] of Object.entries(stored)) this.known.set(k, v);
    if (typeof stored.rules === 'string') this.rules.setRules(stored.rules, stored.rules !== exampleRules);
    if (typeof stored.quickRule === 'string') this.rules.setQuickRule(stored.quickRule);
    if (typeof stored.playbooks === 'string') this.playbooks = stored.playbooks;
    // the mirror was lost (cleared by the browser) but IndexedDB still has the language
    if (isLocale(stored.locale) && stored.locale !== i18n.locale) setLocale(stored.locale);
    onLocaleChosen((l) => this.keepLocale(l));
    this.status = this.owner ? 'saved' : 'readOnly';

    this.record = parseRecord(stored.workspace);
    const plan = restorePlan(this.record);
    if (plan.kind === 'example') return { source: null, asOf: plan.asOf };
    try {
      const { orders, customers } = await readWorkspace(plan.dir);
      this.savedFiles = [...orders, ...customers];
      return { source: { orders, customers, example: false, options: plan.options, customerOptions: plan.customerOptions }, asOf: plan.asOf };
    } catch {
      this.restoreFailure = { problem: null };
      return { source: null, asOf: null };
    }
  }

  /** The saved workspace's files did not load (the example is loaded instead). */
  restoreFailed(problem: LoadProblem | null): void {
    this.restoreFailure = { problem };
    this.savedFiles = [];
  }

  /** Start writing changes of the texts and the as-of (after the start, so that what was put
   * back is not written again as a change). Returns the stop. */
  watch(): () => void {
    // what is on screen now counts as stored: only a change is written (the example's texts are
    // never copied, so a later version of the app brings its own)
    if (!this.known.has('rules')) this.known.set('rules', this.rules.file.text);
    if (!this.known.has('quickRule')) this.known.set('quickRule', this.rules.quick.text);
    const stopEffects = $effect.root(() => {
      $effect(() => {
        const text = this.rules.file.text;
        untrack(() => this.put('rules', text));
      });
      $effect(() => {
        const text = this.rules.quick.text;
        untrack(() => this.put('quickRule', text));
      });
      $effect(() => {
        const asOf = this.data.asOfChoice;
        untrack(() => {
          if (this.record && this.record.asOf !== asOf) this.putRecord({ ...this.record, asOf });
        });
      });
    });
    // Hidden or closed: write what is pending now (a later visit must find it).
    const flush = () => void this.flush();
    const hidden = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', hidden);
    return () => {
      stopEffects();
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', hidden);
    };
  }

  /** A load succeeded: keep what is now loaded (the example: only that it is the example). */
  stored(source: Source): void {
    if (!this.writable) return;
    const files = [...source.orders, ...source.customers];
    const asOf = this.data.asOfChoice;
    if (source.example) {
      this.savedFiles = [];
      this.putRecord({ example: true, dir: null, options: {}, customerOptions: {}, asOf });
      this.queue(async () => {
        await this.writes.flush();
        await removeStale(null);
      });
    } else if (this.record?.dir && sameFiles(files, this.savedFiles)) {
      // the same files loaded with other settings: their bytes are stored already
      this.putRecord({ ...this.record, options: source.options, customerOptions: source.customerOptions, asOf });
    } else {
      this.queue(() => this.saveFiles(source));
    }
  }

  /** Keep the playbooks' text (for the playbook editor). */
  setPlaybooks(text: string): void {
    this.playbooks = text;
    this.put('playbooks', text);
  }

  /** Write everything pending now; resolves when it is written (saves of files included). */
  async flush(): Promise<void> {
    await this.writes.flush().catch(() => {});
    await this.chain;
  }

  /** whether this tab keeps the work (owns the stored workspace, and it was not erased) */
  get keeping(): boolean {
    return this.writable;
  }

  /** `fn` runs when "Forget all data" erases everything (e.g. the recent files list empties). */
  onForget(fn: () => void): void {
    this.forgetHooks.push(fn);
  }

  /** Erase everything stored (IndexedDB, OPFS, the language's mirror); nothing is written again
   * in this page (a reload starts afresh on the example). */
  async forget(): Promise<void> {
    this.status = 'erased';
    this.owner = false;
    this.writes.cancel();
    for (const fn of this.forgetHooks) fn();
    // a save in progress finishes first, then it is erased with the rest
    await this.chain;
    try {
      await eraseAll();
      localStorage.removeItem(LOCALE_MIRROR_KEY);
      this.known.clear();
      this.record = null;
      this.savedFiles = [];
      this.status = 'erased';
    } catch {
      this.status = 'failed';
    }
  }

  /** whether this tab writes */
  private get writable(): boolean {
    return this.owner && this.status !== 'erased' && this.status !== 'unavailable';
  }

  private keepLocale(locale: Locale): void {
    if (!this.writable) return;
    try {
      localStorage.setItem(LOCALE_MIRROR_KEY, locale);
    } catch {
      // no mirror: the language comes from IndexedDB a moment after the first paint
    }
    this.put('locale', locale);
  }

  private put(key: SettingKey, value: unknown): void {
    if (!this.writable || this.known.get(key) === value) return;
    this.known.set(key, value);
    this.writes.put(key, value);
    this.update();
  }

  private putRecord(record: WorkspaceRecord): void {
    this.record = record;
    // a record is a new object each time: compared by its JSON
    const json = JSON.stringify(record);
    if (!this.writable || JSON.stringify(this.known.get('workspace')) === json) return;
    this.known.set('workspace', record);
    this.writes.put('workspace', record);
    this.update();
  }

  private queue(job: () => Promise<void>): void {
    this.saving++;
    this.update();
    this.chain = this.chain
      .then(() => this.track(job()))
      .catch(() => {})
      .finally(() => {
        this.saving--;
        this.update();
      });
  }

  /** Write the files of a load to a new workspace directory, then point the record at it, then
   * delete the directories of earlier workspaces. */
  private async saveFiles(source: Source): Promise<void> {
    const id = `ws-${crypto.randomUUID()}`;
    const m = manifestOf(id, source, source.options, source.customerOptions, this.data.asOfChoice, new Date());
    const bytes = new Map<string, File>();
    source.orders.forEach((f, i) => bytes.set(m.files[i]!.entry, f));
    source.customers.forEach((f, i) => bytes.set(m.files[source.orders.length + i]!.entry, f));
    try {
      await saveWorkspace(m, bytes);
    } catch (e) {
      // (e.g. over the quota) the part written goes; the saved workspace stays the one before
      await removeStale(this.record?.dir ?? null).catch(() => {});
      throw e;
    }
    if (!this.writable) return;
    this.savedFiles = [...source.orders, ...source.customers];
    this.putRecord({ example: false, dir: id, options: m.options, customerOptions: m.customerOptions, asOf: this.data.asOfChoice });
    await this.writes.flush();
    await removeStale(id);
  }

  /** Note whether a write failed or succeeded. */
  private async track(write: Promise<void>): Promise<void> {
    try {
      await write;
      this.failed = false;
    } catch (e) {
      this.failed = true;
      throw e;
    }
  }

  /** The status from what is in progress. */
  private update(): void {
    if (!this.writable) return;
    this.status = this.saving > 0 || this.writes.unwritten ? 'saving' : this.failed ? 'failed' : 'saved';
  }
}
