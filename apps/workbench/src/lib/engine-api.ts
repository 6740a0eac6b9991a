// What the workbench needs from the engine's Workspace (packages/engine/src/workspace.ts).
// TEMPORARY mirror of the agreed contract until the Workspace and @segmint/dsl land.
import type { CustomerSchema, InputFile, LoadOptions, LoadReport, Row, SegmentationResult, Backend } from '@segmint/engine';

export interface Span {
  offset: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}
export interface Diagnostic {
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
  span: Span;
  hint?: string;
}
export interface Compiled {
  ok: boolean;
  diagnostics: Diagnostic[];
  sql: string;
  params?: readonly unknown[];
}

export interface WorkspaceLike {
  readonly backend: Backend;
  loadTransactions(files: InputFile[], options?: LoadOptions): Promise<LoadReport>;
  loadCustomers(files: InputFile[], options?: LoadOptions): Promise<LoadReport>;
  buildCustomers(options?: { asOf?: string }): Promise<{ asOf: string; customers: number; schema: CustomerSchema }>;
  preview(limit: number): Promise<Row[]>;
  quickRule(expression: string): Promise<{ compiled: Compiled; matched: number; total: number; share: number }>;
  runRules(source: string, options?: { asOf?: string }): Promise<{ compiled: Compiled; result: SegmentationResult | null }>;
}
