// segmint migrate --rules R --data ... --from DATE --to DATE [--format md|json|csv|html] [--out F]
// segmint migrate --rules R --before FILE... --after FILE... [...]
//   also: [--playbooks P] [--customers F] [--map ROLE=EXPR]... [--lang en|zh] [--flows N] [--library ID]
// Two runs of one rule file (two as-of dates on one data set, or two data sets), compared
// customer by customer: the transition matrix with "new" and "gone", the biggest flows in
// words, and per-segment retention into the same or a better segment (file order = better first).
import { formatDiagnostic } from '@segmint/dsl';
import { ident, type Backend, type ColumnData } from '@segmint/engine';
import {
  computeMigration,
  formatStrategyDiagnostic,
  isLang,
  parsePlaybooks,
  migrationToCsv,
  migrationToHtml,
  migrationToJson,
  migrationToMarkdown,
  snapshotRun,
  type Lang,
  type Playbook
} from '@segmint/strategy';
import { CliError, LOAD_HELP, LOAD_OPTIONS, LOAD_USAGE, listOpt, loadFlags, parseCommandArgs, runCommand, stringOpt } from '../args.js';
import { noticeLines, openData, type OpenedData } from '../data.js';
import { ruleUses } from '../uses.js';
import { rulesAndPlaybooks, validDate, writeOut } from './report.js';
import { locale } from '../locale.js';

const usage = `segmint migrate --rules R [--playbooks P] (--data FILE... --from YYYY-MM-DD --to YYYY-MM-DD | --before FILE... --after FILE...) [--customers FILE] [--map ROLE=EXPR]... [--format md|json|csv|html] [--out FILE] [--lang en|zh] [--flows N] [--library ID] [--encoding ENC] ${LOAD_USAGE}`;

async function copySnapshot(from: Backend, to: Backend, table: string): Promise<void> {
  const rows = await from.query(`SELECT customer, segment, M FROM ${ident(table)}`);
  const columns: ColumnData[] = [
    { name: 'customer', type: 'text', values: rows.map((r) => (r.customer === null ? null : String(r.customer))) },
    { name: 'segment', type: 'text', values: rows.map((r) => (r.segment === null ? null : String(r.segment))) },
    { name: 'M', type: 'number', values: rows.map((r) => (r.M === null ? null : Number(r.M))) }
  ];
  await to.insertColumns(table, columns);
}

export async function migrate(args: string[]): Promise<number> {
  return runCommand('migrate', async () => {
    const p = parseCommandArgs('migrate', usage, args, {
      rules: { type: 'string' },
      playbooks: { type: 'string' },
      library: { type: 'string' },
      data: { type: 'string', multiple: true },
      before: { type: 'string', multiple: true },
      after: { type: 'string', multiple: true },
      from: { type: 'string' },
      to: { type: 'string' },
      customers: { type: 'string' },
      map: { type: 'string', multiple: true },
      format: { type: 'string' },
      out: { type: 'string' },
      lang: { type: 'string' },
      flows: { type: 'string' },
      encoding: { type: 'string' },
      ...LOAD_OPTIONS
    }, { help: `${LOAD_HELP}\n  (--quiet also leaves out the customer counts and the biggest flows)` });
    const flags = loadFlags(p);
    const opt = (n: string) => stringOpt(p, n);
    const out = opt('out');
    const ext = out?.toLowerCase().replace(/^.*\./, '') ?? '';
    const fmt = opt('format') ?? ({ json: 'json', csv: 'csv', html: 'html', htm: 'html' }[ext] ?? 'md');
    if (!['md', 'json', 'csv', 'html'].includes(fmt)) throw new CliError(`segmint migrate: --format must be md, json, csv or html, got '${fmt}'`);
    const flowsOpt = opt('flows');
    const flows = flowsOpt === undefined ? 5 : Number(flowsOpt);
    if (!Number.isInteger(flows) || flows < 0) throw new CliError(`segmint migrate: --flows takes a whole number, got '${flowsOpt}'`);
    const data = listOpt(p, 'data');
    const before = listOpt(p, 'before');
    const after = listOpt(p, 'after');
    const from = opt('from');
    const to = opt('to');
    const byDates = data.length > 0;
    if (byDates === (before.length > 0 || after.length > 0))
      throw new CliError(`segmint migrate: give either --data with --from and --to (two dates), or --before and --after (two data sets)\nusage: ${usage}`);
    if (byDates) {
      if (from === undefined || to === undefined) throw new CliError(`segmint migrate: --data needs --from and --to (YYYY-MM-DD)\nusage: ${usage}`);
      for (const [n, v] of [
        ['--from', from],
        ['--to', to]
      ] as const)
        if (!validDate(v)) throw new CliError(`segmint migrate: ${n} must be a calendar date written YYYY-MM-DD (e.g. 2024-06-30), got '${v}'`);
      if (from >= to) throw new CliError(`segmint migrate: --from (${from}) must be before --to (${to})`);
    } else {
      if (before.length === 0 || after.length === 0) throw new CliError(`segmint migrate: --before and --after go together\nusage: ${usage}`);
      if (from !== undefined && !validDate(from)) throw new CliError(`segmint migrate: --from must be YYYY-MM-DD, got '${from}'`);
      if (to !== undefined && !validDate(to)) throw new CliError(`segmint migrate: --to must be YYYY-MM-DD, got '${to}'`);
    }
    const src = rulesAndPlaybooks({ library: opt('library'), rules: opt('rules'), playbooks: opt('playbooks'), lang: opt('lang') }, 'migrate');
    // Playbooks (optional): their `retention` KPIs are checked against the review.
    let playbooks: Playbook[] = [];
    if (src.playbooks !== null) {
      const parsed = parsePlaybooks(src.playbooks);
      for (const d of parsed.diagnostics) process.stderr.write(formatStrategyDiagnostic(d, src.playbooks, src.playbooksPath ?? 'playbooks', locale()) + '\n');
      if (!parsed.file) return 1;
      playbooks = parsed.file.playbooks;
    }
    const langOpt = opt('lang');
    const lang: Lang = langOpt !== undefined && isLang(langOpt) ? langOpt : 'en';
    const customers = opt('customers');
    const encoding = opt('encoding');
    const common = {
      map: listOpt(p, 'map'),
      ...(customers !== undefined ? { customers } : {}),
      ...(encoding !== undefined ? { encoding } : {}),
      ...flags
    };

    let printed = false;
    // the warnings of building the customers at each as-of (an as-of outside the data's dates),
    // each once (openData prints those of its own build)
    const warned = new Set<string>();
    const run = async (opened: OpenedData, asOf: string | undefined, into: string) => {
      for (const line of noticeLines(opened.workspace.customersInfo?.notices ?? [], true)) warned.add(line);
      const { compiled, result } = await opened.workspace.runRules(src.rules, asOf !== undefined ? { asOf, into: `seg_${into}`, uses: ruleUses(src.rulesPath, src.rules) } : { into: `seg_${into}`, uses: ruleUses(src.rulesPath, src.rules) });
      for (const line of noticeLines(opened.workspace.customersInfo?.notices ?? [], true)) {
        if (!warned.has(line)) process.stderr.write(line + '\n');
        warned.add(line);
      }
      if (!printed) {
        for (const d of compiled.diagnostics) if (d.severity !== 'info') process.stderr.write(formatDiagnostic(d, src.rules, src.rulesPath, locale()) + '\n');
        printed = true;
      }
      if (!compiled.ok || !result) return null;
      await snapshotRun(opened.backend, { table: result.table, into });
      if (!flags.quiet) process.stderr.write(`${into === 'snap_before' ? 'before' : 'after'}: ${result.total.toLocaleString('en-US')} customers as of ${result.asOf}\n`);
      return result;
    };

    let main: OpenedData;
    let fromLabel: string;
    let toLabel: string;
    let segments;
    if (byDates) {
      main = await openData({ data, ...common, asOf: to! });
      try {
        const a = await run(main, from, 'snap_before');
        if (!a) return 1;
        const b = await run(main, to, 'snap_after');
        if (!b) return 1;
        segments = b.segments;
        fromLabel = a.asOf;
        toLabel = b.asOf;
      } catch (err) {
        await main.close();
        throw err;
      }
    } else {
      const first = await openData({ data: before, ...common, ...(from !== undefined ? { asOf: from } : {}) });
      let a;
      try {
        a = await run(first, from, 'snap_before');
        if (!a) return 1;
        main = await openData({ data: after, ...common, ...(to !== undefined ? { asOf: to } : {}) });
        try {
          await copySnapshot(first.backend, main.backend, 'snap_before');
        } catch (err) {
          await main.close();
          throw err;
        }
      } finally {
        await first.close();
      }
      try {
        const b = await run(main, to, 'snap_after');
        if (!b) {
          await main.close();
          return 1;
        }
        segments = b.segments;
        fromLabel = `${before.join(' ')} (${a.asOf})`;
        toLabel = `${after.join(' ')} (${b.asOf})`;
      } catch (err) {
        await main.close();
        throw err;
      }
    }
    try {
      const m = await computeMigration(main.backend, { before: 'snap_before', after: 'snap_after', segments, from: fromLabel, to: toLabel, lang, flows, playbooks });
      writeOut(fmt === 'json' ? migrationToJson(m) : fmt === 'csv' ? migrationToCsv(m) : fmt === 'html' ? migrationToHtml(m) : migrationToMarkdown(m), out, 'migrate');
      if (!flags.quiet) for (const f of m.flows.slice(0, 3)) process.stderr.write(`  ${f.text}\n`);
      if (out !== undefined && !flags.quiet) process.stderr.write(`wrote the ${fmt} migration review to ${out}\n`);
      return 0;
    } finally {
      await main.close();
    }
  });
}
