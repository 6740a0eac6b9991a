// What an analyst does with real exports, without the CLI: fix a role the engine could not guess
// (Online Retail has no amount column), load a GB18030 CSV with Chinese headers, an Excel workbook
// (choosing the sheet), answer the DD/MM question, pick a ready-made model, and move the as-of
// date. Each test opens the app on a fresh page (the example data set) and loads its own file;
// every number is checked against native DuckDB through the engine (the CLI's code path) on the
// same file and settings.
import * as XLSX from '@e965/xlsx';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { Workspace, type LoadOptions } from '@segmint/engine';
import { NativeBackend, nodeFile } from '@segmint/engine/node';
import { listLibraries, loadLibrary } from '@segmint/strategy';
import { test, expect, shot, openApp, settled, tempFile, loadOrders, editorText } from './fixtures.js';
import { loadStaged, stageFiles } from './load.js';
import { exampleCustomers, exampleOrders, nativeWorkspace } from './native.js';

/** Native DuckDB on the same file with the same settings: customers and quick-rule counts. */
async function native(path: string, options: LoadOptions = {}) {
  const db = await NativeBackend.create({ threads: 2 });
  const ws = new Workspace(db);
  await ws.loadTransactions([nodeFile(path)], options);
  const built = await ws.buildCustomers();
  return { ws, built, close: () => db.close() };
}

const loadAlert = (page: import('@playwright/test').Page) => page.getByRole('alert').filter({ hasText: 'Could not load' });

/** Online Retail's columns: no amount column (amount = Quantity * UnitPrice). By hand:
 *  17850: 6*2.55 + 6*3.39 + 6*1.85 = 15.30 + 20.34 + 11.10 = 46.74 over 2 invoices
 *  13047: 32*1.69 = 54.08
 *  14527: 24*1.45 = 34.80 and a cancelled line C536379 of -1*27.50
 *  the last line has no CustomerID: left out. 3 customers. */
const RETAIL = [
  'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
  '536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom',
  '536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850,United Kingdom',
  '536366,22633,HAND WARMER UNION JACK,6,2010-12-01 08:28:00,1.85,17850,United Kingdom',
  '536367,84879,ASSORTED COLOUR BIRD ORNAMENT,32,2010-12-02 08:34:00,1.69,13047,United Kingdom',
  'C536379,D,Discount,-1,2010-12-03 09:41:00,27.50,14527,United Kingdom',
  '536380,22961,JAM MAKING SET PRINTED,24,2010-12-03 09:45:00,1.45,14527,United Kingdom',
  '536381,22139,RETROSPOT TEA SET CERAMIC,2,2010-12-05 10:00:00,4.25,,United Kingdom'
].join('\r\n');

test('Online Retail without an amount column: the message, the amount as an expression, reload', async ({ page }, info) => {
  await openApp(page);
  const before = await page.getByTestId('dataset-files').textContent();
  const path = tempFile('online-retail-small.csv', RETAIL);
  // staged, the amount is pre-filled as the engine suggests; emptied, the load says why it fails
  await stageFiles(page, path);
  await expect(page.getByLabel('Amount of each row')).toHaveValue('Quantity * UnitPrice');
  await page.getByLabel('Amount of each row').fill('');
  await loadStaged(page);
  await expect(loadAlert(page)).toContainText('Could not load online-retail-small.csv');
  await expect(loadAlert(page)).toContainText('no column was recognised as the amount');
  await expect(loadAlert(page)).toContainText('The previous data is still loaded.');
  await expect(page.getByTestId('dataset-files')).toHaveText(before!);
  // the settings of the failed file, right there: the guessed roles and the file's columns
  // the suggestion is pre-filled there too (one click on "Use Quantity * UnitPrice" applies it)
  const amount = page.getByLabel('Amount: column or expression');
  await expect(amount).toHaveValue('Quantity * UnitPrice');
  await expect(page.getByTestId('amount-suggestion')).toContainText('Quantity * UnitPrice');
  await expect(page.getByLabel('customer column')).toHaveValue('CustomerID');
  await expect(page.getByLabel('date column')).toHaveValue('InvoiceDate');
  await expect(page.getByLabel('customer column').getByRole('option')).toHaveCount(9); // (not set) + 8 columns
  await shot(page, info, 'missing-amount');

  const n = await native(path, { roles: { amount: 'Quantity * UnitPrice' } });
  const exact = (await n.ws.quickRule('M > 46.73 and M < 46.75')).matched;
  const total = n.built.customers;
  await n.close();
  expect(total).toBe(3);
  expect(exact).toBe(1);

  await amount.fill('Quantity * UnitPrice');
  await page.getByRole('button', { name: 'Reload with these settings' }).click();
  await expect(page.getByTestId('dataset-files')).toHaveText('online-retail-small.csv');
  await expect(loadAlert(page)).toHaveCount(0);
  await expect(page.getByTestId('dataset-customers')).toHaveText('3');
  await expect(page.getByTestId('dataset-rows')).toHaveText('7');
  await expect(page.getByRole('list', { name: 'Columns used' })).toContainText('Quantity * UnitPrice');
  await expect(page.getByText('1 rows left out', { exact: false })).toBeVisible();
  // M: 17850's 46.74, in the metrics table and through the rules language
  const preview = page.getByRole('table').filter({ hasText: 'RFM' });
  await expect(preview.getByRole('row').filter({ hasText: '17850' }).getByRole('cell').nth(3)).toHaveText('46.74');
  await expect(preview.getByRole('row').filter({ hasText: '13047' }).getByRole('cell').nth(3)).toHaveText('54.08');
  const rule = page.getByLabel('Rule expression');
  await rule.fill('M > 46.73 and M < 46.75');
  await settled(page);
  await expect(page.getByTestId('quick-count')).toHaveAttribute('data-value', String(exact));
  // the form keeps the expression for the next reload
  await expect(page.getByLabel('Amount: column or expression')).toHaveValue('Quantity * UnitPrice');
  await shot(page, info, 'amount-expression');
});

/** GB18030 bytes of a few Chinese words (checked below with Node's decoder, which reads
 * GB18030 but cannot write it). */
const GB: Record<string, number[]> = {
  客户编号: [0xbf, 0xcd, 0xbb, 0xa7, 0xb1, 0xe0, 0xba, 0xc5],
  下单时间: [0xcf, 0xc2, 0xb5, 0xa5, 0xca, 0xb1, 0xbc, 0xe4],
  实付金额: [0xca, 0xb5, 0xb8, 0xb6, 0xbd, 0xf0, 0xb6, 0xee],
  订单号: [0xb6, 0xa9, 0xb5, 0xa5, 0xba, 0xc5],
  城市: [0xb3, 0xc7, 0xca, 0xd0],
  北京: [0xb1, 0xb1, 0xbe, 0xa9],
  上海: [0xc9, 0xcf, 0xba, 0xa3]
};

/** Text -> GB18030 bytes: ASCII as is, the words above from the table. */
function gb18030(text: string): Uint8Array {
  const out: number[] = [];
  const words = Object.keys(GB).sort((a, b) => b.length - a.length);
  for (let i = 0; i < text.length; ) {
    const w = words.find((x) => text.startsWith(x, i));
    if (w) {
      out.push(...GB[w]!);
      i += w.length;
    } else {
      const c = text.charCodeAt(i);
      if (c > 0x7f) throw new Error(`no GB18030 bytes for '${text[i]}'`);
      out.push(c);
      i++;
    }
  }
  return Uint8Array.from(out);
}

test('a GB18030 CSV with Chinese headers: the columns read and the encoding reported', async ({ page }, info) => {
  for (const [w, bytes] of Object.entries(GB)) expect(new TextDecoder('gb18030').decode(Uint8Array.from(bytes))).toBe(w);
  const text = ['订单号,客户编号,下单时间,实付金额,城市', 'A1,C001,2024-05-01 10:00:00,120.5,北京', 'A2,C002,2024-05-03 11:00:00,80,上海', 'A3,C001,2024-05-20 12:00:00,30,北京'].join('\r\n') + '\r\n';
  const bytes = gb18030(text);
  expect(new TextDecoder('gb18030').decode(bytes)).toBe(text);
  const path = tempFile('订单-gbk.csv', bytes);
  const n = await native(path);
  await n.close();

  await openApp(page);
  await loadOrders(page, path);
  await expect(page.getByTestId('dataset-files')).toHaveText('订单-gbk.csv');
  await expect(page.getByTestId('dataset-customers')).toHaveText(String(n.built.customers));
  await expect(page.getByTestId('dataset-encoding')).toContainText('gb18030');
  await expect(page.getByTestId('detected-encoding')).toContainText('gb18030');
  const used = page.getByRole('list', { name: 'Columns used' });
  for (const c of ['客户编号', '下单时间', '实付金额', '订单号']) await expect(used).toContainText(c);
  await expect(page.getByLabel('customer column')).toHaveValue('客户编号');
  await expect(page.getByLabel('customer column').getByRole('option', { name: '城市' })).toHaveCount(1);
  await shot(page, info, 'gb18030');
  // the same controls in the Chinese UI, and the models listed in Chinese
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByLabel('客户列')).toHaveValue('客户编号');
  await expect(page.getByLabel('金额：列或表达式')).toHaveValue('实付金额');
  await expect(page.getByLabel('文件编码')).toBeVisible();
  await expect(page.getByLabel('现成模型').getByRole('option', { name: '经典 RFM 十一类客户' })).toHaveCount(1);
  await shot(page, info, 'gb18030-zh');
  await page.getByLabel('语言').selectOption('en');

  // Overriding the encoding reloads the file with it: read as Windows-1252, the headers are
  // mojibake, no customer column is recognised, and the data above stays.
  await page.getByLabel('Encoding').selectOption('windows-1252');
  await page.getByRole('button', { name: 'Reload with these settings' }).click();
  await expect(loadAlert(page)).toContainText('Could not load 订单-gbk.csv');
  await expect(page.getByTestId('dataset-encoding')).toHaveCount(0);
  await expect(page.getByLabel('Encoding')).toHaveValue('windows-1252');
  await page.getByLabel('Encoding').selectOption('');
  await page.getByRole('button', { name: 'Reload with these settings' }).click();
  await expect(loadAlert(page)).toHaveCount(0);
  await expect(page.getByTestId('dataset-encoding')).toContainText('gb18030');
});

test('a customers file whose id column is not recognised: chosen in the app, with its encoding', async ({ page }, info) => {
  // GB18030, as Excel on Chinese Windows saves it; 'kundennummer' is no name the engine knows
  const text = ['kundennummer,城市', 'C01493,北京', 'C01087,上海', 'C00001,北京'].join('\r\n') + '\r\n';
  const path = tempFile('客户-gbk.csv', gb18030(text));
  const db = await NativeBackend.create({ threads: 2 });
  const ws = new Workspace(db);
  await ws.loadTransactions([nodeFile(exampleOrders)]);
  await ws.loadCustomers([nodeFile(path)], { roles: { customer: 'kundennummer' } });
  await ws.buildCustomers();
  const beijing = (await ws.quickRule("城市 = '北京'")).matched;
  await db.close();
  expect(beijing).toBe(2);

  await openApp(page);
  await loadOrders(page, exampleOrders, path);
  await expect(loadAlert(page)).toContainText('Could not load 客户-gbk.csv');
  await expect(loadAlert(page)).toContainText('no column was recognised as the customer id');
  await expect(loadAlert(page)).toContainText("choose it in the app's load settings, under the customers file");
  // the customers file's own settings: its columns, read as GB18030
  const idColumn = page.getByLabel('Customer id column of the customers file');
  await expect(idColumn).toHaveValue('');
  await expect(idColumn.getByRole('option')).toHaveText(['(not set)', 'kundennummer', '城市']);
  await expect(page.getByTestId('customers-detected-encoding')).toContainText('gb18030');
  await shot(page, info, 'customers-id-missing');

  await idColumn.selectOption('kundennummer');
  await page.getByRole('button', { name: 'Reload with these settings' }).click();
  await expect(loadAlert(page)).toHaveCount(0);
  await expect(page.getByTestId('dataset-files')).toContainText('客户-gbk.csv');
  const rule = page.getByLabel('Rule expression');
  await rule.fill("城市 = '北京'");
  await settled(page);
  await expect(page.getByTestId('quick-count')).toHaveAttribute('data-value', String(beijing));
  // the choice stays in the form; the encoding can be given too and the counts hold
  await expect(page.getByLabel('Customer id column of the customers file')).toHaveValue('kundennummer');
  await page.getByLabel('Character set of the customers file').selectOption('gb18030');
  await page.getByRole('button', { name: 'Reload with these settings' }).click();
  await expect(loadAlert(page)).toHaveCount(0);
  await expect(page.getByLabel('Character set of the customers file')).toHaveValue('gb18030');
  await settled(page);
  await expect(page.getByTestId('quick-count')).toHaveAttribute('data-value', String(beijing));
  await shot(page, info, 'customers-id-chosen');
});

test('an Excel workbook: the sheet is chosen in the app, then the data loads', async ({ page }, info) => {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Report'], ['made by the shop system'], ['rows', 4]]), 'Summary');
  XLSX.utils.book_append_sheet(
    wb,
    XLSX.utils.aoa_to_sheet([
      ['Order ID', 'Customer ID', 'Order Date', 'Amount', 'Channel'],
      ['X1', 'K1', '2024-02-01', 10, 'web'],
      ['X2', 'K2', '2024-02-02', 25.5, 'store'],
      ['X3', 'K1', '2024-02-15', 4.5, 'web'],
      ['X4', 'K3', '2024-02-20', 100, 'web']
    ]),
    'Orders'
  );
  const path = tempFile('shop.xlsx', new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer));
  const n = await native(path, { sheet: 'Orders' });
  await n.close();

  await openApp(page);
  await loadOrders(page, path);
  // the first sheet has no orders: the message, and the sheet choice right there
  await expect(loadAlert(page)).toContainText('Could not load shop.xlsx');
  const sheet = page.getByLabel('Excel sheet');
  await expect(sheet.getByRole('option')).toHaveText(['Summary', 'Orders']);
  await sheet.selectOption('Orders');
  await page.getByRole('button', { name: 'Reload with these settings' }).click();
  await expect(page.getByTestId('dataset-files')).toHaveText('shop.xlsx');
  await expect(loadAlert(page)).toHaveCount(0);
  await expect(page.getByTestId('dataset-customers')).toHaveText(String(n.built.customers));
  await expect(page.getByTestId('dataset-rows')).toHaveText('4');
  await expect(page.getByTestId('dataset-asof')).toHaveText(n.built.asOf);
  await expect(page.getByTestId('dataset-format')).toContainText('Excel');
  await expect(page.getByLabel('Encoding')).toHaveCount(0); // not a text file
  await expect(page.getByLabel('Excel sheet')).toHaveValue('Orders');
  await shot(page, info, 'excel');
});

test('dates that read both ways: the app asks DD/MM or MM/DD', async ({ page }, info) => {
  const path = tempFile('ambiguous.csv', ['order,customer,date,amount', 'o1,a,01/02/2024,10', 'o2,b,03/04/2024,20', 'o3,a,05/06/2024,30'].join('\n'));
  await openApp(page);
  await loadOrders(page, path);
  await expect(loadAlert(page)).toContainText('can be read both as DD/MM/YYYY and as MM/DD/YYYY');
  const order = page.getByLabel('Date order');
  await order.selectOption('day');
  await page.getByRole('button', { name: 'Reload with these settings' }).click();
  await expect(page.getByTestId('dataset-files')).toHaveText('ambiguous.csv');
  await expect(page.getByTestId('dataset-asof')).toHaveText('2024-06-05');
  await order.selectOption('month');
  await page.getByRole('button', { name: 'Reload with these settings' }).click();
  await expect(page.getByTestId('dataset-asof')).toHaveText('2024-05-06');
  await shot(page, info, 'date-order');

  // and back to the example in one click
  await page.getByRole('button', { name: 'Reload example data' }).click();
  await expect(page.getByTestId('dataset-files')).toHaveText('Example data: retail shop');
  await expect(page.getByTestId('dataset-customers')).toHaveText('2,000');
  await expect(page.getByTestId('dataset-asof')).toHaveText('2024-12-31');
});

test('a ready-made model in one step (RFM, 11 segments), then the as-of date moves the counts', async ({ page }, info) => {
  const rfm = loadLibrary('rfm', 'en').rules;
  const nat = await nativeWorkspace(exampleOrders, exampleCustomers);
  const atDefault = (await nat.ws.runRules(rfm)).result!.summary;
  const built = await nat.ws.buildCustomers({ asOf: '2024-06-30' });
  const atJune = (await nat.ws.runRules(rfm, { asOf: '2024-06-30' })).result!.summary;
  await nat.close();
  expect(atDefault.filter((s) => s.segment !== null)).toHaveLength(11);

  await openApp(page);
  await expect(page.getByTestId('dataset-files')).toHaveText('Example data: retail shop');
  const file = page.getByLabel('Rule file');
  await file.fill(`${await editorText(file)}\n# my edit\n`);

  const picker = page.getByLabel('Ready-made model');
  const titles = listLibraries().map((l) => l.title.en);
  await expect(picker.getByRole('option')).toHaveText(['Choose a model…', ...titles]);
  await picker.selectOption({ label: 'Classic RFM segments (11)' });
  await page.getByRole('button', { name: 'Use model' }).click();
  // the rules were edited: asked first; Cancel keeps them
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('Replace your edited rules with “Classic RFM segments (11)”?');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(file).toHaveEditorText(/# my edit/);
  await picker.selectOption({ label: 'Classic RFM segments (11)' });
  await page.getByRole('button', { name: 'Use model' }).click();
  await confirm.getByRole('button', { name: 'Replace' }).click();
  await expect(file).toHaveEditorText(rfm);

  const rows = page.getByTestId('segments').getByRole('row');
  await expect(rows).toHaveCount(atDefault.length + 1);
  for (const [i, s] of atDefault.entries()) {
    await expect(rows.nth(i + 1).getByRole('rowheader')).toHaveText(s.label ?? s.segment ?? 'No segment');
    await expect(rows.nth(i + 1).getByRole('cell').first()).toHaveText(s.customers.toLocaleString('en'));
  }
  await shot(page, info, 'rfm-library');

  // editable as before: a segment renamed in the text shows at once
  const first = atDefault[0]!;
  await file.fill(rfm.replace(`"${first.label}"`, '"Top fans"'));
  await expect(rows.nth(1).getByRole('rowheader')).toHaveText('Top fans');
  await file.fill(rfm);

  // The as-of date: metrics and segments at 2024-06-30, like native DuckDB.
  await expect(page.getByTestId('dataset-asof')).toHaveText('2024-12-31');
  await page.getByLabel('As-of date').fill('2024-06-30');
  await page.getByRole('button', { name: 'Set as-of' }).click();
  await expect(page.getByTestId('dataset-asof')).toHaveText('2024-06-30');
  await expect(page.getByTestId('dataset-customers')).toHaveText(built.customers.toLocaleString('en'));
  await expect(rows).toHaveCount(atJune.length + 1);
  for (const [i, s] of atJune.entries()) {
    await expect(rows.nth(i + 1).getByRole('cell').first()).toHaveText(s.customers.toLocaleString('en'));
  }
  expect(atJune.map((s) => s.customers)).not.toEqual(atDefault.map((s) => s.customers));
  await shot(page, info, 'as-of-set');

  // An `as of` line in the rule file wins for the rule file's run, and the app says so ...
  await file.fill(`as of 2024-03-31\n${rfm}`);
  await expect(page.getByTestId('asof-rule-wins')).toContainText('as of 2024-03-31');
  await expect(page.getByTestId('dataset-asof')).toHaveText('2024-03-31');
  await shot(page, info, 'as-of-rule-wins');
  // ... and without it, the date the user set is back
  await file.fill(rfm);
  await expect(page.getByTestId('asof-rule-wins')).toHaveCount(0);
  await expect(page.getByTestId('dataset-asof')).toHaveText('2024-06-30');
  await expect(page.getByTestId('dataset-customers')).toHaveText(built.customers.toLocaleString('en'));
  await page.getByRole('button', { name: 'Back to the latest purchase (2024-12-31)' }).click();
  await expect(page.getByTestId('dataset-asof')).toHaveText('2024-12-31');
  for (const [i, s] of atDefault.entries()) {
    await expect(rows.nth(i + 1).getByRole('cell').first()).toHaveText(s.customers.toLocaleString('en'));
  }
});

test('Parquet and NDJSON files load through the file picker like on native DuckDB', async ({ page }, info) => {
  const customers = ['p1', 'p2', 'p3', 'p1', 'p2', null];
  const dates = ['2024-04-01 10:00:00', '2024-04-02 11:00:00', '2024-04-03 12:00:00', '2024-04-10 09:30:00', '2024-04-12 18:00:00', '2024-04-13 08:00:00'];
  const amounts = [12.5, 40, 7.25, 30, null, 5];
  const parquet = tempFile(
    'orders.parquet',
    new Uint8Array(
      parquetWriteBuffer({
        columnData: [
          { name: 'order_id', data: ['o1', 'o2', 'o3', 'o4', 'o5', 'o6'], type: 'STRING' },
          { name: 'customer_id', data: customers, type: 'STRING' },
          { name: 'order_date', data: dates, type: 'STRING' },
          { name: 'amount', data: amounts, type: 'DOUBLE' }
        ]
      })
    )
  );
  const ndjson = tempFile('orders.ndjson', customers.map((c, i) => JSON.stringify({ order_id: `o${i + 1}`, customer_id: c, order_date: dates[i], amount: amounts[i] })).join('\n') + '\n');
  await openApp(page);
  for (const [path, name] of [
    [parquet, 'orders.parquet'],
    [ndjson, 'orders.ndjson']
  ] as const) {
    const n = await native(path);
    const p1 = (await n.ws.quickRule('M = 42.5')).matched; // p1: 12.5 + 30
    const rows = n.ws.transactionsReport!.rows;
    const asOf = n.built.asOf;
    await n.close();
    expect(n.built.customers).toBe(3);
    expect(p1).toBe(1);
    await loadOrders(page, path);
    await expect(page.getByTestId('dataset-files')).toHaveText(name);
    await expect(loadAlert(page)).toHaveCount(0);
    await expect(page.getByTestId('dataset-customers')).toHaveText('3');
    await expect(page.getByTestId('dataset-rows')).toHaveText(String(rows));
    // the rows without a customer (04-13) or an amount (04-12) are left out: the latest is 04-10
    expect(asOf).toBe('2024-04-10');
    await expect(page.getByTestId('dataset-asof')).toHaveText(asOf);
    const rule = page.getByLabel('Rule expression');
    await rule.fill('M = 42.5');
    await settled(page);
    await expect(page.getByTestId('quick-count')).toHaveAttribute('data-value', '1');
  }
  await shot(page, info, 'ndjson');
});

test('the file picker accepts every format the engine reads', async ({ page }) => {
  await openApp(page);
  for (const id of ['#data-files']) {
    const accept = (await page.locator(id).getAttribute('accept')) ?? '';
    for (const ext of ['.csv', '.tsv', '.txt', '.xlsx', '.parquet', '.json', '.ndjson']) expect(accept.split(','), `${id} ${ext}`).toContain(ext);
  }
});
