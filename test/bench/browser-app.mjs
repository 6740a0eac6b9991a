// The engine on duckdb-wasm in headless Chromium, through the workbench itself: serve
// apps/workbench/build, open it with ?automation=1, wait for window.segmint, and in the page create a fresh Workspace
// (window.segmint.createWorkspace(): its own duckdb-wasm database, leaving the app's data alone),
// fetch the benchmark CSV from the same localhost server as a File, then time
// loadTransactions + buildCustomers + runRules(five.seg), and re-segment after the edit.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length ? (s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2) : null; };

let built = null;
function buildApp(root, log, note) {
  if (built !== null) return built;
  if (process.env.SEGMINT_BENCH_NO_BUILD) {
    built = existsSync(join(root, 'apps/workbench/build/index.html'));
    return built;
  }
  log('building the workbench (turbo run build --filter=@segmint/workbench...)');
  try {
    execFileSync('npx', ['turbo', 'run', 'build', '--filter=@segmint/workbench...', '--output-logs=errors-only'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' }, timeout: 15 * 60_000 });
  } catch (e) {
    note(`workbench build failed, using the existing apps/workbench/build if any: ${String(e.stderr ?? e).trim().split('\n').slice(-5).join(' ')}`);
  }
  built = existsSync(join(root, 'apps/workbench/build/index.html'));
  return built;
}

export async function runApp({ size, root, dataDir, here, reps, note, log }) {
  if (!buildApp(root, log, note)) { note('workbench: apps/workbench/build missing — browser engine numbers missing'); return null; }
  const { launch, openPage, watchRenderers } = await import('./browser.mjs');
  const { serve } = await import('./server.mjs');
  const srv = await serve({ '/__bench': dataDir, '/': join(root, 'apps/workbench/build') });
  const five = readFileSync(join(here, 'five.seg'), 'utf8');
  const edit = readFileSync(join(here, 'five-edit.seg'), 'utf8');
  const runs = [];
  let failed = null;
  try {
    for (let i = 0; i < reps && !failed; i++) {
      const browser = await launch();
      try {
        let p;
        try {
          p = await openPage(browser, `${srv.url}/?automation=1`, { ready: () => !!window.segmint });
        } catch (e) {
          note(`workbench: window.segmint did not appear within 300 s (${String(e.message).split('\n')[0]}) — browser engine numbers missing`);
          return null;
        }
        // let the app finish loading its example data before measuring
        await p.page.waitForTimeout(2000);
        let res = null, error = null, cpuPipeline = null, w = null;
        try {
          // a fresh Workspace (duckdb-wasm start-up) first, outside the CPU window
          const startup = await p.page.evaluate(async () => {
            const s = performance.now();
            window.__benchWs = await window.segmint.createWorkspace();
            return performance.now() - s;
          });
          w = watchRenderers();
          res = await p.page.evaluate(async ({ url, name, five, trace }) => {
            const ms = {};
            const ws = window.__benchWs;
            // trace: time every SQL statement of the load + metrics + first run (slowest kept)
            const traced = [];
            let tracing = trace;
            if (trace) {
              for (const m of ['exec', 'query']) {
                const orig = ws.backend[m].bind(ws.backend);
                ws.backend[m] = async (sql, params) => { const t = performance.now(); try { return await orig(sql, params); } finally { if (tracing) traced.push([performance.now() - t, sql]); } };
              }
            }
            const t0 = performance.now();
            s = performance.now();
            const blob = await (await fetch(url)).blob();
            const file = new File([blob], name, { type: 'text/csv' });
            ms.read = performance.now() - s;
            s = performance.now();
            const report = await ws.loadTransactions([window.segmint.browserFile(file)]);
            ms.load = performance.now() - s;
            s = performance.now();
            const built = await ws.buildCustomers();
            ms.metrics = performance.now() - s;
            s = performance.now();
            const run = await ws.runRules(five);
            ms.segment = performance.now() - s;
            ms.total = performance.now() - t0;
            tracing = false;
            if (!run.result) return { error: 'five.seg did not compile: ' + JSON.stringify(run.compiled.diagnostics).slice(0, 400) };
            return {
              rows: report.rows,
              roles: report.roles,
              customers: built.customers,
              segments: Object.fromEntries(run.result.summary.map((x) => [x.segment ?? '(unassigned)', x.customers])),
              ms,
              traced: trace && [`${traced.length} statements, ${Math.round(traced.reduce((s, x) => s + x[0], 0))} ms in all`, ...traced.sort((a, b) => b[0] - a[0]).slice(0, trace).map(([t, q]) => `${Math.round(t)} ms: ${q.replace(/\s+/g, ' ').slice(0, 160)}`)]
            };
          }, { url: `/__bench/tx-${size}.csv`, name: `tx-${size}.csv`, five, trace: Number(process.env.SEGMINT_BENCH_TRACE) || (process.env.SEGMINT_BENCH_TRACE ? 8 : 0) });
          if (res?.error) { error = res.error; res = null; }
          if (res) {
            res.ms.startup = startup;
            cpuPipeline = w.cpuNow();
            const rs = await p.page.evaluate(async ({ five, edit, reps }) => {
              const resegment = [];
              for (let i = 0; i < reps; i++) {
                const s2 = performance.now();
                const r = await window.__benchWs.runRules(i % 2 === 0 ? edit : five, { materialize: false });
                resegment.push(performance.now() - s2);
                if (!r.result) return { error: 'five-edit.seg did not compile' };
              }
              return { resegment };
            }, { five, edit, reps: 9 });
            if (rs.error) { error = rs.error; res = null; } else res.resegment = rs.resegment;
          }
        } catch (e) {
          error = String(e.message ?? e).split('\n')[0];
        }
        const mem = w ? w.stop() : { hwm: 0, peakRss: 0, cpuMs: null, load1: null };
        const heap = p.crashed() ? null : await p.jsHeap().catch(() => null);
        if (!res) {
          failed = p.crashed() ? 'the tab crashed' : error;
          note(`workbench engine ${size}: ${failed}${p.logs.length ? ' — console: ' + p.logs.slice(-3).join(' | ').slice(0, 500) : ''} (renderer peak RSS ${(mem.hwm / 1e6).toFixed(0)} MB)`);
          runs.push({ failed, rss: mem.hwm || mem.peakRss });
          break;
        }
        if (res.traced?.length) note(`workbench engine ${size}, slowest SQL statements (SEGMINT_BENCH_TRACE): ${res.traced.join(' · ')}`);
        runs.push({ ...res, rss: mem.hwm || mem.peakRss, heap: heap?.used ?? null, cpu: cpuPipeline, load1: mem.load1 });
        log(`wasm engine ${size}: total ${Math.round(res.ms.total)} ms (startup ${Math.round(res.ms.startup)}), renderer ${(mem.hwm / 1e6).toFixed(0)} MB, resegment ${Math.round(median(res.resegment))} ms`);
      } finally {
        await browser.close();
      }
    }
  } finally {
    await srv.close();
  }
  const ok = runs.filter((r) => !r.failed);
  if (!ok.length) return runs.length ? { failed, rendererRss: runs[0].rss } : null;
  const ms = {};
  for (const k of Object.keys(ok[0].ms)) ms[k] = median(ok.map((r) => r.ms[k]));
  return {
    runs: ok.length,
    e2e: median(ok.map((r) => r.ms.total)),
    e2es: ok.map((r) => r.ms.total),
    ms,
    rss: Math.max(...ok.map((r) => r.rss)),
    cpu: median(ok.map((r) => r.cpu)),
    load1: median(ok.map((r) => r.load1)),
    jsHeap: Math.max(...ok.map((r) => r.heap ?? 0)),
    customers: ok[0].customers,
    segments: ok[0].segments,
    resegment: median(ok.flatMap((r) => r.resegment)),
    resegmentAll: ok.flatMap((r) => r.resegment),
    failedLater: failed,
    detail: `workbench engine on duckdb-wasm: start-up of a fresh Workspace (createWorkspace) ${Math.round(ms.startup)} ms, not in the end-to-end column; reading the file into the page ${Math.round(ms.read)} ms (included); rows ${ok[0].rows}, roles guessed ${JSON.stringify(ok[0].roles)}.`
  };
}
