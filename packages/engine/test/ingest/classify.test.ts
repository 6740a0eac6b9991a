// Guessing the role of each of many files (issue 10's folder drop): orders, customers, ignored,
// on real files (the example shop, Online Retail days) and made ones.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { guessFileRoles } from '../../src/ingest/classify.js';
import { suggestAmountExpression } from '../../src/ingest/roles.js';
import { renderMessage } from '../../src/messages/index.js';
import { nodeFile } from '../../src/node/index.js';
import { encodeBig5, memFile } from './fixtures.js';

const root = resolve(fileURLToPath(new URL('../../../..', import.meta.url)));
const retail = resolve(root, '../shared/data/online-retail/by-day');

describe('the amount as an expression of quantity and unit price', () => {
  it('is suggested from the column names (any language), quoted in the rules language when it must be', () => {
    expect(suggestAmountExpression(['InvoiceNo', 'Quantity', 'UnitPrice'])).toBe('Quantity * UnitPrice');
    expect(suggestAmountExpression(['订单号', '数量', '单价'])).toBe('数量 * 单价');
    expect(suggestAmountExpression(['Qty', 'Unit Price'])).toBe('Qty * `Unit Price`');
    expect(suggestAmountExpression(['amount', 'Qty'])).toBeUndefined();
  });
});

describe('guessing each file\'s role', () => {
  it('the example shop: orders, customers, and a note that is no table', async () => {
    const files = [nodeFile(join(root, 'examples/retail/orders.csv')), nodeFile(join(root, 'examples/retail/customers.csv')), memFile('README.txt', 'These are the exports of May.\nAsk Li for the rest.\n')];
    const g = await guessFileRoles(files);
    expect(g.map((x) => [x.name, x.role, x.code])).toEqual([
      ['orders.csv', 'orders', 'classify.orders'],
      ['customers.csv', 'customers', 'classify.customers'],
      ['README.txt', 'ignored', 'classify.not_a_table']
    ]);
    expect(g[0]!.roles).toMatchObject({ customer: 'customer_id', date: 'order_date', amount: 'amount' });
    expect(g[1]!.message).toBe(renderMessage('classify.customers', g[1]!.params).message);
  });

  it('daily Online Retail exports are all orders (one table), the amount as Quantity * UnitPrice', async () => {
    const days = readdirSync(retail).filter((f) => f.endsWith('.csv')).slice(0, 3);
    const g = await guessFileRoles(days.map((d) => nodeFile(join(retail, d))));
    expect(g.map((x) => x.role)).toEqual(['orders', 'orders', 'orders']);
    expect(g[0]!.amountExpression).toBe('Quantity * UnitPrice');
    // the first rows, for the preview shown with each file
    expect(g[0]!.preview).toHaveLength(5);
    expect(g[0]!.preview[0]).toEqual(['536365', '85123A', 'WHITE HANGING HEART T-LIGHT HOLDER', '6', '2010-12-01 08:26:00', '2.55', '17850.0', 'United Kingdom']);
    expect(g[0]!.roles).toMatchObject({ customer: 'CustomerID', date: 'InvoiceDate', order: 'InvoiceNo' });
  });

  it('orders with other columns, a second customers file, repeated ids, a customer column without amounts', async () => {
    const g = await guessFileRoles([
      memFile('big.csv', 'customer_id,order_date,amount\n' + 'C1,2024-01-01,10\n'.repeat(50)),
      memFile('other.csv', 'customer_id,order_date,amount,channel\nC1,2024-01-01,10,web\n'),
      memFile('people.csv', 'customer_id,city\nC1,Oslo\nC2,Rome\n'),
      memFile('more-people.csv', 'customer_id,region\nC1,N\n'),
      memFile('visits.csv', 'customer_id,page\nC1,home\nC1,cart\n'),
      memFile('dates.csv', 'customer_id,order_date\nC1,2024-01-01\nC1,2024-02-01\n')
    ]);
    expect(g.map((x) => [x.name, x.role, x.code])).toEqual([
      ['big.csv', 'orders', 'classify.orders'],
      ['other.csv', 'ignored', 'classify.other_columns'],
      ['people.csv', 'customers', 'classify.customers'],
      ['more-people.csv', 'ignored', 'classify.second_customers'],
      ['visits.csv', 'ignored', 'classify.ids_repeat'],
      ['dates.csv', 'ignored', 'classify.incomplete']
    ]);
  });

  it('Traditional Chinese headers (a Big5 export)', async () => {
    const g = await guessFileRoles([memFile('訂單.csv', encodeBig5('客戶編號,訂單日期,實付金額\nC1,2024-01-01,10\nC2,2024-01-02,20\n'))]);
    expect(g[0]).toMatchObject({ role: 'orders', roles: { customer: '客戶編號', date: '訂單日期', amount: '實付金額' } });
  });
});
