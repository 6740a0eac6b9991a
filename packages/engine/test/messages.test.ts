// The message catalogues: every English code has a Simplified Chinese text with the same
// placeholders (and a hint when the English has one), and no message the engine renders for a
// load keeps a placeholder it did not fill, in either language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue, MESSAGE_CODES, renderMessage, type MessageCode, type Params } from '../src/messages/index.js';
import { NativeBackend } from '../src/node/index.js';
import { Workspace } from '../src/workspace.js';
import { LoadError, type LoadOptions, type InputFile } from '../src/types.js';
import { diskFile, memFile, tempDir } from './ingest/fixtures.js';

const placeholders = (text: string | undefined): string[] => [...new Set([...(text ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();

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
      for (const locale of ['en', 'zh-CN'] as const) {
        const r = renderMessage(s.code, s.params ?? {}, locale);
        expect(r.message, `${s.code} ${locale}`).not.toMatch(/\{\w+\}/);
        expect(r.hint ?? '', `${s.code} ${locale} hint`).not.toMatch(/\{\w+\}/);
      }
      // the English text the engine gave is the catalogue's
      expect(renderMessage(s.code, s.params ?? {}).message).toBe(s.message);
    }
  });
});
