// Golden tests: source -> SQL (and params) for every construct, source -> diagnostics
// (message and exact span) for every error kind, and the escaping functions.
import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileExpression, compileRules } from '../src/compile.js';
import { DIALECTS, duckdb, type Dialect } from '../src/dialect.js';
import { formatDiagnostic } from '../src/diagnostics.js';
import { builtinSchema, type Schema } from '../src/schema.js';
import { readAsOf } from '../src/parse.js';
import { hostileText } from './arbitraries.js';

const schema: Schema = {
  fields: [...builtinSchema.fields, { name: 'industry', type: 'text', hasNulls: true }, { name: 'complaints', type: 'number' }, { name: 'vip', type: 'boolean' }, { name: '近6个月采购额(万元)', type: 'number' }]
};
const sql = (src: string, bind = false) => {
  const c = compileExpression(src, schema, { asOf: '2024-12-31', bind });
  expect(c.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return bind ? { sql: c.sql, params: c.params } : c.sql;
};

describe('SQL for every construct', () => {
  it.each([
    ['R < 30 and F > 5', '(("R" < 30) AND ("F" > 5))'],
    ['R <= 30 or not F >= 10', '(("R" <= 30) OR (NOT ("F" >= 10)))'],
    ['M = 1 or M == 2 or M != 3 or M <> 4', '(((("M" = 1) OR ("M" = 2)) OR ("M" <> 3)) OR ("M" <> 4))'],
    ['M >= 50_000', '("M" >= 50000)'],
    ['M > 1e4 and AOV > 0.5', '(("M" > 10000) AND ("AOV" > 5e-1))'],
    ['M / F > 2 * -R + 1', '((CAST("M" AS DOUBLE) / NULLIF("F", 0)) > (CAST((CAST(2 AS DOUBLE) * (-CAST("R" AS DOUBLE))) AS DOUBLE) + 1))'],
    ['F between 5 and 9', '("F" BETWEEN 5 AND 9)'],
    ['F not between 5 and 9', '("F" NOT BETWEEN 5 AND 9)'],
    ["RFM in ('555', '545')", `("RFM" IN ('555', '545'))`],
    ['F not in (1, 2)', '("F" NOT IN (1, 2))'],
    ['R is null', '("R" IS NULL)'],
    ['R is not null', '("R" IS NOT NULL)'],
    ["industry contains 'it'", `contains(lower("industry"), lower('it'))`],
    ["industry starts with 'I'", `starts_with(lower("industry"), lower('I'))`],
    ["industry ends with 'T'", `ends_with(lower("industry"), lower('T'))`],
    ["industry not contains 'x'", `(NOT contains(lower("industry"), lower('x')))`],
    ['last_purchase >= as_of - 90d', `("last_purchase" >= CAST(DATE '2024-12-31' - INTERVAL (90) DAY AS DATE))`],
    ['first_purchase < 2024-01-01 + 6mo', `("first_purchase" < CAST(DATE '2024-01-01' + INTERVAL (6) MONTH AS DATE))`],
    ['last_purchase - first_purchase > 1', `(date_diff('day', "first_purchase", "last_purchase") > 1)`],
    ['vip = true or vip', '(("vip" = TRUE) OR "vip")'],
    ['`近6个月采购额(万元)` > 10', '("近6个月采购额(万元)" > 10)'],
    ['pct(M) >= 80', '(CASE WHEN "M" IS NULL THEN NULL ELSE 100 * percent_rank() OVER (PARTITION BY "M" IS NULL ORDER BY "M") END >= 80)'],
    ['round(M, 2) > ln(F) + sqrt(R) + log10(T)', '(round(CAST("M" AS DOUBLE), CAST(2 AS INTEGER)) > (CAST((CAST(ln(CASE WHEN "F" > 0 THEN CAST("F" AS DOUBLE) END) AS DOUBLE) + sqrt(CASE WHEN "R" >= 0 THEN CAST("R" AS DOUBLE) END)) AS DOUBLE) + log10(CASE WHEN "T" > 0 THEN CAST("T" AS DOUBLE) END)))'],
    ['least(R, 5) < greatest(F, 1) and coalesce(AOV, 0) > abs(-1)', '((least("R", 5) < greatest("F", 1)) AND (coalesce("AOV", 0) > abs(CAST((-CAST(1 AS DOUBLE)) AS DOUBLE))))'],
    ["lower(industry) = upper('x') and length(RFM) = 3", `((lower("industry") = upper('x')) AND (length("RFM") = 3))`],
    ['year(last_purchase) = 2024 and month(last_purchase) > floor(ceil(1.5))', '((year("last_purchase") = 2024) AND (month("last_purchase") > floor(CAST(ceil(CAST(1.5e0 AS DOUBLE)) AS DOUBLE))))']
  ])('%s', (src, want) => {
    expect(sql(src)).toBe(want);
  });

  it('binds literals as parameters when asked', () => {
    expect(sql("industry = 'IT' and M > 5000 and last_purchase > 2024-06-01 and vip = true and last_purchase > as_of - 30d", true)).toEqual({
      sql: `(((((("industry" = CAST($1 AS VARCHAR)) AND ("M" > CAST($2 AS DOUBLE))) AND ("last_purchase" > CAST($3 AS DATE))) AND ("vip" = CAST($4 AS BOOLEAN))) AND ("last_purchase" > CAST(CAST($5 AS DATE) - INTERVAL (CAST($6 AS INTEGER)) DAY AS DATE))))`.slice(1, -1),
      params: ['IT', 5000, '2024-06-01', true, '2024-12-31', 30]
    });
  });

  it('compiles a rule file to one SELECT: customer, segment (first match wins), tags, defines', () => {
    const src = `as of 2024-12-31
define AOV2 = M / F
define big = AOV2 > 100
segment platinum "Platinum 铂金客户" when R <= 30 and big
segment basic "Basic" otherwise
tag complainer when complaints > 0
`;
    const c = compileRules(src, schema, { relation: 'customers', idColumn: 'customer_id' });
    expect(c.ok).toBe(true);
    expect(c.sql).toBe(`SELECT
  "customer_id" AS "customer",
  CASE
    WHEN (("R" <= 30) AND "big") THEN 'platinum'
    ELSE 'basic'
  END AS "segment",
  ("complaints" > 0 IS TRUE) AS "complainer",
  "AOV2",
  "big"
FROM (SELECT *, ("AOV2" > 100) AS "big" FROM (SELECT *, (CAST("M" AS DOUBLE) / NULLIF("F", 0)) AS "AOV2" FROM "customers") AS "_segmint_defines_1") AS "_segmint_defines_2"`.replace('("complaints" > 0 IS TRUE)', '(("complaints" > 0) IS TRUE)'));
    expect(c.segments).toEqual([{ id: 'platinum', label: 'Platinum 铂金客户' }, { id: 'basic', label: 'Basic' }]);
    expect(c.tags).toEqual([{ id: 'complainer', label: null }]);
    expect(c.defines).toEqual([{ name: 'AOV2', type: 'number' }, { name: 'big', type: 'boolean' }]);
    expect(c.hasOtherwise).toBe(true);
    expect(c.asOf).toBe('2024-12-31');
    expect(readAsOf(src)).toBe('2024-12-31');
  });

  it('summary shape: segment index in file order, tags, carried columns; no customer, no defines', () => {
    const src = `define big = M / F > 100
segment platinum "Platinum 铂金客户" when R <= 30 and big
segment silver when F >= 3
segment basic otherwise
tag complainer when complaints > 0
`;
    const c = compileRules(src, schema, { relation: 'customers', summary: { carry: [{ column: 'M', as: '__segmint_M' }] } });
    expect(c.ok).toBe(true);
    // the main SQL is unchanged by the option
    expect(c.sql).toBe(compileRules(src, schema, { relation: 'customers' }).sql);
    expect(c.summary?.sql).toBe(`SELECT
  CASE
    WHEN (("R" <= 30) AND "big") THEN 0
    WHEN ("F" >= 3) THEN 1
    ELSE 2
  END AS "segment",
  (("complaints" > 0) IS TRUE) AS "complainer",
  "M" AS "__segmint_M"
FROM (SELECT *, ((CAST("M" AS DOUBLE) / NULLIF("F", 0)) > 100) AS "big" FROM "customers") AS "_segmint_defines_1"`);
    // an otherwise in the middle keeps its position; no segment at all is a NULL integer
    expect(compileRules('segment a otherwise\n', null, { relation: 'c', summary: { carry: [] } }).summary?.sql).toBe('SELECT\n  0 AS "segment"\nFROM "c"');
    expect(compileRules('tag t when R < 3\n', null, { relation: 'c', summary: { carry: [] } }).summary?.sql).toContain('CAST(NULL AS INTEGER) AS "segment"');
    // bound parameters are the same list as the main SQL's
    const bound = compileRules("segment a when RFM = '555'\n", schema, { relation: 'c', bind: true, summary: { carry: [] } });
    expect(bound.summary?.params).toEqual(['555']);
    expect(bound.summary?.sql).toContain('("RFM" = CAST($1 AS VARCHAR)) THEN 0');
  });

  it('another dialect is one more table of renderings', () => {
    const brackets: Dialect = { ...duckdb, name: 'brackets', ident: (n) => `[${n.replace(/]/g, ']]')}]`, compare: { ...duckdb.compare, '!=': '!=' } };
    DIALECTS.brackets = brackets;
    try {
      // the option is typed 'duckdb' (the only shipped dialect); the registry takes any table
      const c = compileRules('segment a when F != 2\n', null, { relation: 'c', dialect: 'brackets' as 'duckdb' });
      expect(c.sql).toBe("SELECT\n  [customer] AS [customer],\n  CASE\n    WHEN ([F] != 2) THEN 'a'\n  END AS [segment]\nFROM [c]");
    } finally {
      delete DIALECTS.brackets;
    }
  });

  it('without an otherwise, unmatched customers get a NULL segment', () => {
    const c = compileRules('segment a when R < 3\n', null, { relation: 'c' });
    expect(c.sql).toContain("WHEN (\"R\" < 3) THEN 'a'\n  END AS \"segment\"");
  });
});

const diag = (src: string, s: Schema | null = schema, asOf?: string) => {
  const c = compileRules(src, s, { relation: 'c', ...(asOf ? { asOf } : {}) });
  return c.diagnostics.map((d) => ({ severity: d.severity, code: d.code, message: d.message, at: `${d.span.line}:${d.span.column}-${d.span.endLine}:${d.span.endColumn}`, hint: d.hint }));
};

describe('diagnostics for every error kind (message and exact span)', () => {
  it.each([
    ['syntax: missing operand', 'segment a when R <\n', 'syntax', 'expected a value or a field, but the statement ends here', '1:19-1:19'],
    ['syntax: unknown statement', 'segmen a when R < 3\n', 'syntax', 'expected a statement (segment, tag, define or as of), but found \'segmen\'', '1:1-1:7'],
    ['syntax: unterminated text', 'segment a when industry = "IT\n', 'syntax', 'unterminated text: close it with " on the same line (write \\n for a line break)', '1:27-1:30'],
    ['syntax: number into letters', 'segment a when R < 30days\n', 'syntax', 'a number cannot run into letters: durations are written 30d, 12w, 6mo or 1y; separate a name with a space', '1:20-1:26'],
    ['unknown field', 'segment a when Rr < 3\n', 'unknown-field', 'unknown field `Rr`', '1:16-1:18'],
    ['type mismatch', 'segment a when industry > 5\n', 'type-mismatch', '`industry` is text; compare it with a quoted value', '1:27-1:28'],
    ['unknown function', 'segment a when foo(R) > 1\n', 'unknown-function', 'unknown function `foo`', '1:16-1:19'],
    ['arity', 'segment a when abs(R, F) > 1\n', 'arity', '`abs` takes 1 argument, but got 2', '1:16-1:25'],
    ['duplicate segment id', 'segment a when R < 3\nsegment a when F > 3\n', 'duplicate-id', 'segment `a` is already defined on line 1', '2:9-2:10'],
    ['otherwise not last', 'segment a otherwise\nsegment b when F > 3\n', 'otherwise-not-last', '`otherwise` must be the last segment: it takes every customer not matched above', '1:1-1:20'],
    ['define uses itself', 'define x = x + 1\nsegment a when x > 1\n', 'define-self', 'define `x` uses itself', '1:12-1:13'],
    ['not a condition', 'segment a when M\n', 'not-a-condition', 'a segment rule needs a condition (true/false), but `M` is a number', '1:16-1:17'],
    ['null comparison', 'segment a when R = null\n', 'null-compare', 'comparing with `null` is never true: a missing value is not equal to anything', '1:20-1:24'],
    ['invalid date', 'segment a when last_purchase > 2024-02-30\n', 'invalid-date', '2024-02-30 is not a date in the calendar', '1:32-1:42'],
    ['reserved name', 'tag segment2 when R < 1\ntag customer when R < 2\n', 'reserved-name', '`customer` is a reserved name; choose another id for the tag', '2:5-2:13']
  ])('%s', (_name, src, code, message, at) => {
    const ds = diag(src).filter((d) => d.code === code);
    expect(ds[0]).toMatchObject({ code, message, at });
  });

  it.each([
    ["segment a when regioN = 'x'\n", 'ambiguous-field', "`regioN` matches several fields when case is ignored: 'Region', 'region'", '1:16-1:22'],
    ['segment a when pct(pct(M)) > 5\n', 'nested-pct', '`pct` cannot be taken of an expression that contains `pct`', '1:20-1:26'],
    ['segment a when R + null > 1\n', 'null-literal', '`null` is a missing value: nothing is equal to it, and nothing can be computed from it', '1:20-1:24'],
    ["segment a when industry = '\\uD800'\n", 'invalid-text', 'the text contains an unpaired surrogate (\\uD800-\\uDFFF), which is not a Unicode character', '1:27-1:35'],
    ['segment a when `a\0b` > 1\n', 'invalid-name', 'a field name cannot contain a NUL character', '1:16-1:21'],
    ['define M = 1\nsegment a when M > 1\n', 'name-taken', '`M` is already a field of the data; choose another name for the define', '1:8-1:9'],
    ['define t = 1\n', 'name-taken', '`t` (as `T`, names ignore case) is already a field of the data; choose another name for the define', '1:8-1:9'],
    ['as of 2024-01-01\nas of 2024-02-01\nsegment a when R > 1\n', 'duplicate-as-of', 'the analysis date is already set on line 1', '2:1-2:17'],
    ['tag t when R > 1\ntag T when F > 1\n', 'duplicate-id', '`T` is already defined on line 1 (as a tag)', '2:5-2:6'],
    ["segment a when industry not between 'a' and 'b'\n", 'missing-skipped', 'customers whose `industry` is missing are skipped: `not between` is unknown for a missing value', '1:16-1:48'],
    ["segment a when round(M, '2') > 1\n", 'type-mismatch', "`round` needs a number, but '2' is text", '1:25-1:28'],
    ["segment a when coalesce(R, 'x') > 1\n", 'type-mismatch', "the values of `coalesce` must have one type, but 'x' is text and an earlier one is a number", '1:28-1:31'],
    ['segment a when ' + '('.repeat(3000) + 'R' + ')'.repeat(3000) + ' < 3\n', 'too-deep', 'the rule is nested too deeply to read (too many parentheses or operators in a row)', '1:1-1:2'],
    ['segment a when ' + 'not '.repeat(1200) + 'R < 3\n', 'too-deep', 'the rule is nested too deeply (more than 1,000 levels of operators or parentheses)', '1:1-1:2']
  ])('more kinds: %#', (src, code, message, at) => {
    const s2: Schema = { fields: [...schema.fields, { name: 'Region', type: 'text' }, { name: 'region', type: 'text' }] };
    expect(diag(src, s2, '2024-12-31').find((d) => d.code === code)).toMatchObject({ code, message, at });
  });

  it('a file as of another date than the data gets an info note', () => {
    expect(diag('as of 2024-01-01\nsegment a when R > 1\n', schema, '2024-12-31')).toEqual([
      { severity: 'info', code: 'as-of-overridden', message: 'the data is analysed as of 2024-12-31, not 2024-01-01 as this line says', at: '1:1-1:17', hint: undefined }
    ]);
  });

  it('without the data, a name close to a built-in field is a warning with the field; other names are columns', () => {
    const ds = diag('segment a when M_scor > 3 and industry = \'IT\' and Recency < 3 and r_score > 1 and A > 1\n', null);
    expect(ds.map((d) => [d.severity, d.code, d.message, d.hint, d.at])).toEqual([['warning', 'near-builtin-field', '`M_scor` is not a built-in field; without the data it is taken as a column of it', "did you mean 'M_score'?", '1:16-1:22']]);
    expect(diag('segment a when first_purchse < 2024-01-01\n', null)[0]?.hint).toBe("did you mean 'first_purchase'?");
  });

  it('unknown field suggests the closest name, and case-insensitive lookup resolves', () => {
    expect(diag('segment a when Rr < 3\n')[0]?.hint).toBe("did you mean 'R'?");
    expect(diag('segment a when r_SCORE >= 4\n')).toEqual([]);
    expect(diag('segment a when 近6个月采购额 > 1\n')[0]?.hint).toBe('did you mean `近6个月采购额(万元)`?');
  });

  it.each([
    ['segment a when R < 30 && F > 5\n', "write 'and' instead of &&"],
    ['segment a when R =< 30\n', 'did you mean <=?'],
    ['segment a when M >= 50,000\n', 'write numbers without commas: 50000 or 50_000'],
    ['segment a when industry = IT\n', "did you mean 'IT' (text in quotes)?"],
    // a column with a close name is what was meant, even compared with text
    ["segment a when industy = 'IT'\n", "did you mean 'industry'?"],
    ['segment a when R < 3 segment b when F > 1\n', 'each statement starts on its own line'],
    ["segment a when last_purchase > '2024-01-01'\n", 'did you mean last_purchase > 2024-01-01?'],
    ["segment a when M > '5000'\n", 'did you mean M > 5000?'],
    ['segment a when last_purchase > as_of - 30\n', 'write a duration: as_of - 30d (days), w, mo or y'],
    ['segment a when R = null\n', 'did you mean R is null?']
  ])('a common slip gets a fix: %s', (src, hint) => {
    expect(diag(src, schema, '2024-12-31')[0]?.hint).toBe(hint);
  });

  it('says what was expected where a name or a date belongs', () => {
    expect(diag('define = 3\n')[0]?.message).toBe("expected a name, but found '='");
    expect(diag('as of yesterday\n')[0]?.message).toBe("expected a date (YYYY-MM-DD), but found 'yesterday'");
    expect(diag('segment a (R < 3)\n')[0]?.message).toBe("expected a label in quotes, 'when' or 'otherwise', but found '('");
  });

  it('warns where != and not in skip missing values, with the fix', () => {
    const [d] = diag('segment a when R != 5\n');
    expect(d).toMatchObject({ severity: 'warning', code: 'missing-skipped', at: '1:16-1:22', hint: 'to include them, write: R != 5 or R is null' });
    expect(diag('segment a when industry not in (\'IT\')\n')[0]?.code).toBe('missing-skipped');
    expect(diag('segment a when F != 5\n')).toEqual([]);
  });

  it('reports segments that can never match', () => {
    const ds = diag('segment a when F >= 5\nsegment b when F >= 10 and R < 3\nsegment c when R < 3 and R > 5\nsegment d when F between 5 and 6 or industry = \'x\'\nsegment e when industry = \'x\'\n');
    expect(ds.map((d) => [d.code, d.at])).toEqual([
      ['covered', '2:9-2:10'],
      ['never-matches', '3:16-3:31'],
      ['covered', '5:9-5:10']
    ]);
    expect(ds[0]?.message).toBe('segment `b` can never match: every customer it selects is taken first by `a` (line 1)');
    const after = diag('segment a when F > 1\nsegment z otherwise\nsegment late when F > 1\n');
    expect(after.map((d) => [d.code, d.at])).toEqual([
      ['otherwise-not-last', '2:1-2:20'],
      ['unreachable', '3:9-3:13']
    ]);
  });

  it('reports every problem at once, syntax errors and check errors together', () => {
    const ds = diag('segment a when Rr < 3\nsegment b when F >\ntag t when M\n');
    expect(ds.map((d) => d.code)).toEqual(['unknown-field', 'syntax', 'not-a-condition']);
  });

  it('as_of without any date is an error; a define used above its line too', () => {
    expect(diag('segment a when last_purchase > as_of - 30d\n', schema)[0]).toMatchObject({ code: 'no-as-of', at: '1:32-1:37' });
    expect(diag('define a = b + 1\ndefine b = 2\nsegment s when a > 1\n')[0]).toMatchObject({ code: 'define-order', at: '1:12-1:13' });
  });

  it('without a schema, unknown names are columns of unknown type (no false errors)', () => {
    expect(diag('segment a when satisfaction <= 3 and industry = \'IT\' and R < 30\n', null)).toEqual([]);
  });

  it('prints a diagnostic with the source line, a caret and the hint', () => {
    const src = 'segment a when Rr < 3\n';
    const c = compileRules(src, schema, { relation: 'c' });
    expect(formatDiagnostic(c.diagnostics[0]!, src, 'rules.seg')).toBe("rules.seg:1:16: error: unknown field `Rr`\nsegment a when Rr < 3\n               ^^\ndid you mean 'R'?");
    const wide = 'segment 铂金 when 满意 < 3\n';
    const w = compileRules(wide, schema, { relation: 'c' });
    expect(formatDiagnostic(w.diagnostics[0]!, wide, 'w.seg').split('\n')[2]).toBe(' '.repeat(18) + '^^^^');
  });
});

describe('escaping (hostile input)', () => {
  it('string literals: quotes doubled, NUL spliced, nothing else touched', () => {
    expect(duckdb.string("it's")).toBe("'it''s'");
    expect(duckdb.string('a\\b')).toBe("'a\\b'");
    expect(duckdb.string('a\0b')).toBe("('a' || chr(0) || 'b')");
    expect(duckdb.string("'; DROP TABLE x; --")).toBe("'''; DROP TABLE x; --'");
    expect(duckdb.ident('a"b')).toBe('"a""b"');
    expect(() => duckdb.ident('a\0b')).toThrow();
  });

  it('any text and any field name compile to SQL that runs and means exactly that text', async () => {
    const inst = await DuckDBInstance.create(':memory:');
    const conn = await inst.connect();
    try {
      await fc.assert(
        fc.asyncProperty(hostileText, hostileText.filter((s) => s.length > 0 && !s.includes('\0') && !s.includes('\n')), async (text, name) => {
          const lit = duckdb.string(text);
          const r = await conn.runAndReadAll(`SELECT ${lit} AS v, length(${lit}) AS n`);
          const row = r.getRowObjectsJson()[0] as { v: string; n: string };
          expect(row.v).toBe(text);
          expect(Number(row.n)).toBe([...text].length);
          // the same text through the rules language: a string literal and a backticked field
          const src = `\`${name.replace(/`/g, '``')}\` = '${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\0/g, '\\0')}'`;
          const c = compileExpression(src, null);
          expect(c.ok, src).toBe(true);
          const q = await conn.runAndReadAll(`SELECT ${c.sql} AS hit FROM (SELECT ${lit} AS ${duckdb.ident(name)})`);
          expect(q.getRowObjectsJson()[0]).toEqual({ hit: true });
        }),
        { numRuns: 200, seed: 6 }
      );
    } finally {
      conn.closeSync();
      inst.closeSync();
    }
  });

  it('a rule cannot call anything outside the whitelist', () => {
    for (const src of ["read_csv('x') > 1", "getenv('HOME') = 'x'", 'R < 1; DROP TABLE customers', 'R < 1 /* */']) {
      const c = compileExpression(src, null);
      expect(c.ok, src).toBe(false);
      expect(c.sql).toBe('');
    }
    // `--` is two minus signs, never a SQL comment
    const m = compileExpression('R < 1 -- F', builtinSchema);
    expect(m.sql).toBe('("R" < (CAST(1 AS DOUBLE) - (-CAST("F" AS DOUBLE))))');
  });
});
