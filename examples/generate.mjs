#!/usr/bin/env node
// Writes the bundled example data set: a deterministic (seeded) retail shop with about
// 2,000 customers and 20,000 orders over two years (2023-01-01 .. 2024-12-31).
// Run: `npm run examples` (or `node examples/generate.mjs [outDir]`). Same seed, same bytes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rng } from './rng.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = process.argv[2] ?? join(here, 'retail');

const rand = rng(20241231);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const between = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
// Log-normal spend: most orders small, a long tail of big ones.
const lognormal = (mu, sigma) => {
  const u = 1 - rand(), v = rand();
  return Math.exp(mu + sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
};

const DAY = 86400000;
const start = Date.UTC(2023, 0, 1);
const end = Date.UTC(2024, 11, 31);
const days = Math.round((end - start) / DAY);
const iso = (t) => new Date(t).toISOString().slice(0, 10);
const isoTime = (t) => new Date(t).toISOString().slice(0, 19).replace('T', ' ');

const surnames = ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Smith', 'Garcia', 'Müller', 'Rossi', 'Kim', 'Nguyen', 'Silva', 'Brown'];
const given = ['Wei', 'Fang', 'Min', 'Jing', 'Lei', 'Anna', 'Tom', 'Lucia', 'Marco', 'Yuki', 'Sara', 'Ivan', 'Chloe', 'Omar', 'Lina', 'Hao'];
const cities = ['上海', '北京', '深圳', '杭州', '成都', 'Hong Kong', 'Singapore', 'London', 'Berlin', 'New York'];
const regions = ['East', 'North', 'South', 'West'];
const industries = ['Retail', 'IT', 'Manufacturing', 'Education', 'Healthcare', 'Finance', '餐饮'];
const channels = ['online', 'store', 'app'];

const N_CUSTOMERS = 2000;
const customers = [];
const orders = [];
let orderSeq = 100000;

for (let i = 1; i <= N_CUSTOMERS; i++) {
  const id = `C${String(i).padStart(5, '0')}`;
  // Each customer has a propensity (orders per year), a typical basket and an active window.
  const kind = rand();
  const perYear = kind < 0.08 ? between(15, 30) : kind < 0.3 ? between(6, 14) : kind < 0.7 ? between(2, 5) : between(1, 2);
  const basketMu = kind < 0.08 ? 6.6 : kind < 0.3 ? 5.8 : 5.0;
  const firstDay = Math.floor(Math.pow(rand(), 1.3) * days * 0.9);
  // Some customers stop buying (churn) part-way through.
  const lastDay = rand() < 0.35 ? between(firstDay, days) : days;
  const signup = start + (firstDay - between(0, 60)) * DAY;
  const region = pick(regions);
  customers.push({
    customer_id: id,
    name: `${pick(given)} ${pick(surnames)}`,
    city: pick(cities),
    signup_date: iso(signup),
    industry: pick(industries),
    satisfaction: between(1, 5),
    complaints: rand() < 0.75 ? 0 : between(1, 4)
  });
  const span = Math.max(1, lastDay - firstDay);
  const n = Math.max(1, Math.round((perYear * span) / 365 * (1.0 + rand() * 1.2)));
  for (let k = 0; k < n; k++) {
    const day = k === 0 ? firstDay : firstDay + Math.floor(rand() * span);
    const t = start + day * DAY + between(8 * 3600, 21 * 3600) * 1000;
    const amount = Math.round(lognormal(basketMu, 0.7) * 100) / 100;
    const orderId = `O${orderSeq++}`;
    const channel = pick(channels);
    orders.push({ order_id: orderId, customer_id: id, order_date: isoTime(t), amount, channel, region });
    // About 4% of orders get a refund: same order id, a few days later, part or all of it.
    if (rand() < 0.04) {
      const back = rand() < 0.5 ? amount : Math.round(amount * (0.2 + rand() * 0.5) * 100) / 100;
      const rt = Math.min(end + 23 * 3600 * 1000, t + between(1, 14) * DAY);
      orders.push({ order_id: orderId, customer_id: id, order_date: isoTime(rt), amount: -back, channel, region });
    }
  }
}
orders.sort((a, b) => (a.order_date < b.order_date ? -1 : a.order_date > b.order_date ? 1 : a.order_id < b.order_id ? -1 : 1));

const csvCell = (v) => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const toCsv = (rows, cols) => [cols.join(','), ...rows.map((r) => cols.map((c) => csvCell(r[c])).join(','))].join('\n') + '\n';

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'orders.csv'), toCsv(orders, ['order_id', 'customer_id', 'order_date', 'amount', 'channel', 'region']));
writeFileSync(join(outDir, 'customers.csv'), toCsv(customers, ['customer_id', 'name', 'city', 'signup_date', 'industry', 'satisfaction', 'complaints']));
console.log(`wrote ${orders.length} order rows of ${customers.length} customers to ${outDir}`);
