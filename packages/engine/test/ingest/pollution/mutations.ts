// Random damage to a clean CSV, for the property tests: a mutation works on one data row (or
// joins two), and the model keeps, for every row of the clean file, its text after the damage,
// where it now starts in the file, and whether it is still a well-formed row (its cells then
// being what the damaged text says, e.g. a separator inserted inside quotes is part of the
// value). propertyViolations() then checks a reading against the model: every row read either
// is a row of the file, in order, or is reported; nothing is lost or renumbered without a report.
import { encodeField, LineCounter, parseAfter, parseStrict, sameCells, showCells, type Cell } from './csv-model.js';
import { entries, type Reading } from './check.js';

export type Mutation =
  | { op: 'insert'; what: 'delimiter' | 'quote' | 'newline' | 'nul' | 'bom'; row: number; at: number; eol: string }
  | { op: 'delete'; what: 'delimiter' | 'quote'; row: number; nth: number }
  | { op: 'duplicate-field' | 'drop-field'; row: number; field: number }
  | { op: 'join'; row: number }
  | { op: 'split'; row: number; nth: number; eol: string };

export interface CleanCsv {
  name: string;
  header: string[];
  rows: Cell[][];
}

export interface ModelRow {
  /** the row's text after the damage (null: joined into the row before) */
  text: string | null;
  /** first line of the file it is on, and how many lines it spans (text not null) */
  line: number;
  lines: number;
  /** the cells its text now means, when it is still exactly one well-formed row */
  intact: Cell[] | null;
  /** damaged: the well-formed rows its lines (or its text) may still hold, each of which may
   * be read as it is (a line break before the last value leaves a row with an empty last
   * value, which is what that line says) */
  pieces: Cell[][];
  clean: Cell[];
}

export interface Mutated {
  name: string;
  text: string;
  header: string[];
  rows: ModelRow[];
  mutations: Mutation[];
}

const EOL = '\n';

/** The fields of a CSV row as [start, end) spans of its text (quotes respected; a row that
 * is no longer strict is split at every comma). */
function fieldSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let i = 0;
  const strict = parseStrict(text, { delimiter: ',', newlines: false }) !== null;
  for (;;) {
    let j = i;
    if (strict && text[i] === '"') {
      j++;
      while (j < text.length) {
        if (text[j] === '"' && text[j + 1] === '"') j += 2;
        else if (text[j] === '"') {
          j++;
          break;
        } else j++;
      }
    }
    while (j < text.length && text[j] !== ',') j++;
    spans.push([i, j]);
    if (j >= text.length) return spans;
    i = j + 1;
  }
}

function positionsOf(text: string, ch: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) out.push(i);
  return out;
}

/** Applies the mutations (in order) to the clean CSV, to rows from index `from` on (0-based).
 * At most one of them adds or removes a quote (two could pair up into a valid quoted value
 * spanning rows, which the file then really means). */
export function mutate(csv: CleanCsv, mutations: readonly Mutation[], options: { from?: number } = {}): Mutated {
  const texts: (string | null)[] = csv.rows.map((r) => r.map((c) => encodeField(c, { delimiter: ',' })).join(','));
  const live = () => texts.map((t, i) => (t === null ? -1 : i)).filter((i) => i >= 0);
  let quoteDone = false;
  const applied: Mutation[] = [];
  for (const m of mutations) {
    if ((m.op === 'insert' || m.op === 'delete') && m.what === 'quote') {
      if (quoteDone) continue;
      quoteDone = true;
    }
    const rows = live();
    const targets = rows.filter((x) => x >= (options.from ?? 0));
    if (!targets.length) continue;
    const i = targets[m.row % targets.length]!;
    const t = texts[i]!;
    switch (m.op) {
      case 'insert': {
        const ch = { delimiter: ',', quote: '"', newline: m.eol, nul: '\u0000', bom: '\uFEFF' }[m.what];
        const at = m.at % (t.length + 1);
        texts[i] = t.slice(0, at) + ch + t.slice(at);
        break;
      }
      case 'delete': {
        const ps = positionsOf(t, m.what === 'quote' ? '"' : ',');
        if (!ps.length) continue;
        const at = ps[m.nth % ps.length]!;
        texts[i] = t.slice(0, at) + t.slice(at + 1);
        break;
      }
      case 'duplicate-field':
      case 'drop-field': {
        const spans = fieldSpans(t);
        const [a, b] = spans[m.field % spans.length]!;
        if (m.op === 'duplicate-field') texts[i] = `${t.slice(0, b)},${t.slice(a, b)}${t.slice(b)}`;
        else texts[i] = b < t.length ? t.slice(0, a) + t.slice(b + 1) : t.slice(0, Math.max(0, a - 1));
        break;
      }
      case 'join': {
        const k = rows.indexOf(i);
        const next = rows[k + 1];
        if (next === undefined) continue;
        texts[i] = t + texts[next]!;
        texts[next] = null;
        break;
      }
      case 'split': {
        const ps = positionsOf(t, ',');
        if (!ps.length) continue;
        const at = ps[m.nth % ps.length]!;
        texts[i] = t.slice(0, at) + m.eol + t.slice(at + 1);
        break;
      }
    }
    applied.push(m);
  }
  const width = csv.header.length;
  let text = csv.header.join(',') + EOL;
  const lines = new LineCounter();
  lines.add(text);
  const rows: ModelRow[] = texts.map((t, i) => {
    const line = lines.line;
    if (t === null) return { text: null, line, lines: 0, intact: null, pieces: [], clean: csv.rows[i]! };
    const parsed = /[\u0000\uFEFF]/.test(t) ? null : parseStrict(t + EOL, { delimiter: ',' });
    const intact = parsed && parsed.length === 1 && parsed[0]!.length === width ? parsed[0]! : null;
    const pieces: Cell[][] = [];
    if (!intact) {
      for (const text of [t, ...t.split(/\r\n|\r|\n/)]) {
        const rs = parseStrict(text.replace(/[\u0000\uFEFF]/g, '') + EOL, { delimiter: ',' }) ?? [];
        for (const cells of rs) if (cells.length === width) pieces.push(cells);
      }
    }
    text += t + EOL;
    lines.add(t);
    lines.add(EOL);
    return { text: t, line, lines: lines.line - line, intact, pieces, clean: csv.rows[i]! };
  });
  return { name: csv.name, text, header: csv.header, rows, mutations: applied };
}

/** Every way in which `got` breaks the rule for the damaged file `m` (empty: it keeps it). */
export function propertyViolations(m: Mutated, got: Reading): string[] {
  const out: string[] = [];
  if (JSON.stringify(got.columns) !== JSON.stringify(m.header)) out.push(`columns: expected ${JSON.stringify(m.header)}, got ${JSON.stringify(got.columns)}`);
  const all = entries(got.repairs);
  const rowOfLine = (line: number) => m.rows.findIndex((r) => r.text !== null && line >= r.line && line < r.line + r.lines);
  const intactAt = (line: number) => {
    const k = rowOfLine(line);
    return k >= 0 && m.rows[k]!.intact !== null ? k : -1;
  };
  const leftOut = new Map<number, number>();
  const repaired = new Map<number, { line: number; after?: string }>();
  for (const e of all) {
    if (e.line === 1) out.push(`the header line was reported: ${e.code} ${e.action}`);
    const k = intactAt(e.line);
    if (k >= 0) out.push(`line ${e.line} is the well-formed clean row ${k + 1}, yet reported ${e.code} ${e.action}`);
    if (e.row === undefined || e.action === 'skipped') continue;
    if (e.action === 'left_out') leftOut.set(e.row, e.line);
    else repaired.set(e.row, { line: e.line, ...(e.after !== undefined ? { after: e.after } : {}) });
  }
  // rows read, in order, against the rows of the file: each one reported, or the next rows of
  // the file (skipping only damaged ones); the data row numbers in between all reported
  let j = 0;
  /** pieces of damaged row j already matched */
  let used = 0;
  let prev = 0;
  for (const r of got.rows) {
    if (r.row <= prev) out.push(`data row ${r.row} after ${prev}`);
    for (let n = prev + 1; n < r.row; n++) if (!leftOut.has(n)) out.push(`data row ${n} neither read nor reported (next read: ${r.row})`);
    if (leftOut.has(r.row)) out.push(`data row ${r.row} reported as left out but read: ${showCells(r.cells)}`);
    prev = Math.max(prev, r.row);
    const rep = repaired.get(r.row);
    if (rep) {
      if (rep.after !== undefined && !rep.after.endsWith('…')) {
        const after = parseAfter(rep.after, ',');
        if (!after || !sameCells(after, r.cells)) out.push(`data row ${r.row} repaired, but the report's after text ${JSON.stringify(rep.after)} is not the row as read: ${showCells(r.cells)}`);
      }
      const k = rowOfLine(rep.line);
      for (; j < k; j++) if (m.rows[j]!.intact) out.push(`clean row ${j + 1} (well-formed) lost before the repaired row ${r.row}`);
      if (k > j) used = 0;
      j = Math.max(j, k);
      continue;
    }
    let k = j;
    let found = -1;
    let piece = -1;
    for (; k < m.rows.length; k++) {
      const x = m.rows[k]!;
      // a damaged row: one of its well-formed pieces not matched yet, or its clean cells
      const from = k === j ? used : 0;
      piece = x.pieces.findIndex((p, n) => n >= from && sameCells(p, r.cells));
      if (piece >= 0 || sameCells(x.intact ?? x.clean, r.cells)) {
        found = k;
        break;
      }
      if (x.intact) break;
    }
    if (found < 0) {
      const next = m.rows.slice(j).find((x) => x.intact);
      out.push(`data row ${r.row} SILENTLY differs: got ${showCells(r.cells)}, the file's next rows: ${m.rows.slice(j, Math.min(m.rows.length, k + 1)).map((x) => showCells(x.intact ?? x.clean)).join(' | ') || '(none)'}${next ? '' : ' (no well-formed row left)'}`);
      continue;
    }
    if (piece >= 0 && piece + 1 < m.rows[found]!.pieces.length) {
      // more pieces of this damaged row may follow
      j = found;
      used = piece + 1;
    } else {
      j = found + 1;
      used = 0;
    }
  }
  for (let n = prev + 1; leftOut.has(n); n++) prev = n;
  for (const n of leftOut.keys()) if (n > prev) out.push(`left-out data row ${n} after the last data row ${prev}`);
  for (; j < m.rows.length; j++) {
    const x = m.rows[j]!;
    if (x.intact && ![...leftOut.values()].some((l) => rowOfLine(l) === j)) out.push(`clean row ${j + 1} (well-formed: ${showCells(x.intact)}) missing without a report`);
  }
  return out;
}
