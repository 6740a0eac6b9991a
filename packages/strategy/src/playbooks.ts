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
import { type Span, type StrategyDiagnostic, strategyDiagnostic, suggest } from './diagnostics.js';
import { smsg, type StrategyMessageKey, type StrategyMsg } from './messages/index.js';

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

export interface ParsedPlaybooks {
  /** the file, when it has no errors (warnings allowed) */
  file: PlaybookFile | null;
  diagnostics: StrategyDiagnostic[];
  /** the file as far as it could be read, also with errors in its fields (the playbooks that
   * are mappings, the fields that are valid): what an editor shows while the user fixes it;
   * null when the YAML itself is broken or the file is not a mapping */
  read?: PlaybookFile | null;
}

/**
 * Parse and validate a playbook file. Never throws: problems come back as diagnostics with line
 * and column. `file` is null when the file has errors that leave nothing usable.
 */
export function parsePlaybooks(text: string): ParsedPlaybooks {
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
  const err = (code: string, message: StrategyMsg, node: YamlNode | Pair | null | undefined, hint?: StrategyMsg, severity: 'error' | 'warning' = 'error') => {
    const r = node && 'range' in node ? node.range : node && 'key' in node && node.key && typeof node.key === 'object' && 'range' in node.key ? (node.key as YamlNode).range : undefined;
    const d = strategyDiagnostic(severity, code, message, hint);
    const s = span(r ?? undefined);
    if (s) d.span = s;
    diagnostics.push(d);
  };

  for (const e of [...doc.errors, ...doc.warnings]) {
    // the YAML parser's own (English) text is the detail of the generic message; the kinds a
    // playbook author meets most have their own text in every language
    const kind = e.code.toLowerCase().replace(/_/g, '-');
    const own = `yaml.${kind}` as StrategyMessageKey;
    const detail = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    const hint = e.code === 'DUPLICATE_KEY' ? smsg('hint.duplicate-key') : e.code === 'TAB_AS_INDENT' ? smsg('hint.tab-as-indent') : undefined;
    const d = strategyDiagnostic(doc.errors.includes(e) ? 'error' : 'warning', `yaml-${kind}`, own in YAML_OWN ? smsg(own) : smsg('yaml', { detail }), hint);
    d.params = { ...d.params, detail };
    const s = span(e.pos);
    if (s) d.span = s;
    diagnostics.push(d);
  }
  if (doc.errors.length) return { file: null, diagnostics };

  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) {
    err('empty', smsg('empty'), null, smsg('hint.empty'));
    return { file: null, diagnostics };
  }
  if (!isMap(root)) {
    err('not-a-map', smsg('not-a-map'), root);
    return { file: null, diagnostics };
  }

  const file: PlaybookFile = { lang: null, rules: null, title: null, playbooks: [] };
  let playbooksNode: YamlNode | null = null;
  for (const pair of root.items) {
    const key = keyText(pair);
    if (key === null) {
      err('bad-key', smsg('bad-key'), pair);
      continue;
    }
    const value = pair.value as YamlNode | null;
    switch (key) {
      case 'playbooks':
        playbooksNode = value;
        if (!value) err('empty-playbooks', smsg('empty-playbooks'), pair);
        break;
      case 'lang': {
        const v = scalarText(value);
        if (v === null || !['en', 'zh'].includes(v)) err('bad-lang', v ? smsg('bad-lang.got', { value: v }) : smsg('bad-lang'), value ?? pair);
        else file.lang = v;
        break;
      }
      case 'rules':
      case 'title': {
        const v = scalarText(value);
        if (v === null) err('not-text', smsg('not-text.top', { key }), value ?? pair);
        else file[key] = v;
        break;
      }
      default: {
        const s = suggest(key, TOP_KEYS);
        err('unknown-key', smsg('unknown-key.top', { key }), pair, s ? smsg('hint.did-you-mean', { suggestion: s }) : smsg('hint.top-keys', { keys: TOP_KEYS.join(', ') }), 'warning');
      }
    }
  }
  if (!playbooksNode) {
    if (!root.items.some((p) => keyText(p) === 'playbooks')) err('no-playbooks', smsg('no-playbooks'), root, smsg('hint.no-playbooks'));
    return { file: diagnostics.some((d) => d.severity === 'error') ? null : file, diagnostics, read: file };
  }
  if (!isMap(playbooksNode)) {
    err('playbooks-not-map', smsg('playbooks-not-map'), playbooksNode);
    return { file: null, diagnostics, read: null };
  }
  for (const pair of (playbooksNode as YAMLMap).items) {
    const pb = readPlaybook(pair, err, lineCounter);
    if (pb) file.playbooks.push(pb);
  }
  return { file: diagnostics.some((d) => d.severity === 'error') ? null : file, diagnostics, read: file };
}

type Report = (code: string, message: StrategyMsg, node: YamlNode | Pair | null | undefined, hint?: StrategyMsg, severity?: 'error' | 'warning') => void;

/** The YAML error kinds with their own text (the others show the parser's text as the detail). */
const YAML_OWN: Record<string, true> = { 'yaml.duplicate-key': true, 'yaml.tab-as-indent': true, 'yaml.bad-indent': true, 'yaml.missing-char': true, 'yaml.multiline-implicit-key': true, 'yaml.bad-dq-escape': true, 'yaml.multiple-docs': true };

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
    err('bad-segment-key', smsg('bad-segment-key'), pair);
    return null;
  }
  const keyNode = pair.key as YamlNode;
  const line = keyNode.range ? lc.linePos(keyNode.range[0]).line : 0;
  const node = pair.value as YamlNode | null;
  if (!node || !isMap(node)) {
    err('playbook-not-map', smsg('playbook-not-map', { segment }), node ?? pair);
    return null;
  }
  const pb: Playbook = { segment, goal: '', measures: [], owner: null, timing: null, cadence: null, channel: null, kpis: [], notes: null, line };
  let hasGoal = false;
  for (const item of node.items) {
    const key = keyText(item);
    const value = item.value as YamlNode | null;
    if (key === null) {
      err('bad-key', smsg('bad-key'), item);
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
        if (v === null || v.trim() === '') err('not-text', smsg('not-text.field', { key, segment }), value ?? item);
        else if (key === 'goal') {
          pb.goal = v.trim();
        } else pb[key] = v.trim();
        break;
      }
      case 'measures': {
        if (value && isSeq(value)) {
          for (const m of value.items) {
            const v = scalarText(m as YamlNode);
            if (v === null || v.trim() === '') err('not-text', smsg('not-text.measure', { segment }), m as YamlNode);
            else pb.measures.push(v.trim());
          }
        } else {
          const v = scalarText(value);
          if (v === null) err('not-list', smsg('not-list.measures', { segment }), value ?? item);
          else pb.measures.push(v.trim());
        }
        break;
      }
      case 'kpis': {
        if (!value || !isSeq(value)) {
          err('not-list', smsg('not-list.kpis', { segment }), value ?? item);
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
        err('unknown-key', smsg('unknown-key.playbook', { key, segment }), item, s ? smsg('hint.did-you-mean', { suggestion: s }) : smsg('hint.fields', { keys: PLAYBOOK_KEYS.join(', ') }), 'warning');
      }
    }
  }
  if (!hasGoal) err('no-goal', smsg('no-goal', { segment }), pair, smsg('hint.no-goal'));
  return pb;
}

function readKpi(node: YamlNode | null, segment: string, err: Report): Kpi | null {
  if (node && isScalar(node)) {
    const v = scalarText(node);
    if (v === null || !v.trim()) {
      err('bad-kpi', smsg('bad-kpi.text', { segment }), node);
      return null;
    }
    return { name: v.trim(), target: null, metric: null };
  }
  if (!node || !isMap(node)) {
    err('bad-kpi', smsg('bad-kpi.map', { segment }), node);
    return null;
  }
  const kpi: Kpi = { name: '', target: null, metric: null };
  for (const item of node.items) {
    const key = keyText(item);
    const value = item.value as YamlNode | null;
    const v = scalarText(value);
    if (key === 'name') {
      if (v === null || !v.trim()) err('not-text', smsg('not-text.kpi-name', { segment }), value ?? item);
      else kpi.name = v.trim();
    } else if (key === 'target') {
      if (v === null) err('not-text', smsg('not-text.kpi-target', { segment }), value ?? item);
      else kpi.target = v.trim();
    } else if (key === 'metric') {
      const m = v === null ? null : resolveMetric(v);
      if (m === null) {
        const s = v ? suggest(v, KPI_METRICS) : null;
        const metrics = KPI_METRICS.join(', ');
        err('unknown-metric', v ? smsg('unknown-metric.named', { metric: v, segment }) : smsg('unknown-metric', { segment }), value ?? item, s ? smsg('hint.did-you-mean-metric', { suggestion: s, metrics }) : smsg('hint.metrics', { metrics }));
      } else kpi.metric = m;
    } else {
      const s = key ? suggest(key, KPI_KEYS) : null;
      err('unknown-key', smsg('unknown-key.kpi', { key: key ?? '?', segment }), item, s ? smsg('hint.did-you-mean', { suggestion: s }) : smsg('hint.kpi-fields', { keys: KPI_KEYS.join(', ') }), 'warning');
    }
  }
  if (!kpi.name) {
    err('kpi-no-name', smsg('kpi-no-name', { segment }), node, smsg('hint.kpi-no-name'));
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
    if (!have.has(id)) out.push(strategyDiagnostic('warning', 'missing-playbook', smsg('missing-playbook', { segment: id }), smsg('hint.missing-playbook')));
  const known = new Set(ids);
  for (const pb of file.playbooks) {
    if (known.has(pb.segment)) continue;
    const s = suggest(pb.segment, ids);
    const d = strategyDiagnostic('warning', 'unknown-segment', smsg('unknown-segment', { segment: pb.segment }), s ? smsg('hint.did-you-mean', { suggestion: s }) : ids.length ? smsg('hint.rules-define', { segments: ids.join(', ') }) : smsg('hint.no-segments'));
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
