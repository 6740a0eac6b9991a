// The ready-made libraries: embedded texts match the files, both languages define the same
// segments and compile to the same SQL, playbooks are valid and cover every segment; each library
// segments the example data and Online Retail, assigns everyone (catch-all), and its report
// numbers match a direct SQL computation.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinSchema, compileRules } from '@segmint/dsl';
import { NativeBackend } from '@segmint/engine/node';
import type { Backend, Row } from '@segmint/engine';
import { LIBRARY_FILES } from '../src/generated/libraries.js';
import { listLibraries, loadLibrary } from '../src/libraries.js';
import { checkPlaybooks, parsePlaybooks } from '../src/playbooks.js';
import { computeReport, type SegmentReport } from '../src/report.js';
import { haveShared, loadExample, loadOnlineRetail, onlineRetailDir, repoRoot, runRules } from './helpers.js';

const libDir = join(repoRoot, 'packages/strategy/libraries');

describe('library files', () => {
  it('the embedded module holds exactly the files of libraries/ (run `npm run gen` after editing)', () => {
    const onDisk: Record<string, string> = {};
    for (const id of readdirSync(libDir)) for (const f of readdirSync(join(libDir, id))) onDisk[`${id}/${f}`] = readFileSync(join(libDir, id, f), 'utf8');
    expect(LIBRARY_FILES).toEqual(onDisk);
  });

  it('lists four libraries, each in English and Chinese, and loads them in one step', () => {
    const libs = listLibraries();
    expect(libs.map((l) => l.id)).toEqual(['tiers', 'rfm', 'lifecycle', 'value-matrix']);
    for (const l of libs) expect(l.langs).toEqual(['en', 'zh']);
    const t = loadLibrary('tiers', 'zh');
    expect(t.rulesFile).toBe('tiers.seg');
    expect(t.rules).toContain('铂金战略客户');
    expect(t.playbooks).toContain('lang: zh');
    expect(() => loadLibrary('nope')).toThrow(/unknown library 'nope'; libraries: tiers, rfm, lifecycle, value-matrix/);
  });

  for (const lib of listLibraries()) {
    it(`${lib.id}: both languages compile to the same SQL, playbooks are valid and cover every segment`, () => {
      const sql: string[] = [];
      const ids: string[][] = [];
      for (const lang of lib.langs) {
        const l = loadLibrary(lib.id, lang);
        const c = compileRules(l.rules, builtinSchema, { relation: 'customers', asOf: '2024-06-30' });
        expect(c.diagnostics, `${lib.id}.${lang}.seg`).toEqual([]);
        expect(c.hasOtherwise).toBe(lib.catchAll);
        sql.push(c.sql);
        ids.push(c.segments.map((s) => s.id));
        expect(c.segments.every((s) => s.label)).toBe(true);
        const p = parsePlaybooks(l.playbooks);
        expect(p.diagnostics, `${lib.id}.${lang}.playbooks.yaml`).toEqual([]);
        expect(p.file!.lang).toBe(lang);
        expect(checkPlaybooks(p.file!, c.segments, l.playbooks)).toEqual([]);
        for (const pb of p.file!.playbooks) {
          expect(pb.measures.length, pb.segment).toBeGreaterThan(0);
          expect(pb.owner && pb.timing && pb.channel, pb.segment).toBeTruthy();
          expect(pb.kpis.length, pb.segment).toBeGreaterThan(0);
        }
      }
      expect(sql[1]).toBe(sql[0]);
      expect(ids[1]).toEqual(ids[0]);
    });
  }
});

/** The report's numbers against an independent, plain SQL computation. */
async function checkAgainstSql(db: Backend, report: SegmentReport, table: string): Promise<void> {
  const rows = await db.query(`SELECT s.segment, count(*) AS n, sum(c.M) AS m, avg(c.R) AS r_mean, median(c.R) AS r_med, min(c.R) AS r_min, max(c.R) AS r_max,
      avg(c.F) AS f_mean, median(c.F) AS f_med, max(c.F) AS f_max, avg(c.M) AS m_mean, median(c.M) AS m_med, min(c.M) AS m_min, max(c.M) AS m_max,
      avg(CASE WHEN c.F >= 2 THEN 1.0 ELSE 0.0 END) AS rep, sum(c.M) / sum(c.F) AS aov
    FROM ${table} s JOIN customers c USING (customer) GROUP BY s.segment`);
  const tot = (await db.query('SELECT count(*) AS n, sum(M) AS m FROM customers'))[0]!;
  const n = Number(tot.n);
  const m = Number(tot.m);
  expect(report.customers).toBe(n);
  expect(report.M).toBeCloseTo(m, 6);
  const by = new Map<string | null, Row>(rows.map((r) => [r.segment === null ? null : String(r.segment), r]));
  const all = report.unassigned ? [...report.segments, report.unassigned] : report.segments;
  expect(all.reduce((a, s) => a + s.customers, 0)).toBe(n);
  for (const s of all) {
    const r = by.get(s.segment);
    if (!r) {
      expect(s.customers).toBe(0);
      continue;
    }
    const close = (a: number | null, b: unknown) => expect(a, String(s.segment)).toBeCloseTo(Number(b), 6);
    expect(s.customers).toBe(Number(r.n));
    close(s.share, Number(r.n) / n);
    close(s.M, r.m);
    close(s.shareM, Number(r.m) / m);
    close(s.R.mean, r.r_mean);
    close(s.R.median, r.r_med);
    close(s.R.min, r.r_min);
    close(s.R.max, r.r_max);
    close(s.F.mean, r.f_mean);
    close(s.F.median, r.f_med);
    close(s.F.max, r.f_max);
    close(s.Mstat.mean, r.m_mean);
    close(s.Mstat.median, r.m_med);
    close(s.Mstat.min, r.m_min);
    close(s.Mstat.max, r.m_max);
    close(s.repurchaseRate, r.rep);
    if (r.aov !== null) close(s.aov, r.aov);
  }
  // Pareto: the top 20% of customers by M, summed directly
  const k = Math.ceil(0.2 * n);
  const top = (await db.query(`SELECT sum(M) AS s FROM (SELECT M FROM customers ORDER BY M DESC LIMIT ${k})`))[0]!;
  expect(report.pareto.topMShare).toBeCloseTo(Number(top.s) / m, 9);
}

describe.each([
  ['examples/retail', loadExample, true],
  ['Online Retail', loadOnlineRetail, haveShared]
] as const)('libraries on %s', (name, load, available) => {
  let db: NativeBackend;
  beforeAll(async () => {
    if (!available) return;
    db = await NativeBackend.create({ threads: 2 });
    const rows = await load(db);
    if (name === 'Online Retail') expect(rows).toBe(541_909);
  });
  afterAll(async () => db?.close());

  if (!available) console.warn(`skipping ${name}: ${onlineRetailDir} is not there (set SEGMINT_SHARED)`);
  for (const lib of listLibraries()) {
    it.runIf(available)(`${lib.id}: segments everyone, report matches SQL`, async () => {
      const l = loadLibrary(lib.id, name === 'Online Retail' ? 'zh' : 'en');
      const result = await runRules(db, l.rules, { into: `seg_${lib.id.replace('-', '_')}` });
      expect(result.summary.find((s) => s.segment === null)).toBeUndefined();
      // every segment of a ready-made model should hold someone on real data
      const counts = result.summary.map((s) => s.customers);
      expect(counts.filter((c) => c === 0).length, JSON.stringify(result.summary.map((s) => [s.segment, s.customers]))).toBeLessThanOrEqual(1);
      const playbooks = parsePlaybooks(l.playbooks).file!.playbooks;
      const report = await computeReport(db, { table: result.table, segments: result.segments, playbooks, asOf: result.asOf, lang: l.lang });
      expect(report.unassigned).toBeNull();
      expect(report.segments.every((s) => s.playbook !== null)).toBe(true);
      // the engine's own summary and the report agree
      for (const [i, s] of result.summary.entries()) {
        expect(report.segments[i]!.customers).toBe(s.customers);
        expect(report.segments[i]!.M).toBeCloseTo(s.M, 6);
      }
      await checkAgainstSql(db, report, result.table);
    });
  }
});

describe('browser safety', () => {
  it('no module under src/ imports node:* (the app imports this package in the browser)', () => {
    const srcDir = join(repoRoot, 'packages/strategy/src');
    const files = readdirSync(srcDir, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const text = readFileSync(join(srcDir, f), 'utf8');
      expect(text, f).not.toMatch(/from ['"](node:|fs|path|os|child_process)/);
      expect(text, f).not.toMatch(/@segmint\/engine\/node/);
    }
  });
});
