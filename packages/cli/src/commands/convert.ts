// `segmint convert FILE... --out OUT.csv|OUT.parquet [--strict] [--report REPORT.json]
//                  [--encoding ENC] [--sheet NAME] [--provenance] [--day-first|--month-first]`
// Writes the table exactly as Segmint reads it (every column, the header as read, the rows in
// the files' order): CSV as UTF-8, comma, '\n', RFC 4180 quoting, an empty field for an empty
// cell and "" for an empty string; Parquet with the inferred types. What the reader repaired
// goes to stderr in words and to --report as data. Exit 0 when a table was written (repairs
// included), 2 on bad usage or when nothing could be read.
import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { LoadError, exportTable, filesLabel, repairExampleLines, type ExportFormat, type ExportReport, type LoadOptions } from '@segmint/engine';
import { NativeBackend, expandInputs, nodeFile } from '@segmint/engine/node';
import { CliError, boolOpt, listOpt, parseCommandArgs, requireOpt, runCommand, stringOpt, csvTableOpt } from '../args.js';
import { localIssue } from '../data.js';
import { engineText } from '../locale.js';

const USAGE =
  'segmint convert FILE... --out OUT.csv|OUT.parquet [--strict] [--report REPORT.json] [--encoding ENC] [--sheet NAME] [--provenance] [--day-first|--month-first] [--csv-table N]';

/** Repair examples printed per group (the report file has every one the engine kept). */
const EXAMPLES_SHOWN = 5;

function outFormat(out: string): ExportFormat {
  switch (extname(out).toLowerCase()) {
    case '.csv':
      return 'csv';
    case '.parquet':
      return 'parquet';
    default:
      throw new CliError(`segmint convert: --out '${out}': the output format is taken from the extension: .csv or .parquet\nusage: ${USAGE}`);
  }
}

/** The input files of FILE... (files, folders, globs), or a CliError naming what is missing. */
function inputFiles(args: string[]): string[] {
  const missing = args.filter((a) => !/[*?]/.test(a) && !existsSync(a));
  if (missing.length)
    throw new CliError(`segmint convert: cannot find ${missing.map((m) => `'${m}'`).join(', ')}: give existing files, folders or globs (e.g. 'exports/*.csv'); nothing was written`);
  let paths: string[];
  try {
    paths = expandInputs(args);
  } catch (err) {
    throw new CliError(`segmint convert: cannot read ${args.map((a) => `'${a}'`).join(', ')}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (paths.length === 0)
    throw new CliError(`segmint convert: ${args.map((a) => `'${a}'`).join(', ')} matched no supported file (.csv .tsv .txt .psv .xlsx .xls .parquet .json .ndjson .jsonl); nothing was written`);
  return paths;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** The summary and the repair report, in words, for stderr. */
export function describeExport(r: ExportReport, out: string, format: ExportFormat, reportPath: string | undefined): string[] {
  const lines: string[] = [];
  lines.push(`read: ${filesLabel(r.files)}: ${plural(r.rows, 'row')}, ${plural(r.columns.filter((c) => c.source !== null).length, 'column')} (${r.format}; ${r.encoding})`);
  if (format === 'csv') lines.push(`wrote: ${out} (CSV: UTF-8, comma-separated, RFC 4180 quoting; an empty field is a missing value, "" an empty string)`);
  else lines.push(`wrote: ${out} (Parquet: ${r.columns.map((c) => `${c.name} ${c.type}`).join(', ')})`);
  if (r.repairs.length === 0) lines.push('repairs: none');
  else {
    lines.push(`repairs (${plural(r.repairs.length, 'kind')}):`);
    for (const g of r.repairs) {
      // skipped: lines that were no data (a title, a blank line, a total); else data rows
      const [unit, verb] = g.action === 'repaired' ? ['row', 'repaired'] : g.action === 'left_out' ? ['row', 'left out'] : ['line', 'skipped'];
      const gm = engineText(g);
      lines.push(`  ${gm.message} (${plural(g.count, unit)} ${verb})${gm.hint ? `. ${gm.hint}` : ''}`);
      for (const e of repairExampleLines(g, EXAMPLES_SHOWN)) lines.push(`    ${e}`);
      if (g.count > EXAMPLES_SHOWN) lines.push(`    ... and ${(g.count - EXAMPLES_SHOWN).toLocaleString('en-US')} more${reportPath ? ` (${reportPath} lists ${g.examples.length > EXAMPLES_SHOWN ? `${g.examples.length.toLocaleString('en-US')} examples` : 'the examples kept'})` : ' (--report FILE.json lists the examples kept)'}`);
    }
  }
  for (const i of r.issues) lines.push(`${i.severity}: ${localIssue(i)}`);
  return lines;
}

/** Writes `path` through a temporary file beside it, renamed into place once complete: a
 * failed write leaves no half-written file (and an older file of that name as it was). */
async function writeAtomically<T>(path: string, write: (tmp: string) => Promise<T>): Promise<T> {
  const tmp = join(dirname(path), `.${basename(path)}.segmint-${process.pid}-${Date.now().toString(36)}${extname(path)}`);
  try {
    const result = await write(tmp);
    renameSync(tmp, path);
    return result;
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

export async function convert(args: string[]): Promise<number> {
  return runCommand('convert', async () => {
    const p = parseCommandArgs(
      'convert',
      USAGE,
      args,
      {
        out: { type: 'string' },
        strict: { type: 'boolean' },
        report: { type: 'string' },
        encoding: { type: 'string' },
        sheet: { type: 'string' },
        provenance: { type: 'boolean' },
        'day-first': { type: 'boolean' },
        'month-first': { type: 'boolean' },
        'csv-table': { type: 'string' },
        // `--data FILE...` as the other commands take it: the same as FILE...
        data: { type: 'string', multiple: true }
      },
      { max: Number.MAX_SAFE_INTEGER, names: 'FILE' }
    );
    const inputs = [...listOpt(p, 'data'), ...p.positionals];
    if (inputs.length === 0) throw new CliError(`segmint convert: missing FILE (files, folders or globs to read as one table)\nusage: ${USAGE}`);
    const out = requireOpt(p, 'out', 'convert', USAGE);
    const format = outFormat(out);
    const reportPath = stringOpt(p, 'report');
    if (reportPath !== undefined && extname(reportPath).toLowerCase() !== '.json') throw new CliError(`segmint convert: --report '${reportPath}': the report is JSON; give a file name ending in .json\nusage: ${USAGE}`);
    if (boolOpt(p, 'day-first') && boolOpt(p, 'month-first')) throw new CliError('segmint convert: give --day-first or --month-first, not both');
    const paths = inputFiles(inputs);
    const target = resolve(out);
    if (paths.some((f) => resolve(f) === target)) throw new CliError(`segmint convert: --out '${out}' is one of the files read: write the converted table to another file`);
    if (reportPath !== undefined && resolve(reportPath) === target) throw new CliError('segmint convert: --out and --report name the same file');
    const outDir = dirname(target);
    if (!existsSync(outDir) || !statSync(outDir).isDirectory()) throw new CliError(`segmint convert: cannot write '${out}': the folder '${dirname(out)}' does not exist; create it first`);
    const sheet = stringOpt(p, 'sheet');
    const encoding = stringOpt(p, 'encoding');
    const csvTable = csvTableOpt(p);
    const options: LoadOptions & { provenance: boolean } = {
      provenance: boolOpt(p, 'provenance'),
      strict: boolOpt(p, 'strict'),
      ...(encoding !== undefined ? { encoding } : {}),
      ...(sheet !== undefined ? { sheet: /^\d+$/.test(sheet) ? Number(sheet) : sheet } : {}),
      ...(boolOpt(p, 'day-first') ? { dayFirst: true } : boolOpt(p, 'month-first') ? { dayFirst: false } : {}),
      ...(csvTable !== undefined ? { table: csvTable } : {})
    };
    const backend = await NativeBackend.create();
    let r: ExportReport;
    try {
      r = await writeAtomically(target, (tmp) => exportTable(backend, paths.map((f) => nodeFile(f)), { format, path: tmp }, options));
    } catch (err) {
      if (err instanceof LoadError) {
        const lines = err.issues.length ? err.issues.map((i) => `  ${i.severity}: ${localIssue(i)}`) : [`  ${err.message}`];
        throw new CliError([`segmint convert: cannot read ${filesLabel(paths.map((f) => basename(f)))}; nothing was written:`, ...lines].join('\n'));
      }
      // not a problem of the data the reader names: the output path, or an error of the engine
      throw new CliError(`segmint convert: cannot convert ${filesLabel(paths.map((f) => basename(f)))} to '${out}' (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); nothing was written`);
    } finally {
      await backend.close();
    }
    process.stderr.write(describeExport(r, out, format, reportPath).join('\n') + '\n');
    if (reportPath !== undefined) {
      const data = { files: r.files, format: r.format, encoding: r.encoding, rows: r.rows, columns: r.columns, repairs: r.repairs, issues: r.issues };
      try {
        writeFileSync(reportPath, JSON.stringify(data, null, 2) + '\n');
      } catch (err) {
        throw new CliError(`segmint convert: wrote '${out}' but cannot write the report '${reportPath}': ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return 0;
  });
}
