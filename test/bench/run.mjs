#!/usr/bin/env node
// Segmint end-to-end benchmarks (not tests: nothing here asserts a time). One run measures:
//  (a) native DuckDB: the `segmint segment` CLI end to end (wall time, peak RSS), the engine API
//      in Node, and the plain-SQL reference pipeline (CSV and Parquet);
//  (b) duckdb-wasm in headless Chromium: the workbench's window.segmint engine, and the plain-SQL
//      pipeline on a bare duckdb-wasm page; renderer peak RSS and JS heap; whether 10M loads;
//  (c) pandas (Debian's /usr/bin/python3) on the same file;
//  (d) re-segmenting after a rule edit with the customers already built (the live-typing path).
// and writes test/bench/RESULTS.md.
//
//   node test/bench/run.mjs [--sizes 1m,10m] [--reps 3] [--only native,cli,engine,pandas,browser,app]
//                           [--out test/bench/RESULTS.md]
// Generated data goes to bench-data/ (gitignored); it is generated on first use.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureData } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const dataDir = join(root, 'bench-data');
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const sizes = opt('--sizes', process.env.SEGMINT_BENCH_SIZES || '1m,10m').split(',').filter(Boolean);
const REPS = Number(opt('--reps', '3'));
// 10M runs take minutes each on 2 cores: fewer repetitions unless asked.
const REPS10 = Number(opt('--reps10', '1'));
// --merge: keep the sizes of the previous run (bench-data/results.json) that this run does not redo.
const MERGE = args.includes('--merge');
const only = opt('--only', 'native,cli,engine,pandas,browser,app').split(',');
const outFile = resolve(opt('--out', join(here, 'RESULTS.md')));
const log = (...a) => console.error('[bench]', ...a);

// ---------------------------------------------------------------------------------------------
const median = (xs) => { const s = xs.filter((x) => x != null && !Number.isNaN(x)).sort((a, b) => a - b); if (!s.length) return null; const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const fmtMs = (v) => (v == null ? '—' : v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v).toLocaleString('en-US')} ms`);
const fmtMB = (b) => (b == null || !b ? '—' : b >= 1e9 ? `${(b / 1e9).toFixed(2)} GB` : `${Math.round(b / 1e6)} MB`);
const range = (xs) => { const s = xs.filter((x) => x != null); return s.length > 1 ? ` (${fmtMs(Math.min(...s))}–${fmtMs(Math.max(...s))})` : ''; };

/** Runs a command under /usr/bin/time -v (when present); wall time, peak RSS, stdout. */
function timed(cmd, cmdArgs, { timeoutMs = 30 * 60_000, env } = {}) {
  const haveTime = existsSync('/usr/bin/time');
  const [bin, argv] = haveTime ? ['/usr/bin/time', ['-v', cmd, ...cmdArgs]] : [cmd, cmdArgs];
  return new Promise((resolvePromise) => {
    const load1 = Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
    const t0 = performance.now();
    const child = spawn(bin, argv, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '', hwm = 0;
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    // Without /usr/bin/time, poll VmHWM of the child.
    const poll = haveTime ? null : setInterval(() => {
      try { const m = readFileSync(`/proc/${child.pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+)/m); if (m) hwm = Math.max(hwm, Number(m[1]) * 1024); } catch { /* ended */ }
    }, 50);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      const wall = performance.now() - t0;
      const rss = haveTime ? Number((err.match(/Maximum resident set size \(kbytes\): (\d+)/) ?? [])[1] ?? 0) * 1024 : hwm;
      const stderr = haveTime ? err.replace(/\n\tCommand being timed:[\s\S]*$/, '').replace(/Command exited with non-zero status \d+\n?/, '') : err;
      const secs = (k) => Number((err.match(new RegExp(`${k} time \\(seconds\\): ([\\d.]+)`)) ?? [])[1] ?? NaN);
      const cpu = haveTime ? (secs('User') + secs('System')) * 1000 : null;
      let json = null;
      const last = out.trim().split('\n').pop();
      try { json = JSON.parse(last); } catch { /* not JSON */ }
      resolvePromise({ code, wall, rss, cpu, load1, stdout: out, stderr, json });
    });
  });
}

function machine() {
  const cpu = (readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m) ?? [])[1] ?? cpus()[0]?.model;
  let nproc = cpus().length;
  try { nproc = Number(execFileSync('nproc').toString().trim()); } catch { /* keep */ }
  const mem = (readFileSync('/proc/meminfo', 'utf8').match(/^MemTotal:\s+(\d+)/m) ?? [])[1];
  let chromiumVersion = null;
  try { chromiumVersion = execFileSync('/usr/bin/chromium', ['--version']).toString().trim(); } catch { /* none */ }
  let pandasVersion = null;
  try { pandasVersion = execFileSync('/usr/bin/python3', ['-c', 'import pandas; print(pandas.__version__)']).toString().trim(); } catch { /* none */ }
  const pkg = (p) => { try { return JSON.parse(readFileSync(join(root, 'node_modules', p, 'package.json'), 'utf8')).version; } catch { return null; } };
  return { cpu, nproc, memBytes: mem ? Number(mem) * 1024 : totalmem(), node: process.version, chromiumVersion, pandasVersion, nodeApi: pkg('@duckdb/node-api'), wasm: pkg('@duckdb/duckdb-wasm'), load: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') };
}

// ---------------------------------------------------------------------------------------------
const results = { startedAt: new Date().toISOString(), command: args, machine: machine(), sizes: {}, notes: [] };
const note = (s) => { log(s); results.notes.push(s); };
const repsFor = (size) => (size === '10m' ? REPS10 : REPS);

async function native(size, d) {
  const r = (results.sizes[size].native = {});
  for (const [kind, file] of [['csv', d.csv], ['parquet', d.parquet]]) {
    if (!file) continue;
    const runs = [];
    for (let i = 0; i < repsFor(size); i++) {
      const out = join(dataDir, `out-sql-${size}.csv`);
      const t = await timed('node', [join(here, 'native-sql.mjs'), file, '--out', out, '--reps', '7']);
      if (t.code !== 0 || !t.json) { note(`native plain SQL ${size} ${kind} failed (exit ${t.code}): ${t.stderr.slice(0, 500)}`); break; }
      runs.push(t);
      log(`native-sql ${size} ${kind}: ${fmtMs(t.wall)} wall, ${fmtMB(t.rss)}, in-process ${fmtMs(t.json.ms.total)}`);
    }
    if (runs.length) r[kind] = summarise(runs);
  }
}

const e2eOf = (t) => t.wall - (t.json?.ms?.tail ?? 0);

function summarise(runs) {
  const ms = {};
  for (const k of Object.keys(runs[0].json?.ms ?? {})) ms[k] = median(runs.map((t) => t.json.ms[k]));
  return {
    runs: runs.length,
    // end to end = process wall minus what the script did after the measured work (tail:
    // re-segment samples, closing), which it reports itself.
    wall: median(runs.map(e2eOf)),
    walls: runs.map(e2eOf),
    rss: Math.max(...runs.map((t) => t.rss)),
    cpu: median(runs.map((t) => t.cpu)),
    load1: median(runs.map((t) => t.load1)),
    ms,
    customers: runs[0].json?.customers ?? null,
    segments: runs[0].json?.segments ?? null,
    resegment: median(runs.flatMap((t) => t.json?.resegment ?? [])),
    resegmentAll: runs.flatMap((t) => t.json?.resegment ?? [])
  };
}

function cliReady() {
  // The CLI's `segment` command exists once `segmint segment --help` exits 0 and mentions --rules.
  try {
    const out = execFileSync('node', [join(root, 'packages/cli/bin/segmint.js'), 'segment', '--help'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
    return /--rules/.test(out);
  } catch (e) {
    return /--rules/.test(String(e.stdout ?? '') + String(e.stderr ?? ''));
  }
}

async function cli(size, d) {
  if (!cliReady()) { note(`CLI: \`segmint segment\` not available yet (packages/cli) — CLI numbers missing; the plain-SQL native pipeline stands in.`); return; }
  const r = (results.sizes[size].cli = {});
  for (const [kind, file] of [['csv', d.csv], ['parquet', d.parquet]]) {
    if (!file) continue;
    const runs = [];
    const out = join(dataDir, `out-cli-${size}.csv`);
    for (let i = 0; i < repsFor(size); i++) {
      const t = await timed('node', [join(root, 'packages/cli/bin/segmint.js'), 'segment', '--rules', join(here, 'five.seg'), '--data', file, '--out', out]);
      if (t.code !== 0) { note(`CLI ${size} ${kind} failed (exit ${t.code}): ${t.stderr.trim().slice(0, 600)}`); break; }
      runs.push(t);
      log(`cli ${size} ${kind}: ${fmtMs(t.wall)} wall, ${fmtMB(t.rss)}`);
    }
    if (runs.length) {
      r[kind] = summarise(runs);
      r[kind].stderr = runs[0].stderr.trim().slice(0, 1500);
      r[kind].check = compareOutputs(out, join(dataDir, `out-sql-${size}.csv`));
    }
  }
}

/** Same customers and segments as the plain-SQL reference output? (counts only, cheap) */
function compareOutputs(a, b) {
  try {
    if (!existsSync(a) || !existsSync(b)) return null;
    const py = `
import pandas as pd, sys
a = pd.read_csv(sys.argv[1], dtype={'customer': str, 'segment': str}, usecols=['customer','segment','R','F','M']).set_index('customer').sort_index()
b = pd.read_csv(sys.argv[2], dtype={'customer': str, 'segment': str}, usecols=['customer','segment','R','F','M']).set_index('customer').sort_index()
same_ids = a.index.equals(b.index)
seg = int((a['segment'].fillna('') != b['segment'].reindex(a.index).fillna('')).sum()) if same_ids else None
m = float((a['M'] - b['M'].reindex(a.index)).abs().max()) if same_ids else None
print(f"{len(a)} vs {len(b)} customers; ids equal: {same_ids}; segment differs for {seg}; max |dM| {m}")
`;
    return execFileSync('/usr/bin/python3', ['-c', py, a, b]).toString().trim();
  } catch (e) {
    return `compare failed: ${String(e.stderr ?? e).slice(0, 200)}`;
  }
}

async function pandas(size, d) {
  try { execFileSync('/usr/bin/python3', ['-c', 'import pandas']); } catch { note('pandas: /usr/bin/python3 cannot import pandas — skipped'); return; }
  const runs = [];
  for (let i = 0; i < repsFor(size); i++) {
    const t = await timed('/usr/bin/python3', [join(here, 'pandas_rfm.py'), d.csv, '--out', join(dataDir, `out-pandas-${size}.csv`)]);
    if (t.code !== 0 || !t.json) { note(`pandas ${size} failed (exit ${t.code}): ${t.stderr.slice(-500)}`); break; }
    runs.push(t);
    log(`pandas ${size}: ${fmtMs(t.wall)} wall, ${fmtMB(t.rss)}`);
  }
  if (runs.length) {
    results.sizes[size].pandas = summarise(runs);
    results.sizes[size].pandas.check = compareOutputs(join(dataDir, `out-pandas-${size}.csv`), join(dataDir, `out-sql-${size}.csv`));
  }
}

async function engineNative(size, d) {
  const script = join(here, 'native-engine.mjs');
  if (!existsSync(script)) return;
  const runs = [];
  for (let i = 0; i < repsFor(size); i++) {
    const t = await timed('node', [script, d.csv, '--rules', join(here, 'five.seg'), '--edit', join(here, 'five-edit.seg'), '--reps', '9']);
    if (t.code !== 0 || !t.json) { note(`engine (native) ${size} unavailable or failed (exit ${t.code}): ${(t.stderr || t.stdout).trim().slice(0, 600)}`); break; }
    runs.push(t);
    log(`engine native ${size}: ${fmtMs(t.wall)} wall, ${fmtMB(t.rss)}, resegment median ${fmtMs(median(t.json.resegment))}`);
  }
  if (runs.length) results.sizes[size].engineNative = summarise(runs);
}

// ---------------------------------------------------------------------------------------------
let pageBuilt = false;
async function buildPage() {
  if (pageBuilt) return join(dataDir, 'page');
  const outDir = join(dataDir, 'page');
  mkdirSync(outDir, { recursive: true });
  const { build } = await import('rolldown');
  await build({ input: join(here, 'browser/page.mjs'), platform: 'browser', logLevel: 'silent', output: { file: join(outDir, 'page.js'), format: 'esm' } });
  writeFileSync(join(outDir, 'index.html'), readFileSync(join(here, 'browser/index.html')));
  pageBuilt = true;
  return outDir;
}

async function browserPlain(size, _d) {
  const { launch, openPage, watchRenderers } = await import('./browser.mjs');
  const { serve } = await import('./server.mjs');
  const pageDir = await buildPage();
  const srv = await serve({ '/duckdb': join(root, 'node_modules/@duckdb/duckdb-wasm/dist'), '/data': dataDir, '/': pageDir });
  const runs = [];
  try {
    for (let i = 0; i < repsFor(size); i++) {
      const browser = await launch();
      try {
        const p = await openPage(browser, `${srv.url}/index.html`, { ready: () => !!window.bench });
        // duckdb-wasm start-up first, outside the CPU window
        await p.page.evaluate(async () => window.bench.start());
        const w = watchRenderers();
        let res = null, error = null, cpuPipeline = null;
        try {
          res = await p.page.evaluate(async (url) => window.bench.run(url), `/data/tx-${size}.csv`);
          cpuPipeline = w.cpuNow();
          res.resegment = await p.page.evaluate(async () => window.bench.reseg(9));
        } catch (e) {
          error = String(e.message ?? e).split('\n')[0];
        }
        const mem = w.stop();
        const heap = p.crashed() ? null : await p.jsHeap().catch(() => null);
        if (error || !res) {
          note(`browser plain-SQL ${size}: ${p.crashed() ? 'the tab CRASHED' : 'failed'}: ${error} ${p.logs.slice(-3).join(' | ')} (renderer peak RSS ${fmtMB(mem.peakRss)})`);
          results.sizes[size].wasmPlain = { failed: p.crashed() ? 'tab crashed' : error, rendererRss: mem.hwm || mem.peakRss };
          break;
        }
        runs.push({ wall: res.ms.total, rss: mem.hwm || mem.peakRss, cpu: cpuPipeline, load1: mem.load1, json: { ...res, ms: res.ms }, heap });
        log(`wasm plain ${size}: total ${fmtMs(res.ms.total)} (startup ${fmtMs(res.ms.startup)}), renderer ${fmtMB(mem.hwm)}, resegment ${fmtMs(median(res.resegment))}`);
      } finally {
        await browser.close();
      }
    }
  } finally {
    await srv.close();
  }
  if (runs.length) {
    const s = summarise(runs);
    s.jsHeap = Math.max(...runs.map((r) => r.heap?.used ?? 0));
    results.sizes[size].wasmPlain = s;
  }
}

async function browserApp(size, d) {
  const script = join(here, 'browser-app.mjs');
  if (!existsSync(script)) return;
  const { runApp } = await import('./browser-app.mjs');
  const res = await runApp({ size, d, root, dataDir, here, reps: repsFor(size), note, log });
  if (res) results.sizes[size].wasmEngine = res;
}

// ---------------------------------------------------------------------------------------------
function targets() {
  const out = [];
  const s1 = results.sizes['1m'];
  if (s1) {
    const browser = s1.wasmEngine?.e2e ?? null;
    const browserPlainE2e = s1.wasmPlain?.ms?.total ?? null;
    const nativeCli = s1.cli?.csv?.wall ?? null;
    const b = browser ?? browserPlainE2e;
    const which = browser != null ? 'workbench engine' : 'plain SQL on duckdb-wasm (engine not available)';
    out.push(['1M transactions end to end in the browser < 3 s', b == null ? 'not measured' : `${fmtMs(b)} (${which}) — ${b < 3000 ? 'PASS' : 'FAIL'}`]);
    const nat = nativeCli ?? s1.engineNative?.wall ?? s1.native?.csv?.wall ?? null;
    const natWhich = nativeCli != null ? 'CLI' : s1.engineNative?.wall != null ? 'engine API on native DuckDB, Node process (CLI not available)' : 'plain SQL native process (CLI not available)';
    out.push(['browser ≤ 2.5× native CLI (1M)', b == null || nat == null ? 'not measured' : `${(b / nat).toFixed(2)}× (${fmtMs(b)} vs ${fmtMs(nat)} ${natWhich}) — ${b / nat <= 2.5 ? 'PASS' : 'FAIL'}`]);
    // On a shared machine wall times are inflated unevenly; CPU time is the steadier comparison.
    const bc = (browser != null ? s1.wasmEngine?.cpu : s1.wasmPlain?.cpu) ?? null;
    const nc = (nativeCli != null ? s1.cli?.csv?.cpu : s1.engineNative?.cpu ?? s1.native?.csv?.cpu) ?? null;
    if (bc && nc) out.push(['(same, by CPU time instead of wall time)', `${(bc / nc).toFixed(2)}× (${fmtMs(bc)} renderer CPU for read + load + metrics + segments vs ${fmtMs(nc)} ${natWhich} process CPU, 2 threads) — ${bc / nc <= 2.5 ? 'PASS' : 'FAIL'}; browser CPU time ${bc < 3000 ? 'under' : 'over'} 3 s`]);
  }
  const s10 = results.sizes['10m'];
  if (s10) {
    const ws = [['native engine', s10.engineNative?.resegment], ['wasm engine', s10.wasmEngine?.resegment], ['native plain SQL', s10.native?.csv?.resegment], ['wasm plain SQL', s10.wasmPlain?.resegment]].filter(([, v]) => v != null);
    out.push(['re-segment at 1M customers < 150 ms', ws.length ? ws.map(([k, v]) => `${k} ${fmtMs(v)} ${v < 150 ? 'PASS' : 'FAIL'}`).join('; ') : 'not measured']);
    const e = s10.wasmEngine, p = s10.wasmPlain;
    const loaded = (x) => (x == null ? null : x.failed ? `FAIL (${x.failed})` : `PASS (${fmtMs(x.e2e ?? x.ms?.total)}, renderer peak ${fmtMB(x.rss)})`);
    out.push(['10M transactions load in the browser without crashing the tab', [e && `engine: ${loaded(e)}`, p && `plain SQL: ${loaded(p)}`].filter(Boolean).join('; ') || 'not measured']);
  }
  return out;
}

function markdown() {
  const m = results.machine;
  const L = [];
  L.push('# Segmint benchmark results', '');
  L.push(`Generated by \`node ${['test/bench/run.mjs', ...(results.command ?? ['--sizes', '10m', '--reps10', '1', '--merge'])].join(' ')}\` (\`npm run bench\` runs it with defaults), ${results.startedAt.slice(0, 16).replace('T', ' ')} UTC${results.merged ? `; merged: ${results.merged.join(', ')}` : ''}. Benchmarks, not tests: nothing asserts a time.`, '');
  L.push(`Machine: ${m.cpu}, ${m.nproc} cores (nproc), ${(m.memBytes / 2 ** 30).toFixed(1)} GiB RAM; Node ${m.node}, @duckdb/node-api ${m.nodeApi}, @duckdb/duckdb-wasm ${m.wasm}, ${m.chromiumVersion ?? 'no chromium'}, pandas ${m.pandasVersion ?? '—'}. Load average at start: ${m.load}. **The machine was shared with other engineers running builds and tests**, so every number is a median of repeated runs (count in the table) and the spread is shown.`, '');
  L.push('Data: `test/bench/generate.mjs` (seeded, deterministic), shape of `examples/retail/orders.csv`, ~4% refunds as negative rows of the same order; as of = the last transaction date. Rules: `test/bench/five.seg` (5 segments); rule edit: `test/bench/five-edit.seg`.', '');
  L.push('## Targets (reported, never asserted)', '', '| target | result |', '| --- | --- |');
  for (const [t, r] of targets()) L.push(`| ${t} | ${r} |`);
  L.push('');
  const order = ['1k', '100k', '1m', '10m'];
  for (const size of Object.keys(results.sizes).sort((a, b) => order.indexOf(a) - order.indexOf(b))) {
    const s = results.sizes[size];
    if (!s?.data) continue;
    L.push(`## ${size.toUpperCase()} transactions (${s.data.tx.toLocaleString('en-US')} requested, ${s.data.customers.toLocaleString('en-US')} customers requested; CSV ${fmtMB(s.data.csvBytes)}${s.data.parquetBytes ? `, Parquet ${fmtMB(s.data.parquetBytes)}` : ''})`, '');
    L.push('Load + metrics + 5-segment rule file, end to end.', '');
    L.push('| engine | input | end to end (median) | runs | CPU time | load avg | load | metrics | segment+summary | write | peak memory | re-segment after edit (median) |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    const row = (name, input, x, extra = {}) => {
      if (!x) return;
      if (x.failed) { L.push(`| ${name} | ${input} | **failed: ${x.failed}** | | | | | | | | ${fmtMB(x.rendererRss)} renderer | |`); return; }
      const ms = x.ms ?? {};
      L.push(`| ${name} | ${input} | ${fmtMs(extra.e2e ?? x.wall)}${range(extra.e2es ?? x.walls ?? [])} | ${x.runs} | ${fmtMs(x.cpu)} | ${x.load1 != null ? x.load1.toFixed(1) : '—'} | ${fmtMs(ms.load ?? ms.read)} | ${fmtMs(ms.metrics)} | ${fmtMs(ms.segment != null ? ms.segment + (ms.summary ?? 0) : null)} | ${fmtMs(ms.write)} | ${extra.mem ?? fmtMB(x.rss)} | ${fmtMs(x.resegment)}${x.resegmentAll?.length ? ` (n=${x.resegmentAll.length})` : ''} |`);
    };
    row('`segmint segment` CLI (native DuckDB), process wall', 'CSV', s.cli?.csv);
    row('`segmint segment` CLI (native DuckDB), process wall', 'Parquet', s.cli?.parquet);
    row('engine API on NativeBackend (Node process wall)', 'CSV', s.engineNative);
    row('plain SQL on native DuckDB (process wall)', 'CSV', s.native?.csv);
    row('plain SQL on native DuckDB (process wall)', 'Parquet', s.native?.parquet);
    row('workbench engine on duckdb-wasm, Chromium (in page, after start-up)', 'CSV', s.wasmEngine, { e2e: s.wasmEngine?.e2e, e2es: s.wasmEngine?.e2es, mem: s.wasmEngine && `${fmtMB(s.wasmEngine.rss)} renderer, JS heap ${fmtMB(s.wasmEngine.jsHeap)}` });
    row('plain SQL on duckdb-wasm, Chromium (in page, after start-up)', 'CSV', s.wasmPlain, { e2e: s.wasmPlain?.ms?.total, e2es: s.wasmPlain?.walls, mem: s.wasmPlain && !s.wasmPlain.failed && `${fmtMB(s.wasmPlain.rss)} renderer, JS heap ${fmtMB(s.wasmPlain.jsHeap)}` });
    row('pandas (process wall)', 'CSV', s.pandas);
    L.push('');
    const det = [];
    if (s.wasmPlain?.ms?.startup != null) det.push(`duckdb-wasm start-up (worker + instantiate + open), not in the end-to-end column: ${fmtMs(s.wasmPlain.ms.startup)}; reading the file bytes into the page (fetch from localhost, like File.arrayBuffer): ${fmtMs(s.wasmPlain.ms.read)} (included).`);
    if (s.wasmEngine?.detail) det.push(s.wasmEngine.detail);
    if (s.native?.csv?.ms) det.push(`plain SQL native, in-process phases (ms): ${JSON.stringify(s.native.csv.ms)}.`);
    if (s.engineNative?.ms) det.push(`engine native, in-process phases (ms): ${JSON.stringify(s.engineNative.ms)}.`);
    if (s.pandas?.ms) det.push(`pandas phases (ms): ${JSON.stringify(s.pandas.ms)}.`);
    if (s.pandas?.check) det.push(`pandas output vs plain-SQL reference: ${s.pandas.check}.`);
    if (s.cli?.csv?.check) det.push(`CLI output vs plain-SQL reference: ${s.cli.csv.check}.`);
    const segs = s.native?.csv?.segments ?? s.pandas?.segments;
    if (segs) det.push(`segment sizes (plain SQL): ${Object.entries(segs).map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`).join(', ')}; customers: ${(s.native?.csv?.customers ?? s.pandas?.customers)?.toLocaleString('en-US')}.`);
    const ref = s.native?.csv?.segments;
    const sameSegs = (a) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(ref).sort());
    if (ref) {
      for (const [name, x] of [['CLI', s.cli?.csv], ['engine (native)', s.engineNative], ['workbench engine (wasm)', s.wasmEngine], ['plain SQL (wasm)', s.wasmPlain]]) {
        if (x?.segments) det.push(`${name} segment sizes ${sameSegs(x.segments) ? 'equal the plain-SQL reference' : 'DIFFER from the plain-SQL reference: ' + JSON.stringify(x.segments)}.`);
      }
    }
    if (s.pandas?.segments && s.native?.csv?.segments) det.push(`pandas and plain-SQL segment sizes ${JSON.stringify(s.pandas.segments) === JSON.stringify(s.native.csv.segments) ? 'agree exactly' : 'DIFFER: ' + JSON.stringify(s.pandas.segments)}.`);
    for (const x of det) L.push(`- ${x}`);
    L.push('');
  }
  L.push('## How measured', '');
  L.push('- Native and pandas: each run is a fresh process under `/usr/bin/time -v`; "end to end" is its wall time (Node/Python start-up included, and writing one row per customer to a CSV) minus the time the script spent after that on the re-segment samples; peak memory is its maximum RSS.');
  L.push('- Browser: a fresh headless Chromium per run (`/usr/bin/chromium`, Playwright); the file is fetched from a localhost server into the page, then loaded, measured and segmented with `performance.now()` in the page; duckdb-wasm start-up is reported separately. Peak memory = the renderer process\'s VmHWM from /proc (page + duckdb-wasm worker, wasm memory included); JS heap = CDP `Performance.getMetrics` JSHeapUsedSize of the page\'s main thread after the run.');
  L.push('- CPU time: user+system CPU of the process (native, pandas: from /usr/bin/time; browser: of the renderer process, page + duckdb-wasm worker, from /proc/PID/stat, for read + load + metrics + segments, after duckdb-wasm start-up), less sensitive than wall time to other jobs on the shared machine; load avg: the 1-minute load average when the run started (2 cores: above 2 means the runs competed for CPU).');
  L.push('- Re-segment: with `customers` already built, run the edited rule file (alternating with the original so every run recomputes) and read the per-segment summary; median over all samples of all runs.');
  L.push('- Plain SQL (`test/bench/sql.mjs`) is a hand-written implementation of `../shared/spec/metrics.md` used as a baseline and as a stand-in where the product pieces were not available; pandas (`test/bench/pandas_rfm.py`) matches it customer for customer on 1M (R, F, M, T, AOV, scores, segment).');
  if (results.notes.length) { L.push('', '## Notes and missing numbers', ''); for (const n of results.notes) L.push(`- ${n}`); }
  return L.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// --report: only rewrite the Markdown from bench-data/results.json (no measurements).
if (args.includes('--report')) {
  const prev = JSON.parse(readFileSync(join(dataDir, 'results.json'), 'utf8'));
  Object.assign(results, { command: undefined }, prev);
  writeFileSync(outFile, markdown());
  log(`wrote ${outFile} from bench-data/results.json`);
  process.exit(0);
}
const prevSame = {};
if (MERGE && existsSync(join(dataDir, 'results.json'))) {
  const prev = JSON.parse(readFileSync(join(dataDir, 'results.json'), 'utf8'));
  // the same size: keep the measurements this run does not redo (--only)
  for (const [k, v] of Object.entries(prev.sizes ?? {})) if (sizes.includes(k)) prevSame[k] = v;
  for (const [k, v] of Object.entries(prev.sizes ?? {})) if (!sizes.includes(k)) { results.sizes[k] = v; results.merged = [...(results.merged ?? []), `${k} from the run of ${prev.startedAt.slice(0, 16).replace('T', ' ')} UTC`]; }
  for (const n of prev.notes ?? []) if (!sizes.some((sz) => n.includes(` ${sz}`))) results.notes.push(n);
}
const data = await ensureData(sizes, dataDir, { log });
for (const size of sizes) {
  const d = data[size];
  results.sizes[size] = { ...(prevSame[size] ?? {}), data: { ...d, parquetBytes: d.parquet && existsSync(d.parquet) ? statSync(d.parquet).size : null } };
  log(`=== ${size}: ${d.csv}`);
  const steps = [['native', native], ['cli', cli], ['engine', engineNative], ['pandas', pandas], ['browser', browserPlain], ['app', browserApp]];
  for (const [name, fn] of steps) {
    if (!only.includes(name)) continue;
    try {
      await fn(size, d);
    } catch (e) {
      note(`${name} ${size}: ${String(e?.stack ?? e).split('\n').slice(0, 3).join(' ')}`);
    }
    writeFileSync(outFile, markdown());
    writeFileSync(join(dataDir, 'results.json'), JSON.stringify(results, null, 2));
  }
}
writeFileSync(outFile, markdown());
log(`wrote ${outFile}`);
