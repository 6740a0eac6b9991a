// Segments that can never match (filled in below).
import type { FieldRef, Statement } from './ast.js';
import type { Diagnostic, LineMap } from './diagnostics.js';

export function coverageDiagnostics(_st: Statement[], _resolved: Map<FieldRef, unknown>, _map: LineMap): Diagnostic[] {
  return [];
}
