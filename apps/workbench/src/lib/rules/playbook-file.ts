// The playbook YAML beside the rules, checked: the strategy package's parser and validator
// (diagnostics with codes and lines), and the segments of the rule file that have no playbook.
// The messages are shown in the UI language from their codes (Chinese) or as the package wrote
// them (English). Pure.
import { parseRulesPartial } from '@segmint/dsl';
import { checkPlaybooks, parsePlaybooks, type StrategyDiagnostic } from '@segmint/strategy';

export interface PlaybookProblem {
  severity: 'error' | 'warning';
  code: string;
  /** 1-based line in the playbook file (null: the file as a whole) */
  line: number | null;
  /** the package's (English) message and hint */
  message: string;
  hint: string | null;
}

export interface PlaybookCheck {
  /** the file's own problems (YAML, fields) and playbooks for segments the rules lack */
  problems: PlaybookProblem[];
  /** the rule file's segments with a playbook (null: the file has errors, nothing is known) */
  covered: string[] | null;
  /** segments of the rule file without a playbook (null: the file has errors) */
  uncovered: string[] | null;
  /** playbooks for segment ids the rule file does not define */
  unknown: string[];
}

/** The segment ids of a rule text, in order (the statements that parse). */
export function ruleSegments(rules: string): string[] {
  return parseRulesPartial(rules).file.statements.flatMap((s) => (s.kind === 'segment' ? [s.id] : []));
}

function problem(d: StrategyDiagnostic): PlaybookProblem {
  return { severity: d.severity, code: d.code, line: d.span?.line ?? null, message: d.message, hint: d.hint ?? null };
}

export type ParsedPlaybook = ReturnType<typeof parsePlaybooks>;

/** Check a playbook file against the rule text beside it. */
export function checkPlaybookText(playbook: string, rules: string): PlaybookCheck {
  return checkParsedPlaybook(parsePlaybooks(playbook), playbook, ruleSegments(rules));
}

/** Check a parsed playbook file (`source`: its text) against the rule file's segment ids (the
 * app parses the YAML only when it changes, and takes the segments from the rules' result). */
export function checkParsedPlaybook({ file, diagnostics }: ParsedPlaybook, source: string, segmentIds: readonly string[]): PlaybookCheck {
  const problems = diagnostics.map(problem);
  if (!file) return { problems, covered: null, uncovered: null, unknown: [] };
  const segments = segmentIds.map((id) => ({ id }));
  const cross = checkPlaybooks(file, segments, source);
  const ids = new Set(segmentIds);
  const have = new Set(file.playbooks.map((p) => p.segment));
  return {
    problems: [...problems, ...cross.filter((d) => d.code === 'unknown-segment').map(problem)],
    covered: segmentIds.filter((id) => have.has(id)),
    uncovered: segmentIds.filter((id) => !have.has(id)),
    unknown: file.playbooks.map((p) => p.segment).filter((id) => !ids.has(id))
  };
}

/** The problem's message in Chinese, by its code (the line and code are shown beside it). */
const ZH: Record<string, string> = {
  empty: '策略文件是空的：以 `playbooks:` 开头，每个细分一项',
  'not-a-map': '策略文件应是带有 `playbooks:` 键的映射',
  'bad-key': '键必须是纯文本',
  'empty-playbooks': '`playbooks:` 是空的',
  'bad-lang': 'lang 必须是 en 或 zh',
  'not-text': '此处必须是非空文本',
  'unknown-key': '未知的键（拼写是否有误？）',
  'no-playbooks': '文件中没有 `playbooks:` 键',
  'playbooks-not-map': '`playbooks:` 应将细分 ID 映射到策略（例如 `gold:` 下缩进各字段）',
  'bad-segment-key': '策略以细分 ID（纯文本）为键',
  'playbook-not-map': '策略应是字段的映射（goal、measures、owner……）',
  'not-list': '此处应是列表（以“- ”开头的行）',
  'bad-kpi': 'KPI 应是文本，或带有 name、target（及可选 metric）的映射',
  'unknown-metric': '未知的 KPI 指标',
  'kpi-no-name': 'KPI 缺少 name',
  'no-goal': '该策略没有目标（goal）',
  'missing-playbook': '该细分没有策略',
  'unknown-segment': '此策略对应的细分不在规则中',
  'yaml-duplicate-key': '重复的键：每个细分只能有一个策略',
  'yaml-tab-as-indent': '请用空格缩进，不要用制表符'
};

/** The message of `p` in the UI language. */
export function problemText(p: PlaybookProblem, lang: 'en' | 'zh'): string {
  if (lang === 'en') return p.hint ? `${p.message} (${p.hint})` : p.message;
  return ZH[p.code] ?? (p.code.startsWith('yaml-') ? 'YAML 语法错误' : '策略文件有问题');
}
