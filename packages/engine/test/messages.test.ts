// The message catalogues: every English code has a Simplified Chinese text with the same
// placeholders (and a hint when the English has one), and no message the engine renders for a
// load keeps a placeholder it did not fill, in either language. The app reads the hints in its
// own words (its load settings' fields and switches), never a command-line flag or option name;
// the command line keeps its flags.
import { compileExpression } from '@segmint/dsl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue, MESSAGE_CODES, renderMessage, type MessageCode, type Params } from '../src/messages/index.js';
import { NativeBackend } from '../src/node/index.js';
import { Workspace } from '../src/workspace.js';
import { LoadError, type LoadOptions, type InputFile } from '../src/types.js';
import { diskFile, memFile, tempDir } from './ingest/fixtures.js';

const placeholders = (text: string | undefined): string[] => [...new Set([...(text ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();

/** What the app must never tell its user: a flag, the command line, or an option's name in
 * code (dayFirst, keepImplausibleDates: camelCase). */
const CLI_WORDS: [string, RegExp][] = [
  ['a flag', /--[a-z]/],
  ['the command line', /command line|command-line|\bCLI\b|命令行/i],
  ['an option name', /\b[a-z]+[A-Z][A-Za-z]*\b/]
];

/** Params for every placeholder of `code` (in either language and surface), so a rendered text
 * shows what the catalogue wrote around them and nothing of a placeholder's own name. */
function sampleParams(code: MessageCode): Params {
  const names = new Set<string>();
  for (const locale of ['en', 'zh-CN'] as const) {
    const t = catalogue(locale)[code];
    for (const text of [t.message, t.hint, t.hintApp]) for (const n of placeholders(text)) names.add(n);
  }
  return Object.fromEntries([...names].map((n, i) => [n, i + 1]));
}

describe('the catalogues', () => {
  const en = catalogue('en');
  const zh = catalogue('zh-CN');

  it('every English code has a Chinese text with the same placeholders, and a hint where the English has one', () => {
    expect(MESSAGE_CODES.length).toBeGreaterThan(0);
    for (const code of MESSAGE_CODES) {
      const e = en[code];
      const z = zh[code];
      expect(z, code).toBeDefined();
      expect(z.message.trim(), code).not.toBe('');
      expect(placeholders(z.message), `${code} message`).toEqual(placeholders(e.message));
      expect(z.hint === undefined, `${code} hint`).toBe(e.hint === undefined);
      expect(placeholders(z.hint), `${code} hint`).toEqual(placeholders(e.hint));
      // (the values and formats areas) Chinese text is Chinese, not a copy of the English
      if (/^(values|formats)\./.test(code)) expect(/[\u4e00-\u9fff]/.test(z.message), `${code} is translated`).toBe(true);
    }
    expect(Object.keys(zh).sort()).toEqual([...MESSAGE_CODES].sort());
  });

  it('the app wording of a hint is in both languages, with the same placeholders, and only where there is a hint', () => {
    const withApp = MESSAGE_CODES.filter((c) => en[c].hintApp !== undefined);
    expect(withApp.length).toBeGreaterThan(0);
    expect(MESSAGE_CODES.filter((c) => zh[c].hintApp !== undefined)).toEqual(withApp);
    for (const code of withApp) {
      const e = en[code];
      const z = zh[code];
      expect(e.hint, `${code} has a hint`).toBeDefined();
      expect(placeholders(z.hintApp), `${code} app hint`).toEqual(placeholders(e.hintApp));
      // the params given with the code are those of its message and hint
      const given = new Set([...placeholders(e.message), ...placeholders(e.hint)]);
      for (const name of placeholders(e.hintApp)) expect(given.has(name), `${code} app hint {${name}}`).toBe(true);
      // once the app has its own words, the command line's hint does not speak of the app
      for (const t of [e, z]) expect(t.hint, `${code} command-line hint`).not.toMatch(/in the app|app's|应用中/);
    }
  });

  it("every code rendered for the app, in both languages, names no flag, command line or option name", () => {
    for (const code of MESSAGE_CODES) {
      const params = sampleParams(code);
      for (const locale of ['en', 'zh-CN'] as const) {
        const r = renderMessage(code, params, locale, 'app');
        for (const [what, re] of CLI_WORDS) {
          expect(r.message, `${code} ${locale} message names ${what}`).not.toMatch(re);
          expect(r.hint ?? '', `${code} ${locale} hint names ${what}`).not.toMatch(re);
        }
        // the message itself is the same on both surfaces; only a hint has an app wording
        expect(r.message, `${code} ${locale}`).toBe(renderMessage(code, params, locale).message);
      }
    }
  });

  it('the command line keeps its flags, and the app reads its own fields instead', () => {
    const cases: [MessageCode, Params, string, RegExp, RegExp][] = [
      // code, params, the flag on the command line, the app's words in English and Chinese
      ['values.role_missing', { role: 'amount', columns: "'a'", map: 'amount=COLUMN' }, '--map amount=', /Choose the amount column in the load settings/, /加载设置/],
      ['values.no_amount', { column: 'amount' }, '--map amount=', /Amount: column or expression/, /金额：列或表达式/],
      ['values.no_customer', { column: 'c' }, '--map customer=', /customer column/, /客户列/],
      ['values.date_unreadable', { column: 'd' }, '--day-first', /Date order/, /日期顺序/],
      ['values.date_order_ambiguous', { column: 'd', example: '01/02/2024', row: 1 }, '--day-first', /Date order: Day first \(DD\/MM\/YYYY\) or Month first/, /日期顺序.*日在前（DD\/MM\/YYYY）或月在前/],
      ['values.date_implausible', { column: 'd', first: '1900-01-01', last: '2026-01-01' }, '--keep-implausible-dates', /Keep rows with implausible dates/, /保留日期不合理的行/],
      ['values.strict_amount_unreadable', { column: 'a', value: 'x', count: 1 }, '--strict', /Strict switch off/, /关闭“严格模式”/],
      ['values.as_of_outside_range', { asOf: '2031-01-01', first: '2024-01-01', last: '2024-12-31' }, '--as-of', /As-of date field, or the rule file's "as of" line/, /分析日期设置.*"as of"/],
      ['text.tables', { tables: 2, table: 1 }, '--csv-table N', /Table in the file/, /文件中的表格/],
      ['text.other_table', { table: 2, first: 7, last: 8, rows: 1, columns: 'a' }, '--csv-table 2', /Table in the file: Table 2/, /文件中的表格.*第 2 个表格/],
      ['export.dates_ambiguous', { type: 'date', reason: 'r' }, '--day-first', /Date order/, /日期顺序/]
    ];
    for (const [code, params, flag, appEn, appZh] of cases) {
      for (const locale of ['en', 'zh-CN'] as const) expect(renderMessage(code, params, locale).hint, `${code} ${locale} command line`).toContain(flag);
      expect(renderMessage(code, params, 'en', 'cli').hint, code).toBe(renderMessage(code, params).hint);
      expect(renderMessage(code, params, 'en', 'app').hint, `${code} app en`).toMatch(appEn);
      expect(renderMessage(code, params, 'zh-CN', 'app').hint, `${code} app zh`).toMatch(appZh);
    }
    // a hint with nothing of the command line in it reads the same in the app
    expect(renderMessage('values.no_usable_rows', { rows: 3, columns: "'a'" }, 'en', 'app').hint).toBe("Nothing was loaded. Check which column plays each role in the load settings; the file's columns are: 'a'");
    expect(renderMessage('file.no_rows', {}, 'zh-CN', 'app')).toEqual(renderMessage('file.no_rows', {}, 'zh-CN'));
  });

  it('a role is named in Chinese in the Chinese messages, by its id in the English ones', () => {
    const params = { role: 'customer', columns: "'a'", map: 'customer=COLUMN' };
    expect(renderMessage('values.role_missing', params, 'zh-CN', 'app')).toEqual({ message: "没有识别出客户列（各列：'a'）", hint: '请在加载设置中选择客户列' });
    expect(renderMessage('values.role_missing', params, 'zh-CN').hint).toContain('--map customer=COLUMN');
    expect(renderMessage('values.role_missing', params, 'en', 'app').message).toContain('customer');
  });

  it('strict mode refusing a repair names the repair in the app as on the command line', () => {
    const params = { problem: 'text.row_merged_number', column: 'amount' };
    expect(renderMessage('text.strict_repaired', params, 'zh-CN', 'app').message).toBe(renderMessage('text.strict_repaired', params, 'zh-CN').message);
    expect(renderMessage('text.strict_repaired', params, 'en', 'app').message).toContain("it was read as one value in column 'amount'");
  });

  it('numbers are written in the locale\'s format; positions (line, row) and raw params are not', () => {
    expect(renderMessage('file.all_rows_left_out', { count: 12345 }, 'en').message).toBe('no row could be read: all 12,345 rows were left out');
    expect(renderMessage('file.all_rows_left_out', { count: 12345 }, 'zh-CN').message).toBe('没有一行可以读取：全部 12,345 行都未计入');
    expect(renderMessage('file.duckdb_rejected', { detail: 'x', line: 20001 }, 'en').message).toBe('cannot be read: x (line 20001 of the file)');
    expect(renderMessage('file.binary', { offset: 123456 }, 'zh-CN').message).toBe('不是文本文件：第 123456 个字节处是二进制数据');
  });

  it("an amount expression's rule-language diagnostics read in Chinese in the detail", () => {
    const compiled = compileExpression('qty * prise', { fields: [{ name: 'qty', type: 'number' }, { name: 'price', type: 'number' }] });
    const dsl = JSON.stringify(compiled.diagnostics);
    const params = { role: 'amount', expression: 'qty * prise', detail: "unknown field `prise` (did you mean 'price'?)", columns: "'qty', 'price'", dsl };
    expect(renderMessage('values.amount_expression_invalid', params, 'zh-CN').message).toContain("未知字段 `prise` (是不是想写 'price'？)");
    expect(renderMessage('values.amount_expression_invalid', params, 'en').message).toContain("unknown field `prise` (did you mean 'price'?)");
  });

  it('the codes of this area are the ones the app relies on', () => {
    for (const code of [
      'values.role_missing',
      'values.role_column_not_found',
      'values.date_order_ambiguous',
      'values.date_order_decided',
      'values.date_order_given',
      'values.dates_serial',
      'values.decimal_comma',
      'values.no_usable_rows',
      'values.date_implausible',
      'values.as_of_outside_range',
      'values.no_customer',
      'values.no_date',
      'values.date_unreadable',
      'values.no_amount',
      'values.amount_unreadable',
      'values.amount_too_large'
    ])
      expect(MESSAGE_CODES, code).toContain(code);
  });
});

/** Everything coded the loads below produced: issues (of reports and errors), left-out reasons,
 * repair groups and build notices. */
interface Coded {
  code?: MessageCode;
  params?: Params;
  message: string;
}

describe('messages rendered for real loads', () => {
  let db: NativeBackend;
  let dir: string;
  const seen: Coded[] = [];
  beforeAll(async () => {
    db = await NativeBackend.create();
    dir = tempDir();
    const ws = new Workspace(db);
    const load = async (files: InputFile[], options: LoadOptions = {}, customers?: InputFile) => {
      try {
        const r = await ws.loadTransactions(files, options);
        seen.push(...r.issues, ...r.repairs, ...r.leftOut.map((l) => ({ code: l.code, params: l.params, message: l.reason })));
        if (customers) {
          const c = await ws.loadCustomers([customers]);
          seen.push(...c.issues, ...c.leftOut.map((l) => ({ code: l.code, params: l.params, message: l.reason })));
        }
        const b = await ws.buildCustomers({ asOf: '2031-01-01' });
        seen.push(...b.notices);
      } catch (err) {
        if (!(err instanceof LoadError)) throw err;
        seen.push(...err.issues);
      }
    };
    const H = 'customer_id,order_date,amount\n';
    await load([diskFile(dir, 'mixed.csv', `${H}A,2024-01-01,"1,234.50"\nB,2024-01-02,"1.234,50"\n,2024-01-03,1\nC,,1\nD,soon,1\nE,2024-01-04,\nF,2024-01-05,x\nG,2024-01-06,1e15\nH,9999-12-31,1\n`)], {}, diskFile(dir, 'cust.csv', 'customer_id,M,segment,customer\nA,1,x,q\nA,2,y,r\n,3,z,s\n'));
    await load([diskFile(dir, 'kept.csv', `${H}A,2024-01-01,1\nB,0001-01-01,2\n`)], { keepImplausibleDates: true });
    await load([diskFile(dir, 'dmy.csv', `${H}A,01/02/2024,"12,50"\nB,13/02/2024,"3,00"\n`)]);
    await load([diskFile(dir, 'mix-order.csv', `${H}A,01/13/2024,1\nB,13/01/2024,2\nC,14/01/2024,3\n`)]);
    await load([diskFile(dir, 'serial.csv', `${H}A,45292,1\n`)], { dayFirst: true });
    await load([diskFile(dir, 'amb.csv', `${H}A,01/02/2024,1\n`)]);
    await load([diskFile(dir, 'nobody.csv', `${H},2024-01-01,1\n`)]);
    await load([diskFile(dir, 'strict.csv', `${H}A,2024-01-01,x\n`)], { strict: true });
    await load([diskFile(dir, 'roles.csv', 'who,when,qty,price\nA,2024-01-01,1,2\n')]);
    await load([diskFile(dir, 'roles.csv', 'who,when,qty,price\nA,2024-01-01,1,2\n')], { roles: { customer: 'klant' } });
    await load([diskFile(dir, 'expr.csv', 'customer_id,order_date,qty,price\nA,2024-01-01,1,\n')], { roles: { amount: 'qty * price' } });
    await load([diskFile(dir, 'expr.csv', 'customer_id,order_date,qty,price\nA,2024-01-01,1,\n')], { roles: { amount: 'qty *' } });
    await load([memFile('bad.ndjson', '{"a":1}\n{"a":\n')]);
    await load([memFile('bad.parquet', 'PAR1 not really')]);
  });
  afterAll(async () => db.close());

  it('covers the codes of the loads above', () => {
    const codes = new Set(seen.map((s) => s.code));
    for (const c of ['values.no_usable_rows', 'values.date_implausible', 'values.date_implausible_kept', 'values.strict_amount_unreadable', 'values.as_of_outside_range', 'values.role_missing', 'values.number_formats_mixed', 'values.date_order_mixed', 'values.dates_serial', 'values.decimal_comma'])
      expect(codes, c).toContain(c);
  });

  it('no message keeps an unfilled {placeholder}, in English or in Chinese', () => {
    for (const s of seen) {
      expect(s.message, s.message).not.toMatch(/\{\w+\}/);
      if (s.code === undefined) continue;
      for (const locale of ['en', 'zh-CN'] as const)
        for (const surface of ['cli', 'app'] as const) {
          const r = renderMessage(s.code, s.params ?? {}, locale, surface);
          expect(r.message, `${s.code} ${locale} ${surface}`).not.toMatch(/\{\w+\}/);
          expect(r.hint ?? '', `${s.code} ${locale} ${surface} hint`).not.toMatch(/\{\w+\}/);
        }
      // the English text the engine gave is the catalogue's
      expect(renderMessage(s.code, s.params ?? {}).message).toBe(s.message);
    }
  });
});
