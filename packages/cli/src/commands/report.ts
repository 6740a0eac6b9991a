// segmint report --rules R [--playbooks P] --data ... [--customers F] [--map ROLE=EXPR]...
//                [--as-of D] [--format md|html|json|csv] [--out F] [--lang en|zh] [--title T]
//                [--library ID]  (a ready-made model instead of --rules/--playbooks)
//                [--export FILE [--segment ID] | --export-dir DIR (one CSV per segment)]
//                [--columns a,b,...] [--personal mask|omit|keep]
// The segment report of @segmint/strategy (per-segment numbers, playbooks, Pareto line), and
// optionally a customer list for a CRM. Exit codes: 0 ok, 1 errors in the rules or playbooks,
// 2 bad usage or data.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { formatDiagnostic, readAsOf } from '@segmint/dsl';
import {
  exportCustomers,
  formatStrategyDiagnostic,
  renderStrategyError,
  isLang,
  loadLibrary,
  parsePlaybooks,
  renderReport,
  reportFromRun,
  type Lang,
  type ParsedPlaybookFile,
  type ReportFormat,
  type PersonalMode,
  type StrategyDiagnostic
} from '@segmint/strategy';
import { CliError, LOAD_HELP, LOAD_OPTIONS, LOAD_USAGE, listOpt, loadFlags, parseCommandArgs, runCommand, stringOpt } from '../args.js';
import { dataOptionsOf, openData } from '../data.js';
import { ruleUses } from '../uses.js';
import { locale } from '../locale.js';

const usage = `segmint report --rules R [--playbooks P] --data FILE... [--customers FILE] [--map ROLE=EXPR]... [--as-of YYYY-MM-DD] [--format md|html|json|csv] [--out FILE] [--lang en|zh] [--title TEXT] [--library tiers|rfm|lifecycle|value-matrix] [--export FILE.csv [--segment ID] | --export-dir DIR] [--columns A,B,...] [--personal mask|omit|keep] [--encoding ENC] ${LOAD_USAGE}`;

const FORMATS = ['md', 'html', 'json', 'csv'] as const satisfies readonly ReportFormat[];
type Format = ReportFormat;

export function validDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function readText(path: string, what: string, command: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new CliError(`segmint ${command}: cannot read the ${what} '${path}': ${err instanceof Error ? err.message : String(err)}`);
  }
}

function formatOf(p: { format?: string; out?: string }, allowed: readonly string[], command: string): Format {
  if (p.format !== undefined) {
    if (!allowed.includes(p.format)) throw new CliError(`segmint ${command}: --format must be one of ${allowed.join(', ')}, got '${p.format}'`);
    return p.format as Format;
  }
  const ext = p.out ? extname(p.out).slice(1).toLowerCase() : '';
  const byExt: Record<string, Format> = { md: 'md', markdown: 'md', html: 'html', htm: 'html', json: 'json', csv: 'csv' };
  const f = byExt[ext];
  return f && allowed.includes(f) ? f : 'md';
}

/** The rules and playbooks from --library or --rules/--playbooks. */
export function rulesAndPlaybooks(
  p: { library?: string; rules?: string; playbooks?: string; lang?: string },
  command: string
): { rules: string; rulesPath: string; playbooks: string | null; playbooksPath: string | null; libraryLang: Lang | null } {
  if (p.lang !== undefined && !isLang(p.lang)) throw new CliError(`segmint ${command}: --lang must be en or zh, got '${p.lang}'`);
  if (p.library !== undefined) {
    if (p.rules !== undefined) throw new CliError(`segmint ${command}: give either --library or --rules, not both`);
    const lang: Lang = p.lang !== undefined && isLang(p.lang) ? p.lang : 'en';
    let lib;
    try {
      lib = loadLibrary(p.library, lang);
    } catch (err) {
      throw new CliError(`segmint ${command}: ${renderStrategyError(err, locale())}`);
    }
    const playbooksPath = p.playbooks ?? `${p.library}.${lang}.playbooks.yaml`;
    return {
      rules: lib.rules,
      rulesPath: `${p.library}.${lang}.seg`,
      playbooks: p.playbooks !== undefined ? readText(p.playbooks, 'playbook file', command) : lib.playbooks,
      playbooksPath,
      libraryLang: lang
    };
  }
  if (p.rules === undefined) throw new CliError(`segmint ${command}: --rules (or --library) is required`);
  return {
    rules: readText(p.rules, 'rule file', command),
    rulesPath: p.rules,
    playbooks: p.playbooks !== undefined ? readText(p.playbooks, 'playbook file', command) : null,
    playbooksPath: p.playbooks ?? null,
    libraryLang: null
  };
}

export function writeOut(text: string, out: string | undefined, command: string): void {
  if (out === undefined) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(out, text);
  } catch (err) {
    throw new CliError(`segmint ${command}: cannot write '${out}': ${err instanceof Error ? err.message : String(err)}`);
  }
}

export async function report(args: string[]): Promise<number> {
  return runCommand('report', async () => {
    const p = parseCommandArgs('report', usage, args, {
      rules: { type: 'string' },
      playbooks: { type: 'string' },
      library: { type: 'string' },
      data: { type: 'string', multiple: true },
      customers: { type: 'string' },
      map: { type: 'string', multiple: true },
      'as-of': { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      lang: { type: 'string' },
      title: { type: 'string' },
      encoding: { type: 'string' },
      export: { type: 'string' },
      'export-dir': { type: 'string' },
      segment: { type: 'string' },
      columns: { type: 'string' },
      personal: { type: 'string' },
      ...LOAD_OPTIONS
    }, { help: `${LOAD_HELP}\n  (--quiet also leaves out the "wrote ..." lines)` });
    const flags = loadFlags(p);
    const opt = (n: string) => stringOpt(p, n);
    const out = opt('out');
    const format = formatOf({ format: opt('format'), out }, FORMATS, 'report');
    const data = listOpt(p, 'data');
    if (data.length === 0) throw new CliError(`segmint report: --data is required\nusage: ${usage}`);
    const asOfOpt = opt('as-of');
    if (asOfOpt !== undefined && !validDate(asOfOpt)) throw new CliError(`segmint report: --as-of must be a calendar date written YYYY-MM-DD (e.g. 2024-06-30), got '${asOfOpt}'`);
    const personal = opt('personal') ?? 'mask';
    if (!['mask', 'omit', 'keep'].includes(personal)) throw new CliError(`segmint report: --personal must be mask, omit or keep, got '${personal}'`);
    const exportPath = opt('export');
    const exportDir = opt('export-dir');
    if (exportPath !== undefined && exportDir !== undefined) throw new CliError('segmint report: give --export FILE (one list) or --export-dir DIR (one file per segment), not both');
    if (exportDir !== undefined && opt('segment') !== undefined) throw new CliError('segmint report: --export-dir writes every segment; use --export FILE with --segment for one');
    if (exportPath === undefined && exportDir === undefined && (opt('segment') !== undefined || opt('columns') !== undefined || opt('personal') !== undefined))
      throw new CliError('segmint report: --segment, --columns and --personal go with --export FILE.csv or --export-dir DIR (the customer lists)');

    const src = rulesAndPlaybooks({ library: opt('library'), rules: opt('rules'), playbooks: opt('playbooks'), lang: opt('lang') }, 'report');

    // Playbooks first: their errors need no data.
    let playbooks: ParsedPlaybookFile | null = null;
    const playbookLine = (d: StrategyDiagnostic) => formatStrategyDiagnostic(d, src.playbooks ?? '', src.playbooksPath ?? 'playbooks', locale()) + '\n';
    if (src.playbooks !== null) {
      const parsed = parsePlaybooks(src.playbooks);
      for (const d of parsed.diagnostics) process.stderr.write(playbookLine(d));
      if (!parsed.file) return 1;
      playbooks = { text: src.playbooks, file: parsed.file };
    }
    const langOpt = opt('lang');
    const title = opt('title');

    const fileAsOf = readAsOf(src.rules);
    const asOf = asOfOpt ?? (fileAsOf !== null && validDate(fileAsOf) ? fileAsOf : undefined);
    const opened = await openData(dataOptionsOf(p, data, asOf));
    try {
      const { compiled, result } = await opened.workspace.runRules(src.rules, asOfOpt !== undefined ? { asOf: asOfOpt, uses: ruleUses(src.rulesPath, src.rules) } : { uses: ruleUses(src.rulesPath, src.rules) });
      for (const d of compiled.diagnostics) process.stderr.write(formatDiagnostic(d, src.rules, src.rulesPath, locale()) + '\n');
      if (!compiled.ok || !result) return 1;
      // the report in one step, as the app makes it; its diagnostics are the playbooks' notes
      const made = await reportFromRun(opened.backend, result, {
        playbooks,
        ...(langOpt !== undefined && isLang(langOpt) ? { lang: langOpt } : {}),
        ...(title !== undefined ? { title } : {}),
        rulesFile: src.rulesPath,
        playbooksFile: src.playbooksPath
      });
      for (const d of made.diagnostics) process.stderr.write(playbookLine(d));
      const rep = made.report;
      if (!rep) return 1;
      const text = renderReport(rep, format);
      writeOut(text, out, 'report');
      if (out !== undefined && !flags.quiet) process.stderr.write(`wrote the ${format} report (${rep.customers.toLocaleString('en-US')} customers, ${rep.segments.length} segments) to ${out}\n`);
      if (exportPath !== undefined) {
        const seg = opt('segment');
        const ids = result.segments.map((s) => s.id);
        if (seg !== undefined && seg !== '(unassigned)' && !ids.includes(seg))
          throw new CliError(`segmint report: --segment '${seg}' is not a segment of ${src.rulesPath}; segments: ${ids.join(', ')} (or '(unassigned)')`);
        const columns = opt('columns')
          ?.split(',')
          .map((c) => c.trim())
          .filter(Boolean);
        let exported;
        try {
          exported = await exportCustomers(opened.backend, {
            table: result.table,
            ...(seg !== undefined ? { segment: seg === '(unassigned)' ? null : seg } : {}),
            ...(columns ? { columns } : {}),
            personal: personal as PersonalMode
          });
        } catch (err) {
          throw new CliError(`segmint report: --columns: ${renderStrategyError(err, locale())}`);
        }
        writeOut(exported.csv, exportPath, 'report');
        const what = exported.personal.length
          ? `; personal columns ${exported.personal.map((x) => x.column).join(', ')}: ${exported.mode === 'mask' ? 'masked' : exported.mode === 'omit' ? 'left out' : 'kept as they are'}`
          : '';
        if (!flags.quiet) process.stderr.write(`wrote ${exported.rows.toLocaleString('en-US')} customers (${exported.columns.join(', ')}) to ${exportPath}${what}\n`);
      }
      if (exportDir !== undefined) {
        const columns = opt('columns')
          ?.split(',')
          .map((c) => c.trim())
          .filter(Boolean);
        try {
          mkdirSync(exportDir, { recursive: true });
        } catch (err) {
          throw new CliError(`segmint report: cannot create '${exportDir}': ${err instanceof Error ? err.message : String(err)}`);
        }
        const targets: { segment: string | null; file: string }[] = result.segments.map((s) => ({ segment: s.id, file: `${s.id.replace(/[^\p{L}\p{N}_-]+/gu, '_')}.csv` }));
        if (rep.unassigned) targets.push({ segment: null, file: '(unassigned).csv' });
        for (const t of targets) {
          let exported;
          try {
            exported = await exportCustomers(opened.backend, { table: result.table, segment: t.segment, ...(columns ? { columns } : {}), personal: personal as PersonalMode });
          } catch (err) {
            throw new CliError(`segmint report: --columns: ${renderStrategyError(err, locale())}`);
          }
          writeOut(exported.csv, join(exportDir, t.file), 'report');
          if (!flags.quiet) process.stderr.write(`wrote ${exported.rows.toLocaleString('en-US')} customers to ${join(exportDir, t.file)}\n`);
        }
      }
      return 0;
    } finally {
      await opened.close();
    }
  });
}
