#!/usr/bin/env node
// Seeded, deterministic generator of benchmark transaction files in the shape of
// examples/retail/orders.csv: order_id,customer_id,order_date,amount,channel,region, with about
// 4% of orders refunded by a negative row of the same order id a few days later.
// Rows come out in date order (day by day, two years 2023-01-01 .. 2024-12-31) and are written
// in ~1 MB chunks, so memory stays flat whatever the size. Same seed and size, same bytes.
//
//   node test/bench/generate.mjs [--sizes 1m,10m] [--out bench-data] [--force] [--no-parquet]
//
// Sizes: 1m = 1,000,000 transactions over 100,000 customers; 10m = 10,000,000 over 1,000,000.
// Writes bench-data/tx-1m.csv (+ tx-1m.parquet via native DuckDB COPY).
import { closeSync, existsSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { rng } from '../../examples/rng.mjs';

export const SIZES = {
  '1k': { tx: 1_000, customers: 100 },
  '100k': { tx: 100_000, customers: 10_000 },
  '1m': { tx: 1_000_000, customers: 100_000 },
  '10m': { tx: 10_000_000, customers: 1_000_000 }
};

// A fixed per-customer hash in [0,1), independent of the row stream.
function hash01(i, salt) {
  let h = Math.imul(i ^ salt, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

const DAYS = 731; // 2023-01-01 .. 2024-12-31
const START = Date.UTC(2023, 0, 1);
const dayStr = Array.from({ length: DAYS + 20 }, (_, d) => new Date(START + d * 86400000).toISOString().slice(0, 10));
const two = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const channels = ['online', 'store', 'app'];
const regions = ['East', 'North', 'South', 'West'];

/** Writes `path` (via a .tmp file); returns { rows, orders, refunds, customers }. */
export function generateCsv(path, { tx, customers: nCust }, seed = 20241231) {
  const rand = rng(seed ^ tx);
  const idWidth = String(nCust).length + 1;
  // A multiplier coprime with nCust scatters the skewed index over the id space, so heavy buyers
  // are not all C000001..C000100.
  let mult = Math.floor(nCust * 0.6180339887) | 1;
  const gcd = (a, b) => (b ? gcd(b, a % b) : a);
  while (gcd(mult, nCust) !== 1) mult += 2;
  const ids = new Array(nCust);
  const custStr = (i) => (ids[i] ??= 'C' + String(i + 1).padStart(idWidth, '0'));
  // Per-customer typical basket (log-normal mu) and region: fixed functions of the customer.
  const mu = (i) => { const k = hash01(i, 0x51ed); return k < 0.08 ? 6.6 : k < 0.3 ? 5.8 : 5.0; };
  const region = (i) => regions[Math.floor(hash01(i, 0x2e61) * 4)];
  const seen = new Uint8Array(nCust);

  const tmp = path + '.tmp';
  const fd = openSync(tmp, 'w');
  let buf = 'order_id,customer_id,order_date,amount,channel,region\n';
  const flush = (force) => {
    if (buf.length > 1 << 20 || (force && buf.length)) {
      writeSync(fd, buf);
      buf = '';
    }
  };
  // Refunds land 1-14 days after the order: queued per day, written in date order.
  const pending = Array.from({ length: DAYS + 20 }, () => []);
  const refundRate = 0.04;
  const ordersTotal = Math.round(tx / (1 + refundRate));
  let orderSeq = 0, rows = 0, refunds = 0;
  const timeStr = (sec) => `${two[Math.floor(sec / 3600)]}:${two[Math.floor(sec / 60) % 60]}:${two[sec % 60]}`;
  for (let d = 0; d < DAYS; d++) {
    // Slow growth over the two years plus a weekly rhythm; the last day gets the remainder.
    const w = (1 + 0.5 * (d / DAYS)) * (1 + 0.15 * Math.sin((2 * Math.PI * d) / 7));
    const n = d === DAYS - 1 ? ordersTotal - orderSeq : Math.round((ordersTotal / DAYS) * w / 1.25);
    const secs = [];
    for (let k = 0; k < n; k++) secs.push(8 * 3600 + Math.floor(rand() * 13 * 3600));
    secs.sort((a, b) => a - b);
    const refundsToday = pending[d];
    let r = 0;
    for (let k = 0; k < n; k++) {
      while (r < refundsToday.length && refundsToday[r].sec <= secs[k]) buf += refundsToday[r++].line;
      // Skewed customer choice: a few buy often, most rarely.
      const c = Math.floor(nCust * Math.pow(rand(), 1.6));
      const cust = (c * mult) % nCust; // < 2^53 for every size here
      seen[cust] = 1;
      const u = 1 - rand(), v = rand();
      const amount = Math.round(Math.exp(mu(cust) + 0.7 * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)) * 100) / 100;
      const oid = 'O' + String(10_000_000 + orderSeq++);
      const tail = `,${channels[Math.floor(rand() * 3)]},${region(cust)}\n`;
      const cs = custStr(cust);
      buf += `${oid},${cs},${dayStr[d]} ${timeStr(secs[k])},${amount.toFixed(2)}${tail}`;
      rows++;
      if (rand() < refundRate) {
        const back = rand() < 0.5 ? amount : Math.round(amount * (0.2 + rand() * 0.5) * 100) / 100;
        const rd = Math.min(DAYS - 1, d + 1 + Math.floor(rand() * 14));
        const rsec = rd === d ? Math.min(21 * 3600 + 3599, secs[k] + 3600) : 8 * 3600 + Math.floor(rand() * 13 * 3600);
        const line = `${oid},${cs},${dayStr[rd]} ${timeStr(rsec)},${(-back).toFixed(2)}${tail}`;
        // keep each day's queue sorted by time (insertion into a mostly short list)
        const q = pending[rd];
        let at = q.length;
        while (at > 0 && q[at - 1].sec > rsec) at--;
        if (rd === d) { if (at < r) at = r; }
        q.splice(at, 0, { sec: rsec, line });
        refunds++;
      }
      flush(false);
    }
    while (r < refundsToday.length) buf += refundsToday[r++].line;
    pending[d] = null;
  }
  flush(true);
  closeSync(fd);
  renameSync(tmp, path);
  let customers = 0;
  for (let i = 0; i < nCust; i++) customers += seen[i];
  return { rows: rows + refunds, orders: rows, refunds, customers };
}

export async function toParquet(csv, parquet) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  const q = (s) => `'${s.replace(/'/g, "''")}'`;
  await conn.run(
    `COPY (SELECT * FROM read_csv(${q(csv)}, header=true, columns={'order_id':'VARCHAR','customer_id':'VARCHAR','order_date':'TIMESTAMP','amount':'DOUBLE','channel':'VARCHAR','region':'VARCHAR'}))
     TO ${q(parquet + '.tmp')} (FORMAT parquet, COMPRESSION zstd)`
  );
  conn.closeSync();
  db.closeSync();
  renameSync(parquet + '.tmp', parquet);
}

export async function ensureData(sizes, outDir, { force = false, parquet = true, log = console.error } = {}) {
  mkdirSync(outDir, { recursive: true });
  const out = {};
  for (const size of sizes) {
    const spec = SIZES[size];
    if (!spec) throw new Error(`unknown size ${size} (use ${Object.keys(SIZES).join(', ')})`);
    const csv = resolve(join(outDir, `tx-${size}.csv`));
    const pq = resolve(join(outDir, `tx-${size}.parquet`));
    if (force || !existsSync(csv)) {
      const t0 = performance.now();
      const info = generateCsv(csv, spec);
      log(`generated ${csv}: ${info.rows} rows (${info.orders} orders, ${info.refunds} refunds), ${info.customers} customers, ${(statSync(csv).size / 1e6).toFixed(1)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    if (parquet && (force || !existsSync(pq))) {
      const t0 = performance.now();
      await toParquet(csv, pq);
      log(`wrote ${pq}: ${(statSync(pq).size / 1e6).toFixed(1)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    out[size] = { csv, parquet: parquet ? pq : null, ...spec, csvBytes: statSync(csv).size };
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
  const sizes = opt('--sizes', '1m,10m').split(',').filter(Boolean);
  const outDir = opt('--out', 'bench-data');
  await ensureData(sizes, outDir, { force: args.includes('--force'), parquet: !args.includes('--no-parquet') });
}
