#!/usr/bin/env node
// The benchmark pipeline through the engine API on native DuckDB: Workspace + NativeBackend,
// exactly what the CLI and the app call. Load (roles guessed, as a user would), build the
// customer relation, run five.seg; then re-segment with five-edit.seg / five.seg alternately
// (the live-typing path: Workspace.runRules(..., { materialize: false }) on the existing
// customers, as the app calls it). Prints one JSON line.
//   node test/bench/native-engine.mjs FILE --rules five.seg --edit five-edit.seg [--reps 9]
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const opt = (n, d) => { const i = args.indexOf(n); return i >= 0 ? args[i + 1] : d; };
const file = args[0];
const five = readFileSync(opt('--rules'), 'utf8');
const edit = readFileSync(opt('--edit'), 'utf8');
const reps = Number(opt('--reps', '9'));

const engine = await import('@segmint/engine');
const node = await import('@segmint/engine/node');
// Until @segmint/engine exports Workspace, take it from the built dist directly.
const Workspace = engine.Workspace ?? (await import(new URL('../../packages/engine/dist/workspace.js', import.meta.url).href).catch(() => ({}))).Workspace;
if (!Workspace) throw new Error('@segmint/engine has no Workspace yet (is packages/engine built?)');

const t0 = performance.now();
const ms = {};
const lap = async (name, fn) => { const s = performance.now(); const r = await fn(); ms[name] = +(performance.now() - s).toFixed(1); return r; };
const backend = await lap('startup', () => node.NativeBackend.create());
// --trace: time every SQL statement the engine runs and print the slowest to stderr.
const trace = [];
if (args.includes('--trace')) {
  for (const m of ['exec', 'query']) {
    const orig = backend[m].bind(backend);
    backend[m] = async (sql, params) => { const s = performance.now(); try { return await orig(sql, params); } finally { trace.push([performance.now() - s, sql]); } };
  }
}
const ws = new Workspace(backend);
const report = await lap('load', () => ws.loadTransactions([node.nodeFile(file)]));
const built = await lap('metrics', () => ws.buildCustomers());
const run = await lap('segment', () => ws.runRules(five));
if (!run.result) throw new Error('five.seg did not compile: ' + JSON.stringify(run.compiled.diagnostics).slice(0, 500));
ms.total = +(performance.now() - t0).toFixed(1);
ms.e2e = +performance.now().toFixed(1);
const tailStart = performance.now();
const resegment = [];
for (let i = 0; i < reps; i++) {
  const s = performance.now();
  const r = await ws.runRules(i % 2 === 0 ? edit : five, { materialize: false });
  resegment.push(+(performance.now() - s).toFixed(1));
  if (!r.result) throw new Error('five-edit.seg did not compile');
}
await backend.close();
if (trace.length) {
  for (const [t, sql] of trace.sort((a, b) => b[0] - a[0]).slice(0, 12)) console.error(`${t.toFixed(0).padStart(7)} ms  ${sql.replace(/\s+/g, ' ').slice(0, 300)}`);
}
ms.tail = +(performance.now() - tailStart).toFixed(1);
console.log(JSON.stringify({
  rows: report.rows,
  roles: report.roles,
  customers: built.customers,
  asOf: built.asOf,
  segments: Object.fromEntries(run.result.summary.map((s) => [s.segment ?? '(unassigned)', s.customers])),
  ms,
  resegment
}));
