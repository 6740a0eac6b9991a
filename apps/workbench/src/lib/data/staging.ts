// Files chosen or dropped before they are loaded ("staged"): each with its guessed role (the
// engine's guessFileRoles: orders, customers or ignored, and why), which the user can change;
// the source a load of them makes; and what stops a load. Pure: the state is staging.svelte.ts.
import type { FileGuess, FileRole, LoadOptions } from '@segmint/engine';
import type { Source } from './dataset.js';

export interface StagedFile<F extends { name: string; size: number } = File> {
  /** stable id within one staging (keys of the list) */
  id: number;
  file: F;
  /** the path the user sees: the folder-relative path when the file came in a folder */
  path: string;
  role: FileRole;
  /** the user chose the role (a new guess, after more files came, keeps it) */
  chosen: boolean;
  /** the engine's guess (null until it is in) */
  guess: FileGuess | null;
}

export interface Incoming<F> {
  file: F;
  path: string;
}

/** Same file twice (picked again, or in the folder and dropped too): same path, size and date. */
function sameFile<F extends { name: string; size: number; lastModified?: number }>(a: Incoming<F>, b: Incoming<F>): boolean {
  return a.path === b.path && a.file.size === b.file.size && a.file.lastModified === b.file.lastModified;
}

/** The staged list with `added` appended (in path order: daily files in date order), without
 * files already there; new files have no guess yet and the role 'ignored' until guessed. */
export function addFiles<F extends { name: string; size: number; lastModified?: number }>(current: StagedFile<F>[], added: Incoming<F>[], firstId: number): StagedFile<F>[] {
  const out = [...current];
  let id = firstId;
  const fresh = added.filter((a, i) => !current.some((c) => sameFile(c, a)) && added.findIndex((b) => sameFile(a, b)) === i);
  fresh.sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
  for (const a of fresh) out.push({ id: id++, file: a.file, path: a.path, role: 'ignored', chosen: false, guess: null });
  return out;
}

/** The guesses (for the whole list, in order: guessing looks at all files together) put in; a
 * role the user chose stays. */
export function applyGuesses<F extends { name: string; size: number }>(staged: StagedFile<F>[], guesses: FileGuess[]): StagedFile<F>[] {
  return staged.map((s, i) => {
    const g = guesses[i] ?? null;
    return { ...s, guess: g, role: s.chosen || !g ? s.role : g.role };
  });
}

export function setRole<F extends { name: string; size: number }>(staged: StagedFile<F>[], id: number, role: FileRole): StagedFile<F>[] {
  return staged.map((s) => (s.id === id ? { ...s, role, chosen: true } : s));
}

export interface StagingSummary {
  orders: number;
  customers: number;
  ignored: number;
  /** bytes to load (orders and customers) */
  bytes: number;
}

export function summarise<F extends { name: string; size: number }>(staged: StagedFile<F>[]): StagingSummary {
  const s: StagingSummary = { orders: 0, customers: 0, ignored: 0, bytes: 0 };
  for (const f of staged) {
    s[f.role]++;
    if (f.role !== 'ignored') s.bytes += f.file.size;
  }
  return s;
}

/** What stops (error) or may spoil (warning) a load of the staged files, by code (the UI words
 * it): no orders file; orders files whose columns differ from the first's (their rows would not
 * line up: they are another table). */
export type StagingProblem = { code: 'staging.no_orders' } | { code: 'staging.other_columns'; file: string; first: string };

export function stagingProblems<F extends { name: string; size: number }>(staged: StagedFile<F>[]): StagingProblem[] {
  const orders = staged.filter((s) => s.role === 'orders');
  if (!orders.length) return [{ code: 'staging.no_orders' }];
  const key = (s: StagedFile<F>) => (s.guess ? s.guess.columns.map((c) => c.trim().toLowerCase()).join('\u0000') : null);
  const first = orders.find((s) => key(s) !== null);
  const out: StagingProblem[] = [];
  if (first) for (const s of orders) if (key(s) !== null && key(s) !== key(first)) out.push({ code: 'staging.other_columns', file: s.path, first: first.path });
  return out;
}

/** The amount the orders need when they have no amount column: the engine's suggestion
 * (Quantity * UnitPrice) from the first orders file's guess; '' when they have one. */
export function suggestedAmount<F extends { name: string; size: number }>(staged: StagedFile<F>[]): string {
  const g = staged.find((s) => s.role === 'orders' && s.guess)?.guess;
  return g && !g.roles.amount ? (g.amountExpression ?? '') : '';
}

/** The load of the staged files: orders files (one table), customers files; `amount` (a column
 * or an expression) is given as the amount role when set. */
export function sourceOf(staged: StagedFile[], amount: string): Source {
  const options: LoadOptions = amount.trim() ? { roles: { amount: amount.trim() } } : {};
  return {
    orders: staged.filter((s) => s.role === 'orders').map((s) => s.file),
    customers: staged.filter((s) => s.role === 'customers').map((s) => s.file),
    example: false,
    options,
    customerOptions: {}
  };
}
