// `use "common.seg"`: shared base files. A rule file may start with any number of `use` lines;
// each brings in the defines of that file (and of the files it uses, transitively), nothing else.
// Resolution is pure: the files are read through an injected, synchronous loader (the CLI reads
// the disk, the app its preloaded files), paths are resolved against the including file.
// Missing files, cycles and name clashes become diagnostics on the including file, with the
// places in the other files as `related`.
//
// Segments, tags and `as of` in a base file are ignored with a warning (not an error): a team's
// base file may well be a runnable rule file of its own (defines plus a sanity segment), and
// forbidding that would make the same file unusable both ways; the warning says plainly that only
// the defines come in, so nobody expects the segments to.
import type { DefineStmt, Expr, FieldRef, RuleFile, Statement, UseStmt } from './ast.js';
import { walkExpr } from './ast.js';
import { checkRules, type CheckResult, type Resolved } from './check.js';
import { LineMap, type Diagnostic, type RelatedInfo } from './diagnostics.js';
import type { Type } from './functions.js';
import { parseRulesPartial } from './parse.js';
import { makeDiagnostic, msg, renderText, type Msg } from './messages/index.js';
import type { Schema } from './schema.js';

/** Reads a used file: `path` is already resolved against `fromFile` (see joinUsePath); null
 * when there is no such file. Synchronous: the app preloads its files. */
export type UseLoader = (path: string, fromFile: string) => string | null;

export interface UseEdge {
  stmt: UseStmt;
  /** the used file's path, resolved against the including file */
  target: string;
}

export interface BaseFile {
  path: string;
  source: string;
  file: RuleFile;
  uses: UseEdge[];
  /** problems found while reading it (syntax, missing files it uses, cycles), spans in it */
  problems: Diagnostic[];
}

export interface MissingUse {
  /** the resolved path that was not found */
  path: string;
  /** as written in the `use` line */
  written: string;
  /** the file whose `use` line names it */
  from: string;
  span: Diagnostic['span'];
}

export interface ResolvedUses {
  fileName: string;
  /** the including file's own `use` lines */
  uses: UseEdge[];
  /** every base file reached, by resolved path */
  files: Map<string, BaseFile>;
  /** problems of the including file itself (its own missing files and cycles) */
  problems: Diagnostic[];
  /** every used file that could not be found, in the including file or below */
  missing: MissingUse[];
}

/** A define brought in by `use`, checked in its own file. */
export interface ImportedDefine {
  name: string;
  type: Type;
  stmt: DefineStmt;
  /** the base file it is written in */
  file: string;
  source: string;
  /** the base file's check (how its fields resolved, the types of its nodes) */
  resolved: Map<FieldRef, Resolved>;
  types: Map<Expr, Type>;
}

/** `path` resolved against the folder of `fromFile` ('/'-separated; `.` and `..` folded). */
export function joinUsePath(fromFile: string, path: string): string {
  const p = path.replace(/\\/g, '/');
  const from = fromFile.replace(/\\/g, '/');
  const absolute = p.startsWith('/');
  const dir = from.includes('/') ? from.slice(0, from.lastIndexOf('/')) : '';
  const joined = absolute ? p : dir === '' ? p : `${dir}/${p}`;
  const lead = joined.startsWith('/') ? '/' : '';
  const out: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (part === '..' && lead === '/') continue;
    else out.push(part);
  }
  return lead + out.join('/');
}

const USE_LINE = /^[ \t\r\u00a0\u3000\ufeff]*use[ \t]*(["'])((?:(?!\1)[^\n\\]|\\.)*)\1?/gimu;

/** The `use` lines of a text as written (cheap, without a full parse; for noticing a change):
 * empty when it has none. */
export function useLines(source: string): string[] {
  return [...source.matchAll(USE_LINE)].map((m) => m[0].trim());
}

function useStatements(file: RuleFile): UseStmt[] {
  return file.statements.filter((s): s is UseStmt => s.kind === 'use');
}

/** `use` lines after other statements: an error each (they belong at the top). */
export function usePlacementDiagnostics(statements: Statement[], map: LineMap): Diagnostic[] {
  const out: Diagnostic[] = [];
  let first: Statement | null = null;
  for (const s of statements) {
    if (s.kind !== 'use') {
      first ??= s;
      continue;
    }
    if (first) {
      out.push(makeDiagnostic({ severity: 'error', code: 'use-placement', span: map.span(s.loc) }, msg('use-placement', { line: map.position(first.loc.start).line, kind: first.kind === 'asOf' ? 'as of' : first.kind }), msg('hint.use-top')));
    }
  }
  return out;
}

function related(file: string, source: string, loc: { start: number; end: number }, message: Msg): RelatedInfo {
  const map = new LineMap(source);
  const span = map.span(loc);
  return { file, span, message: renderText(message.key, message.params), messageKey: message.key, params: message.params, lineText: map.lineText(span.line) };
}

/**
 * Read the files a rule file uses, transitively, through `loader`. Pure: nothing is checked
 * against data here (see the `uses` option of checkRules/compileRules, which does that).
 */
export function resolveUses(fileName: string, source: string, loader: UseLoader): ResolvedUses {
  const rootFile = parseRulesPartial(source).file;
  const files = new Map<string, BaseFile>();
  const missing: MissingUse[] = [];
  const rootProblems: Diagnostic[] = [];
  const edgesOf = (from: string, file: RuleFile): UseEdge[] => useStatements(file).map((stmt) => ({ stmt, target: joinUsePath(from, stmt.path) }));
  const rootUses = edgesOf(fileName, rootFile);
  const rootKey = joinUsePath('', fileName);

  // depth first; `stack` holds the chain from the including file, to find cycles
  const visit = (from: string, fromSource: string, edges: UseEdge[], problems: Diagnostic[], stack: string[]): void => {
    const map = new LineMap(fromSource);
    for (const e of edges) {
      const span = map.span(e.stmt.pathLoc);
      const at = stack.indexOf(e.target);
      if (at !== -1) {
        const chain = [...stack.slice(at), e.target].join(' -> ');
        const d = makeDiagnostic({ severity: 'error', code: 'use-cycle', span }, msg('use-cycle', { chain }), msg('hint.use-cycle'));
        problems.push(d);
        continue;
      }
      if (files.has(e.target)) continue;
      const text = loader(e.target, from);
      if (text === null) {
        missing.push({ path: e.target, written: e.stmt.path, from, span });
        const looked = e.target !== e.stmt.path;
        problems.push(makeDiagnostic({ severity: 'error', code: 'use-missing', span }, msg(looked ? 'use-missing.looked' : 'use-missing', looked ? { path: e.stmt.path, target: e.target } : { path: e.stmt.path }), msg('hint.use-missing')));
        continue;
      }
      const src = text.replace(/^\ufeff/, '');
      const parsed = parseRulesPartial(src);
      const base: BaseFile = { path: e.target, source: src, file: parsed.file, uses: edgesOf(e.target, parsed.file), problems: [...parsed.diagnostics] };
      files.set(e.target, base);
      visit(e.target, src, base.uses, base.problems, [...stack, e.target]);
    }
  };
  visit(fileName, source, rootUses, rootProblems, [rootKey]);
  return { fileName, uses: rootUses, files, problems: rootProblems, missing };
}

interface Checked {
  /** the defines this file makes visible to a file using it: its imports, then its own */
  exported: ImportedDefine[];
}

/**
 * Check the base files of a resolved `use` tree against a schema and list the defines the
 * including file sees. Problems in base files are reported on the including file's `use` line
 * that reaches them (once per base file), with the place in the base file as `related`.
 */
export function checkUses(uses: ResolvedUses, schema: Schema | null | undefined, rootSource: string, asOfKnown: boolean | undefined): { imported: ImportedDefine[]; diagnostics: Diagnostic[] } {
  const memo = new Map<string, Checked>();
  const fileProblems = new Map<string, Diagnostic[]>();

  const visible = (edges: UseEdge[], map: LineMap, problems: Diagnostic[]): ImportedDefine[] => {
    const out: ImportedDefine[] = [];
    const byName = new Map<string, ImportedDefine>();
    for (const e of edges) {
      const c = check(e.target);
      if (!c) continue;
      for (const d of c.exported) {
        const prev = byName.get(d.name.toLowerCase());
        if (prev && prev.file === d.file && prev.stmt === d.stmt) continue;
        if (prev) {
          problems.push(
            makeDiagnostic(
              { severity: 'error', code: 'use-clash', span: map.span(e.stmt.pathLoc), related: [related(prev.file, prev.source, prev.stmt.nameLoc, msg('related.defined-here', { name: prev.name })), related(d.file, d.source, d.stmt.nameLoc, msg('related.and-here', { name: d.name }))] },
              msg('use-clash.bases', { name: d.name, first: prev.file, second: d.file }),
              msg('hint.use-clash-bases')
            )
          );
          continue;
        }
        byName.set(d.name.toLowerCase(), d);
        out.push(d);
      }
    }
    return out;
  };

  const check = (path: string): Checked | null => {
    const done = memo.get(path);
    if (done) return done;
    const base = uses.files.get(path);
    if (!base) return null;
    memo.set(path, { exported: [] }); // a cycle edge was already dropped; this guards anyway
    const map = new LineMap(base.source);
    const problems = [...base.problems];
    const vis = visible(base.uses, map, problems);
    const r = checkRules(base.file, schema, { asOfKnown, imported: vis });
    for (const d of r.diagnostics) if (d.severity === 'error') problems.push(d);
    const ignored = base.file.statements.filter((s) => s.kind === 'segment' || s.kind === 'tag' || s.kind === 'asOf');
    if (ignored.length > 0) {
      const first = ignored[0] as Statement;
      const what = [...new Set(ignored.map((s) => (s.kind === 'asOf' ? '`as of`' : `${s.kind}s`)))].join(', ');
      problems.push(makeDiagnostic({ severity: 'warning', code: 'use-ignored', span: map.span(first.loc) }, msg('use-ignored', { path, what })));
    }
    fileProblems.set(path, problems);
    const own: ImportedDefine[] = r.defines.map((d) => {
      const stmt = base.file.statements.find((s): s is DefineStmt => s.kind === 'define' && s.name === d.name) as DefineStmt;
      return { name: d.name, type: d.type, stmt, file: path, source: base.source, resolved: r.resolved, types: r.types };
    });
    const c = { exported: [...vis, ...own] };
    memo.set(path, c);
    return c;
  };

  const rootMap = new LineMap(rootSource);
  const diagnostics: Diagnostic[] = [...uses.problems];
  const imported = visible(uses.uses, rootMap, diagnostics);
  // report each base file's problems once, on the first `use` line that reaches it
  const reported = new Set<string>();
  const reach = (path: string, seen: Set<string>): string[] => {
    if (seen.has(path)) return [];
    seen.add(path);
    const b = uses.files.get(path);
    return [path, ...(b ? b.uses.flatMap((e) => reach(e.target, seen)) : [])];
  };
  for (const e of uses.uses) {
    const span = rootMap.span(e.stmt.pathLoc);
    for (const path of reach(e.target, new Set())) {
      if (reported.has(path)) continue;
      reported.add(path);
      const b = uses.files.get(path);
      for (const p of fileProblems.get(path) ?? []) {
        const d = makeDiagnostic(
          {
            severity: p.severity,
            code: p.code.startsWith('use-') ? p.code : 'use-error',
            span,
            inner: p,
            related: [...(b ? [{ file: path, span: p.span, message: p.message, ...(p.messageKey ? { messageKey: p.messageKey, params: p.params ?? {} } : {}), lineText: new LineMap(b.source).lineText(p.span.line) }] : []), ...(p.related ?? [])]
          },
          msg('use-error.in-file', { path, line: p.span.line, inner: p.message })
        );
        // the base file's own hint, in the language the diagnostic is shown in
        if (p.hintKey) {
          d.hintKey = p.hintKey;
          d.hintParams = { ...(p.params ?? {}), ...(p.hintParams ?? {}) };
          d.hint = p.hint ?? '';
        } else if (p.hint) d.hint = p.hint;
        diagnostics.push(d);
      }
    }
  }
  return { imported, diagnostics };
}

/** The clash of a define of the file with one it brings in by `use`. */
export function useClashDiagnostic(map: LineMap, stmt: DefineStmt, imported: ImportedDefine): Diagnostic {
  return makeDiagnostic(
    { severity: 'error', code: 'use-clash', span: map.span(stmt.nameLoc), related: [related(imported.file, imported.source, imported.stmt.nameLoc, msg('related.defined-here', { name: imported.name }))] },
    msg('use-clash', { name: stmt.name, file: imported.file }),
    msg('hint.use-clash')
  );
}

/** For the compiler: the imported defines that `roots` need (directly or through other
 * defines), in an order where each comes after the defines it uses, and the check result with
 * the base files' resolutions and types added. */
export function importsFor(check: CheckResult, roots: Expr[]): { check: CheckResult; defines: ImportedDefine[] } {
  const imported = check.imported ?? [];
  if (imported.length === 0) return { check, defines: [] };
  const byName = new Map(imported.map((d) => [d.name, d]));
  const need = new Set<ImportedDefine>();
  const visit = (e: Expr, resolved: Map<FieldRef, Resolved>): void => {
    walkExpr(e, (x) => {
      if (x.kind !== 'field') return;
      const r = resolved.get(x);
      if (r?.kind !== 'define') return;
      const d = byName.get(r.name);
      if (!d || need.has(d)) return;
      need.add(d);
      visit(d.stmt.expr, d.resolved);
    });
  };
  for (const e of roots) visit(e, check.resolved);
  const defines = imported.filter((d) => need.has(d));
  const resolved = new Map(check.resolved);
  const types = new Map(check.types);
  for (const d of defines) {
    walkExpr(d.stmt.expr, (x) => {
      const t = d.types.get(x);
      if (t !== undefined) types.set(x, t);
      if (x.kind === 'field') {
        const r = d.resolved.get(x);
        if (r) resolved.set(x, r);
      }
    });
  }
  return { check: { ...check, resolved, types }, defines };
}
