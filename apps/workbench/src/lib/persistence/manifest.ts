// What is kept of a workspace between visits, as plain data, and the pure decisions over it:
// the manifest written beside the source files in OPFS (names, roles, sizes, options, as-of),
// the record in IndexedDB that says which workspace is the current one, parsing both back with
// validation (a stored value is untrusted: another version of the app or a broken write may have
// left it), and what a start should restore.
//
// Why the source files' bytes and not duckdb-wasm's database on OPFS: storing the bytes is
// simpler (no checkpoints, no database file held open by a worker, so no locking between tabs),
// survives engine upgrades (a database file is tied to the DuckDB storage version), and the
// restore is just the load run again with the same files and settings.
import type { LoadOptions, Role, RoleMap } from '@segmint/engine';

export const MANIFEST_VERSION = 1;
export const MANIFEST_NAME = 'manifest.json';

export type FileRole = 'orders' | 'customers';

export interface StoredFile {
  /** the file's own name, as the user's file had it (shown in the UI, never a path here) */
  name: string;
  role: FileRole;
  /** the name of its bytes inside the workspace directory (not the user's name: any text) */
  entry: string;
  size: number;
  type: string;
  lastModified: number;
}

/** The options of a load that can be stored (no callbacks or signals). */
export type StoredOptions = Pick<LoadOptions, 'roles' | 'encoding' | 'sheet' | 'dayFirst' | 'maxBytes' | 'strict' | 'keepImplausibleDates' | 'table'>;

export interface Manifest {
  version: number;
  /** the workspace directory's name */
  id: string;
  savedAt: string;
  files: StoredFile[];
  options: StoredOptions;
  customerOptions: StoredOptions;
  /** the as-of the user chose when this was saved (null: the data set's default) */
  asOf: string | null;
}

/** The current workspace (IndexedDB): the example, or the OPFS directory `dir` with these
 * settings. The settings here are the newest (an as-of chosen after the save lands here). */
export interface WorkspaceRecord {
  example: boolean;
  /** the OPFS directory of the saved files (null for the example) */
  dir: string | null;
  options: StoredOptions;
  customerOptions: StoredOptions;
  asOf: string | null;
}

const ROLES: Role[] = ['customer', 'date', 'amount', 'order'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The storable part of load options; anything of the wrong type is dropped. */
export function storableOptions(o: unknown): StoredOptions {
  if (!isRecord(o)) return {};
  const out: StoredOptions = {};
  if (isRecord(o.roles)) {
    const roles: RoleMap = {};
    for (const r of ROLES) {
      const v = o.roles[r];
      if (typeof v === 'string' && v) roles[r] = v;
    }
    if (Object.keys(roles).length) out.roles = roles;
  }
  if (typeof o.encoding === 'string' && o.encoding) out.encoding = o.encoding;
  if (typeof o.sheet === 'string' || (typeof o.sheet === 'number' && Number.isInteger(o.sheet) && o.sheet >= 0)) out.sheet = o.sheet;
  if (typeof o.dayFirst === 'boolean') out.dayFirst = o.dayFirst;
  if (typeof o.maxBytes === 'number' && o.maxBytes > 0) out.maxBytes = o.maxBytes;
  if (typeof o.strict === 'boolean') out.strict = o.strict;
  if (typeof o.keepImplausibleDates === 'boolean') out.keepImplausibleDates = o.keepImplausibleDates;
  if (typeof o.table === 'number' && Number.isInteger(o.table) && o.table >= 1) out.table = o.table;
  return out;
}

/** An as-of value as stored: a YYYY-MM-DD date, else null (the default). */
export function storedAsOf(v: unknown): string | null {
  return typeof v === 'string' && DATE.test(v) ? v : null;
}

/** The entry name of the i-th file of a role inside a workspace directory. */
export function entryName(role: FileRole, i: number): string {
  return `${role}-${i}`;
}

/** The manifest of a workspace about to be written. */
export function manifestOf(
  id: string,
  files: { orders: readonly File[]; customers: readonly File[] },
  options: LoadOptions,
  customerOptions: LoadOptions,
  asOf: string | null,
  now: Date
): Manifest {
  const stored = (role: FileRole) => (f: File, i: number): StoredFile => ({ name: f.name, role, entry: entryName(role, i), size: f.size, type: f.type, lastModified: f.lastModified });
  return {
    version: MANIFEST_VERSION,
    id,
    savedAt: now.toISOString(),
    files: [...files.orders.map(stored('orders')), ...files.customers.map(stored('customers'))],
    options: storableOptions(options),
    customerOptions: storableOptions(customerOptions),
    asOf
  };
}

export function serializeManifest(m: Manifest): string {
  return JSON.stringify(m, null, 2);
}

export class ManifestError extends Error {}

/** Parse a stored manifest; throws ManifestError when it is not one this app can restore. */
export function parseManifest(text: string): Manifest {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new ManifestError('not JSON');
  }
  if (!isRecord(v)) throw new ManifestError('not an object');
  if (v.version !== MANIFEST_VERSION) throw new ManifestError(`version ${String(v.version)}`);
  if (typeof v.id !== 'string' || !v.id) throw new ManifestError('no id');
  if (!Array.isArray(v.files)) throw new ManifestError('no files');
  const files = v.files.map((f, i) => {
    if (!isRecord(f)) throw new ManifestError(`file ${i}`);
    const { name, role, entry, size, type, lastModified } = f;
    if (typeof name !== 'string' || !name) throw new ManifestError(`file ${i}: name`);
    if (role !== 'orders' && role !== 'customers') throw new ManifestError(`file ${i}: role`);
    // the entry is ours, never a path: a manifest cannot point outside its directory
    if (typeof entry !== 'string' || !/^(orders|customers)-\d+$/.test(entry)) throw new ManifestError(`file ${i}: entry`);
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 0) throw new ManifestError(`file ${i}: size`);
    return { name, role, entry, size, type: typeof type === 'string' ? type : '', lastModified: typeof lastModified === 'number' ? lastModified : 0 } satisfies StoredFile;
  });
  if (!files.some((f) => f.role === 'orders')) throw new ManifestError('no orders file');
  if (new Set(files.map((f) => f.entry)).size !== files.length) throw new ManifestError('repeated entry');
  return {
    version: MANIFEST_VERSION,
    id: v.id,
    savedAt: typeof v.savedAt === 'string' ? v.savedAt : '',
    files,
    options: storableOptions(v.options),
    customerOptions: storableOptions(v.customerOptions),
    asOf: storedAsOf(v.asOf)
  };
}

/** A stored workspace record, or null when the value is not one. */
export function parseRecord(v: unknown): WorkspaceRecord | null {
  if (!isRecord(v) || typeof v.example !== 'boolean') return null;
  const dir = typeof v.dir === 'string' && v.dir ? v.dir : null;
  if (!v.example && !dir) return null;
  return { example: v.example, dir: v.example ? null : dir, options: storableOptions(v.options), customerOptions: storableOptions(v.customerOptions), asOf: storedAsOf(v.asOf) };
}

/** What a start opens. */
export type RestorePlan =
  | { kind: 'example'; asOf: string | null }
  | { kind: 'files'; dir: string; options: StoredOptions; customerOptions: StoredOptions; asOf: string | null };

/** What to restore from the stored record (nothing stored, or not readable: the example). */
export function restorePlan(record: WorkspaceRecord | null): RestorePlan {
  if (!record || record.example || !record.dir) return { kind: 'example', asOf: record?.asOf ?? null };
  return { kind: 'files', dir: record.dir, options: record.options, customerOptions: record.customerOptions, asOf: record.asOf };
}

/** The files read back from a workspace directory must be exactly those of its manifest: a
 * missing or cut-short file is a broken workspace (its error names the first such file). */
export function checkFiles(m: Manifest, sizes: ReadonlyMap<string, number>): void {
  for (const f of m.files) {
    const size = sizes.get(f.entry);
    if (size === undefined) throw new ManifestError(`${f.name}: missing`);
    if (size !== f.size) throw new ManifestError(`${f.name}: ${size} bytes, expected ${f.size}`);
  }
}

/** The directories of a workspaces folder that are not the current one (left by an earlier
 * save or an interrupted one): deleted after a save. */
export function staleDirs(names: readonly string[], current: string | null): string[] {
  return names.filter((n) => n !== current);
}
