// The language of the command's messages: `--lang en|zh` (any command), else the first set of
// LC_ALL, LC_MESSAGES, LANG (POSIX order): zh* gives Simplified Chinese, anything else English.
// The dsl diagnostics, the engine's load issues and the strategy messages are rendered from their
// catalogues in it; the few lines the CLI writes itself come from the small catalogue below.
// Severity words (error/warning/info) and FILE:LINE:COL stay as they are: scripts read them.
import type { Locale } from '@segmint/dsl';
import { fillTemplate } from '@segmint/dsl';
import { renderMessage, type MessageCode, type Params } from '@segmint/engine';
import { CliError } from './args.js';

/** The locale an environment asks for (LC_ALL, then LC_MESSAGES, then LANG; the first non-empty). */
export function localeFromEnv(env: NodeJS.ProcessEnv = process.env): Locale {
  const v = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((x) => x !== undefined && x !== '');
  return v !== undefined && /^zh/i.test(v) ? 'zh-CN' : 'en';
}

let current: Locale = localeFromEnv();

/** The locale of this run. */
export function locale(): Locale {
  return current;
}

/** Commands whose own `--lang` also chooses their output's language (the report, the review):
 * the option stays in their arguments. */
const OWN_LANG = new Set(['report', 'migrate', 'diff']);

/** Read `--lang X` / `--lang=X` (any command) and set the locale; the option is taken out of the
 * arguments except for the commands that have their own (OWN_LANG). A CliError for a language
 * other than en or zh. */
export function takeLangOption(argv: string[], env: NodeJS.ProcessEnv = process.env): string[] {
  current = localeFromEnv(env);
  const keep = OWN_LANG.has(argv[0] ?? '');
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    let value: string | undefined;
    if (a === '--lang') {
      value = argv[++i] ?? '';
      if (keep) out.push(a, value);
    } else if (a.startsWith('--lang=')) {
      value = a.slice('--lang='.length);
      if (keep) out.push(a);
    } else {
      out.push(a);
      continue;
    }
    const v = value.trim().toLowerCase();
    if (v === 'en') current = 'en';
    else if (v === 'zh' || v === 'zh-cn') current = 'zh-CN';
    else throw new CliError(`segmint: --lang takes en or zh, got '${value}'`);
  }
  return out;
}

/** An engine message (issue, left-out reason, repair, notice) in the run's locale. */
export function engineText(x: { code?: MessageCode; params?: Params; message?: string; reason?: string; hint?: string }): { message: string; hint?: string } {
  if (x.code !== undefined) return renderMessage(x.code, x.params ?? {}, current, 'cli');
  const message = x.message ?? x.reason ?? '';
  return x.hint !== undefined ? { message, hint: x.hint } : { message };
}

const EN = {
  'row-label': 'data row {row}',
  'line-label': 'line {line}',
  'column-label': "column '{column}'",
  'cannot-load': 'cannot load the {what}:',
  'cannot-load-detail': 'cannot load the {what}: {detail}',
  'eg-after': '; e.g. {example}',
  'eg-paren': ' (e.g. {example})',
  'what.transactions': 'transactions',
  'what.customers': 'customers file',
  'rows-left-out': '{count} rows left out: {reason}',
  'row-left-out': '{count} row left out: {reason}',
  'what-to-do': 'what to do: {hint}',
  warning: 'warning',
  note: 'note',
  'errors.one': '{count} error',
  'errors.other': '{count} errors',
  'warnings.one': '{count} warning',
  'warnings.other': '{count} warnings',
  summary: '{errors}, {warnings}',
  'check-ok': 'ok ({segments} segments, {tags} tags, {defines} defines)',
  'load-head': '{what}: {files}: {rows} rows ({format}, {encoding})',
  roles: 'roles: {roles}',
  'role-guessed': 'guessed',
  'set-role': '(set a role with --map ROLE=COLUMN if a guess is wrong)',
  'built-customers': 'customers: {count} as of {asOf}',
  'sum.segment': 'segment',
  'sum.customers': 'customers',
  'sum.share': 'share',
  'sum.shareM': 'M share',
  'sum.R': 'R range',
  'sum.unassigned': '(unassigned)',
  'sum.total': '{count} customers as of {asOf}',
  'sum.tag': 'tag {id}: {count} customers',
  wrote: 'wrote {count} customers to {out}',
  'check-ok-with': 'ok ({segments} segments, {tags} tags, {defines} defines; {summary})',
  'check-bases': '{defines} defines from {files} base file(s)'
} satisfies Record<string, string>;

export type CliKey = keyof typeof EN;

const ZH: Record<CliKey, string> = {
  'row-label': '第 {row} 个数据行',
  'line-label': '第 {line} 行',
  'column-label': "列 '{column}'",
  'cannot-load': '无法载入{what}：',
  'cannot-load-detail': '无法载入{what}：{detail}',
  'eg-after': '；例如 {example}',
  'eg-paren': '（例如 {example}）',
  'what.transactions': '交易数据',
  'what.customers': '客户文件',
  'rows-left-out': '{count} 行未计入：{reason}',
  'row-left-out': '{count} 行未计入：{reason}',
  'what-to-do': '处理办法：{hint}',
  warning: '警告',
  note: '提示',
  'errors.one': '{count} 个错误',
  'errors.other': '{count} 个错误',
  'warnings.one': '{count} 个警告',
  'warnings.other': '{count} 个警告',
  summary: '{errors}，{warnings}',
  'check-ok': '通过（{segments} 个细分，{tags} 个标签，{defines} 个 define）',
  'load-head': '{what}：{files}：{rows} 行（{format}，{encoding}）',
  roles: '角色：{roles}',
  'role-guessed': '推测',
  'set-role': '（推测有误时，用 --map 角色=列名 指定）',
  'built-customers': '客户：{count} 位，分析日期 {asOf}',
  'sum.segment': '细分',
  'sum.customers': '客户数',
  'sum.share': '占比',
  'sum.shareM': '金额占比',
  'sum.R': 'R 范围',
  'sum.unassigned': '（未分配）',
  'sum.total': '{count} 位客户，分析日期 {asOf}',
  'sum.tag': '标签 {id}：{count} 位客户',
  wrote: '已将 {count} 位客户写入 {out}',
  'check-ok-with': '通过（{segments} 个细分，{tags} 个标签，{defines} 个 define；{summary}）',
  'check-bases': '{defines} 个 define 来自 {files} 个基础文件'
};

/** The CLI's own catalogues (a test checks both have every key and the same placeholders). */
export function cliCatalogue(l: Locale): Record<CliKey, string> {
  return l === 'zh-CN' ? ZH : EN;
}

/** One of the CLI's own lines in the run's locale. */
export function t(key: CliKey, params: Params = {}): string {
  const cat = cliCatalogue(current);
  return fillTemplate(cat[key], params, current, (k) => (cat as Record<string, string>)[k]);
}
