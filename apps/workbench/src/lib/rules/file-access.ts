// The browser's file calls for saving and reopening rule and playbook files: the File System
// Access API where the browser has it (a save picker once, then the same file is written again;
// a stored handle is read again after asking permission), else a download. Not unit-tested (it is
// the browser's API): the e2e tests drive both paths (a fake picker returning a real OPFS handle,
// and no picker at all).
import { saveFile } from '../export/download.js';
import type { FileKind } from './save.js';
import { writeWhole } from '../persistence/store.js';

type Mode = { mode: 'read' | 'readwrite' };
/** what Chromium adds to handles (not in TypeScript's DOM types yet) */
interface PermissionHandle {
  queryPermission?: (d: Mode) => Promise<PermissionState>;
  requestPermission?: (d: Mode) => Promise<PermissionState>;
}
interface SavePickerOptions {
  suggestedName?: string;
  id?: string;
  types?: { description?: string; accept: Record<string, string[]> }[];
}
type SavePicker = (o: SavePickerOptions) => Promise<FileSystemFileHandle>;
type OpenPicker = (o: Omit<SavePickerOptions, 'suggestedName'> & { multiple?: boolean }) => Promise<FileSystemFileHandle[]>;

const TYPES: Record<FileKind, { mime: string; ext: string[]; description: string }> = {
  rules: { mime: 'text/plain', ext: ['.seg'], description: 'Segmint rules' },
  playbook: { mime: 'application/yaml', ext: ['.yaml', '.yml'], description: 'Segmint playbooks' }
};

function savePicker(): SavePicker | null {
  const w = globalThis as { showSaveFilePicker?: SavePicker };
  return typeof w.showSaveFilePicker === 'function' ? w.showSaveFilePicker.bind(globalThis) : null;
}

function openPicker(): OpenPicker | null {
  const w = globalThis as { showOpenFilePicker?: OpenPicker };
  return typeof w.showOpenFilePicker === 'function' ? w.showOpenFilePicker.bind(globalThis) : null;
}

/** Can a file be opened with a handle (so that saving writes it again)? */
export function canOpenWithHandle(): boolean {
  return openPicker() !== null;
}

/** Choose a rule or playbook file with the browser's open dialog, keeping its handle; null when
 * the user cancels. */
export async function pickOpenFile(): Promise<{ name: string; text: string; handle: FileSystemFileHandle } | null> {
  const pick = openPicker();
  if (!pick) return null;
  let handle: FileSystemFileHandle | undefined;
  try {
    [handle] = await pick({ id: 'segmint-open', types: [{ description: 'Segmint rules and playbooks', accept: { 'text/plain': ['.seg'], 'application/yaml': ['.yaml', '.yml'] } }] });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') return null;
    throw e;
  }
  if (!handle) return null;
  const file = await handle.getFile();
  return { name: file.name, text: await file.text(), handle };
}

/** Can a save ask where and then write that file again (the File System Access API)? */
export function canSaveToFile(): boolean {
  return savePicker() !== null;
}

export function isFileHandle(h: unknown): h is FileSystemFileHandle {
  return typeof FileSystemFileHandle !== 'undefined' && h instanceof FileSystemFileHandle;
}

/** Ask where to save (the browser's save dialog); null when the user cancels. */
export async function pickSaveFile(kind: FileKind, name: string): Promise<FileSystemFileHandle | null> {
  const pick = savePicker();
  if (!pick) return null;
  const t = TYPES[kind];
  try {
    return await pick({ suggestedName: name, id: `segmint-${kind}`, types: [{ description: t.description, accept: { [t.mime]: t.ext } }] });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') return null;
    throw e;
  }
}

/** Is access granted (asking when the browser would ask; needs a user gesture)? */
async function permitted(handle: FileSystemFileHandle, mode: Mode['mode']): Promise<boolean> {
  const h = handle as unknown as PermissionHandle;
  if (typeof h.queryPermission !== 'function') return true;
  if ((await h.queryPermission({ mode })) === 'granted') return true;
  if (typeof h.requestPermission !== 'function') return false;
  return (await h.requestPermission({ mode })) === 'granted';
}

/** Write `text` (UTF-8, as typed) to the file, replacing it whole (the old content stays until
 * the write closes). Throws when access is refused or the write fails. */
export async function writeFileText(handle: FileSystemFileHandle, text: string): Promise<void> {
  if (!(await permitted(handle, 'readwrite'))) throw new DOMException('write permission refused', 'NotAllowedError');
  await writeWhole(handle, text);
}

/** The file's text read again through its handle; null when it cannot be read (access refused,
 * the file moved or deleted). */
export async function readFileText(handle: FileSystemFileHandle): Promise<string | null> {
  try {
    if (!(await permitted(handle, 'read'))) return null;
    return await (await handle.getFile()).text();
  } catch {
    return null;
  }
}

/** Hand the text to the browser as a downloaded file (UTF-8, no byte-order mark, as typed). */
export function downloadText(kind: FileKind, name: string, text: string): void {
  saveFile({ bytes: new TextEncoder().encode(text), fileName: name, mimeType: `${TYPES[kind].mime};charset=utf-8` });
}
