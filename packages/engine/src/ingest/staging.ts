// Internal table names used while loading. Users' names never become table names; these are
// fixed and prefixed so they cannot clash with the workspace tables.
import type { Backend } from '../types.js';
import { ident } from '../sql/quote.js';

export const STAGE = {
  /** VIEW: the raw rows of all files, every column as text, plus source file and row */
  raw: 'segmint_stage_raw',
  raw0: 'segmint_stage_raw0',
  files: 'segmint_stage_files',
  names: 'segmint_stage_names',
  part: 'segmint_stage_part',
  rejects: 'segmint_stage_rejects',
  rejectScans: 'segmint_stage_reject_scans',
  typed: 'segmint_stage_typed',
  tx: 'segmint_stage_tx',
  txExtra: 'segmint_stage_tx_extra',
  attrs: 'segmint_stage_attrs'
} as const;

/** Columns the raw table adds to the file's own columns. */
export const SRC_FILE = '__segmint_file';
export const SRC_ROW = '__segmint_row';
/** 0-based index of the source file (cheaper to carry than its name) */
export const SRC_FI = '__segmint_fi';

export async function dropStaging(backend: Backend): Promise<void> {
  await backend.exec(`DROP VIEW IF EXISTS ${ident(STAGE.raw)}`);
  for (const t of [STAGE.raw0, STAGE.files, STAGE.names, STAGE.part, STAGE.rejects, STAGE.rejectScans, STAGE.typed, STAGE.tx, STAGE.txExtra, STAGE.attrs]) {
    await backend.exec(`DROP TABLE IF EXISTS ${ident(t)}`);
  }
}
