// `use "common.seg"`: resolution through an injected loader, checking, compiling, formatting.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinSchema, compileExpression, compileRules, formatDiagnostic, formatRules, joinUsePath, parseRules, resolveUses, statementChunks, checkRules, parseRulesPartial, useLines, type UseLoader } from '../src/index.js';

const loaderOf = (files: Record<string, string>): UseLoader => (path) => files[path] ?? null;

const COMMON = `# the team's shared definitions
define recent = R <= 30
define big = M >= 1000
define vip = recent and big
`;

describe('use: grammar', () => {
  it('parses use lines at the top, and keeps `use` a plain name elsewhere', () => {
    const p = parseRules(`use "common.seg"\nuse 'team/x.seg'\nsegment a when vip\nsegment b when use > 3\n`);
    expect(p.diagnostics).toEqual([]);
    const kinds = p.file?.statements.map((s) => s.kind);
    expect(kinds).toEqual(['use', 'use', 'segment', 'segment']);
    const u = p.file?.statements[0];
    expect(u?.kind === 'use' && u.path).toBe('common.seg');
  });

  it('a continuation line starting with a column named use is not a statement', () => {
    const src = 'segment a when R < 3 and\n  use > 5\n';
    expect(statementChunks(src)).toHaveLength(1);
    expect(parseRules(src).diagnostics).toEqual([]);
  });

  it('use after other statements is an error saying where it belongs', () => {
    const src = 'segment a when R < 3\nuse "common.seg"\n';
    const r = checkRules(parseRulesPartial(src).file, null);
    const d = r.diagnostics.find((x) => x.code === 'use-placement');
    expect(d?.message).toContain('before the other statements');
    expect(d?.span.line).toBe(2);
    expect(d?.hint).toContain('top');
  });

  it('a use line without quotes says how to write it', () => {
    const p = parseRules('use common.seg\nsegment a when R < 3\n');
    expect(p.diagnostics[0]?.hint).toBe('write the path of the base file in quotes: use "common.seg"');
  });

  it('every example and library rule file still parses', () => {
    const root = join(import.meta.dirname, '../../..');
    const files = [join(root, 'examples/retail/tiers.seg')];
    const lib = join(root, 'packages/strategy/libraries');
    for (const d of readdirSync(lib)) for (const f of readdirSync(join(lib, d))) if (f.endsWith('.seg')) files.push(join(lib, d, f));
    expect(files.length).toBeGreaterThan(4);
    for (const f of files) expect(parseRules(readFileSync(f, 'utf8')).diagnostics, f).toEqual([]);
  });

  it('the formatter keeps use lines, one per line at the top', () => {
    const out = formatRules(`USE   "common.seg"\nuse 'b.seg'   # more\n\nsegment a when vip\n`).text;
    expect(out).toBe(`use "common.seg"\nuse "b.seg"  # more\n\nsegment a when vip\n`);
    expect(formatRules(out).text).toBe(out);
  });
});

describe('use: resolution', () => {
  it('joins paths against the including file', () => {
    expect(joinUsePath('team/rules.seg', 'common.seg')).toBe('team/common.seg');
    expect(joinUsePath('team/a/rules.seg', '../common.seg')).toBe('team/common.seg');
    expect(joinUsePath('rules.seg', './x/../common.seg')).toBe('common.seg');
    expect(joinUsePath('/srv/rules/r.seg', 'c.seg')).toBe('/srv/rules/c.seg');
  });

  it('brings in the defines (transitively) and compiles them', () => {
    const files = { 'team/common.seg': COMMON, 'team/extra.seg': 'use "common.seg"\ndefine loyal = F >= 5 and recent\n' };
    const src = 'use "extra.seg"\nsegment champions when vip and loyal\nsegment others otherwise\n';
    const uses = resolveUses('team/rules.seg', src, loaderOf(files));
    expect(uses.missing).toEqual([]);
    expect([...uses.files.keys()].sort()).toEqual(['team/common.seg', 'team/extra.seg']);
    const c = compileRules(src, builtinSchema, { relation: 'customers', uses });
    expect(c.diagnostics).toEqual([]);
    expect(c.ok).toBe(true);
    expect(c.sql).toContain('AS "vip"');
    expect(c.sql).toContain('AS "loyal"');
    expect(c.defines).toEqual([]); // imported defines are not output columns
    // without the uses, vip is an unknown field
    expect(compileRules(src, builtinSchema, { relation: 'customers' }).ok).toBe(false);
  });

  it('only the defines: segments in a base file are left out with a warning', () => {
    const files = { 'common.seg': COMMON + 'segment x when R < 5\n' };
    const src = 'use "common.seg"\nsegment a when big\n';
    const c = compileRules(src, builtinSchema, { relation: 'customers', uses: resolveUses('rules.seg', src, loaderOf(files)) });
    expect(c.ok).toBe(true);
    expect(c.segments.map((s) => s.id)).toEqual(['a']);
    const w = c.diagnostics.find((d) => d.code === 'use-ignored');
    expect(w?.severity).toBe('warning');
    expect(w?.span.line).toBe(1);
    expect(w?.related?.[0]?.file).toBe('common.seg');
  });

  it('a missing file is an error at the use line, listed for the app', () => {
    const src = 'use "nope.seg"\nsegment a when R < 3\n';
    const uses = resolveUses('dir/rules.seg', src, loaderOf({}));
    expect(uses.missing).toEqual([expect.objectContaining({ path: 'dir/nope.seg', written: 'nope.seg', from: 'dir/rules.seg' })]);
    const c = compileRules(src, null, { relation: 'customers', uses });
    const d = c.diagnostics.find((x) => x.code === 'use-missing');
    expect(d?.severity).toBe('error');
    expect(d?.message).toContain('nope.seg');
    expect(src.slice(d?.span.offset, d?.span.end)).toBe('"nope.seg"');
  });

  it('while a base file is missing, the names it may define are not also reported as unknown', () => {
    const src = 'use "common.seg"\nsegment a when active and R < 3\n';
    const schema = { fields: [{ name: 'R', type: 'number' as const, builtin: true }] };
    const missing = compileRules(src, schema, { relation: 'customers', uses: resolveUses('rules.seg', src, loaderOf({})) });
    expect(missing.diagnostics.map((d) => d.code)).toEqual(['use-missing']);
    const found = compileRules(src, schema, { relation: 'customers', uses: resolveUses('rules.seg', src, loaderOf({ 'common.seg': 'define other = 1\n' })) });
    expect(found.diagnostics.map((d) => d.code)).toContain('unknown-field');
  });

  it('a cycle is an error with spans in both files', () => {
    const files = { 'a.seg': 'use "rules.seg"\ndefine x = R < 3\n' };
    const src = 'use "a.seg"\nsegment s when x\n';
    const c = compileRules(src, null, { relation: 'customers', uses: resolveUses('rules.seg', src, loaderOf(files)) });
    const d = c.diagnostics.find((x) => x.code === 'use-cycle');
    expect(d?.message).toContain('rules.seg -> a.seg -> rules.seg');
    expect(d?.span.line).toBe(1);
    expect(d?.related?.[0]).toMatchObject({ file: 'a.seg', span: { line: 1 } });
    const printed = formatDiagnostic(d!, src, 'rules.seg');
    expect(printed).toContain('a.seg:1:5: note:');
    expect(printed).toContain('use "rules.seg"');
  });

  it('a file using itself is a cycle', () => {
    const src = 'use "rules.seg"\nsegment s when R < 3\n';
    const c = compileRules(src, null, { relation: 'customers', uses: resolveUses('rules.seg', src, loaderOf({})) });
    expect(c.diagnostics.map((d) => d.code)).toContain('use-cycle');
  });

  it('a define clashing with a base define, and two base files with one name, are errors in both files', () => {
    const files = { 'common.seg': COMMON, 'other.seg': 'define big = M > 5000\n' };
    const src = 'use "common.seg"\ndefine vip = F > 3\nsegment s when vip\n';
    const c = compileRules(src, null, { relation: 'customers', uses: resolveUses('rules.seg', src, loaderOf(files)) });
    const d = c.diagnostics.find((x) => x.code === 'use-clash');
    expect(d?.span.line).toBe(2);
    expect(d?.related?.[0]).toMatchObject({ file: 'common.seg', span: { line: 4 } });

    const src2 = 'use "common.seg"\nuse "other.seg"\nsegment s when big\n';
    const c2 = compileRules(src2, null, { relation: 'customers', uses: resolveUses('rules.seg', src2, loaderOf(files)) });
    const d2 = c2.diagnostics.find((x) => x.code === 'use-clash');
    expect(d2?.span.line).toBe(2);
    expect(d2?.related?.map((r) => r.file)).toEqual(['common.seg', 'other.seg']);
    expect(c2.ok).toBe(false);
  });

  it('the same base file reached twice (a diamond) is no clash', () => {
    const files = { 'common.seg': COMMON, 'a.seg': 'use "common.seg"\ndefine a1 = vip\n', 'b.seg': 'use "common.seg"\ndefine b1 = big\n' };
    const src = 'use "a.seg"\nuse "b.seg"\nsegment s when a1 and b1 and recent\n';
    const c = compileRules(src, null, { relation: 'customers', uses: resolveUses('rules.seg', src, loaderOf(files)) });
    expect(c.diagnostics).toEqual([]);
  });

  it('an error inside a base file is reported at the use line, pointing into the base file', () => {
    const files = { 'common.seg': 'define bad = R < "x"\n' };
    const src = 'use "common.seg"\nsegment s when bad\n';
    const c = compileRules(src, builtinSchema, { relation: 'customers', uses: resolveUses('rules.seg', src, loaderOf(files)) });
    expect(c.ok).toBe(false);
    const d = c.diagnostics.find((x) => x.code === 'use-error' || x.code === 'type-mismatch');
    expect(d?.span.line).toBe(1);
    expect(d?.message).toMatch(/^in common\.seg \(line 1\): /);
    expect(d?.related?.[0]?.file).toBe('common.seg');
  });

  it('the quick rule can use the rule file\'s base defines (computed in place)', () => {
    const src = 'use "common.seg"\nsegment s when vip\n';
    const uses = resolveUses('rules.seg', src, loaderOf({ 'common.seg': COMMON }));
    const q = compileExpression('vip and F > 2', builtinSchema, { uses });
    expect(q.ok).toBe(true);
    expect(q.sql).toContain('"R"');
    expect(q.sql).not.toContain('"vip"');
  });
});

describe('use: the repository example (examples/team)', () => {
  const root = join(import.meta.dirname, '../../..');
  const disk: UseLoader = (path) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return null;
    }
  };
  for (const f of ['examples/team/tiers.seg', 'examples/team/campaigns/winback.seg']) {
    it(`${f} compiles with its base file and is formatted`, () => {
      const path = join(root, f);
      const src = readFileSync(path, 'utf8');
      const c = compileRules(src, builtinSchema, { relation: 'customers', uses: resolveUses(path, src, disk) });
      expect(c.diagnostics).toEqual([]);
      expect(formatRules(src).text).toBe(src);
    });
  }
});

describe('use: useLines', () => {
  it('lists the use lines as written, cheaply', () => {
    expect(useLines('# x\nuse "a.seg"\n  USE \'b "c.seg\'\nsegment s when use > "x"\n')).toEqual(['use "a.seg"', 'USE \'b "c.seg\'']);
    expect(useLines('segment a when R < 3\n')).toEqual([]);
  });
});
