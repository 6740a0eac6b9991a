// segmint check RULES [--data FILE...] [--customers FILE] [--map ROLE=EXPR]... [--as-of DATE]
// Diagnostics for a rule file (stderr); with --data the fields and types are checked against
// the loaded customer relation. Exit 0 (warnings allowed), 1 rule errors, 2 usage/data.
import { readFileSync } from 'node:fs';
import { checkRules, compileRules, formatDiagnostic, mergeDiagnostics, parseRulesPartial, readAsOf, type Diagnostic } from '@segmint/dsl';
import { CUSTOMERS_TABLE } from '@segmint/engine';
import { CliError, LOAD_HELP, LOAD_OPTIONS, LOAD_USAGE, loadFlags, listOpt, parseCommandArgs, runCommand, stringOpt } from '../args.js';
import { openData } from '../data.js';
import { ruleUses } from '../uses.js';
import { locale, t } from '../locale.js';

const usage = `segmint check RULES [--data FILE...] [--customers FILE] [--map ROLE=EXPR]... [--as-of YYYY-MM-DD] ${LOAD_USAGE}`;

/** Read a rule file as UTF-8 text; a CliError (exit 2) when it cannot be read. */
export function readRules(path: string, command: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder, not a rule file' : code === 'EACCES' ? 'permission denied' : String((err as Error).message);
    throw new CliError(`segmint ${command}: cannot read '${path}': ${why}`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, '');
  } catch {
    throw new CliError(`segmint ${command}: '${path}' is not UTF-8 text: save the rule file as UTF-8`);
  }
}

/** Print diagnostics to stderr; returns the number of errors. */
export function printDiagnostics(diagnostics: Diagnostic[], source: string, file: string): number {
  for (const d of diagnostics) process.stderr.write(formatDiagnostic(d, source, file, locale()) + '\n');
  return diagnostics.filter((d) => d.severity === 'error').length;
}

export function summary(diagnostics: Diagnostic[]): string {
  const e = diagnostics.filter((d) => d.severity === 'error').length;
  const w = diagnostics.filter((d) => d.severity === 'warning').length;
  return t('summary', { errors: t(e === 1 ? 'errors.one' : 'errors.other', { count: e }), warnings: t(w === 1 ? 'warnings.one' : 'warnings.other', { count: w }) });
}

export async function check(args: string[]): Promise<number> {
  return runCommand('check', async () => {
    const p = parseCommandArgs(
      'check',
      usage,
      args,
      { data: { type: 'string', multiple: true }, customers: { type: 'string' }, map: { type: 'string', multiple: true }, 'as-of': { type: 'string' }, ...LOAD_OPTIONS },
      { min: 1, max: 1, names: 'RULES (the rule file)', help: `${LOAD_HELP}\n  (these apply with --data)` }
    );
    const flags = loadFlags(p);
    const path = p.positionals[0] as string;
    const source = readRules(path, 'check');
    const data = listOpt(p, 'data');
    const uses = ruleUses(path, source);
    let diagnostics: Diagnostic[];
    let counts = { segments: 0, tags: 0, defines: 0 };
    if (data.length > 0) {
      const asOf = stringOpt(p, 'as-of') ?? readAsOf(source) ?? undefined;
      const customers = stringOpt(p, 'customers');
      const opened = await openData({ data, map: listOpt(p, 'map'), ...(customers ? { customers } : {}), ...(asOf ? { asOf } : {}), ...flags });
      try {
        const compiled = compileRules(source, opened.schema, { relation: CUSTOMERS_TABLE, idColumn: 'customer', asOf: opened.asOf, uses });
        diagnostics = compiled.diagnostics;
        counts = { segments: compiled.segments.length, tags: compiled.tags.length, defines: compiled.defines.length };
      } finally {
        await opened.close();
      }
    } else {
      const parsed = parseRulesPartial(source);
      const checked = checkRules(parsed.file, null, { uses });
      diagnostics = mergeDiagnostics(parsed, checked.diagnostics, uses);
      const st = parsed.file.statements;
      counts = { segments: st.filter((s) => s.kind === 'segment').length, tags: st.filter((s) => s.kind === 'tag').length, defines: st.filter((s) => s.kind === 'define').length };
    }
    const baseDefines = [...uses.files.values()].reduce((n, f) => n + f.file.statements.filter((x) => x.kind === 'define').length, 0);
    const bases = uses.files.size > 0 ? `; ${t('check-bases', { defines: baseDefines, files: uses.files.size })}` : '';
    const errors = printDiagnostics(diagnostics, source, path);
    if (errors > 0) {
      process.stderr.write(`${path}: ${summary(diagnostics)}\n`);
      return 1;
    }
    const ok = diagnostics.length ? t('check-ok-with', { ...counts, summary: summary(diagnostics) }) : t('check-ok', counts);
    // the base files' defines inside the parentheses: "ok (2 segments, ...; 3 defines from 1 base files)"
    process.stdout.write(`${path}: ${bases ? ok.replace(/[)）]$/, (end) => `${bases}${end}`) : ok}\n`);
    return 0;
  });
}
