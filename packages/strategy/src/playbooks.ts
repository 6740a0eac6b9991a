// Playbooks: what to do about each segment. A YAML file next to the rule file (see README.md):
//
//   lang: en                      # optional: en | zh (report language)
//   rules: tiers.seg              # optional: the rule file these playbooks belong to
//   playbooks:
//     platinum:                   # a segment id of the rule file
//       goal: Renewal rate to 98%
//       measures: [Monthly business report, Yearly executive roundtable]
//       owner: Customer success
//       timing: ongoing
//       cadence: monthly
//       channel: Account director + dedicated consultant
//       kpis:
//         - { name: Retention, target: ">= 90%", metric: retention }
//
// Parsed with `yaml`, validated with line/column diagnostics. Browser-safe.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import { type Span, type StrategyDiagnostic, suggest } from './diagnostics.js';

/** Metrics the engine computes for a KPI (per segment). */
export const KPI_METRICS = ['retention', 'repurchase_rate', 'aov', 'm_per_customer', 'share_of_m', 'customers', 'share'] as const;
export type KpiMetric = (typeof KPI_METRICS)[number];

export const KPI_METRIC_ALIASES: Record<string, KpiMetric> = {
  retention_rate: 'retention',
  repurchase: 'repurchase_rate',
  average_order_value: 'aov',
  m_per_cust: 'm_per_customer',
  avg_m: 'm_per_customer',
  mean_m: 'm_per_customer',
  m_share: 'share_of_m',
  sharem: 'share_of_m',
  count: 'customers',
  customer_share: 'share'
};

export interface Kpi {
  name: string;
  /** as written, e.g. ">= 98%", "+20%", 15 */
  target: string | null;
  metric: KpiMetric | null;
}

export interface Playbook {
  segment: string;
  goal: string;
  measures: string[];
  owner: string | null;
  timing: string | null;
  cadence: string | null;
  channel: string | null;
  kpis: Kpi[];
  notes: string | null;
  /** 1-based line of the segment key in the file (0 when built in code) */
  line: number;
}

export interface PlaybookFile {
  lang: string | null;
  rules: string | null;
  title: string | null;
  playbooks: Playbook[];
}

const TOP_KEYS = ['playbooks', 'lang', 'rules', 'title'] as const;
const PLAYBOOK_KEYS = ['goal', 'measures', 'owner', 'timing', 'cadence', 'channel', 'kpis', 'notes'] as const;
const KPI_KEYS = ['name', 'target', 'metric'] as const;

export function resolveMetric(name: string): KpiMetric | null {
  const k = name.trim().toLowerCase().replace(/[\s-]+/g, '_');
  if ((KPI_METRICS as readonly string[]).includes(k)) return k as KpiMetric;
  return KPI_METRIC_ALIASES[k] ?? null;
}

/**
 * Parse and validate a playbook file. Never throws: problems come back as diagnostics with line
 * and column. `file` is null when the file has errors that leave nothing usable.
 */
export function parsePlaybooks(text: string): { file: PlaybookFile | null; diagnostics: StrategyDiagnostic[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const diagnostics: StrategyDiagnostic[] = [];
  const span = (range: readonly number[] | null | undefined): Span | undefined => {
    if (!range) return undefined;
    const offset = Math.max(0, Math.min(range[0] ?? 0, text.length));
    const end = Math.max(offset, Math.min(range[1] ?? offset, text.length));
    const a = lineCounter.linePos(offset);
    const b = lineCounter.linePos(end);
    return { offset, end, line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  };
  const err = (code: string, message: string, node: YamlNode | Pair | null | undefined, hint?: string, severity: 'error' | 'warning' = 'error') => {
    const r = node && 'range' in node ? node.range : node && 'key' in node && node.key && typeof node.key === 'object' && 'range' in node.key ? (node.key as YamlNode).range : undefined;
    const d: StrategyDiagnostic = { severity, code, message };
    const s = span(r ?? undefined);
    if (s) d.span = s;
    if (hint) d.hint = hint;
    diagnostics.push(d);
  };

  for (const e of [...doc.errors, ...doc.warnings]) {
    const d: StrategyDiagnostic = {
      severity: doc.errors.includes(e) ? 'error' : 'warning',
      code: `yaml-${e.code.toLowerCase().replace(/_/g, '-')}`,
      message: e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
    };
    const s = span(e.pos);
    if (s) d.span = s;
    if (e.code === 'DUPLICATE_KEY') d.hint = 'each segment may have one playbook; merge the two entries';
    if (e.code === 'TAB_AS_INDENT') d.hint = 'indent with spaces, not tabs';
    diagnostics.push(d);
  }
  if (doc.errors.length) return { file: null, diagnostics };

  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) {
    err('empty', 'the playbook file is empty', null, 'start with `playbooks:` and one entry per segment id');
    return { file: null, diagnostics };
  }
  if (!isMap(root)) {
    err('not-a-map', 'a playbook file is a mapping with a `playbooks:` key', root);
    return { file: null, diagnostics };
  }

  const file: PlaybookFile = { lang: null, rules: null, title: null, playbooks: [] };
  let playbooksNode: YamlNode | null = null;
  for (const pair of root.items) {
    const key = keyText(pair);
    if (key === null) {
      err('bad-key', 'keys must be plain text', pair);
      continue;
    }
    const value = pair.value as YamlNode | null;
    switch (key) {
      case 'playbooks':
        playbooksNode = value;
        if (!value) err('empty-playbooks', '`playbooks:` is empty', pair);
        break;
      case 'lang': {
        const v = scalarText(value);
        if (v === null || !['en', 'zh'].includes(v)) err('bad-lang', `lang must be 'en' or 'zh'${v ? `, got '${v}'` : ''}`, value ?? pair);
        else file.lang = v;
        break;
      }
      case 'rules':
      case 'title': {
        const v = scalarText(value);
        if (v === null) err('not-text', `'${key}' must be text`, value ?? pair);
        else file[key] = v;
        break;
      }
      default: {
        const s = suggest(key, TOP_KEYS);
        err('unknown-key', `unknown top-level key '${key}'`, pair, s ? `did you mean '${s}'?` : `top-level keys: ${TOP_KEYS.join(', ')}; put segment playbooks under 'playbooks:'`, 'warning');
      }
    }
  }
  if (!playbooksNode) {
    if (!root.items.some((p) => keyText(p) === 'playbooks')) err('no-playbooks', 'the file has no `playbooks:` key', root, 'add `playbooks:` and under it one entry per segment id');
    return { file: diagnostics.some((d) => d.severity === 'error') ? null : file, diagnostics };
  }
  if (!isMap(playbooksNode)) {
    err('playbooks-not-map', '`playbooks:` must map segment ids to playbooks (e.g. `gold:` followed by indented fields)', playbooksNode);
    return { file: null, diagnostics };
  }
  for (const pair of (playbooksNode as YAMLMap).items) {
    const pb = readPlaybook(pair, err, lineCounter);
    if (pb) file.playbooks.push(pb);
  }
  return { file: diagnostics.some((d) => d.severity === 'error') ? null : file, diagnostics };
}

type Report = (code: string, message: string, node: YamlNode | Pair | null | undefined, hint?: string, severity?: 'error' | 'warning') => void;

function keyText(pair: Pair): string | null {
  const k = pair.key;
  if (isScalar(k) && (typeof k.value === 'string' || typeof k.value === 'number')) return String(k.value);
  return null;
}

function scalarText(node: YamlNode | null | undefined): string | null {
  if (!node || !isScalar(node)) return null;
  const v = node.value;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(node.source ?? v);
  return null;
}

function readPlaybook(pair: Pair, err: Report, lc: LineCounter): Playbook | null {
  const segment = keyText(pair);
  if (segment === null) {
    err('bad-segment-key', 'a playbook is keyed by a segment id (plain text)', pair);
    return null;
  }
  const keyNode = pair.key as YamlNode;
  const line = keyNode.range ? lc.linePos(keyNode.range[0]).line : 0;
  const node = pair.value as YamlNode | null;
  if (!node || !isMap(node)) {
    err('playbook-not-map', `the playbook of '${segment}' must be a mapping of fields (goal, measures, owner, ...)`, node ?? pair);
    return null;
  }
  const pb: Playbook = { segment, goal: '', measures: [], owner: null, timing: null, cadence: null, channel: null, kpis: [], notes: null, line };
  let hasGoal = false;
  for (const item of node.items) {
    const key = keyText(item);
    const value = item.value as YamlNode | null;
    if (key === null) {
      err('bad-key', 'keys must be plain text', item);
      continue;
    }
    switch (key) {
      case 'goal':
      case 'owner':
      case 'timing':
      case 'cadence':
      case 'channel':
      case 'notes': {
        const v = scalarText(value);
        if (key === 'goal') hasGoal = true;
        if (v === null || v.trim() === '') err('not-text', `'${key}' of '${segment}' must be non-empty text`, value ?? item);
        else if (key === 'goal') {
          pb.goal = v.trim();
        } else pb[key] = v.trim();
        break;
      }
      case 'measures': {
        if (value && isSeq(value)) {
          for (const m of value.items) {
            const v = scalarText(m as YamlNode);
            if (v === null || v.trim() === '') err('not-text', `each measure of '${segment}' must be text`, m as YamlNode);
            else pb.measures.push(v.trim());
          }
        } else {
          const v = scalarText(value);
          if (v === null) err('not-list', `'measures' of '${segment}' must be a list of text (lines starting with '- ')`, value ?? item);
          else pb.measures.push(v.trim());
        }
        break;
      }
      case 'kpis': {
        if (!value || !isSeq(value)) {
          err('not-list', `'kpis' of '${segment}' must be a list; each KPI has name, target and optionally metric`, value ?? item);
          break;
        }
        for (const k of value.items) {
          const kpi = readKpi(k as YamlNode, segment, err);
          if (kpi) pb.kpis.push(kpi);
        }
        break;
      }
      default: {
        const s = suggest(key, PLAYBOOK_KEYS);
        err('unknown-key', `unknown playbook field '${key}' in '${segment}'`, item, s ? `did you mean '${s}'?` : `fields: ${PLAYBOOK_KEYS.join(', ')}`, 'warning');
      }
    }
  }
  if (!hasGoal) err('no-goal', `the playbook of '${segment}' has no goal`, pair, "add a line 'goal: ...' (what this segment's strategy should achieve)");
  return pb;
}

function readKpi(node: YamlNode | null, segment: string, err: Report): Kpi | null {
  if (node && isScalar(node)) {
    const v = scalarText(node);
    if (v === null || !v.trim()) {
      err('bad-kpi', `a KPI of '${segment}' must be text or a mapping with name/target/metric`, node);
      return null;
    }
    return { name: v.trim(), target: null, metric: null };
  }
  if (!node || !isMap(node)) {
    err('bad-kpi', `a KPI of '${segment}' must be a mapping with name, target and optionally metric`, node);
    return null;
  }
  const kpi: Kpi = { name: '', target: null, metric: null };
  for (const item of node.items) {
    const key = keyText(item);
    const value = item.value as YamlNode | null;
    const v = scalarText(value);
    if (key === 'name') {
      if (v === null || !v.trim()) err('not-text', `a KPI name of '${segment}' must be text`, value ?? item);
      else kpi.name = v.trim();
    } else if (key === 'target') {
      if (v === null) err('not-text', `a KPI target of '${segment}' must be text or a number (e.g. ">= 30%")`, value ?? item);
      else kpi.target = v.trim();
    } else if (key === 'metric') {
      const m = v === null ? null : resolveMetric(v);
      if (m === null) {
        const s = v ? suggest(v, KPI_METRICS) : null;
        err('unknown-metric', `unknown KPI metric${v ? ` '${v}'` : ''} in '${segment}'`, value ?? item, `${s ? `did you mean '${s}'? ` : ''}metrics: ${KPI_METRICS.join(', ')} (or leave 'metric' out)`);
      } else kpi.metric = m;
    } else {
      const s = key ? suggest(key, KPI_KEYS) : null;
      err('unknown-key', `unknown KPI field '${key ?? '?'}' in '${segment}'`, item, s ? `did you mean '${s}'?` : `KPI fields: ${KPI_KEYS.join(', ')}`, 'warning');
    }
  }
  if (!kpi.name) {
    err('kpi-no-name', `a KPI of '${segment}' has no name`, node, 'add `name: ...`');
    return null;
  }
  return kpi;
}

/** A target such as ">= 98%", "≤ 3", "30%", "1.5k": the comparison and the value (a fraction for
 * percentages). Relative targets ("+20%") and prose return null: shown, not evaluated. */
export function parseTarget(target: string | null): { op: '>=' | '<=' | '>' | '<' | '='; value: number; percent: boolean } | null {
  if (target === null) return null;
  const m = /^\s*(>=|≥|<=|≤|>|<|=)?\s*(\d[\d,_]*(?:\.\d+)?)\s*(%|k|万)?\s*$/i.exec(target);
  if (!m) return null;
  const ops: Record<string, '>=' | '<=' | '>' | '<' | '='> = { '>=': '>=', '≥': '>=', '<=': '<=', '≤': '<=', '>': '>', '<': '<', '=': '=' };
  let value = Number(m[2]!.replace(/[,_]/g, ''));
  const unit = m[3]?.toLowerCase();
  if (unit === 'k') value *= 1e3;
  if (unit === '万') value *= 1e4;
  if (unit === '%') value /= 100;
  return { op: ops[m[1] ?? '>='] ?? '>=', value, percent: unit === '%' };
}

/** Segments without a playbook and playbooks for segments the rules do not define. */
export function checkPlaybooks(file: PlaybookFile, segments: readonly { id: string }[], source?: string): StrategyDiagnostic[] {
  const ids = segments.map((s) => s.id);
  const have = new Set(file.playbooks.map((p) => p.segment));
  const out: StrategyDiagnostic[] = [];
  for (const id of ids)
    if (!have.has(id)) out.push({ severity: 'warning', code: 'missing-playbook', message: `segment '${id}' has no playbook`, hint: `add '${id}:' with at least a goal under 'playbooks:'` });
  const known = new Set(ids);
  for (const pb of file.playbooks) {
    if (known.has(pb.segment)) continue;
    const s = suggest(pb.segment, ids);
    const d: StrategyDiagnostic = {
      severity: 'warning',
      code: 'unknown-segment',
      message: `playbook for '${pb.segment}', which is not a segment of the rules`,
      hint: s ? `did you mean '${s}'?` : `the rules define: ${ids.join(', ') || '(no segments)'}`
    };
    if (source !== undefined && pb.line > 0) {
      const lines = source.split('\n');
      const text = lines[pb.line - 1] ?? '';
      const col = text.indexOf(pb.segment) + 1 || 1;
      let offset = 0;
      for (let i = 0; i < pb.line - 1; i++) offset += (lines[i]?.length ?? 0) + 1;
      offset += col - 1;
      d.span = { offset, end: offset + pb.segment.length, line: pb.line, column: col, endLine: pb.line, endColumn: col + pb.segment.length };
    }
    out.push(d);
  }
  return out;
}
