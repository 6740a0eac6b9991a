// The report state against a fake engine: the report is made in the engine queue from the
// segmentation table and its summary (no per-segment query: the engine's summary is used as it
// is), once for the same table, playbook, language and names, and rendered per format; blocked
// states say why; a failure is shown.
import { describe, expect, it } from 'vitest';
import type { Cell, Row, SegmentSummary } from '@segmint/engine';
import { reportFromRun, renderReport } from '@segmint/strategy';
import { EngineHost } from '../engine/host.js';
import type { Engine } from '../engine/wasm.js';
import type { SegmentationTable } from '../customers/segmentation.js';
import { ReportState } from './report.svelte.js';
import type { ReportFile, ReportSource } from './report.js';

const stat = (v: number) => ({ mean: v, median: v, min: v, max: v });
const SUMMARY: SegmentSummary[] = [
  { segment: 'gold', label: 'Gold', customers: 1, share: 0.5, M: 90, shareM: 0.9, R: stat(3), F: stat(4), Mstat: stat(90), Fsum: 4, repurchaseRate: 1 },
  { segment: null, label: null, customers: 1, share: 0.5, M: 10, shareM: 0.1, R: stat(30), F: stat(1), Mstat: stat(10), Fsum: 1, repurchaseRate: 0 }
];
const TABLE: SegmentationTable = { table: 'segmented', asOf: '2024-12-31', segments: [{ id: 'gold', label: 'Gold' }], summary: SUMMARY };

/** A backend that knows the customers' columns and answers the Pareto query with nothing. */
function fakeEngine() {
  const queries: string[] = [];
  const backend = {
    query: async (sql: string, _params: Cell[] = []): Promise<Row[]> => {
      queries.push(sql);
      if (sql.includes('duckdb_columns()')) return [{ name: 'customer', type: 'VARCHAR' }, { name: 'M', type: 'DOUBLE' }];
      return [];
    },
    exec: async () => undefined
  };
  return { engine: { backend } as unknown as Engine, queries };
}

function setup(over: { source?: Partial<ReportSource>; ruleErrors?: boolean; table?: SegmentationTable | null } = {}) {
  const { engine, queries } = fakeEngine();
  const host = new EngineHost<Engine>(async () => engine);
  host.current = engine;
  const saved: ReportFile[] = [];
  let ensured = 0;
  const source: ReportSource = { rules: 'segment gold when F >= 2\n', fileName: 'team.seg', suggestedName: null, playbook: null, ...over.source };
  const state = new ReportState({
    host,
    segmentation: {
      ensure: async () => {
        ensured++;
        return over.table === undefined ? TABLE : over.table;
      }
    },
    hasData: () => true,
    source: () => source,
    ruleErrors: () => over.ruleErrors ?? false,
    locale: () => 'zh-CN',
    save: (f) => saved.push(f)
  });
  return { state, saved, queries, engine, ensured: () => ensured };
}

describe('report state', () => {
  it('makes the report once and downloads each format as renderReport writes it', async () => {
    const { state, saved, queries, engine, ensured } = setup({ source: { playbook: { name: 'team.playbooks.yaml', text: 'playbooks:\n  gold:\n    goal: Keep\n' } } });
    await state.download('md');
    const asked = queries.length;
    await state.download('json');
    expect(state.outcome).toEqual({ kind: 'done', fileName: 'report.json' });
    expect(saved.map((f) => f.fileName)).toEqual(['report.md', 'report.json']);
    expect(ensured()).toBe(2);
    // one report for both (the second download asked the engine nothing), and no per-segment
    // query: the engine's summary is used as it is
    expect(queries).toHaveLength(asked);
    expect(queries.some((q) => /GROUP BY segment/i.test(q))).toBe(false);
    const { report } = await reportFromRun(engine.backend, TABLE, {
      playbooks: 'playbooks:\n  gold:\n    goal: Keep\n',
      lang: 'zh',
      rulesFile: 'team.seg',
      playbooksFile: 'team.playbooks.yaml'
    });
    expect(new TextDecoder().decode(saved[0]!.bytes)).toBe(renderReport(report!, 'md'));
    expect(new TextDecoder().decode(saved[1]!.bytes)).toBe(renderReport(report!, 'json'));
    expect(report!.lang).toBe('zh');
    expect(report!.title).toBe('客户细分报告');
    expect(report!.segments[0]).toMatchObject({ repurchaseRate: 1, aov: 90 / 4, mPerCustomer: 90 });
    expect(state.running).toBeNull();
  });

  it('says why it cannot make the report', async () => {
    const blocked = setup({ ruleErrors: true });
    expect(blocked.state.blocker).toBe('rule-errors');
    await blocked.state.download('md');
    expect(blocked.state.outcome).toEqual({ kind: 'blocked', blocker: 'rule-errors' });
    expect(blocked.saved).toEqual([]);
    // the rule file's table could not be written (errors the live check has not shown yet)
    const noTable = setup({ table: null });
    await noTable.state.download('csv');
    expect(noTable.state.outcome).toEqual({ kind: 'blocked', blocker: 'rule-errors' });
    const badPlaybook = setup({ source: { playbook: { name: 'p.yaml', text: 'playbooks:\n  gold: {}\n' } } });
    expect(badPlaybook.state.blocker).toBe('playbook-errors');
  });

  it('shows a failure', async () => {
    const s = setup();
    s.engine.backend.query = async () => {
      throw new Error('the engine stopped');
    };
    await s.state.download('html');
    expect(s.state.outcome).toEqual({ kind: 'failed', message: 'the engine stopped' });
    expect(s.state.running).toBeNull();
  });
});
