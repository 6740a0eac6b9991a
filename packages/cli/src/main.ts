// The `segmint` command: a thin shell over the packages. Each command lives in its own module
// under commands/ and returns its exit code (see ../shared/spec/cli.md).
import { CliError } from './args.js';
import { commands } from './commands/index.js';
import { takeLangOption } from './locale.js';

const usage = `segmint: customer segmentation from the command line

Usage:
  segmint check RULES [--data FILE...]          diagnostics; with --data also field/type checks
  segmint fmt RULES [--write]                   canonical formatting (stdout, or in place)
  segmint sql RULES [--data FILE...] [--dialect duckdb]
  segmint profile --data FILE...                columns, types, row count, guessed roles
  segmint segment --rules RULES --data FILE... [--customers FILE] [--map ROLE=EXPR]...
                  [--as-of YYYY-MM-DD] [--out FILE.csv|FILE.parquet|FILE.json]
  segmint report  --rules R --playbooks P --data ... [--format md|html|json|csv] [--out F]
  segmint migrate --rules R --data ... --from DATE --to DATE [--format md|json|csv]
  segmint diff OLD.seg NEW.seg --data ... [--as-of DATE] [--format md|json] [--flows N]
                                              who would move where with a changed rule file
  segmint convert FILE... --out OUT.csv|OUT.parquet [--report REPORT.json] [--provenance]
                                              the table exactly as Segmint reads it, repairs reported

Loading data (each command's --help tells which it takes): --strict (refuse instead of
  repairing), --quiet, --keep-implausible-dates, --encoding ENC, --sheet NAME, --csv-table N,
  --day-first|--month-first

Messages follow LC_ALL, LC_MESSAGES or LANG (zh_CN.UTF-8: Simplified Chinese); --lang en|zh
  (any command) overrides.

Exit codes: 0 success, 1 the rules have errors, 2 bad usage or unreadable data.`;

async function main(all: string[]): Promise<number> {
  let argv: string[];
  try {
    argv = takeLangOption(all);
  } catch (err) {
    process.stderr.write(`${err instanceof CliError ? err.message : String(err)}\n`);
    return 2;
  }
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage + '\n');
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`segmint: unknown command '${name}'\n\n${usage}\n`);
    return 2;
  }
  return command(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`segmint: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  }
);
