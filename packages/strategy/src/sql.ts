// Small SQL helpers over the engine's Backend (browser-safe: no node:* imports).
import { ident, tableColumns, type Backend, type Cell } from '@segmint/engine';

export async function columnsOf(backend: Backend, table: string): Promise<string[]> {
  return (await tableColumns(backend, table)).map((c) => c.name);
}

export function num(v: Cell | undefined): number | null {
  if (v === null || v === undefined) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** `CAST(alias."M" AS DOUBLE)` when the relation has the metric, else a typed NULL. */
export function metricExpr(cols: readonly string[], name: string, alias = 'c'): string {
  const found = cols.find((c) => c.toLowerCase() === name.toLowerCase());
  return found ? `CAST(${alias}.${ident(found)} AS DOUBLE)` : 'CAST(NULL AS DOUBLE)';
}
