// How a file was read (the engine's FormatInfo), in the UI's words: "comma-separated text, with
// a header", "Excel, sheet 'Orders' of 3", ... in the current language. Also whether the load
// settings offer an encoding (text files only).
import type { FormatInfo } from '@segmint/engine';

type Key =
  | 'format.delimited'
  | 'format.delimited.noHeader'
  | 'format.sep.comma'
  | 'format.sep.tab'
  | 'format.sep.semicolon'
  | 'format.sep.pipe'
  | 'format.sep.single-space'
  | 'format.sep.whitespace'
  | 'format.excel'
  | 'format.excel.of'
  | 'format.parquet'
  | 'format.json'
  | 'format.ndjson';
export type FormatTranslate = (key: Key, vars?: Record<string, string | number>) => string;

export function formatText(infos: readonly FormatInfo[], tr: FormatTranslate): string {
  return infos
    .map((f) => {
      if (f.kind === 'delimited') return tr(f.header === false ? 'format.delimited.noHeader' : 'format.delimited', { sep: tr(`format.sep.${f.delimiter ?? 'comma'}`) });
      if (f.kind === 'excel') return tr(f.sheets !== undefined && f.sheets > 1 ? 'format.excel.of' : 'format.excel', { sheet: f.sheet ?? '', sheets: f.sheets ?? 1 });
      return tr(`format.${f.kind}`);
    })
    .join('; ');
}

/** Text files (their encoding can be chosen); an unread file (no formats) counts as text. */
export function isTextFile(infos: readonly FormatInfo[]): boolean {
  return infos.every((f) => f.kind === 'delimited' || f.kind === 'json' || f.kind === 'ndjson');
}
