// segmint fmt RULES [--write] [--check]
// Canonical formatting of a rule file: to stdout, in place (--write), or only tell whether the
// file is formatted (--check: exit 1 when it is not). Syntax errors: diagnostics, exit 1.
import { writeFileSync } from 'node:fs';
import { formatRules } from '@segmint/dsl';
import { CliError, boolOpt, parseCommandArgs, runCommand } from '../args.js';
import { printDiagnostics, readRules } from './check.js';

const usage = 'segmint fmt RULES [--write] [--check]';

export async function fmt(args: string[]): Promise<number> {
  return runCommand('fmt', async () => {
    const p = parseCommandArgs('fmt', usage, args, { write: { type: 'boolean' }, check: { type: 'boolean' } }, { min: 1, max: 1, names: 'RULES (the rule file)' });
    const path = p.positionals[0] as string;
    const source = readRules(path, 'fmt');
    const result = formatRules(source);
    if (result.diagnostics.some((d) => d.severity === 'error')) {
      printDiagnostics(result.diagnostics, source, path);
      process.stderr.write(`${path}: not formatted: fix the syntax errors first\n`);
      return 1;
    }
    if (boolOpt(p, 'check')) {
      if (result.text === source) return 0;
      process.stderr.write(`${path}: not formatted (run: segmint fmt ${path} --write)\n`);
      return 1;
    }
    if (boolOpt(p, 'write')) {
      if (result.text !== source) {
        try {
          writeFileSync(path, result.text, 'utf8');
        } catch (err) {
          throw new CliError(`segmint fmt: cannot write '${path}': ${(err as Error).message}`);
        }
        process.stderr.write(`${path}: formatted\n`);
      }
      return 0;
    }
    process.stdout.write(result.text);
    return 0;
  });
}
