// `segmint convert` through the built command (bin/segmint.js): the table exactly as Segmint
// reads it, checked cell by cell BY POSITION. The written CSV is parsed by the small RFC 4180
// parser below (not by DuckDB), which tells an empty field (null: a missing value) from a quoted
// "" (an empty string). Parquet output is read back with DuckDB for its types.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { NativeBackend } from '@segmint/engine/node';
import { str } from '@segmint/engine';

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const bin = join(root, 'packages/cli/bin/segmint.js');

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [bin, ...args], { cwd: root, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

type Field = string | null;

/**
 * RFC 4180: records of fields separated by ',', records ended by CRLF or LF (the last one may
 * end at the end of the text); a field in double quotes may hold ',', '"' (doubled) and line
 * breaks. An unquoted empty field is null (a missing value), a quoted "" the empty string.
 * Throws on anything RFC 4180 does not allow (a quote inside an unquoted field, text after a
 * closing quote, an unclosed quote).
 */
function parseCsv(text: string): Field[][] {
  const records: Field[][] = [];
  let record: Field[] = [];
  let i = 0;
  const n = text.length;
  if (n === 0) return records;
  for (;;) {
    let field: Field;
    if (text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= n) throw new Error('unclosed quote');
        const ch = text[i]!;
        if (ch === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else {
          value += ch;
          i++;
        }
      }
      field = value;
    } else {
      let end = i;
      while (end < n && text[end] !== ',' && text[end] !== '\n' && text[end] !== '\r') end++;
      const value = text.slice(i, end);
      if (value.includes('"')) throw new Error(`quote inside an unquoted field: ${JSON.stringify(value)}`);
      field = value === '' ? null : value;
      i = end;
    }
    record.push(field);
    if (i >= n) {
      records.push(record);
      return records;
    }
    const ch = text[i];
    if (ch === ',') {
      i++;
      continue;
    }
    if (ch === '\r' && text[i + 1] === '\n') i += 2;
    else if (ch === '\n') i++;
    else throw new Error(`text after a closing quote at ${i}: ${JSON.stringify(text.slice(i, i + 10))}`);
    records.push(record);
    record = [];
    if (i >= n) return records;
  }
}

let dir: string;
let db: NativeBackend;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'segmint-convert-test-'));
  db = await NativeBackend.create();
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Converts `input` to CSV; returns the written text, its records and stderr. */
async function toCsv(input: string | string[], extra: string[] = []): Promise<{ text: string; records: Field[][]; stderr: string }> {
  const out = join(dir, `out-${Math.random().toString(36).slice(2)}.csv`);
  const r = await run(['convert', ...(Array.isArray(input) ? input : [input]), '--out', out, ...extra]);
  expect(r.stderr + `(exit ${r.code})`).not.toMatch(/^segmint convert: /);
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('');
  const text = readFileSync(out, 'utf8');
  return { text, records: parseCsv(text), stderr: r.stderr };
}

describe('the test parser itself (RFC 4180)', () => {
  it('reads quoted fields, doubled quotes, line breaks, empty vs quoted empty', () => {
    expect(parseCsv('a,b\r\n"x,1","he said ""hi"""\n,""\n"l1\r\nl2",z')).toEqual([
      ['a', 'b'],
      ['x,1', 'he said "hi"'],
      [null, ''],
      ['l1\r\nl2', 'z']
    ]);
    expect(() => parseCsv('a"b,c\n')).toThrow(/quote inside/);
    expect(() => parseCsv('"a"b,c\n')).toThrow(/after a closing quote/);
  });
});

describe('segmint convert to CSV: RFC 4180 cases, cell by cell by position', () => {
  it('line breaks inside quotes (\\n and \\r\\n) are kept; the file ends lines with \\n', async () => {
    const src = write('newlines.csv', 'id,text,after\n1,"line 1\nline 2",x\n2,"crlf 1\r\ncrlf 2",y\n3,"trailing\n",z\n');
    const { text, records } = await toCsv(src);
    expect(records).toEqual([
      ['id', 'text', 'after'],
      ['1', 'line 1\nline 2', 'x'],
      ['2', 'crlf 1\r\ncrlf 2', 'y'],
      ['3', 'trailing\n', 'z']
    ]);
    expect(text).toBe('id,text,after\n1,"line 1\nline 2",x\n2,"crlf 1\r\ncrlf 2",y\n3,"trailing\n",z\n');
  });

  it('doubled quotes, a field that is only a quote, separators inside quotes', async () => {
    const src = write('quotes.csv', 'id,text,more\n1,"she said ""hi""",a\n2,"""",b\n3,"x,y;z|w",c\n4,"""start"" and end",d\n');
    const { text, records } = await toCsv(src);
    expect(records).toEqual([
      ['id', 'text', 'more'],
      ['1', 'she said "hi"', 'a'],
      ['2', '"', 'b'],
      ['3', 'x,y;z|w', 'c'],
      ['4', '"start" and end', 'd']
    ]);
    // quoted only where RFC 4180 needs it
    expect(text).toBe('id,text,more\n1,"she said ""hi""",a\n2,"""",b\n3,"x,y;z|w",c\n4,"""start"" and end",d\n');
  });

  it('an empty field is a missing value (written empty); a quoted "" is an empty string (written "")', async () => {
    // depends on the reader reading a quoted "" as the empty string (not NULL)
    const src = write('empty.csv', 'a,b,c\n1,,""\n"",2,\n,"",3\n');
    const { text, records } = await toCsv(src);
    expect(records).toEqual([
      ['a', 'b', 'c'],
      ['1', null, ''],
      ['', '2', null],
      [null, '', '3']
    ]);
    expect(text).toBe('a,b,c\n1,,""\n"",2,\n,"",3\n');
  });

  it('empty fields (missing values) stay empty, with no quotes', async () => {
    const src = write('missing.csv', 'a,b,c\n1,,\n,,3\n');
    const { text, records } = await toCsv(src);
    expect(records).toEqual([
      ['a', 'b', 'c'],
      ['1', null, null],
      [null, null, '3']
    ]);
    expect(text).toBe('a,b,c\n1,,\n,,3\n');
  });

  it('UTF-8 multibyte text (Chinese, emoji) and leading/trailing spaces are kept as they are', async () => {
    const src = write('utf8.csv', '客户,备注,note\n张三,北京欢迎你 😀🎉,  two spaces  \n李四,"引号""中文""", x\n');
    const { text, records } = await toCsv(src);
    expect(records).toEqual([
      ['客户', '备注', 'note'],
      ['张三', '北京欢迎你 😀🎉', '  two spaces  '],
      ['李四', '引号"中文"', ' x']
    ]);
    expect(Buffer.from(text, 'utf8').subarray(0, 3).equals(Buffer.from([0xe5, 0xae, 0xa2]))).toBe(true); // no BOM: '客' first
  });

  it('a last line without a newline; a CRLF file (written with \\n, CRLF inside quotes kept)', async () => {
    const a = await toCsv(write('nolast.csv', 'a,b\n1,2\n3,4'));
    expect(a.records).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4']
    ]);
    expect(a.text).toBe('a,b\n1,2\n3,4\n');
    const b = await toCsv(write('crlf.csv', 'a,b\r\n1,2\r\n3,"x\r\ny"\r\n5,"6"'));
    expect(b.records).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', 'x\r\ny'],
      ['5', '6']
    ]);
    expect(b.text).toBe('a,b\n1,2\n3,"x\r\ny"\n5,6\n');
  });

  it('the header as read: names with separators and quotes quoted, duplicates made unique', async () => {
    const { records } = await toCsv(write('header.csv', '"a,b","c""d",id,id\n1,2,3,4\n'));
    expect(records).toEqual([
      ['a,b', 'c"d', 'id', 'id_2'],
      ['1', '2', '3', '4']
    ]);
  });

  it('other delimited text: TSV, semicolon, pipe and whitespace-separated, as comma-separated CSV', async () => {
    const expected = [
      ['id', 'name', 'amount'],
      ['1', 'a,b', '1,5'],
      ['2', 'c', '2']
    ];
    expect((await toCsv(write('t.tsv', 'id\tname\tamount\n1\ta,b\t1,5\n2\tc\t2\n'))).records).toEqual(expected);
    expect((await toCsv(write('s.csv', 'id;name;amount\n1;a,b;1,5\n2;c;2\n'))).records).toEqual(expected);
    expect((await toCsv(write('p.psv', 'id|name|amount\n1|a,b|1,5\n2|c|2\n'))).records).toEqual(expected);
    const ws = await toCsv(write('w.txt', '  id  name  amount\n   1   ab     15\n   2    c      2\n'));
    expect(ws.records).toEqual([
      ['id', 'name', 'amount'],
      ['1', 'ab', '15'],
      ['2', 'c', '2']
    ]);
  });

  it('reads what it wrote as the same table (a second convert of the output is byte-identical)', async () => {
    const src = write('again.csv', 'id,text,more\n1,"l1\r\nl2",  a \n2,"""",\n3,"x,y",中文😀\n');
    const first = await toCsv(src);
    const second = await toCsv(write('again-out.csv', first.text));
    expect(second.text).toBe(first.text);
  });
});

describe('segmint convert: Excel, Parquet, JSON, NDJSON', () => {
  it('an Excel workbook (first sheet, or --sheet)', async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([
        ['客户', 'amount', 'note'],
        ['C1', 12.5, 'two\nlines'],
        ['C2', null, 'a, "b"'],
        [null, null, null],
        ['C3', 3, '😀']
      ]),
      'orders'
    );
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['x'], ['second sheet']]), 'other');
    const src = write('book.xlsx', new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer));
    const { records, stderr } = await toCsv(src, ['--provenance']);
    // the blank Excel row is skipped; the data rows keep the sheet's numbering
    expect(records).toEqual([
      ['客户', 'amount', 'note', 'source_file', 'source_row'],
      ['C1', '12.5', 'two\nlines', 'book.xlsx', '1'],
      ['C2', null, 'a, "b"', 'book.xlsx', '2'],
      ['C3', '3', '😀', 'book.xlsx', '4']
    ]);
    expect(stderr).toContain("read: book.xlsx: 3 rows, 3 columns (Excel, sheet 'orders' of 2; binary (Excel))");
    expect((await toCsv(src, ['--sheet', 'other'])).records).toEqual([['x'], ['second sheet']]);
    expect((await toCsv(src, ['--sheet', '1'])).records).toEqual([['x'], ['second sheet']]);
  });

  it('a Parquet file (values as DuckDB prints them, nulls empty)', async () => {
    const bytes = parquetWriteBuffer({
      columnData: [
        { name: 'id', data: [1, 2, 3], type: 'INT32' },
        { name: 'name', data: ['a,"b"', null, ''], type: 'STRING' },
        { name: 'amount', data: [1.5, -2, null], type: 'DOUBLE' },
        { name: 'at', data: [new Date(Date.UTC(2024, 0, 1, 9)), new Date(Date.UTC(2024, 1, 29)), null], type: 'TIMESTAMP' }
      ]
    });
    const { records } = await toCsv(write('in.parquet', new Uint8Array(bytes)));
    expect(records).toEqual([
      ['id', 'name', 'amount', 'at'],
      ['1', 'a,"b"', '1.5', '2024-01-01 09:00:00'],
      ['2', null, '-2.0', '2024-02-29 00:00:00'],
      ['3', '', null, null]
    ]);
  });

  it('a JSON array and NDJSON (null vs "", nested values as JSON text)', async () => {
    const recs = [
      { id: 1, name: 'Ann, "A"', tags: { vip: true }, none: null, empty: '' },
      { id: 2.5, name: '中文\n😀', tags: [1, 2], none: 'x', empty: ' ' }
    ];
    const expected = [
      ['id', 'name', 'tags', 'none', 'empty'],
      ['1', 'Ann, "A"', '{"vip":true}', null, ''],
      ['2.5', '中文\n😀', '[1,2]', 'x', ' ']
    ];
    expect((await toCsv(write('recs.json', JSON.stringify(recs, null, 2)))).records).toEqual(expected);
    const nd = await toCsv(write('recs.ndjson', recs.map((r) => JSON.stringify(r)).join('\n') + '\n'), ['--provenance']);
    expect(nd.records).toEqual([
      [...expected[0]!, 'source_file', 'source_row'],
      [...expected[1]!, 'recs.ndjson', '1'],
      [...expected[2]!, 'recs.ndjson', '2']
    ]);
  });
});

describe('segmint convert: several files, --provenance, --report', () => {
  it('a folder, a glob or several files as one table, in file then row order, with their source file and row', async () => {
    const folder = join(dir, 'days');
    mkdirSync(folder);
    writeFileSync(join(folder, 'b.csv'), 'id,v\n3,c\n4,d\n5,e\n');
    writeFileSync(join(folder, 'a.csv'), 'id,v\n1,a\n2,b\n');
    writeFileSync(join(folder, 'notes.md'), 'not data');
    const expected = [
      ['id', 'v', 'source_file', 'source_row'],
      ['1', 'a', 'a.csv', '1'],
      ['2', 'b', 'a.csv', '2'],
      ['3', 'c', 'b.csv', '1'],
      ['4', 'd', 'b.csv', '2'],
      ['5', 'e', 'b.csv', '3']
    ];
    const f = await toCsv(folder, ['--provenance']);
    expect(f.records).toEqual(expected);
    expect(f.stderr).toContain('read: a.csv, b.csv: 5 rows, 2 columns (delimited text (comma-separated, with header); utf-8)');
    expect((await toCsv(join(folder, '*.csv'), ['--provenance'])).records).toEqual(expected);
    expect((await toCsv([join(folder, 'a.csv'), join(folder, 'b.csv')], ['--provenance'])).records).toEqual(expected);
    // without --provenance: the file's own columns only
    expect((await toCsv(folder)).records).toEqual(expected.map((r) => r.slice(0, 2)));
  });

  it('--provenance picks other names when the file has source_file/source_row columns, and says so', async () => {
    const src = write('prov.csv', 'Source_File,source_row,source_file_2\nx.csv,7,y\n');
    const { records, stderr } = await toCsv(src, ['--provenance']);
    expect(records).toEqual([
      ['Source_File', 'source_row', 'source_file_2', 'source_file_3', 'source_row_2'],
      ['x.csv', '7', 'y', 'prov.csv', '1']
    ]);
    expect(stderr).toContain("info: prov.csv: the source file column is named 'source_file_3': the file has a column 'source_file'");
    expect(stderr).toContain("info: prov.csv: the source row column is named 'source_row_2': the file has a column 'source_row'");
  });

  it('--report writes { files, format, encoding, rows, columns, repairs, issues } as JSON', async () => {
    const src = write('rep.csv', 'id,name\n1,a\n2,b\n');
    const out = join(dir, 'rep-out.csv');
    const report = join(dir, 'rep.json');
    const r = await run(['convert', src, '--out', out, '--report', report, '--provenance']);
    expect(r.code).toBe(0);
    const data = JSON.parse(readFileSync(report, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(data)).toEqual(['files', 'format', 'encoding', 'rows', 'columns', 'repairs', 'issues']);
    expect(data).toEqual({
      files: ['rep.csv'],
      format: 'delimited text (comma-separated, with header)',
      encoding: 'utf-8',
      rows: 2,
      columns: [
        { name: 'id', type: 'text', source: 'id' },
        { name: 'name', type: 'text', source: 'name' },
        { name: 'source_file', type: 'text', source: null },
        { name: 'source_row', type: 'text', source: null }
      ],
      repairs: [],
      issues: []
    });
    expect(r.stderr).toBe(
      [
        'read: rep.csv: 2 rows, 2 columns (delimited text (comma-separated, with header); utf-8)',
        `wrote: ${out} (CSV: UTF-8, comma-separated, RFC 4180 quoting; an empty field is a missing value, "" an empty string)`,
        'repairs: none',
        ''
      ].join('\n')
    );
  });

  it('--encoding reads a GB18030 file as given; the output is UTF-8', async () => {
    // 客户,金额 / 张三,1 in GB18030
    const bytes = new Uint8Array([0xbf, 0xcd, 0xbb, 0xa7, 0x2c, 0xbd, 0xf0, 0xb6, 0xee, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0x31, 0x0a]);
    const src = write('gb.csv', bytes);
    const a = await toCsv(src);
    expect(a.records).toEqual([
      ['客户', '金额'],
      ['张三', '1']
    ]);
    expect(a.stderr).toMatch(/\(delimited text \(comma-separated, with header\); gb18030/);
    const b = await toCsv(src, ['--encoding', 'gb18030']);
    expect(b.text).toBe('客户,金额\n张三,1\n');
    expect(b.stderr).toContain('gb18030 (given)');
  });
});

describe('segmint convert to Parquet', () => {
  it('writes the inferred types; a column with a value that does not convert stays text and is reported', async () => {
    const lines = ['id,zip,amount,day,at,flag,note,blank'];
    for (let i = 1; i <= 5001; i++) lines.push(`${i},0${i},"1,${String(i % 1000).padStart(3, '0')}.50",${String((i % 28) + 1).padStart(2, '0')}/01/2024,2024-03-01 10:00:${String(i % 60).padStart(2, '0')},${i % 2 ? 'yes' : 'no'},n${i},`);
    // past the 5,000 rows the types are inferred from: values that do not convert
    lines.push('x5002,05002,"1,000.50",31/01/2024,2024-02-30 10:00:00,yes,last,');
    const src = write('typed.csv', lines.join('\n') + '\n');
    const out = join(dir, 'typed.parquet');
    const reportPath = join(dir, 'typed.json');
    const r = await run(['convert', src, '--out', out, '--report', reportPath, '--provenance']);
    expect(r.code).toBe(0);
    const types = await db.query(`SELECT column_name AS name, column_type AS type FROM (DESCRIBE SELECT * FROM read_parquet(${str(out)}))`);
    expect(types).toEqual([
      { name: 'id', type: 'VARCHAR' },
      { name: 'zip', type: 'VARCHAR' },
      { name: 'amount', type: 'DOUBLE' },
      { name: 'day', type: 'DATE' },
      { name: 'at', type: 'VARCHAR' },
      { name: 'flag', type: 'BOOLEAN' },
      { name: 'note', type: 'VARCHAR' },
      { name: 'blank', type: 'VARCHAR' },
      { name: 'source_file', type: 'VARCHAR' },
      { name: 'source_row', type: 'BIGINT' }
    ]);
    const rows = await db.query(`SELECT * FROM read_parquet(${str(out)}) WHERE source_row IN (1, 13, 5002) ORDER BY source_row`);
    expect(rows).toEqual([
      { id: '1', zip: '01', amount: 1001.5, day: '2024-01-02', at: '2024-03-01 10:00:01', flag: true, note: 'n1', blank: null, source_file: 'typed.csv', source_row: 1 },
      { id: '13', zip: '013', amount: 1013.5, day: '2024-01-14', at: '2024-03-01 10:00:13', flag: true, note: 'n13', blank: null, source_file: 'typed.csv', source_row: 13 },
      { id: 'x5002', zip: '05002', amount: 1000.5, day: '2024-01-31', at: '2024-02-30 10:00:00', flag: true, note: 'last', blank: null, source_file: 'typed.csv', source_row: 5002 }
    ]);
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as { columns: { name: string; type: string; inferred?: string }[]; issues: { severity: string; code?: string; params?: Record<string, string | number>; column?: string; row?: number }[] };
    expect(report.columns.map((c) => [c.name, c.type, c.inferred ?? null])).toEqual([
      ['id', 'text', 'integer'],
      ['zip', 'text', 'integer'],
      ['amount', 'number', 'number'],
      ['day', 'date', 'date'],
      ['at', 'text', 'timestamp'],
      ['flag', 'boolean', 'boolean'],
      ['note', 'text', 'text'],
      ['blank', 'text', 'empty'],
      ['source_file', 'text', null],
      ['source_row', 'integer', null]
    ]);
    const byCode = report.issues.filter((i) => i.code?.startsWith('export.')).map((i) => ({ severity: i.severity, code: i.code, column: i.column, row: i.row, params: i.params }));
    expect(byCode).toEqual([
      { severity: 'warning', code: 'export.kept_as_text', column: 'id', row: 5002, params: { sample: '5,000', column: 'id', type: 'integer', count: 1, example: 'x5002', file: 'typed.csv', row: 5002 } },
      { severity: 'info', code: 'export.leading_zeros', column: 'zip', row: 1, params: { column: 'zip', type: 'integer', count: 5002, example: '01', file: 'typed.csv', row: 1 } },
      { severity: 'warning', code: 'export.kept_as_text', column: 'at', row: 5002, params: { sample: '5,000', column: 'at', type: 'timestamp', count: 1, example: '2024-02-30 10:00:00', file: 'typed.csv', row: 5002 } }
    ]);
    expect(r.stderr).toContain('wrote: ' + out + ' (Parquet: id text, zip text, amount number, day date, at text, flag boolean, note text, blank text, source_file text, source_row integer)');
    expect(r.stderr).toContain("warning: typed.csv, data row 5002, column 'id': written as text, not integer: values that cannot be read as integer: 1 (the first: 'x5002')");
    expect(r.stderr).toContain("warning: typed.csv, data row 5002, column 'at': written as text, not timestamp");
    expect(r.stderr).toContain("info: typed.csv, column 'day': dates read as DD/MM/YYYY");
  });

  it('integers, numbers with a decimal comma, timestamps; dates the data cannot order stay text unless --day-first/--month-first', async () => {
    const src = write('small.csv', 'n,price,at,d\n1,"1.234,50",2024-01-02 03:04:05,01/02/2024\n-20,"0,5",2024-01-02,03/04/2024\n');
    const out = join(dir, 'small.parquet');
    const a = await run(['convert', src, '--out', out]);
    expect(a.code).toBe(0);
    // the reader's explanation (both readings fit, no day above 12), then what to do
    expect(a.stderr).toMatch(/^warning: small\.csv, column 'd': written as text, not date: .*DD\/MM\/YYYY.*MM\/DD\/YYYY.*--day-first or --month-first/m);
    expect(await db.query(`SELECT * FROM read_parquet(${str(out)})`)).toEqual([
      { n: 1, price: 1234.5, at: '2024-01-02 03:04:05', d: '01/02/2024' },
      { n: -20, price: 0.5, at: '2024-01-02 00:00:00', d: '03/04/2024' }
    ]);
    const b = await run(['convert', src, '--out', out, '--day-first']);
    expect(b.code).toBe(0);
    expect(await db.query(`SELECT typeof(d) AS t, d FROM read_parquet(${str(out)})`)).toEqual([
      { t: 'DATE', d: '2024-02-01' },
      { t: 'DATE', d: '2024-04-03' }
    ]);
    const c = await run(['convert', src, '--out', out, '--month-first']);
    expect(c.code).toBe(0);
    expect((await db.query(`SELECT d FROM read_parquet(${str(out)})`)).map((x) => x.d)).toEqual(['2024-01-02', '2024-03-04']);
  });
});

describe('segmint convert: repairs (the lenient reader)', () => {
  it('a row the reader repairs is written, exit 0; the repair is in words on stderr and in the report; --strict refuses it', async () => {
    // depends on the lenient reader (RawTable.repairs): a row with one field too many
    const src = write('ragged.csv', 'id,name,amount\n1,a,10\n2,b,20,extra\n3,c,30\n');
    const out = join(dir, 'ragged-out.csv');
    const reportPath = join(dir, 'ragged.json');
    const r = await run(['convert', src, '--out', out, '--report', reportPath]);
    expect(r.stderr + `(exit ${r.code})`).not.toMatch(/^segmint convert: /);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as { repairs: { code: string; count: number; action: string; message: string; examples: { file: string; line: number; before: string; after?: string }[] }[] };
    expect(report.repairs.length).toBeGreaterThan(0);
    const g = report.repairs.find((x) => x.examples.some((e) => e.line === 3))!;
    expect(g.count).toBe(1);
    expect(g.examples[0]).toMatchObject({ file: 'ragged.csv', line: 3, before: '2,b,20,extra' });
    expect(r.stderr).toMatch(/^repairs \(1 kind\):$/m);
    expect(r.stderr).toContain(`  ${g.message} (1 row `);
    expect(r.stderr).toMatch(/^ {4}ragged\.csv line 3( \(data row 2\))?: 2,b,20,extra( -> .*| \((left out|skipped)\))$/m);
    const s = await run(['convert', src, '--out', join(dir, 'strict.csv'), '--strict']);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/ragged\.csv/);
    expect(s.stderr).toMatch(/line 3|data row 2/);
    expect(existsSync(join(dir, 'strict.csv'))).toBe(false);
  });
});

describe('segmint convert: exit 2 with a message', () => {
  it('an empty file, a header without rows, a missing file: nothing written', async () => {
    const out = join(dir, 'never.csv');
    const empty = await run(['convert', write('empty0.csv', ''), '--out', out]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe('segmint convert: cannot read empty0.csv; nothing was written:\n  error: empty0.csv: is empty (0 bytes). Export the data again; the file has no content at all\n');
    const header = await run(['convert', write('header-only.csv', 'id,name\n'), '--out', out]);
    expect(header.code).toBe(2);
    expect(header.stderr).toMatch(/header-only\.csv: has a header \(id, name\) but no data rows/);
    const missing = await run(['convert', join(dir, 'nope.csv'), '--out', out]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`segmint convert: cannot find '${join(dir, 'nope.csv')}': give existing files, folders or globs (e.g. 'exports/*.csv'); nothing was written\n`);
    expect(existsSync(out)).toBe(false);
    // no temporary file left behind either
    expect(readdirSync(dir).filter((f) => f.includes('.segmint-'))).toEqual([]);
  });

  it('bad usage: no --out, an output that is neither .csv nor .parquet, no FILE, the input as output', async () => {
    const src = write('u.csv', 'a\n1\n');
    const noOut = await run(['convert', src]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/^segmint convert: --out is required\nusage: segmint convert FILE\.\.\. --out OUT\.csv\|OUT\.parquet/);
    const txt = await run(['convert', src, '--out', join(dir, 'x.xlsx')]);
    expect(txt.code).toBe(2);
    expect(txt.stderr).toMatch(/the output format is taken from the extension: \.csv or \.parquet/);
    const none = await run(['convert', '--out', join(dir, 'x.csv')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/missing FILE/);
    const same = await run(['convert', src, '--out', src]);
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/is one of the files read/);
    expect(readFileSync(src, 'utf8')).toBe('a\n1\n');
    const unknown = await run(['convert', src, '--out', join(dir, 'x.csv'), '--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--bogus'/);
  });
});

const SUITE_FIXES: Record<string, Record<string, string>> = { 'location_coordinates.csv': { 'Contact Phone Number': '2095257564' } };

describe('the public csv-spectrum suite (RFC 4180 edge cases), cell by cell through convert', () => {
  const suite = join(root, 'node_modules/csv-spectrum');
  const cases = readdirSync(join(suite, 'csvs')).filter((f) => f.endsWith('.csv'));
  it('has its cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });
  for (const name of cases) {
    it(name, async () => {
      const json = JSON.parse(readFileSync(join(suite, 'json', name.replace(/\.csv$/, '.json')), 'utf8')) as Record<string, string> | Record<string, string>[];
      // (one case's JSON is an object, not a list; and its phone number is not the one in its
      // CSV, an error of the suite: the CSV's text is what must be read)
      const expected = (Array.isArray(json) ? json : [json]).map((o) => ({ ...o, ...SUITE_FIXES[name] }));
      const { records } = await toCsv(join(suite, 'csvs', name));
      const [header, ...rows] = records;
      const keys = Object.keys(expected[0] ?? {});
      expect(header).toEqual(keys);
      // the suite has no missing values: an empty field is the empty string there
      expect(rows.map((r) => r.map((c) => c ?? ''))).toEqual(expected.map((o) => keys.map((k) => o[k])));
    });
  }
});
