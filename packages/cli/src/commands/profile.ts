// `segmint profile --data FILE...`: what Segmint reads from the files (format, encoding,
// columns and types, row count, guessed roles, rows it would leave out, issues), without
// segmenting anything. Exit 0 when the files can be read, 2 on bad usage or unreadable data.
import { existsSync } from 'node:fs';
import { LoadError, profileFiles, repairExampleLines, rowLabel, filesLabel, type LoadReport, type Role, type RoleMap } from '@segmint/engine';
import { NativeBackend, expandInputs, nodeFile } from '@segmint/engine/node';
import { CliError, LOAD_HELP, LOAD_OPTIONS, LOAD_USAGE, boolOpt, listOpt, loadFlags, parseCommandArgs, runCommand, stringOpt } from '../args.js';
import { localIssue, ProgressLine } from '../data.js';
import { engineText } from '../locale.js';

const USAGE = `segmint profile --data FILE... [--map ROLE=EXPR]... [--encoding ENC] [--sheet NAME] [--day-first|--month-first] [--json] ${LOAD_USAGE}`;
const ROLES: Role[] = ['customer', 'date', 'amount', 'order'];

export function parseMaps(maps: string[], command: string): RoleMap {
  const roles: RoleMap = {};
  for (const m of maps) {
    const eq = m.indexOf('=');
    const role = (eq > 0 ? m.slice(0, eq).trim().toLowerCase() : '') as Role;
    if (!ROLES.includes(role) || m.slice(eq + 1).trim() === '')
      throw new CliError(`segmint ${command}: --map takes ROLE=COLUMN or ROLE=EXPRESSION with ROLE one of ${ROLES.join(', ')} (got '${m}'), e.g. --map "amount=Quantity * UnitPrice"`);
    roles[role] = m.slice(eq + 1).trim();
  }
  return roles;
}

export function dataFiles(data: string[], command: string): string[] {
  const missing = data.filter((d) => !/[*?]/.test(d) && !existsSync(d));
  if (missing.length) throw new CliError(`segmint ${command}: cannot find ${missing.map((m) => `'${m}'`).join(', ')}: give existing files, folders or globs to --data`);
  const paths = expandInputs(data);
  if (paths.length === 0) throw new CliError(`segmint ${command}: no data files found in ${data.map((d) => `'${d}'`).join(', ')} (supported: .csv .tsv .txt .psv .xlsx .xls .parquet .json .ndjson .jsonl)`);
  return paths;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? '')].length)));
  return rows.map((r) => '  ' + r.map((cell, c) => (c === r.length - 1 ? cell : cell + ' '.repeat(widths[c]! - [...cell].length))).join('  ').trimEnd()).join('\n');
}

export function renderProfile(r: LoadReport): string {
  const out: string[] = [];
  out.push(`files:    ${filesLabel(r.files)}`);
  out.push(`format:   ${r.format}`);
  out.push(`encoding: ${r.encoding}`);
  out.push(`rows:     ${r.rows}`);
  out.push('');
  const roleOf = new Map<string, string>();
  for (const role of ROLES) {
    const v = r.roles[role];
    if (v !== undefined) roleOf.set(v, `${role} (${r.roleSource[role] ?? 'guessed'})`);
  }
  out.push('columns:');
  out.push(table([['name', 'type', 'role'], ...r.columns.map((c) => [c.name, c.type, roleOf.get(c.name) ?? ''])]));
  out.push('');
  out.push('roles:');
  for (const role of ROLES) {
    const v = r.roles[role];
    out.push(`  ${role.padEnd(8)} ${v === undefined ? (role === 'order' ? '(not mapped: each row is one order)' : '(not mapped)') : `${v} (${r.roleSource[role] ?? 'guessed'})`}`);
  }
  out.push('');
  if (r.leftOut.length === 0) out.push('left out: none');
  else {
    out.push('left out (rows are data rows, counted from 1 below the header):');
    for (const l of r.leftOut) {
      out.push(`  ${l.count} row${l.count === 1 ? '' : 's'}: ${engineText(l).message}`);
      for (const e of l.examples) out.push(`    ${e.file} ${rowLabel(e.row)}: ${e.value === '(empty)' ? '(empty)' : `'${e.value}'`}`);
    }
  }
  // what the text reader repaired, left out or skipped, with the rows before (and after)
  out.push('');
  if (r.repairs.length === 0) out.push('repairs: none');
  else {
    out.push('repairs (lines of the file; data rows counted from 1 below the header):');
    for (const g of r.repairs) {
      const [unit, verb] = g.action === 'repaired' ? ['row', 'repaired'] : g.action === 'left_out' ? ['row', 'left out'] : ['line', 'skipped'];
      out.push(`  ${g.count} ${unit}${g.count === 1 ? '' : 's'} ${verb}: ${engineText(g).message}${engineText(g).hint ? `. ${engineText(g).hint}` : ''}`);
      for (const e of repairExampleLines(g, 5)) out.push(`    ${e}`);
      if (g.count > 5) out.push(`    ... and ${g.count - 5} more (--json lists the examples kept)`);
    }
  }
  if (r.issues.length) {
    out.push('');
    out.push('issues:');
    for (const i of r.issues) out.push(`  ${i.severity}: ${localIssue(i)}`);
  }
  return out.join('\n') + '\n';
}

export async function profile(args: string[]): Promise<number> {
  return runCommand('profile', async () => {
    const p = parseCommandArgs(
      'profile',
      USAGE,
      args,
      {
        data: { type: 'string', multiple: true },
        map: { type: 'string', multiple: true },
        encoding: { type: 'string' },
        sheet: { type: 'string' },
        'day-first': { type: 'boolean' },
        'month-first': { type: 'boolean' },
        json: { type: 'boolean' },
        ...LOAD_OPTIONS
      },
      { max: Number.MAX_SAFE_INTEGER, names: 'FILE', help: `${LOAD_HELP}\n  (profile: --strict says whether the files would load in strict mode)` }
    );
    const flags = loadFlags(p);
    // `--data a.csv b.csv` (what a shell makes of `--data *.csv`): the files after --data
    const data = [...listOpt(p, 'data'), ...p.positionals];
    if (listOpt(p, 'data').length === 0) throw new CliError(`segmint profile: --data is required\nusage: ${USAGE}`);
    if (boolOpt(p, 'day-first') && boolOpt(p, 'month-first')) throw new CliError('segmint profile: give --day-first or --month-first, not both');
    const paths = dataFiles(data, 'profile');
    const sheet = stringOpt(p, 'sheet');
    const backend = await NativeBackend.create();
    const progress = new ProgressLine(process.stderr, { enabled: !flags.quiet });
    progress.start('data');
    try {
      const report = await profileFiles(
        backend,
        paths.map((f) => nodeFile(f)),
        {
          roles: parseMaps(listOpt(p, 'map'), 'profile'),
          encoding: stringOpt(p, 'encoding'),
          sheet: sheet !== undefined && /^\d+$/.test(sheet) ? Number(sheet) : sheet,
          dayFirst: boolOpt(p, 'day-first') ? true : boolOpt(p, 'month-first') ? false : undefined,
          ...(flags.strict ? { strict: true } : {}),
          ...(flags.keepImplausibleDates ? { keepImplausibleDates: true } : {}),
          ...(flags.csvTable !== undefined ? { table: flags.csvTable } : {}),
          onProgress: progress.update
        }
      );
      progress.stop();
      process.stdout.write(boolOpt(p, 'json') ? JSON.stringify(report, null, 2) + '\n' : renderProfile(report));
      return 0;
    } catch (err) {
      if (err instanceof LoadError) throw new CliError(`segmint profile: ${err.message}`, 2);
      throw err;
    } finally {
      progress.stop();
      await backend.close();
    }
  });
}
