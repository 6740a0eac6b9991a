// Rule and playbook files in and out: saving (to the same file again where the browser has the
// File System Access API, else a download), the recent files (kept across reloads with their
// file handles) and what was last said about it. The text and the unsaved-changes mark are the
// rules state's (rules.svelte.ts); the browser calls are file-access.ts.
import type { RulesState } from './rules.svelte.js';
import { saveName, type FileKind } from './save.js';
import { addRecent, parseRecent, removeRecent, RECENT_LIMIT, type RecentEntry } from './recent.js';
import { parsePlaybooks } from '@segmint/strategy';
import { checkParsedPlaybook, ruleSegments, type ParsedPlaybook, type PlaybookCheck } from './playbook-file.js';
import { canSaveToFile, downloadText, isFileHandle, pickSaveFile, readFileText, writeFileText } from './file-access.js';

export type Recent = RecentEntry<FileSystemFileHandle>;

export type FilesStatus =
  | { kind: 'saving' }
  | { kind: 'saved'; what: FileKind; file: string; via: 'file' | 'download' }
  | { kind: 'cancelled' }
  | { kind: 'failed'; file: string }
  | { kind: 'opened'; file: string; from: 'file' | 'copy'; at: number }
  | { kind: 'openFailed'; file: string };

/** Where the list and the open document's file are kept (persistence/store.ts in the app). */
export interface FilesStorage {
  /** whether this tab writes (it owns the stored workspace) */
  keeping(): boolean;
  read(key: string): Promise<unknown>;
  write(key: string, value: unknown): Promise<void>;
  /** write the workspace's pending changes now (the rule text with the saved state: a reload
   * right after a save must not find a saved text newer than the kept rules) */
  flush?(): Promise<void>;
}

const RECENT_KEY = 'recentFiles';
const DOCUMENT_KEY = 'ruleDocument';

/** What is kept of the open files between visits (the rule text itself is persistence's). */
interface DocumentRecord {
  fileName: string | null;
  savedText: string;
  handle: FileSystemFileHandle | null;
  suggestedName: string | null;
  playbook: { name: string; text: string } | null;
  playbookHandle: FileSystemFileHandle | null;
}

function parseDocument(v: unknown): DocumentRecord | null {
  if (typeof v !== 'object' || v === null) return null;
  const d = v as Record<string, unknown>;
  if (typeof d.savedText !== 'string') return null;
  const text = (x: unknown) => (typeof x === 'string' ? x : null);
  const pb = d.playbook as Record<string, unknown> | null | undefined;
  return {
    fileName: text(d.fileName),
    savedText: d.savedText,
    handle: isFileHandle(d.handle) ? d.handle : null,
    suggestedName: text(d.suggestedName),
    playbook: pb && typeof pb.name === 'string' && typeof pb.text === 'string' ? { name: pb.name, text: pb.text } : null,
    playbookHandle: isFileHandle(d.playbookHandle) ? d.playbookHandle : null
  };
}

export class FilesState {
  recent = $state.raw<Recent[]>([]);
  /** what the last save or reopen did (shown until the next) */
  status = $state<FilesStatus | null>(null);
  /** the playbook beside the rules, checked against the rules (null: no playbook) */
  readonly playbookCheck: PlaybookCheck | null;

  constructor(
    private readonly rules: RulesState,
    private readonly storage: FilesStorage
  ) {
    // the YAML is parsed when it changes, not at every keystroke in the rules; the rules' segments
    // come from their last result (empty segments included), parsed only until there is one
    const parsed: ParsedPlaybook | null = $derived(rules.playbook ? parsePlaybooks(rules.playbook.text) : null);
    const segments: string[] = $derived(rules.file.result ? rules.file.result.summary.flatMap((s) => (s.segment === null ? [] : [s.segment])) : ruleSegments(rules.file.text));
    this.playbookCheck = $derived(parsed && rules.playbook ? checkParsedPlaybook(parsed, rules.playbook.text, segments) : null);
    rules.onOpened = (kind, name, text, handle) => this.remember(kind, name, text, handle);
    rules.onDocument = () => this.keepDocument();
  }

  /** Read the recent list and the open files' names and handles back (kept from then on). */
  async start(): Promise<void> {
    try {
      const [list, doc] = await Promise.all([this.storage.read(RECENT_KEY), this.storage.read(DOCUMENT_KEY)]);
      // anything opened meanwhile stays first
      this.recent = [...this.recent, ...parseRecent(list, isFileHandle).filter((e) => !this.recent.some((r) => r.kind === e.kind && r.name === e.name))].slice(0, RECENT_LIMIT);
      const d = parseDocument(doc);
      if (d && this.rules.fileName === null && this.rules.handle === null) {
        this.rules.fileName = d.fileName;
        this.rules.savedText = d.savedText;
        this.rules.handle = d.handle;
        this.rules.suggestedName = d.suggestedName;
        if (!this.rules.playbook) {
          this.rules.playbook = d.playbook;
          this.rules.playbookHandle = d.playbookHandle;
        }
      }
    } catch {
      // nothing kept (no IndexedDB): the list starts empty
    }
  }

  /** Save the rules or the playbook: to its file again (asking where the first time) where the
   * browser can, else (or `download`) as a downloaded file. */
  async save(kind: FileKind, download = false): Promise<void> {
    const r = this.rules;
    const text = kind === 'rules' ? r.file.text : r.playbook?.text;
    if (text === undefined || this.status?.kind === 'saving') return;
    const name = saveName(kind, kind === 'rules' ? (r.fileName ?? r.suggestedName) : r.playbook?.name);
    if (download || !canSaveToFile()) {
      downloadText(kind, name, text);
      r.markSaved(kind, name, text, null);
      this.remember(kind, name, text, null);
      this.status = { kind: 'saved', what: kind, file: name, via: 'download' };
      return;
    }
    this.status = { kind: 'saving' };
    let handle = kind === 'rules' ? r.handle : r.playbookHandle;
    try {
      handle ??= await pickSaveFile(kind, name);
      if (!handle) {
        this.status = { kind: 'cancelled' };
        return;
      }
      await writeFileText(handle, text);
    } catch {
      // refused, moved or unwritable: the next save asks where
      if (kind === 'rules') r.handle = null;
      else r.playbookHandle = null;
      this.status = { kind: 'failed', file: handle?.name ?? name };
      return;
    }
    r.markSaved(kind, handle.name, text, handle);
    this.remember(kind, handle.name, text, handle);
    this.status = { kind: 'saved', what: kind, file: handle.name, via: 'file' };
  }

  /** Open a recent file: read again through its handle when the browser lets us, else the copy
   * kept here; over unsaved edits the rules offer it first (rules.openRuleFile). */
  async open(entry: Recent): Promise<void> {
    const fresh = entry.handle ? await readFileText(entry.handle) : null;
    const text = fresh ?? entry.text;
    if (text === null) {
      this.status = { kind: 'openFailed', file: entry.name };
      return;
    }
    this.status = { kind: 'opened', file: entry.name, from: fresh !== null ? 'file' : 'copy', at: entry.at };
    if (entry.kind === 'playbook') this.rules.openPlaybook(entry.name, text, entry.handle);
    else this.rules.openRuleFile(entry.name, text, entry.handle);
  }

  remove(id: string): void {
    this.recent = removeRecent(this.recent, id);
    this.keep(RECENT_KEY, this.recent);
  }

  /** Everything stored was erased: the list goes too (nothing is written in this page again). */
  forgotten(): void {
    this.recent = [];
  }

  private remember(kind: FileKind, name: string, text: string, handle: FileSystemFileHandle | null): void {
    this.recent = addRecent(this.recent, { id: crypto.randomUUID(), kind, name, at: Date.now(), text, handle });
    this.keep(RECENT_KEY, this.recent);
  }

  private keepDocument(): void {
    const r = this.rules;
    const record: DocumentRecord = {
      fileName: r.fileName,
      savedText: r.savedText,
      handle: r.handle,
      suggestedName: r.suggestedName,
      playbook: r.playbook ? { name: r.playbook.name, text: r.playbook.text } : null,
      playbookHandle: r.playbookHandle
    };
    this.keep(DOCUMENT_KEY, record);
    if (this.storage.keeping()) void this.storage.flush?.();
  }

  private keep(key: string, value: unknown): void {
    if (!this.storage.keeping()) return;
    // $state proxies cannot be cloned into IndexedDB: plain copies (handles stay handles)
    const plain = key === RECENT_KEY ? (value as Recent[]).map((e) => ({ ...e })) : value;
    this.storage.write(key, plain).catch(() => {});
  }
}
