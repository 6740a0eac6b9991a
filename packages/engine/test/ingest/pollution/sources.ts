// The clean files the corpus is made from: the example orders, three Online Retail days (from
// ../shared/data, read in place, never copied), the CDNOW sample (whitespace-separated, no
// header), and whitespace-separated versions of the orders. The first 300 data rows of each.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { asWhitespace, sourceFromText, type CleanSource } from './corpus.js';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO = join(here, '../../../../..');
export const SHARED_DATA = join(REPO, '../shared/data');
export const ORDERS = join(REPO, 'examples/retail/orders.csv');
export const CUSTOMERS = join(REPO, 'examples/retail/customers.csv');
export const RETAIL_DAYS = ['2010-12-01', '2011-03-15', '2011-12-09'].map((d) => join(SHARED_DATA, `online-retail/by-day/${d}.csv`));
export const CDNOW = join(SHARED_DATA, 'cdnow/CDNOW_sample.txt');

export const ROWS = 300;

/** Enough of the file's start for `rows` lines (the files are read up to 1 MB). */
function head(path: string): string {
  const buf = readFileSync(path);
  return buf.subarray(0, Math.min(buf.length, 1 << 20)).toString('utf8');
}

export function sharedDataPresent(): boolean {
  return existsSync(CDNOW) && RETAIL_DAYS.every((p) => existsSync(p));
}

export function cleanSources(): CleanSource[] {
  const orders = sourceFromText(
    // order_id,customer_id,order_date,amount,channel,region
    { name: 'orders', ext: 'csv', layout: 'csv', header: true, cols: { text: 5, plain: 4, amount: 3, middle: 2 } },
    head(ORDERS),
    ROWS
  );
  const retail = RETAIL_DAYS.map((path) =>
    sourceFromText(
      // InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
      { name: `retail-${path.slice(-14, -4)}`, ext: 'csv', layout: 'csv', header: true, cols: { text: 2, plain: 7, amount: 5, middle: 3 } },
      head(path),
      ROWS
    )
  );
  const cdnow = sourceFromText(
    // master id, sample id, date, CDs, dollars
    { name: 'cdnow', ext: 'txt', layout: 'whitespace', header: false, cols: { text: 1, plain: 1, amount: 4, middle: 2 } },
    head(CDNOW),
    ROWS
  );
  return [orders, ...retail, cdnow, asWhitespace(cdnow, 'single'), asWhitespace(orders, 'single'), asWhitespace(orders, 'aligned')];
}
