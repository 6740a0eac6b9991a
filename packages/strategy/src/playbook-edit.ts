// Editing a playbook file (see playbooks.ts for its shape) one change at a time: each function
// takes the YAML text and returns the new text. Edits go through the `yaml` package's Document
// API, so the rest of the file stays as it was written: comments, the order of keys and entries,
// quoting and flow/block style of the values not touched. The output is printed with fixed
// options (PLAYBOOK_YAML_FORMAT), so the same edit twice gives the same text, and an edit that
// changes nothing returns the text as it came (byte for byte). Browser-safe, pure.
import { isMap, isScalar, isSeq, parseDocument, Scalar, stringify, YAMLMap, YAMLSeq, type Document, type Node as YamlNode, type Pair, type ToStringOptions } from 'yaml';
import type { Lang } from './format.js';
import { renderStrategyMessage, StrategyError } from './messages/index.js';
import { KPI_METRICS, resolveMetric, type KpiMetric, type Playbook } from './playbooks.js';

/** How edited files are printed: two-space indents, sequences indented under their key, no line
 * folding (a long goal stays on its line), `{ a: 1 }` flow maps (as the ready-made models write
 * KPIs). Every ready-made model's file prints back unchanged with these. */
export const PLAYBOOK_YAML_FORMAT: ToStringOptions = {
  indent: 2,
  indentSeq: true,
  lineWidth: 0,
  minContentWidth: 0,
  flowCollectionPadding: true
};

/** The text fields of a playbook (one line of text each; `notes` may have several). */
export const PLAYBOOK_TEXT_FIELDS = ['goal', 'owner', 'timing', 'cadence', 'channel', 'notes'] as const;
export type PlaybookTextField = (typeof PLAYBOOK_TEXT_FIELDS)[number];

/** The order fields are written in when a playbook gets one it did not have. */
const FIELD_ORDER = ['goal', 'measures', 'owner', 'timing', 'cadence', 'channel', 'kpis', 'notes'] as const;
const KPI_ORDER = ['name', 'target', 'metric'] as const;

export interface KpiValues {
  name: string;
  /** null: no target */
  target: string | null;
  /** null: no metric (the KPI is shown, not computed) */
  metric: KpiMetric | null;
}

/** A playbook's values as the form edits them (null / empty list: the field is left out). */
export interface PlaybookValues {
  goal: string;
  measures: string[];
  owner: string | null;
  timing: string | null;
  cadence: string | null;
  channel: string | null;
  kpis: KpiValues[];
  notes: string | null;
}

/** The values of a parsed playbook. */
export function playbookValues(pb: Playbook): PlaybookValues {
  return {
    goal: pb.goal,
    measures: [...pb.measures],
    owner: pb.owner,
    timing: pb.timing,
    cadence: pb.cadence,
    channel: pb.channel,
    kpis: pb.kpis.map((k) => ({ name: k.name, target: k.target, metric: k.metric })),
    notes: pb.notes
  };
}

/** Set one text field of `segment`'s playbook (null or blank: remove the field). */
export function setPlaybookField(text: string, segment: string, field: PlaybookTextField, value: string | null): string {
  return edit(text, (ed) => ed.setText(ed.playbook(segment), field, value));
}

/** Set the measures of `segment`'s playbook (blank items are left out; none: remove the field). */
export function setPlaybookMeasures(text: string, segment: string, measures: readonly string[]): string {
  return edit(text, (ed) => ed.setMeasures(ed.playbook(segment), measures));
}

/** Set the KPIs of `segment`'s playbook (none: remove the field). */
export function setPlaybookKpis(text: string, segment: string, kpis: readonly KpiValues[]): string {
  return edit(text, (ed) => ed.setKpis(ed.playbook(segment), kpis));
}

/** Set the given fields of `segment`'s playbook at once (what the form writes); the fields whose
 * value is unchanged are not touched. */
export function updatePlaybook(text: string, segment: string, values: Partial<PlaybookValues>): string {
  return edit(text, (ed) => ed.update(ed.playbook(segment), values));
}

export interface AddOptions {
  /** the rule file's segment ids in order: the new playbook goes after the ones before it */
  order?: readonly string[];
  /** the segment's label, for the template's goal */
  label?: string | null;
  /** the language of the template's goal (default: the file's `lang`, else en) */
  lang?: Lang;
}

/** Add a playbook for `segment`, which has none: `values` (default: the template, a goal to
 * replace). A file without `playbooks:` gets one; an empty text becomes a playbook file. */
export function addPlaybook(text: string, segment: string, values?: Partial<PlaybookValues>, options: AddOptions = {}): string {
  return edit(text, (ed) => ed.add(segment, values, options));
}

/** Remove `segment`'s playbook (its comments go with it). */
export function removePlaybook(text: string, segment: string): string {
  return edit(text, (ed) => {
    const map = ed.playbooksMap(false);
    const i = map ? map.items.findIndex((p) => keyOf(p) === segment) : -1;
    if (!map || i < 0) throw new StrategyError('edit.no-playbook', { segment });
    map.items.splice(i, 1);
    return true;
  });
}

/** The template goal of a new playbook, in `lang`. */
export function templateGoal(segment: string, label: string | null | undefined, lang: Lang = 'en'): string {
  return renderStrategyMessage('template.goal', { label: label?.trim() || segment }, lang === 'zh' ? 'zh-CN' : 'en');
}

/** A new playbook file for a rule file's segments: a comment, `lang`, `rules` (the rule file's
 * name, when known) and one template playbook per segment (a goal to replace). */
export function newPlaybookFile(segments: readonly { id: string; label?: string | null }[], options: { lang?: Lang; rules?: string | null } = {}): string {
  const lang = options.lang ?? 'en';
  const locale = lang === 'zh' ? 'zh-CN' : 'en';
  const header = options.rules ? renderStrategyMessage('template.header', { rules: options.rules }, locale) : renderStrategyMessage('template.header.no-rules', {}, locale);
  const metrics = renderStrategyMessage('template.metrics', { metrics: KPI_METRICS.join(', ') }, locale);
  let text = `# ${header}\n# ${metrics}\nlang: ${lang}\n`;
  if (options.rules) text += `rules: ${plain(options.rules)}\n`;
  text += 'playbooks:\n';
  for (const s of segments) text = addPlaybook(text, s.id, undefined, { label: s.label ?? null, lang });
  return text;
}

/** `value` as a YAML scalar after a key (quoted when it must be). */
function plain(value: string): string {
  return stringify(value, PLAYBOOK_YAML_FORMAT).trimEnd();
}

// ---------------------------------------------------------------------------------------------

/** Parse, apply `fn` (true: it changed something), print; unchanged: the text as it came. */
function edit(text: string, fn: (ed: Editor) => boolean): string {
  const bom = text.startsWith('\ufeff') ? '\ufeff' : '';
  const crlf = text.includes('\r\n');
  const source = bom ? text.slice(1) : text;
  const doc = parseDocument(crlf ? source.replace(/\r\n/g, '\n') : source, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) throw new StrategyError('edit.broken');
  if (!fn(new Editor(doc))) return text;
  let out = doc.toString(PLAYBOOK_YAML_FORMAT);
  if (crlf) out = out.replace(/\n/g, '\r\n');
  return bom + out;
}

function keyOf(pair: Pair): string | null {
  const k = pair.key;
  if (isScalar(k) && (typeof k.value === 'string' || typeof k.value === 'number')) return String(k.value);
  if (typeof k === 'string') return k;
  return null;
}

/** A scalar's text as parsePlaybooks reads it (numbers as written). */
function textOf(node: unknown): string | null {
  if (!isScalar(node)) return null;
  const v = node.value;
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(node.source ?? v);
  return null;
}

function clean(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const v = value.replace(/\r\n?/g, '\n').trim();
  return v === '' ? null : v;
}

class Editor {
  constructor(private readonly doc: Document) {}

  /** The root mapping (created in an empty document). */
  private root(create: boolean): YAMLMap | null {
    const c = this.doc.contents;
    if (isMap(c)) return c;
    if (c === null || (isScalar(c) && (c.value === null || c.value === ''))) {
      if (!create) return null;
      const map = new YAMLMap();
      if (isScalar(c) && c.commentBefore) map.commentBefore = c.commentBefore;
      this.doc.contents = map;
      return map;
    }
    throw new StrategyError('edit.not-a-map');
  }

  /** The `playbooks:` mapping (created when `create` and missing or empty). */
  playbooksMap(create: boolean): YAMLMap | null {
    const root = this.root(create);
    if (!root) return null;
    const pair = root.items.find((p) => keyOf(p) === 'playbooks');
    if (pair) {
      const v = pair.value;
      if (isMap(v)) return v;
      if (v === null || v === undefined || (isScalar(v) && v.value === null)) {
        if (!create) return null;
        const map = new YAMLMap();
        // `playbooks: # comment` keeps its comment on the key's line
        if (isScalar(v) && v.comment) map.commentBefore = v.comment;
        pair.value = map;
        return map;
      }
      throw new StrategyError('edit.playbooks-not-map');
    }
    if (!create) return null;
    const map = new YAMLMap();
    root.items.push(this.doc.createPair('playbooks', map));
    return map;
  }

  /** `segment`'s playbook mapping. */
  playbook(segment: string): YAMLMap {
    const map = this.playbooksMap(false);
    const pair = map?.items.find((p) => keyOf(p) === segment);
    if (!pair) throw new StrategyError('edit.no-playbook', { segment });
    if (!isMap(pair.value)) throw new StrategyError('edit.playbook-not-map', { segment });
    return pair.value;
  }

  add(segment: string, values: Partial<PlaybookValues> | undefined, options: AddOptions): boolean {
    if (segment.trim() === '' || /[\r\n]/.test(segment)) throw new StrategyError('edit.bad-segment', { segment });
    const map = this.playbooksMap(true)!;
    if (map.items.some((p) => keyOf(p) === segment)) throw new StrategyError('edit.exists', { segment });
    const lang = options.lang ?? this.fileLang() ?? 'en';
    const pb = new YAMLMap();
    // block style inside a block file (a flow `playbooks: {}` left by removing the last one
    // becomes block again)
    map.flow = false;
    const pair = this.doc.createPair(segment, pb);
    const order = options.order ?? [];
    const at = order.indexOf(segment);
    let index = map.items.length;
    if (at >= 0) {
      // after the last playbook of a segment that comes before it in the rules, else before
      // the first one that comes after it
      const rank = (p: Pair) => order.indexOf(keyOf(p) ?? '');
      const before = map.items.map(rank).map((r, i) => (r >= 0 && r < at ? i : -1)).filter((i) => i >= 0);
      const after = map.items.findIndex((p) => rank(p) > at);
      if (before.length) index = before[before.length - 1]! + 1;
      else if (after >= 0) index = after;
    }
    map.items.splice(index, 0, pair);
    this.update(pb, { goal: templateGoal(segment, options.label, lang), ...values });
    return true;
  }

  private fileLang(): Lang | null {
    const root = this.doc.contents;
    if (!isMap(root)) return null;
    const v = textOf(root.get('lang', true));
    return v === 'en' || v === 'zh' ? v : null;
  }

  update(pb: YAMLMap, values: Partial<PlaybookValues>): boolean {
    let changed = false;
    for (const field of FIELD_ORDER) {
      if (!(field in values)) continue;
      if (field === 'measures') changed = this.setMeasures(pb, values.measures ?? []) || changed;
      else if (field === 'kpis') changed = this.setKpis(pb, values.kpis ?? []) || changed;
      else changed = this.setText(pb, field, values[field] ?? null) || changed;
    }
    return changed;
  }

  setText(pb: YAMLMap, field: PlaybookTextField, value: string | null): boolean {
    const v = clean(value);
    const pair = pb.items.find((p) => keyOf(p) === field);
    if (v === null) return pair ? remove(pb, pair) : false;
    if (pair) return setScalar(pair, v);
    insertField(pb, this.doc.createPair(field, v), FIELD_ORDER);
    return true;
  }

  setMeasures(pb: YAMLMap, measures: readonly string[]): boolean {
    const list = measures.map(clean).filter((m): m is string => m !== null);
    const pair = pb.items.find((p) => keyOf(p) === 'measures');
    if (!list.length) return pair ? remove(pb, pair) : false;
    if (!pair) {
      insertField(pb, this.doc.createPair('measures', this.seq(list)), FIELD_ORDER);
      return true;
    }
    const cur = pair.value;
    // a single measure written as text stays text while it is the only one
    if (!isSeq(cur)) {
      if (list.length === 1 && isScalar(cur)) return setScalar(pair, list[0]!);
      pair.value = this.seq(list);
      return true;
    }
    let changed = cur.items.length !== list.length;
    list.forEach((m, i) => {
      const item = cur.items[i];
      if (isScalar(item)) changed = setNode(item, m) || changed;
      else if (i < cur.items.length) {
        cur.items[i] = new Scalar(m);
        changed = true;
      } else cur.items.push(new Scalar(m));
    });
    cur.items.splice(list.length);
    return changed;
  }

  setKpis(pb: YAMLMap, kpis: readonly KpiValues[]): boolean {
    const list = kpis.map((k) => ({ name: clean(k.name), target: clean(k.target), metric: k.metric })).filter((k): k is { name: string; target: string | null; metric: KpiMetric | null } => k.name !== null);
    const pair = pb.items.find((p) => keyOf(p) === 'kpis');
    if (!list.length) return pair ? remove(pb, pair) : false;
    const cur = pair && isSeq(pair.value) ? pair.value : null;
    // new KPIs are written like the file's others: flow maps (as the models write them) unless
    // the first one is a block map
    const firstMap = cur?.items.find((it) => isMap(it));
    const flow = firstMap ? (firstMap as YAMLMap).flow === true : true;
    if (!cur) {
      const seq = new YAMLSeq();
      for (const k of list) seq.items.push(this.kpiNode(k, flow));
      if (pair) pair.value = seq;
      else insertField(pb, this.doc.createPair('kpis', seq), FIELD_ORDER);
      return true;
    }
    let changed = cur.items.length !== list.length;
    list.forEach((k, i) => {
      const item = cur.items[i];
      if (i >= cur.items.length) {
        cur.items.push(this.kpiNode(k, flow));
      } else if (isMap(item)) {
        changed = this.setKpiMap(item, k) || changed;
      } else if (isScalar(item) && k.target === null && k.metric === null) {
        // a KPI written as its name alone stays so while it has nothing else
        changed = setNode(item, k.name) || changed;
      } else {
        const node = this.kpiNode(k, flow);
        if (isScalar(item) && item.comment) node.comment = item.comment;
        cur.items[i] = node;
        changed = true;
      }
    });
    cur.items.splice(list.length);
    return changed;
  }

  private setKpiMap(map: YAMLMap, k: { name: string; target: string | null; metric: KpiMetric | null }): boolean {
    let changed = false;
    for (const key of KPI_ORDER) {
      const pair = map.items.find((p) => keyOf(p) === key);
      const v = k[key];
      if (v === null) {
        if (pair) changed = remove(map, pair) || changed;
        continue;
      }
      if (!pair) {
        insertField(map, this.doc.createPair(key, v), KPI_ORDER);
        changed = true;
      } else if (key === 'metric') {
        // an alias of the same metric ("Repurchase-Rate") stays as written
        const was = textOf(pair.value);
        if (was === null || resolveMetric(was) !== v) changed = setScalar(pair, v) || changed;
      } else changed = setScalar(pair, v) || changed;
    }
    return changed;
  }

  private kpiNode(k: { name: string; target: string | null; metric: KpiMetric | null }, flow: boolean): YAMLMap {
    const map = new YAMLMap();
    map.flow = flow;
    for (const key of KPI_ORDER) {
      const v = k[key];
      if (v !== null) map.items.push(this.doc.createPair(key, v));
    }
    return map;
  }

  private seq(items: readonly string[]): YAMLSeq {
    const seq = new YAMLSeq();
    for (const m of items) seq.items.push(new Scalar(m));
    return seq;
  }
}

/** Insert `pair` before the first field that comes after it in `order` (else at the end). */
function insertField(map: YAMLMap, pair: Pair, order: readonly string[]): void {
  const rank = order.indexOf(keyOf(pair) ?? '');
  const at = map.items.findIndex((p) => {
    const r = order.indexOf(keyOf(p) ?? '');
    return r > rank;
  });
  if (at < 0) map.items.push(pair);
  else map.items.splice(at, 0, pair);
}

function remove(map: YAMLMap, pair: Pair): boolean {
  map.items.splice(map.items.indexOf(pair), 1);
  return true;
}

/** Set a pair's value to the text `v` (keeping the node, its comment and style, when it is a
 * scalar); false when it already reads `v`. */
function setScalar(pair: Pair, v: string): boolean {
  const cur = pair.value;
  if (isScalar(cur)) return setNode(cur, v);
  const node = new Scalar(v);
  if (cur && typeof cur === 'object' && 'comment' in cur && typeof (cur as YamlNode).comment === 'string') node.comment = (cur as YamlNode).comment;
  pair.value = node;
  return true;
}

function setNode(node: Scalar, v: string): boolean {
  if (textOf(node) === v) return false;
  // a number stays a number when the new text is one written the same way
  if (typeof node.value === 'number' && /^-?\d+(\.\d+)?$/.test(v) && String(Number(v)) === v) {
    node.value = Number(v);
    delete node.source;
    return true;
  }
  node.value = v;
  delete node.source;
  // a block scalar for a one-line value, or a plain style the text cannot keep, is chosen again
  if (node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL) {
    if (!v.includes('\n')) delete node.type;
  } else if (node.type === Scalar.PLAIN) delete node.type;
  return true;
}
