// SQL macros that turn the text of a cell into a customer id, a number or a timestamp.
// They run inside DuckDB (native and wasm alike), so JavaScript never loops over rows; a value
// that does not convert becomes NULL, and the caller counts and shows those rows.
import type { Backend } from '../types.js';

/** Characters trimmed around ids: ASCII blanks, no-break space, ideographic (full-width) space. */
/** the characters trimmed around ids, dates and numbers */
export const BLANKS = ` \t\r\n\u00a0\u3000`;

/** SQL test on text `v`: four ASCII digits then '-' or '/', the text DuckDB's own TIMESTAMP cast
 * reads as ISO (or YYYY/MM/DD) dates (the cast reads '01-02-24' as the year 1!). GLOB is far
 * cheaper than substr or a regular expression on millions of rows. */
export const yearFirst = (v: string): string => `${v} GLOB '[0-9][0-9][0-9][0-9][-/]*'`;

export const NUMBER_PATTERNS = {
  // 1234 / -12.5 / 1e5
  plain: '[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?',
  // 1,234.50 / 1,234,567
  pointGrouped: '[-+]?\\d{1,3}(,\\d{3})+(\\.\\d*)?',
  // 1.234,50 / 1.234.567
  commaGrouped: '[-+]?\\d{1,3}(\\.\\d{3})+(,\\d*)?',
  // 12,50
  commaDecimal: '[-+]?\\d+,\\d+'
};

/** Values that can only be read one way: evidence for the column's decimal separator. */
export const POINT_EVIDENCE = `(regexp_full_match(v, '[-+]?\\d{1,3}(,\\d{3})+\\.\\d+') OR regexp_full_match(v, '[-+]?\\d{1,3}(,\\d{3}){2,}') OR regexp_full_match(v, '[-+]?\\d+\\.(\\d{1,2}|\\d{4,})'))`;
export const COMMA_EVIDENCE = `(regexp_full_match(v, '[-+]?\\d{1,3}(\\.\\d{3})+,\\d+') OR regexp_full_match(v, '[-+]?\\d{1,3}(\\.\\d{3}){2,}') OR regexp_full_match(v, '[-+]?\\d+,(\\d{1,2}|\\d{4,})'))`;

const P = NUMBER_PATTERNS;

export const DATE_PATTERNS = {
  iso: '\\d{4}-\\d{1,2}-\\d{1,2}([ T]\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?)?(Z|[+-]\\d{2}:?\\d{2})?',
  ymd8: '(19|20)\\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\\d|3[01])',
  ymdSlash: '\\d{4}[/.]\\d{1,2}[/.]\\d{1,2}( \\d{1,2}:\\d{2}(:\\d{2})?)?',
  chinese: '\\d{4}年\\d{1,2}月\\d{1,2}日( ?\\d{1,2}:\\d{2}(:\\d{2})?)?',
  // D/M/Y or M/D/Y, four- or two-digit year (1/2/24 = 2024, as DuckDB's %y reads it)
  dmy: '\\d{1,2}[/.-]\\d{1,2}[/.-](\\d{4}|\\d{2})( \\d{1,2}:\\d{2}(:\\d{2})?( ?[AaPp][Mm])?)?',
  dmy2: '\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2}( .*)?',
  serial: '\\d{5}(\\.\\d+)?'
};
const D = DATE_PATTERNS;

const timeFormats = (date: string) => [`${date} %H:%M:%S`, `${date} %H:%M`, `${date} %I:%M:%S %p`, `${date} %I:%M %p`, `${date} %I:%M:%S%p`, `${date} %I:%M%p`, date];
const list = (fs: string[]) => `[${fs.map((f) => `'${f}'`).join(', ')}]`;

/** Backends whose connection has the macros already (one connection per Backend). */
const withMacros = new WeakSet<Backend>();

/** CREATE OR REPLACE the macros (temporary: they live as long as the connection), once per
 * backend. */
export async function createMacros(backend: Backend): Promise<void> {
  if (withMacros.has(backend)) return;
  const stmts = [
    // text as the metrics spec's customer id: trimmed, '' -> NULL, 17850.0 -> 17850
    // t = trimmed text (the regular expression only runs on values with a '.')
    `CREATE OR REPLACE TEMP MACRO segmint_customer_of(t) AS CASE WHEN t = '' THEN NULL WHEN contains(t, '.') THEN regexp_replace(t, '^([-+]?\\d+)\\.0*$', '\\1') ELSE t END`,
    `CREATE OR REPLACE TEMP MACRO segmint_customer(v) AS segmint_customer_of(trim(CAST(v AS VARCHAR), '${BLANKS}'))`,
    // trim(v, chars) is slow on millions of ids: only values starting or ending with a blank
    // need it (left('', 1) is '', which the blanks contain: empty text is trimmed, to '')
    `CREATE OR REPLACE TEMP MACRO segmint_trim(v) AS CASE WHEN contains('${BLANKS}', left(CAST(v AS VARCHAR), 1)) OR contains('${BLANKS}', right(CAST(v AS VARCHAR), 1)) THEN trim(CAST(v AS VARCHAR), '${BLANKS}') ELSE CAST(v AS VARCHAR) END`,
    // strip currency signs and blanks; (35.00) -> -35.00
    `CREATE OR REPLACE TEMP MACRO segmint_clean_num(v) AS regexp_replace(regexp_replace(trim(CAST(v AS VARCHAR), '${BLANKS}'), '[¥￥$€£\\s\\x{00a0}\\x{3000}]|元|RMB|CNY|USD|EUR|GBP', '', 'g'), '^\\((.*)\\)$', '-\\1')`,
    // c = cleaned text; comma_first: the column writes decimals with a comma (1.234,50)
    `CREATE OR REPLACE TEMP MACRO segmint_num_of(c, comma_first) AS CASE
       WHEN c IS NULL OR c = '' THEN NULL
       WHEN regexp_full_match(c, '${P.plain}') AND NOT (comma_first AND regexp_full_match(c, '[-+]?\\d{1,3}\\.\\d{3}')) THEN TRY_CAST(c AS DOUBLE)
       WHEN regexp_full_match(c, '${P.pointGrouped}') AND NOT (comma_first AND regexp_full_match(c, '[-+]?\\d{1,3},\\d{3}')) THEN TRY_CAST(replace(c, ',', '') AS DOUBLE)
       WHEN regexp_full_match(c, '${P.commaGrouped}') THEN TRY_CAST(replace(replace(c, '.', ''), ',', '.') AS DOUBLE)
       WHEN regexp_full_match(c, '${P.commaDecimal}') THEN TRY_CAST(replace(c, ',', '.') AS DOUBLE)
       ELSE NULL END`,
    // fast path: what DuckDB's own cast reads (1234, -12.5, 1e5) needs no regular expressions
    `CREATE OR REPLACE TEMP MACRO segmint_num(v, comma_first) AS CASE
       WHEN TRY_CAST(v AS DOUBLE) IS NOT NULL AND NOT (comma_first AND regexp_full_match(trim(CAST(v AS VARCHAR)), '[-+]?\\d{1,3}\\.\\d{3}')) THEN TRY_CAST(v AS DOUBLE)
       ELSE segmint_num_of(segmint_clean_num(v), comma_first) END`,
    // t = trimmed text; day_first decides 01/02/2024; serial allows Excel serial day numbers
    // fast path: ISO dates and timestamps (and YYYY/MM/DD), as DuckDB's own cast reads them, only
    // for text starting with a four-digit year (the cast reads '01-02-24' as the year 1!);
    // coalesce evaluates the regular expressions only for the values the cast did not read
    `CREATE OR REPLACE TEMP MACRO segmint_ts_of(t, day_first, serial) AS CASE
       WHEN t IS NULL OR t = '' THEN NULL
       ELSE coalesce(CASE WHEN ${yearFirst('t')} THEN TRY_CAST(t AS TIMESTAMP) END, CASE
       WHEN regexp_full_match(t, '${D.iso}') THEN TRY_CAST(t AS TIMESTAMP)
       WHEN regexp_full_match(t, '${D.ymd8}') THEN try_strptime(t, '%Y%m%d')
       WHEN regexp_full_match(t, '${D.ymdSlash}') THEN try_strptime(replace(t, '.', '/'), ${list(timeFormats('%Y/%m/%d'))})
       WHEN regexp_full_match(t, '${D.chinese}') THEN try_strptime(replace(t, ' ', ''), ${list(['%Y年%m月%d日%H:%M:%S', '%Y年%m月%d日%H:%M', '%Y年%m月%d日'])})
       WHEN regexp_full_match(t, '${D.dmy}') THEN CASE
         WHEN regexp_full_match(t, '${D.dmy2}') THEN CASE WHEN day_first
           THEN try_strptime(regexp_replace(t, '^(\\d+)[.-](\\d+)[.-]', '\\1/\\2/'), ${list(timeFormats('%d/%m/%y'))})
           ELSE try_strptime(regexp_replace(t, '^(\\d+)[.-](\\d+)[.-]', '\\1/\\2/'), ${list(timeFormats('%m/%d/%y'))}) END
         WHEN day_first
         THEN try_strptime(regexp_replace(t, '^(\\d+)[.-](\\d+)[.-]', '\\1/\\2/'), ${list(timeFormats('%d/%m/%Y'))})
         ELSE try_strptime(regexp_replace(t, '^(\\d+)[.-](\\d+)[.-]', '\\1/\\2/'), ${list(timeFormats('%m/%d/%Y'))}) END
       WHEN serial AND regexp_full_match(t, '${D.serial}') THEN TIMESTAMP '1899-12-30' + to_microseconds(CAST(round(CAST(t AS DOUBLE) * 86400000000) AS BIGINT))
       ELSE NULL END) END`,
    `CREATE OR REPLACE TEMP MACRO segmint_ts(v, day_first, serial) AS segmint_ts_of(trim(CAST(v AS VARCHAR), '${BLANKS}'), day_first, serial)`
  ];
  for (const s of stmts) await backend.exec(s);
  withMacros.add(backend);
}
