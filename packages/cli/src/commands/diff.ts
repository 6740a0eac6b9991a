// segmint diff OLD.seg NEW.seg --data FILE... [--customers F] [--map ROLE=EXPR]... [--as-of D]
//              [--format md|json] [--out F] [--lang en|zh] [--flows N]
// The impact of a rule change: both rule files run on the same customers (same data, same
// as-of), compared customer by customer: the matrix (old segment -> new segment), the biggest
// moves in words and the customers whose segment changes. Markdown to paste into the review of a
// rule change in git, or JSON. Exit 0; 1 when either rule file has errors; 2 bad usage or data.
import { compileRules, formatDiagnostic, readAsOf } from '@segmint/dsl';
import { computeRuleDiff, isLang, ruleDiffToJson, ruleDiffToMarkdown, type Lang } from '@segmint/strategy';
import { CliError, LOAD_HELP, LOAD_OPTIONS, LOAD_USAGE, listOpt, loadFlags, parseCommandArgs, runCommand, stringOpt } from '../args.js';
import { dataOptionsOf, noticeLines, openData } from '../data.js';
import { ruleUses } from '../uses.js';
import { locale } from '../locale.js';
import { readRules } from './check.js';
import { validDate, writeOut } from './report.js';

const usage = `segmint diff OLD.seg NEW.seg --data FILE... [--customers FILE] [--map ROLE=EXPR]... [--as-of YYYY-MM-DD] [--format md|json] [--out FILE] [--lang en|zh] [--flows N] [--encoding ENC] ${LOAD_USAGE}`;

const HELP = `Both rule files run on the same customers; the output says who would move where.
  --as-of D        the analysis date of both runs (default: the new file's \`as of\` line, else the
                   old file's, else the latest date in the data)
  --format md|json Markdown (default; the title names both files) or JSON (default from --out's
                   extension)
  --flows N        how many of the biggest moves to put in words (default 5)
  --lang en|zh     the language of the output and the messages
${LOAD_HELP}
  (--quiet also leaves out the summary line)`;

export async function diff(args: string[]): Promise<number> {
  return runCommand('diff', async () => {
    const p = parseCommandArgs(
      'diff',
      usage,
      args,
      {
        data: { type: 'string', multiple: true },
        customers: { type: 'string' },
        map: { type: 'string', multiple: true },
        'as-of': { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        lang: { type: 'string' },
        flows: { type: 'string' },
        encoding: { type: 'string' },
        ...LOAD_OPTIONS
      },
      { min: 2, max: 2, names: 'OLD.seg and NEW.seg (the two versions of the rule file)', help: HELP }
    );
    const flags = loadFlags(p);
    const opt = (n: string) => stringOpt(p, n);
    const [oldPath, newPath] = p.positionals as [string, string];
    const out = opt('out');
    const ext = out?.toLowerCase().replace(/^.*\./, '') ?? '';
    const fmt = opt('format') ?? (ext === 'json' ? 'json' : 'md');
    if (fmt !== 'md' && fmt !== 'json') throw new CliError(`segmint diff: --format must be md or json, got '${fmt}'`);
    const flowsOpt = opt('flows');
    const flows = flowsOpt === undefined ? 5 : Number(flowsOpt);
    if (!Number.isInteger(flows) || flows < 0) throw new CliError(`segmint diff: --flows takes a whole number, got '${flowsOpt}'`);
    const langOpt = opt('lang');
    const lang: Lang = langOpt !== undefined && isLang(langOpt) ? langOpt : locale() === 'zh-CN' ? 'zh' : 'en';
    const asOfOpt = opt('as-of');
    if (asOfOpt !== undefined && !validDate(asOfOpt)) throw new CliError(`segmint diff: --as-of must be a calendar date written YYYY-MM-DD (e.g. 2024-06-30), got '${asOfOpt}'`);
    const data = listOpt(p, 'data');
    if (data.length === 0) throw new CliError(`segmint diff: --data is required: the rule files are compared on the customers of this data\nusage: ${usage}`);

    const files = [
      { path: oldPath, text: readRules(oldPath, 'diff') },
      { path: newPath, text: readRules(newPath, 'diff') }
    ].map((f) => ({ ...f, uses: ruleUses(f.path, f.text) }));
    // Errors that do not depend on the data (syntax, unknown functions, base files), of both files,
    // before any loading.
    let failed = false;
    for (const f of files) {
      const early = compileRules(f.text, null, { relation: 'customers', uses: f.uses, ...(asOfOpt !== undefined ? { asOf: asOfOpt } : {}) });
      if (!early.ok) {
        failed = true;
        for (const d of early.diagnostics) process.stderr.write(formatDiagnostic(d, f.text, f.path, locale()) + '\n');
      }
    }
    if (failed) return 1;

    // one as-of for both runs: --as-of, else the new file's line, else the old file's
    const lines = files.map((f) => readAsOf(f.text)).map((d) => (d !== null && validDate(d) ? d : null));
    const asOf = asOfOpt ?? lines[1] ?? lines[0] ?? undefined;
    if (asOfOpt === undefined && lines[0] !== null && lines[1] !== null && lines[0] !== lines[1])
      process.stderr.write(`segmint diff: warning: the files' 'as of' lines differ (${lines[0]}, ${lines[1]}); both run as of ${lines[1]} (the new file's; --as-of sets another)\n`);
    const opened = await openData(dataOptionsOf(p, data, asOf));
    try {
      const warned = new Set(noticeLines(opened.workspace.customersInfo?.notices ?? [], true));
      const runs = [];
      for (const [i, f] of files.entries()) {
        // the same as-of for both (an `as of` line in either file does not rebuild the customers)
        const { compiled, result } = await opened.workspace.runRules(f.text, { asOf: opened.asOf, into: i === 0 ? 'segmint_diff_seg_old' : 'segmint_diff_seg_new', uses: f.uses });
        for (const line of noticeLines(opened.workspace.customersInfo?.notices ?? [], true)) {
          if (!warned.has(line)) process.stderr.write(line + '\n');
          warned.add(line);
        }
        for (const d of compiled.diagnostics) if (d.severity !== 'info') process.stderr.write(formatDiagnostic(d, f.text, f.path, locale()) + '\n');
        if (!compiled.ok || !result) failed = true;
        else runs.push(result);
      }
      if (failed || runs.length !== 2) return 1;
      const [a, b] = runs as [(typeof runs)[number], (typeof runs)[number]];
      const m = await computeRuleDiff(opened.backend, {
        old: { table: a.table, segments: a.segments },
        new: { table: b.table, segments: b.segments },
        from: oldPath,
        to: newPath,
        lang,
        flows
      });
      writeOut(fmt === 'json' ? ruleDiffToJson(m, { asOf: b.asOf }) : ruleDiffToMarkdown(m, { asOf: b.asOf }), out, 'diff');
      if (!flags.quiet) {
        const share = m.beforeCustomers ? ((m.changed / m.beforeCustomers) * 100).toFixed(1) : '0.0';
        process.stderr.write(
          lang === 'zh'
            ? `${m.beforeCustomers.toLocaleString('zh-CN')} 位客户（截至 ${b.asOf}）中 ${m.changed.toLocaleString('zh-CN')} 位（${share}%）的细分会改变\n`
            : `${m.changed.toLocaleString('en-US')} of ${m.beforeCustomers.toLocaleString('en-US')} customers (${share}%) would change segment (as of ${b.asOf})\n`
        );
        if (out !== undefined) process.stderr.write(lang === 'zh' ? `已写入 ${out}\n` : `wrote the ${fmt} rule diff to ${out}\n`);
      }
      return 0;
    } finally {
      await opened.close();
    }
  });
}
