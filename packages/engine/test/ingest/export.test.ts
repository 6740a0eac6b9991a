// exportTable / readTable: the table exactly as the reader reads it, cell by cell by position;
// CSV written by DuckDB's COPY with NULL as an empty field and '' as "", Parquet typed by the
// inference with a column kept as text (and reported) when a value does not convert.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { NativeBackend } from '../../src/node/index.js';
import { exportTable, readTable } from '../../src/ingest/index.js';
import { LoadError } from '../../src/types.js';
import { str } from '../../src/sql/quote.js';
import { diskFile, tempDir } from './fixtures.js';

let db: NativeBackend;
let dir: string;

beforeAll(async () => {
  db = await NativeBackend.create();
  dir = tempDir();
});
afterAll(async () => db.close());

const cells = async (name: string, content: string | Uint8Array) => (await readTable(db, [diskFile(dir, name, content)])).rows;

describe('readTable: the reader\'s cells by position (RFC 4180)', () => {
  it('line breaks, doubled quotes, only a quote, separators inside quotes, multibyte text, spaces', async () => {
    const r = await readTable(db, [diskFile(dir, 'rfc.csv', 'id,text,more\r\n1,"a\nb","c\r\nd"\r\n2,"say ""hi""",""""\r\n3,"x,y",  中文😀 \r\n4,last,no newline')]);
    expect(r.header).toEqual(['id', 'text', 'more']);
    expect(r.rows).toEqual([
      ['1', 'a\nb', 'c\r\nd'],
      ['2', 'say "hi"', '"'],
      ['3', 'x,y', '  中文😀 '],
      ['4', 'last', 'no newline']
    ]);
    expect(r.report).toMatchObject({ files: ['rfc.csv'], rows: 4, encoding: 'utf-8', repairs: [], issues: [] });
    expect(r.report.columns).toEqual([
      { name: 'id', type: 'text', source: 'id' },
      { name: 'text', type: 'text', source: 'text' },
      { name: 'more', type: 'text', source: 'more' }
    ]);
  });

  it('an empty field is NULL, a quoted "" the empty string', async () => {
    // depends on the reader reading a quoted "" as '' (the lenient reader)
    expect(await cells('empty.csv', 'a,b,c\n1,,""\n"",2,\n')).toEqual([
      ['1', null, ''],
      ['', '2', null]
    ]);
  });

  it('JSON null is NULL and "" the empty string (read in JS)', async () => {
    expect(await cells('n.json', JSON.stringify([{ a: null, b: '', c: 1.5, d: { x: [1] } }]))).toEqual([[null, '', '1.5', '{"x":[1]}']]);
  });

  it('leaves no staging tables behind; a file that cannot be read is a LoadError', async () => {
    await readTable(db, [diskFile(dir, 'x.csv', 'a\n1\n')]);
    expect(await db.query(`SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'segmint_stage%' UNION ALL SELECT view_name FROM duckdb_views() WHERE view_name LIKE 'segmint_stage%'`)).toEqual([]);
    await expect(readTable(db, [diskFile(dir, 'zero.csv', '')])).rejects.toThrow(LoadError);
    await expect(readTable(db, [diskFile(dir, 'zero.csv', '')])).rejects.toThrow(/zero\.csv: is empty \(0 bytes\)/);
  });
});

describe('exportTable to CSV', () => {
  it('writes NULL as an empty field and the empty string as "" (DuckDB\'s writer, checked), quoting only where needed', async () => {
    const src = diskFile(dir, 'nulls.json', JSON.stringify([{ a: null, b: '', c: 'x,y', d: 'he said "hi"', e: 'l1\r\nl2', f: ' sp ' }]));
    const out = join(dir, 'nulls.csv');
    await exportTable(db, [src], { format: 'csv', path: out });
    expect(readFileSync(out, 'utf8')).toBe('a,b,c,d,e,f\n,"","x,y","he said ""hi""","l1\r\nl2", sp \n');
  });

  it('several files in the order given, then their rows, whatever their formats; provenance columns', async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['id', 'v'], ['x1', 'a'], ['x2', 'b']]), 's');
    const xlsx = diskFile(dir, 'first.xlsx', new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer));
    const csv = diskFile(dir, 'second.csv', 'id,v\nc1,c\nc2,d\n');
    const pq = diskFile(
      dir,
      'third.parquet',
      new Uint8Array(
        parquetWriteBuffer({
          columnData: [
            { name: 'id', data: ['p1'], type: 'STRING' },
            { name: 'v', data: ['e'], type: 'STRING' }
          ]
        })
      )
    );
    const r = await readTable(db, [xlsx, csv, pq], { provenance: true });
    expect(r.header).toEqual(['id', 'v', 'source_file', 'source_row']);
    expect(r.rows).toEqual([
      ['x1', 'a', 'first.xlsx', '1'],
      ['x2', 'b', 'first.xlsx', '2'],
      ['c1', 'c', 'second.csv', '1'],
      ['c2', 'd', 'second.csv', '2'],
      ['p1', 'e', 'third.parquet', '1']
    ]);
    const out = join(dir, 'three.csv');
    await exportTable(db, [xlsx, csv, pq], { format: 'csv', path: out }, { provenance: true });
    expect(readFileSync(out, 'utf8')).toBe('id,v,source_file,source_row\nx1,a,first.xlsx,1\nx2,b,first.xlsx,2\nc1,c,second.csv,1\nc2,d,second.csv,2\np1,e,third.parquet,1\n');
  });

  it('names the provenance columns apart from the file\'s own, and reports it', async () => {
    const r = await readTable(db, [diskFile(dir, 'own.csv', 'source_file,SOURCE_ROW\na,b\n')], { provenance: true });
    expect(r.header).toEqual(['source_file', 'SOURCE_ROW', 'source_file_2', 'source_row_2']);
    expect(r.rows).toEqual([['a', 'b', 'own.csv', '1']]);
    expect(r.report.issues.map((i) => [i.code, i.params])).toEqual([
      ['export.provenance_renamed', { what: 'source file', name: 'source_file_2', wanted: 'source_file' }],
      ['export.provenance_renamed', { what: 'source row', name: 'source_row_2', wanted: 'source_row' }]
    ]);
  });
});

describe('exportTable to Parquet: the inferred types', () => {
  it('types each column as inferred; a column with a value that does not convert, or leading zeros, stays text and is reported', async () => {
    const lines = ['int,num,day,ts,flag,zip,late,txt,none'];
    for (let i = 1; i <= 10; i++) lines.push(`${i * 1000000000},"${i},5",${2000 + i}年1月${i}日,2024-05-0${(i % 9) + 1}T08:00:00,${i % 3 ? '是' : '否'},0${i},${i},t${i},`);
    const f = diskFile(dir, 'types.csv', lines.join('\n') + '\n');
    const r = await readTable(db, [f], { as: 'parquet' });
    expect(r.report.columns.map((c) => [c.name, c.type, c.inferred])).toEqual([
      ['int', 'integer', 'integer'],
      ['num', 'number', 'number'],
      ['day', 'date', 'date'],
      ['ts', 'timestamp', 'timestamp'],
      ['flag', 'boolean', 'boolean'],
      ['zip', 'text', 'integer'],
      ['late', 'integer', 'integer'],
      ['txt', 'text', 'text'],
      ['none', 'text', 'empty']
    ]);
    expect(r.rows[0]).toEqual([1000000000, 1.5, '2001-01-01', '2024-05-02 08:00:00', true, '01', 1, 't1', null]);
    expect(r.rows[2]).toEqual([3000000000, 3.5, '2003-01-03', '2024-05-04 08:00:00', false, '03', 3, 't3', null]);
    // the reader's own note on the decimal comma, then the export's on the leading zeros
    expect(r.report.issues.map((i) => [i.severity, i.column])).toEqual([
      ['info', 'num'],
      ['info', 'zip']
    ]);
    expect(r.report.issues[0]!.message).toMatch(/decimal comma/);
    expect(r.report.issues[1]).toMatchObject({
      code: 'export.leading_zeros',
      row: 1,
      params: { column: 'zip', type: 'integer', count: 10, example: '01', file: 'types.csv', row: 1 },
      message: "written as text, not integer: values with a leading zero a number would drop: 10 (the first: '01')"
    });
    const out = join(dir, 'types.parquet');
    await exportTable(db, [f], { format: 'parquet', path: out });
    const types = await db.query(`SELECT column_name AS c, column_type AS t FROM (DESCRIBE SELECT * FROM read_parquet(${str(out)}))`);
    expect(types.map((t) => t.t)).toEqual(['BIGINT', 'DOUBLE', 'DATE', 'TIMESTAMP', 'BOOLEAN', 'VARCHAR', 'BIGINT', 'VARCHAR', 'VARCHAR']);
  });

  it('does not silently make NULLs: a value past the sample that does not convert keeps the column text', async () => {
    const lines = ['n,big'];
    for (let i = 1; i <= 5000; i++) lines.push(`${i},${i}`);
    lines.push('n/a,99999999999999999999');
    const r = await readTable(db, [diskFile(dir, 'late.csv', lines.join('\n') + '\n')], { as: 'parquet' });
    expect(r.report.columns.map((c) => c.type)).toEqual(['text', 'text']);
    expect(r.rows[5000]).toEqual(['n/a', '99999999999999999999']);
    expect(r.report.issues.map((i) => ({ code: i.code, severity: i.severity, row: i.row, column: i.column, params: i.params }))).toEqual([
      { code: 'export.kept_as_text', severity: 'warning', row: 5001, column: 'n', params: { sample: '5,000', column: 'n', type: 'integer', count: 1, example: 'n/a', file: 'late.csv', row: 5001 } },
      { code: 'export.kept_as_text', severity: 'warning', row: 5001, column: 'big', params: { sample: '5,000', column: 'big', type: 'integer', count: 1, example: '99999999999999999999', file: 'late.csv', row: 5001 } }
    ]);
  });
});
