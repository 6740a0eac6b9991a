// segmint segment --rules RULES --data FILE... [--customers FILE] [--map ROLE=EXPR]...
//                 [--as-of YYYY-MM-DD] [--out FILE.csv|FILE.parquet|FILE.json]
// One row per customer with its segment (see ../shared/spec/cli.md). The rows never pass through
// JavaScript: DuckDB's COPY writes the file (for stdout: a temporary CSV, streamed).
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { compileRules, formatDiagnostic, formatNumber, readAsOf } from '@segmint/dsl';
import { segmentOutputSql, str, type SegmentationResult } from '@segmint/engine';
import { CliError, LOAD_HELP, LOAD_OPTIONS, LOAD_USAGE, boolOpt, listOpt, loadFlags, parseCommandArgs, requireOpt, runCommand, stringOpt } from '../args.js';
import { dataOptionsOf, openData } from '../data.js';
import { ruleUses } from '../uses.js';
import { locale, t } from '../locale.js';

const usage =
  `segmint segment --rules RULES --data FILE... [--customers FILE] [--map ROLE=EXPR]... [--as-of YYYY-MM-DD] [--out FILE.csv|FILE.parquet|FILE.json] [--encoding ENC] [--sheet NAME] [--day-first|--month-first] ${LOAD_USAGE}`;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The COPY options for an output file, by its extension. */
function copyFormat(out: string): string {
  switch (extname(out).toLowerCase()) {
    case '.csv':
      return "(FORMAT csv, HEADER true, DELIMITER ',')";
    case '.parquet':
      return '(FORMAT parquet)';
    case '.json':
      return '(FORMAT json, ARRAY true)';
    case '.ndjson':
    case '.jsonl':
      return '(FORMAT json)';
    default:
      throw new CliError(`segmint segment: --out '${out}': the output format is taken from the extension: .csv, .parquet, .json (or .ndjson)`);
  }
}

/** Terminal columns a text takes: East Asian wide characters (CJK, fullwidth) take two. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x20000 && c <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** The per-segment summary for stderr: customers, share, M share (and the R range). */
export function summaryLines(result: SegmentationResult): string[] {
  const rows = result.summary.map((s) => [
    s.segment === null ? t('sum.unassigned') : s.label && s.label.toLowerCase() !== s.segment.toLowerCase() ? `${s.segment} (${s.label})` : s.segment,
    formatNumber(s.customers, locale()),
    pct(s.share),
    pct(s.shareM),
    s.R.min === null ? '-' : `${s.R.min}..${s.R.max}`
  ]);
  const head = [t('sum.segment'), t('sum.customers'), t('sum.share'), t('sum.shareM'), t('sum.R')];
  const all = [head, ...rows];
  const width = head.map((_, i) => Math.max(...all.map((r) => displayWidth(r[i] ?? ''))));
  const pad = (c: string, w: number, left: boolean) => {
    const fill = ' '.repeat(Math.max(0, w - displayWidth(c)));
    return left ? c + fill : fill + c;
  };
  const line = (r: string[]) => r.map((c, i) => pad(c, width[i]!, i === 0)).join('  ');
  const out = all.map(line);
  out.push(t('sum.total', { count: result.total, asOf: result.asOf }));
  for (const tag of result.tags) out.push(t('sum.tag', { id: tag.id, count: tag.customers }));
  return out;
}

async function streamToStdout(path: string): Promise<void> {
  await new Promise<void>((resolvePromise, reject) => {
    const input = createReadStream(path);
    const onError = (err: NodeJS.ErrnoException) => {
      input.destroy();
      // The reader went away (`| head`): not an error of ours.
      if (err.code === 'EPIPE') resolvePromise();
      else reject(err);
    };
    process.stdout.once('error', onError);
    input.on('error', reject);
    input.on('end', () => {
      process.stdout.off('error', onError);
      resolvePromise();
    });
    input.pipe(process.stdout, { end: false });
  });
}

export async function segment(args: string[]): Promise<number> {
  return runCommand('segment', async () => {
    const p = parseCommandArgs('segment', usage, args, {
      rules: { type: 'string' },
      data: { type: 'string', multiple: true },
      customers: { type: 'string' },
      map: { type: 'string', multiple: true },
      'as-of': { type: 'string' },
      out: { type: 'string' },
      encoding: { type: 'string' },
      sheet: { type: 'string' },
      'day-first': { type: 'boolean' },
      'month-first': { type: 'boolean' },
      ...LOAD_OPTIONS
    }, { help: `${LOAD_HELP}\n  (--quiet also leaves out the per-segment summary)` });
    const flags = loadFlags(p);
    if (boolOpt(p, 'day-first') && boolOpt(p, 'month-first')) throw new CliError('segmint segment: give --day-first or --month-first, not both');
    const sheet = stringOpt(p, 'sheet');
    const dayFirst = boolOpt(p, 'day-first') ? true : boolOpt(p, 'month-first') ? false : undefined;
    const rulesPath = requireOpt(p, 'rules', 'segment', usage);
    const data = listOpt(p, 'data');
    if (data.length === 0) throw new CliError(`segmint segment: --data is required\nusage: ${usage}`);
    const asOfOpt = stringOpt(p, 'as-of');
    if (asOfOpt !== undefined && !validDate(asOfOpt))
      throw new CliError(`segmint segment: --as-of must be a calendar date written YYYY-MM-DD (e.g. 2024-06-30), got '${asOfOpt}'`);
    const out = stringOpt(p, 'out');
    const format = out !== undefined ? copyFormat(out) : copyFormat('stdout.csv');
    let source: string;
    try {
      source = readFileSync(rulesPath, 'utf8');
    } catch (err) {
      throw new CliError(`segmint segment: cannot read the rule file '${rulesPath}': ${err instanceof Error ? err.message : String(err)}`);
    }
    // Errors that do not depend on the data (syntax, dates, ...) are reported before any loading.
    const uses = ruleUses(rulesPath, source);
    const early = compileRules(source, null, { relation: 'customers', uses, ...(asOfOpt !== undefined ? { asOf: asOfOpt } : {}) });
    if (!early.ok) {
      for (const d of early.diagnostics) process.stderr.write(formatDiagnostic(d, source, rulesPath, locale()) + '\n');
      return 1;
    }
    // Build the relation once, at the as-of that applies: --as-of, else the file's `as of`.
    const fileAsOf = readAsOf(source);
    const asOf = asOfOpt ?? (fileAsOf !== null && validDate(fileAsOf) ? fileAsOf : undefined);
    const opened = await openData({ ...dataOptionsOf(p, data, asOf), ...(sheet !== undefined ? { sheet: /^\d+$/.test(sheet) ? Number(sheet) : sheet } : {}), ...(dayFirst !== undefined ? { dayFirst } : {}) });
    const tmp = out === undefined ? mkdtempSync(join(tmpdir(), 'segmint-out-')) : null;
    try {
      const { compiled, result } = await opened.workspace.runRules(source, asOfOpt !== undefined ? { asOf: asOfOpt, uses } : { uses });
      for (const d of compiled.diagnostics) process.stderr.write(formatDiagnostic(d, source, rulesPath, locale()) + '\n');
      if (!compiled.ok || !result) return 1;
      const { sql } = await segmentOutputSql(opened.backend, result.table, 'customers');
      const target = tmp ? join(tmp, 'segments.csv') : resolve(out!);
      try {
        await opened.backend.exec(`COPY (${sql}) TO ${str(target)} ${format}`);
      } catch (err) {
        throw new CliError(`segmint segment: cannot write '${out ?? 'stdout'}': ${err instanceof Error ? err.message : String(err)}`);
      }
      if (tmp) await streamToStdout(target);
      if (!flags.quiet) for (const line of summaryLines(result)) process.stderr.write(line + '\n');
      if (out !== undefined && !flags.quiet) process.stderr.write(`${t('wrote', { count: result.total, out })}\n`);
      return 0;
    } finally {
      await opened.close();
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    }
  });
}
