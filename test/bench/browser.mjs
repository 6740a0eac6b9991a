// Headless Chromium for the browser benchmarks: launch, watch the renderer's memory through
// /proc (VmHWM = peak RSS of the process running the page and its duckdb-wasm worker), read the
// main thread's JS heap through CDP, and notice a crashed tab.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { serve } from './server.mjs';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

function procTree() {
  const kids = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!kids.has(ppid)) kids.set(ppid, []);
      kids.get(ppid).push(Number(d));
    } catch { /* gone */ }
  }
  return kids;
}

/** Renderer processes started (indirectly) by this Node process. */
export function rendererPids() {
  const kids = procTree();
  const out = [];
  const stack = [...(kids.get(process.pid) ?? [])];
  while (stack.length) {
    const pid = stack.pop();
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) out.push(pid);
    } catch { /* gone */ }
    stack.push(...(kids.get(pid) ?? []));
  }
  return out;
}

export function procMem(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number((s.match(new RegExp(`^${k}:\\s+(\\d+)`, 'm')) ?? [])[1] ?? 0);
    return { rss: kb('VmRSS') * 1024, hwm: kb('VmHWM') * 1024 };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}

/** Polls the renderers' RSS every `everyMs`; stop() gives the peak seen (and the max VmHWM). */
function cpuTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]); // utime + stime, all threads, in clock ticks (1/100 s)
  } catch {
    return null;
  }
}

export function watchRenderers(everyMs = 100) {
  let peak = 0, hwm = 0;
  const first = new Map(), last = new Map();
  const load1 = Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  const tick = () => {
    for (const pid of rendererPids()) {
      const m = procMem(pid);
      peak = Math.max(peak, m.rss);
      hwm = Math.max(hwm, m.hwm);
      const t = cpuTicks(pid);
      if (t != null) { if (!first.has(pid)) first.set(pid, t); last.set(pid, t); }
    }
  };
  tick();
  const timer = setInterval(tick, everyMs);
  const cpuMs = () => { let cpu = 0; for (const [pid, t] of last) cpu += t - first.get(pid); return cpu * 10; };
  return {
    /** renderer CPU (ms) since the watch started */
    cpuNow() { tick(); return cpuMs(); },
    stop() {
      clearInterval(timer);
      tick();
      return { peakRss: peak, hwm, cpuMs: cpuMs(), load1 };
    }
  };
}

export async function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Opens `url` in a fresh page; returns { page, cdp, crashed() }. */
export async function openPage(browser, url, { ready } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  let crashed = false;
  page.on('crash', () => { crashed = true; });
  const logs = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') logs.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
  await page.goto(url);
  if (ready) await page.waitForFunction(ready, null, { timeout: 300_000 });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return {
    page,
    context,
    logs,
    crashed: () => crashed,
    async jsHeap() {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const get = (n) => metrics.find((m) => m.name === n)?.value ?? null;
      return { used: get('JSHeapUsedSize'), total: get('JSHeapTotalSize') };
    }
  };
}

/** The built workbench served and opened with the automation flag, the example loaded: where
 * the browser benches of the app start. `close()` closes the browser and the server. */
export async function openBuiltApp(root) {
  const build = join(root, 'apps/workbench/build');
  if (!existsSync(join(build, 'index.html'))) { console.error('apps/workbench/build missing: npm run build'); process.exit(1); }
  const srv = await serve({ '/': build });
  const browser = await launch();
  const close = async () => { await browser.close(); await srv.close(); };
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${srv.url}/?automation=1`);
    await page.getByTestId('dataset-customers').waitFor({ timeout: 300_000 });
    return { context, page, close };
  } catch (e) {
    await close();
    throw e;
  }
}
