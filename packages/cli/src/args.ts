// A small shared argument parser over node:util parseArgs: repeated options (--data, --map),
// clear usage errors (exit code 2), and a wrapper that turns errors into exit codes.
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** An error the user can fix; printed without a stack trace, with its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 2
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

/**
 * Parse `args` for `command`. Unknown options, missing values and wrong positional counts throw a
 * CliError (exit 2) that quotes the command's usage line.
 */
export function parseCommandArgs(
  command: string,
  usage: string,
  args: string[],
  options: OptionSpec,
  positionals: { min?: number; max?: number; names?: string; help?: string } = {}
): Parsed {
  // --help: the usage line and what the options mean (stdout, exit 0)
  if (args.includes('--help') || args.includes('-h')) throw new CliError(`usage: ${usage}${positionals.help ? `\n\n${positionals.help}` : ''}`, 0);
  let parsed: Parsed;
  try {
    const expanded = options.data?.multiple ? spreadData(args) : args;
    parsed = parseArgs({ args: expanded, options, allowPositionals: true, strict: true }) as Parsed;
  } catch (err) {
    const msg = err instanceof Error ? err.message.replace(/\. To specify a positional argument.*$/s, '') : String(err);
    throw new CliError(`segmint ${command}: ${msg}\nusage: ${usage}`);
  }
  const n = parsed.positionals.length;
  const { min = 0, max = 0 } = positionals;
  if (n < min) throw new CliError(`segmint ${command}: missing ${positionals.names ?? 'argument'}\nusage: ${usage}`);
  if (n > max) throw new CliError(`segmint ${command}: unexpected argument '${parsed.positionals[max]}'\nusage: ${usage}`);
  return parsed;
}

/**
 * `--data a.csv b.csv` as `--data a.csv --data b.csv`: a shell expands `--data *.csv` into several
 * words. The words after --data up to the next option are data files, except a rule file (`.seg`),
 * which stays a positional argument (`segmint check --data x.csv rules.seg`).
 */
export function spreadData(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    out.push(a);
    if (a !== '--data') continue;
    if (i + 1 < args.length) out.push(args[++i]!);
    while (i + 1 < args.length && !args[i + 1]!.startsWith('-') && !/\.seg$/i.test(args[i + 1]!)) out.push(a, args[++i]!);
  }
  return out;
}

/** A string option's value (the last one when repeated), or undefined. */
export function stringOpt(p: Parsed, name: string): string | undefined {
  const v = p.values[name];
  if (Array.isArray(v)) {
    const last = v[v.length - 1];
    return typeof last === 'string' ? last : undefined;
  }
  return typeof v === 'string' ? v : undefined;
}

/** A repeatable string option's values, in order (empty when absent). */
export function listOpt(p: Parsed, name: string): string[] {
  const v = p.values[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? [v] : [];
}

export function boolOpt(p: Parsed, name: string): boolean {
  return p.values[name] === true;
}

/** The options every command that loads data takes (see loadFlags). */
export const LOAD_OPTIONS: OptionSpec = {
  strict: { type: 'boolean' },
  'keep-implausible-dates': { type: 'boolean' },
  quiet: { type: 'boolean' },
  'csv-table': { type: 'string' }
};

/** How LOAD_OPTIONS read in a usage line. */
export const LOAD_USAGE = '[--strict] [--keep-implausible-dates] [--quiet] [--csv-table N]';

/** What LOAD_OPTIONS mean, for a command's usage text. */
export const LOAD_HELP = `  --strict                  a date or an amount that is empty or cannot be read, a date before
                            1900 or after today, or an amount of 10^14 or more stops the load,
                            naming its file, row, column and value; so does a row the reader would
                            repair or leave out (default: such rows are repaired or left out, and
                            counted; rows without a customer id are never an error)
  --keep-implausible-dates  keep rows dated before 1900-01-01 or after today (default: left out
                            and reported, so they cannot set the default as-of)
  --quiet                   no progress and no informational lines on stderr: warnings and errors only
  --csv-table N             a text file holding several tables (each with its own header): read
                            table N (default 1; the others are named in the report)`;

/** --csv-table N: a whole number from 1 (a CliError otherwise). */
export function csvTableOpt(p: Parsed): number | undefined {
  const v = stringOpt(p, 'csv-table');
  if (v === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(v.trim())) throw new CliError(`--csv-table takes the number of a table in the file, from 1 (got '${v}')`);
  return Number(v);
}

/** --strict, --keep-implausible-dates, --quiet and --csv-table. */
export function loadFlags(p: Parsed): { strict: boolean; keepImplausibleDates: boolean; quiet: boolean; csvTable?: number } {
  const csvTable = csvTableOpt(p);
  return { strict: boolOpt(p, 'strict'), keepImplausibleDates: boolOpt(p, 'keep-implausible-dates'), quiet: boolOpt(p, 'quiet'), ...(csvTable !== undefined ? { csvTable } : {}) };
}

/** A required string option; a CliError naming it when absent. */
export function requireOpt(p: Parsed, name: string, command: string, usage: string): string {
  const v = stringOpt(p, name);
  if (v === undefined || v === '') throw new CliError(`segmint ${command}: --${name} is required\nusage: ${usage}`);
  return v;
}

/** Run a command body, turning CliError (and other errors) into a message on stderr + exit code. */
export async function runCommand(command: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof CliError) {
      // exit code 0: asked-for output such as --help, to stdout
      (err.exitCode === 0 ? process.stdout : process.stderr).write(err.message.endsWith('\n') ? err.message : `${err.message}\n`);
      return err.exitCode;
    }
    const msg = err instanceof Error ? err.message : String(err);
    process.stderr.write(`segmint ${command}: ${msg}\n`);
    return 2;
  }
}
