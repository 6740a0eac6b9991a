// Per-segment customer lists for a CRM or e-mail tool: id plus chosen columns, with personal
// columns (name, phone, e-mail, ... detected by name, English and Chinese) kept, left out or masked.
import { ident, type Backend, type Cell } from '@segmint/engine';
import { csvLine } from './escape.js';
import { columnsOf } from './sql.js';
import { StrategyError } from './messages/index.js';

export type PersonalMode = 'keep' | 'omit' | 'mask';
export type PersonalKind = 'name' | 'phone' | 'email' | 'address' | 'id' | 'other';

const EN_TOKENS: Record<string, PersonalKind> = {
  name: 'name', firstname: 'name', lastname: 'name', fullname: 'name', surname: 'name', forename: 'name', givenname: 'name', contact: 'name', nickname: 'name',
  phone: 'phone', mobile: 'phone', tel: 'phone', telephone: 'phone', cell: 'phone', cellphone: 'phone', fax: 'phone', whatsapp: 'phone', wechat: 'other', weixin: 'other',
  email: 'email', mail: 'email', emailaddress: 'email',
  address: 'address', street: 'address', addr: 'address', postcode: 'address', zipcode: 'address', zip: 'address',
  ssn: 'id', passport: 'id', idcard: 'id', birthday: 'other', birthdate: 'other', dob: 'other', ip: 'other'
};
const ZH_MARKERS: [RegExp, PersonalKind][] = [
  [/姓名|名字|联系人|聯繫人|客户名称|客戶名稱|昵称|暱稱|称呼/, 'name'],
  [/电话|電話|手机|手機|联系方式|聯繫方式|座机|传真/, 'phone'],
  [/邮箱|郵箱|邮件|郵件|电邮|電郵/, 'email'],
  [/地址|住址/, 'address'],
  [/身份证|身份證|护照|證件|证件/, 'id'],
  [/微信|生日|出生/, 'other']
];

/** The kind of personal data a column holds, judged by its name; null when it looks impersonal.
 * `company_name`-style names count as names: a CRM export errs on the side of privacy. */
export function personalKind(column: string): PersonalKind | null {
  for (const [re, kind] of ZH_MARKERS) if (re.test(column)) return kind;
  const spaced = column.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const tokens = spaced.split(/[^a-z0-9]+/).filter(Boolean);
  const joined = tokens.join('');
  if (EN_TOKENS[joined]) return EN_TOKENS[joined]!;
  for (const tok of tokens) if (EN_TOKENS[tok]) return EN_TOKENS[tok]!;
  for (let i = 0; i + 1 < tokens.length; i++) {
    const two = tokens[i]! + tokens[i + 1]!;
    if (EN_TOKENS[two]) return EN_TOKENS[two]!;
  }
  if (/^e-?mail/i.test(column)) return 'email';
  return null;
}

/** Mask a personal value, keeping just enough to recognise it: `C***`, `*******1234`, `a***@example.com`. */
export function maskValue(value: Cell, kind: PersonalKind): Cell {
  if (value === null) return null;
  const s = String(value);
  if (s === '') return '';
  const chars = Array.from(s);
  if (kind === 'email') {
    const at = s.lastIndexOf('@');
    if (at > 0) return `${Array.from(s.slice(0, at))[0]}***${s.slice(at)}`;
    return `${chars[0]}***`;
  }
  if (kind === 'phone') {
    const digits = s.replace(/\D/g, '');
    return digits.length > 4 ? `${'*'.repeat(Math.max(3, digits.length - 4))}${digits.slice(-4)}` : '****';
  }
  if (kind === 'name') return `${chars[0]}${'*'.repeat(Math.max(2, Math.min(4, chars.length - 1)))}`;
  return '***';
}

export interface ExportOptions {
  /** the segmentation table (customer, segment, tags...) */
  table: string;
  relation?: string;
  /** undefined = every customer; null = the unassigned; a string = that segment */
  segment?: string | null;
  /** columns after the id (from the relation or the segmentation table); default: segment and
   * every column of the relation */
  columns?: string[];
  personal?: PersonalMode;
}

export interface ExportResult {
  csv: string;
  columns: string[];
  rows: number;
  /** personal columns found among the chosen ones, and what was done */
  personal: { column: string; kind: PersonalKind }[];
  mode: PersonalMode;
}

export async function exportCustomers(backend: Backend, options: ExportOptions): Promise<ExportResult> {
  const relation = options.relation ?? 'customers';
  const mode = options.personal ?? 'mask';
  const relCols = await columnsOf(backend, relation);
  const segCols = await columnsOf(backend, options.table);
  const available = new Map<string, string>();
  for (const c of segCols) available.set(c, `s.${ident(c)}`);
  for (const c of relCols) if (!available.has(c)) available.set(c, `c.${ident(c)}`);
  const wanted = options.columns ?? ['segment', ...relCols.filter((c) => c !== 'customer')];
  const chosen: string[] = [];
  for (const w of wanted) {
    if (w === 'customer') continue;
    const exact = available.has(w) ? w : [...available.keys()].find((c) => c.toLowerCase() === w.toLowerCase());
    if (!exact) throw new StrategyError('export.unknown-column', { column: w, available: [...available.keys()].join(', ') });
    if (!chosen.includes(exact)) chosen.push(exact);
  }
  const personal = chosen.map((c) => ({ column: c, kind: personalKind(c) })).filter((p): p is { column: string; kind: PersonalKind } => p.kind !== null);
  const kinds = new Map(personal.map((p) => [p.column, p.kind]));
  const out = mode === 'omit' ? chosen.filter((c) => !kinds.has(c)) : chosen;
  const select = ['s.customer AS customer', ...out.map((c, i) => `${available.get(c)} AS ${ident(`c${i}`)}`)].join(', ');
  const params: Cell[] = [];
  let where = '';
  if (options.segment === null) where = 'WHERE s.segment IS NULL';
  else if (typeof options.segment === 'string') {
    where = 'WHERE s.segment = $1';
    params.push(options.segment);
  }
  const rows = await backend.query(`SELECT ${select} FROM ${ident(options.table)} s JOIN ${ident(relation)} c ON c.customer = s.customer ${where} ORDER BY s.customer`, params);
  const lines = [csvLine(['customer', ...out])];
  for (const r of rows) {
    lines.push(
      csvLine([
        r.customer,
        ...out.map((c, i) => {
          const v = r[`c${i}`] ?? null;
          const kind = kinds.get(c);
          return mode === 'mask' && kind ? maskValue(v, kind) : v;
        })
      ])
    );
  }
  return { csv: lines.join('\n') + '\n', columns: ['customer', ...out], rows: rows.length, personal, mode };
}
