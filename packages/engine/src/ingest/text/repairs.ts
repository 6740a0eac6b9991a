// The repair report of a load: every row or line the reader repaired, left out or skipped,
// grouped by code (and params), with an exact count and the rows themselves (up to a cap).
// In strict mode the first entry that changes or drops data fails the load instead.
import { LoadError, type RepairGroup, type RowRepair } from '../../types.js';
import { renderMessage, type MessageCode, type Params } from '../../messages/index.js';
import { formatIssue, issue } from '../issues.js';

/** Rows kept per group (the count is always exact). */
export const REPAIR_EXAMPLES_MAX = 1000;
/** The text of a row in the report is cut here. */
const TEXT_MAX = 200;

/** Entries that change no value and drop no data row: allowed in strict mode too. */
const HARMLESS = new Set<MessageCode>(['text.blank_lines']);

function cut(s: string): string {
  return s.length > TEXT_MAX ? `${s.slice(0, TEXT_MAX)}…` : s;
}

export class RepairLog {
  private readonly groups = new Map<string, RepairGroup>();

  constructor(private readonly strict = false) {}

  add(code: MessageCode, action: RepairGroup['action'], params: Params, example: RowRepair): void {
    if (this.strict && !HARMLESS.has(code)) {
      const refusal = action === 'repaired' ? 'text.strict_repaired' : action === 'left_out' ? 'text.strict_left_out' : 'text.strict_skipped';
      const i = issue('error', refusal, example.file, { ...params, problem: code, text: cut(example.before) }, { line: example.line, ...(example.row !== undefined ? { row: example.row } : {}) });
      throw new LoadError(formatIssue(i), [i]);
    }
    const key = `${code}|${action}|${JSON.stringify(params)}`;
    let g = this.groups.get(key);
    if (!g) {
      const { message, hint } = renderMessage(code, params);
      g = { code, params, action, count: 0, examples: [], message, ...(hint !== undefined ? { hint } : {}) };
      this.groups.set(key, g);
    }
    g.count++;
    if (g.examples.length < REPAIR_EXAMPLES_MAX) {
      g.examples.push({ ...example, before: cut(example.before), ...(example.after !== undefined ? { after: cut(example.after) } : {}) });
    }
  }

  /** `n` more entries of a group whose rows are already listed as far as they are kept. */
  more(code: MessageCode, action: RepairGroup['action'], params: Params, n: number): void {
    const g = this.groups.get(`${code}|${action}|${JSON.stringify(params)}`);
    if (g && n > 0) g.count += n;
  }

  get size(): number {
    return this.groups.size;
  }

  list(): RepairGroup[] {
    return [...this.groups.values()];
  }
}
