// segmint sql RULES [--data FILE...] [--customers FILE] [--map ROLE=EXPR]... [--as-of DATE]
//                   [--dialect duckdb] [--bind]
// The compiled SQL, as it would run over the customer relation (stdout). Without --data the
// fields are the built-in metrics plus any other name as a column; `as_of` needs an `as of` line.
import { compileRules, readAsOf } from '@segmint/dsl';
import { CUSTOMERS_TABLE } from '@segmint/engine';
import { CliError, LOAD_HELP, LOAD_OPTIONS, LOAD_USAGE, loadFlags, boolOpt, listOpt, parseCommandArgs, runCommand, stringOpt } from '../args.js';
import { openData } from '../data.js';
import { ruleUses } from '../uses.js';
import { printDiagnostics, readRules, summary } from './check.js';

const usage = `segmint sql RULES [--data FILE...] [--customers FILE] [--map ROLE=EXPR]... [--as-of YYYY-MM-DD] [--dialect duckdb] [--bind] ${LOAD_USAGE}`;
const DIALECTS = ['duckdb'] as const;

export async function sql(args: string[]): Promise<number> {
  return runCommand('sql', async () => {
    const p = parseCommandArgs(
      'sql',
      usage,
      args,
      {
        data: { type: 'string', multiple: true },
        customers: { type: 'string' },
        map: { type: 'string', multiple: true },
        'as-of': { type: 'string' },
        dialect: { type: 'string' },
        bind: { type: 'boolean' },
        ...LOAD_OPTIONS
      },
      { min: 1, max: 1, names: 'RULES (the rule file)', help: `${LOAD_HELP}\n  (these apply with --data)` }
    );
    const flags = loadFlags(p);
    const dialect = stringOpt(p, 'dialect') ?? 'duckdb';
    if (!(DIALECTS as readonly string[]).includes(dialect)) throw new CliError(`segmint sql: unknown dialect '${dialect}': the dialects are ${DIALECTS.join(', ')}\nusage: ${usage}`);
    const path = p.positionals[0] as string;
    const source = readRules(path, 'sql');
    const data = listOpt(p, 'data');
    const bind = boolOpt(p, 'bind');
    const asOfOpt = stringOpt(p, 'as-of');
    const uses = ruleUses(path, source);
    let compiled;
    if (data.length > 0) {
      const asOf = asOfOpt ?? readAsOf(source) ?? undefined;
      const customers = stringOpt(p, 'customers');
      const opened = await openData({ data, map: listOpt(p, 'map'), ...(customers ? { customers } : {}), ...(asOf ? { asOf } : {}), ...flags });
      try {
        compiled = compileRules(source, opened.schema, { relation: CUSTOMERS_TABLE, idColumn: 'customer', asOf: opened.asOf, dialect: 'duckdb', bind, uses });
      } finally {
        await opened.close();
      }
    } else {
      compiled = compileRules(source, null, { relation: CUSTOMERS_TABLE, idColumn: 'customer', dialect: 'duckdb', bind, uses, ...(asOfOpt ? { asOf: asOfOpt } : {}) });
    }
    const errors = printDiagnostics(compiled.diagnostics, source, path);
    if (errors > 0 || !compiled.ok) {
      process.stderr.write(`${path}: ${summary(compiled.diagnostics)}\n`);
      return 1;
    }
    let out = compiled.sql + ';\n';
    if (compiled.params.length > 0) out += compiled.params.map((v, i) => `-- $${i + 1} = ${JSON.stringify(v)}`).join('\n') + '\n';
    process.stdout.write(out);
    return 0;
  });
}
