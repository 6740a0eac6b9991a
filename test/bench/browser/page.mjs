// The plain-SQL pipeline on duckdb-wasm (eh bundle, in a Web Worker), for the browser benchmark
// before the workbench exposes window.segmint, and as a baseline after. Bundled by run.mjs
// (rolldown) into bench-data/page/page.js; the wasm and worker come from the package's dist,
// served from the same localhost server (never a CDN).
import { AsyncDuckDB, VoidLogger } from '@duckdb/duckdb-wasm';
import { loadSql, customersSql, segmentSql, summarySql, RULES } from '../sql.mjs';

let db = null;
let conn = null;

async function startDb() {
  const t0 = performance.now();
  const worker = new Worker('/duckdb/duckdb-browser-eh.worker.js');
  db = new AsyncDuckDB(new VoidLogger(), worker);
  await db.instantiate('/duckdb/duckdb-eh.wasm');
  await db.open({ query: { castDecimalToDouble: true } });
  conn = await db.connect();
  await conn.query('SET autoinstall_known_extensions = false');
  await conn.query('SET autoload_known_extensions = false');
  return performance.now() - t0;
}

let startupMs = 0;
async function start() {
  if (!db) startupMs = await startDb();
  return startupMs;
}

/** The measured pipeline (call start() first so start-up is not in it). */
async function run(url) {
  const ms = {};
  ms.startup = db ? startupMs : await start();
  const t0 = performance.now();
  let s = performance.now();
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  ms.read = performance.now() - s;
  s = performance.now();
  await db.registerFileBuffer('tx.csv', bytes);
  await conn.query(loadSql('tx.csv', 'csv'));
  ms.load = performance.now() - s;
  s = performance.now();
  await conn.query(customersSql());
  ms.metrics = performance.now() - s;
  s = performance.now();
  await conn.query(segmentSql(RULES.five));
  const summary = (await conn.query(summarySql)).toArray().map((r) => r.toJSON());
  ms.segment = performance.now() - s;
  ms.total = performance.now() - t0;
  const customers = Number((await conn.query('SELECT count(*) AS n FROM customers')).toArray()[0].n);
  await db.dropFile('tx.csv');
  return {
    customers,
    segments: Object.fromEntries(summary.map((r) => [r.segment, Number(r.customers)])),
    ms
  };
}

/** Re-segment after a rule edit, customers already built: `reps` samples (ms). */
async function reseg(reps = 9) {
  const resegment = [];
  for (let i = 0; i < reps; i++) {
    const s2 = performance.now();
    await conn.query(segmentSql(i % 2 === 0 ? RULES.edit : RULES.five));
    await conn.query(summarySql);
    resegment.push(performance.now() - s2);
  }
  return resegment;
}

window.bench = { start, run, reseg };
document.getElementById('status').textContent = 'ready';
