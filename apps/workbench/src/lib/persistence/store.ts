// The browser storage behind persistence: a few settings in IndexedDB (idb-keyval: a
// key-value store is all this needs; idb's typed schemas and cursors would be unused weight) and
// the workspaces' source files in the origin private file system (OPFS), one directory per
// workspace under `workspaces/`, each with its manifest.
import { clear, createStore, get, getMany, set, setMany, type UseStore } from 'idb-keyval';
import { MANIFEST_NAME, ManifestError, checkFiles, parseManifest, serializeManifest, staleDirs, type Manifest } from './manifest.js';

/** The settings kept in IndexedDB, by key. */
export const KEYS = ['rules', 'quickRule', 'playbooks', 'locale', 'workspace'] as const;
export type SettingKey = (typeof KEYS)[number];

const DB_NAME = 'segmint';
const STORE_NAME = 'settings';
const WORKSPACES = 'workspaces';

let store: UseStore | null = null;
function settingsStore(): UseStore {
  store ??= createStore(DB_NAME, STORE_NAME);
  return store;
}

export function storageAvailable(): boolean {
  return typeof indexedDB !== 'undefined' && typeof navigator !== 'undefined' && typeof navigator.storage?.getDirectory === 'function';
}

/** Every stored setting (undefined: not stored). The values are unchecked. */
export async function readSettings(): Promise<Partial<Record<SettingKey, unknown>>> {
  const values = await getMany<unknown>([...KEYS], settingsStore());
  const out: Partial<Record<SettingKey, unknown>> = {};
  KEYS.forEach((k, i) => {
    if (values[i] !== undefined) out[k] = values[i];
  });
  return out;
}

export function writeSettings(entries: [string, unknown][]): Promise<void> {
  return setMany(entries, settingsStore());
}

/** A feature's own value in the settings store (not one of KEYS: the feature reads and checks it
 * itself; "forget" erases it with the rest). Values are structured clones (file handles too). */
export function readValue(key: string): Promise<unknown> {
  return get(key, settingsStore());
}

export function writeValue(key: string, value: unknown): Promise<void> {
  return set(key, value, settingsStore());
}

async function workspacesDir(): Promise<FileSystemDirectoryHandle> {
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle(WORKSPACES, { create: true });
}

/** Write `data` to a file completely: it is whole only after close() (until then the old
 * content, or nothing, is what a reader sees); a failed write is aborted. */
export async function writeWhole(handle: FileSystemFileHandle, data: Blob | string): Promise<void> {
  const w = await handle.createWritable();
  try {
    await w.write(data);
    await w.close();
  } catch (e) {
    await w.abort().catch(() => {});
    throw e;
  }
}

async function writeFile(dir: FileSystemDirectoryHandle, name: string, blob: Blob | string): Promise<void> {
  await writeWhole(await dir.getFileHandle(name, { create: true }), blob);
}

/** Save a workspace's files and then its manifest (a directory without a manifest is never
 * restored: an interrupted save leaves nothing that looks whole). */
export async function saveWorkspace(m: Manifest, files: Map<string, File>): Promise<void> {
  const dir = await (await workspacesDir()).getDirectoryHandle(m.id, { create: true });
  for (const f of m.files) {
    const file = files.get(f.entry);
    if (!file) throw new Error(`no bytes for ${f.entry}`);
    await writeFile(dir, f.entry, file);
  }
  await writeFile(dir, MANIFEST_NAME, serializeManifest(m));
}

/** A saved workspace's manifest and files (as File objects with their original names). Throws
 * when the directory, the manifest or a file is missing, or a file's size is not the manifest's. */
export async function readWorkspace(id: string): Promise<{ manifest: Manifest; orders: File[]; customers: File[] }> {
  let dir: FileSystemDirectoryHandle;
  try {
    dir = await (await workspacesDir()).getDirectoryHandle(id);
  } catch {
    throw new ManifestError('workspace directory missing');
  }
  let manifestText: string;
  try {
    manifestText = await (await (await dir.getFileHandle(MANIFEST_NAME)).getFile()).text();
  } catch {
    throw new ManifestError('manifest missing');
  }
  const manifest = parseManifest(manifestText);
  if (manifest.id !== id) throw new ManifestError('manifest of another workspace');
  const read = new Map<string, File>();
  for (const f of manifest.files) {
    try {
      read.set(f.entry, await (await dir.getFileHandle(f.entry)).getFile());
    } catch {
      // missing: checkFiles names it
    }
  }
  checkFiles(manifest, new Map([...read].map(([k, f]) => [k, f.size])));
  const files = manifest.files.map((f) => ({ role: f.role, file: new File([read.get(f.entry)!], f.name, { type: f.type, lastModified: f.lastModified }) }));
  return { manifest, orders: files.filter((f) => f.role === 'orders').map((f) => f.file), customers: files.filter((f) => f.role === 'customers').map((f) => f.file) };
}

/** Delete every workspace directory but `current`. */
export async function removeStale(current: string | null): Promise<void> {
  const dir = await workspacesDir();
  const names: string[] = [];
  for await (const name of dir.keys()) names.push(name);
  for (const name of staleDirs(names, current)) await dir.removeEntry(name, { recursive: true });
}

/** Erase everything this app stored: the settings and every file in OPFS. */
export async function eraseAll(): Promise<void> {
  await clear(settingsStore());
  const root = await navigator.storage.getDirectory();
  const names: string[] = [];
  for await (const name of root.keys()) names.push(name);
  for (const name of names) await root.removeEntry(name, { recursive: true });
}
