// Every rule example in the language reference compiles, and is already canonically formatted
// where the reference shows whole files; the example files of the repository compile too.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { compileExpression, compileRules } from '../src/compile.js';
import { formatRules } from '../src/format.js';

const readme = readFileSync(resolve(__dirname, '../README.md'), 'utf8');
/** The fenced code blocks without a language tag (the rule examples). */
function fences(md: string): string[] {
  const out: string[] = [];
  let open = false;
  let tagged = false;
  let cur: string[] = [];
  for (const line of md.split('\n')) {
    if (line.startsWith('```')) {
      if (open && !tagged) out.push(cur.join('\n') + '\n');
      if (!open) {
        tagged = line.length > 3;
        cur = [];
      }
      open = !open;
      continue;
    }
    if (open) cur.push(line);
  }
  return out;
}
const blocks = fences(readme).filter((b) => /^(segment|tag|define|as of)/m.test(b) && !b.includes('file        ='));

describe('the language reference', () => {
  it('has rule examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
  });
  it.each(blocks.map((b, i) => [i, b]))('example %i compiles without errors', (_i, block) => {
    const c = compileRules(block as string, null, { relation: 'customers', asOf: '2024-12-31' });
    expect(c.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(c.ok).toBe(true);
  });
});

describe('the missing-values table of the reference is what DuckDB does', () => {
  const section = readme.slice(readme.indexOf('## Missing values'), readme.indexOf('## Grammar'));
  const rows = [...section.matchAll(/^\| `([^`]+)`(?: with F = 0)? \| ([^|]+) \|$/gm)].map((m) => ({ rule: m[1] ?? '', outcome: (m[2] ?? '').trim() }));
  it('has the examples', () => {
    expect(rows.length).toBeGreaterThanOrEqual(8);
  });
  it.each(rows.map((r) => [r.rule, r.outcome]))('%s: %s', async (rule, outcome) => {
    const inst = await DuckDBInstance.create(':memory:');
    const conn = await inst.connect();
    try {
      // the customer of the table: never bought (R missing), F = 6 (F = 0 for the division row)
      const f = rule.includes('/ F') ? 0 : 6;
      const c = compileExpression(rule, null);
      expect(c.ok).toBe(true);
      const r = await conn.runAndReadAll(`SELECT ${c.sql} AS v FROM (SELECT CAST(NULL AS DOUBLE) AS R, CAST(${f} AS DOUBLE) AS F, CAST(100 AS DOUBLE) AS M)`);
      const v = (r.getRowObjectsJson()[0] as { v: unknown }).v;
      if (outcome.startsWith('matches')) expect(v).toBe(true);
      else if (outcome.startsWith('missing')) expect(v).toBeNull();
      else expect(v).not.toBe(true);
    } finally {
      conn.closeSync();
      inst.closeSync();
    }
  });
});

describe('repository examples', () => {
  for (const f of ['examples/retail/tiers.seg', 'test/bench/five.seg', 'test/bench/five-edit.seg']) {
    it(`${f} compiles and formats to itself or better`, () => {
      const src = readFileSync(resolve(__dirname, '../../..', f), 'utf8');
      const c = compileRules(src, null, { relation: 'customers' });
      expect(c.ok).toBe(true);
      const once = formatRules(src).text;
      expect(formatRules(once).text).toBe(once);
    });
  }
});

describe('formatter output', () => {
  it('lower-cases keywords, normalises operators and spacing, keeps comments and one blank line', () => {
    const src = '# head\n\n\nAS  OF 2024-12-31\nDEFINE x=M/F   # ratio\nSEGMENT a "A" WHEN R<3 AND(F>=2 OR M <> 5)\n  AND x == 1 # trailing\nTag  t WHEN industry CONTAINS "it"\nsegment b   otherwise\n';
    expect(formatRules(src).text).toBe(
      "# head\n\nas of 2024-12-31\ndefine x = M / F  # ratio\nsegment a \"A\" when R < 3 and (F >= 2 or M != 5) and x = 1  # trailing\ntag t when industry contains 'it'\nsegment b otherwise\n"
    );
  });
  it('wraps a long rule at its top-level and/or, and the result is stable', () => {
    const src = `segment long "A long rule" when ${Array.from({ length: 8 }, (_, i) => `field_number_${i} >= ${i * 1000}`).join(' and ')}\n`;
    const out = formatRules(src).text;
    expect(out.split('\n')[1]).toBe('    and field_number_1 >= 1000');
    expect(formatRules(out).text).toBe(out);
  });
  it('keeps a comment inside a multi-line rule (moved above the statement)', () => {
    const src = 'segment a when R < 3 # first\n  and F > 1\n';
    expect(formatRules(src).text).toBe('# first\nsegment a when R < 3 and F > 1\n');
  });
  it('returns the text unchanged with the errors when it does not parse', () => {
    const r = formatRules('segment a when (R < 3\n');
    expect(r.text).toBe('segment a when (R < 3\n');
    expect(r.diagnostics[0]?.code).toBe('syntax');
  });
});
