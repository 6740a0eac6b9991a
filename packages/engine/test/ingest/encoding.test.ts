// Encodings beyond UTF-8: Big5 and Shift_JIS detected by validity and character frequency (GBK
// still GB18030), and UTF-8 files with lines pasted from a GB18030 export, read line by line.
// Real bytes, written by the test's own encoders (fixtures.ts), loaded through the engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeBackend } from '../../src/node/index.js';
import { ingestCustomers, ingestTransactions, profileFiles } from '../../src/ingest/index.js';
import { detectEncoding, KNOWN_ENCODINGS, normaliseEncoding, type TextEncoding } from '../../src/ingest/encoding.js';
import { transcodeToUtf8 } from '../../src/ingest/transcode.js';
import { catalogue, renderMessage } from '../../src/messages/index.js';
import { encoding as enMessages } from '../../src/messages/en/encoding.js';
import type { Row } from '../../src/types.js';
import { concatBytes, diskFile, encodeBig5, encodeGb18030, encodeShiftJis, memFile, tempDir } from './fixtures.js';

let db: NativeBackend;
let dir: string;
beforeAll(async () => {
  db = await NativeBackend.create();
  dir = tempDir();
});
afterAll(async () => db.close());

const tx = (): Promise<Row[]> => db.query('SELECT customer, amount, order_id, src_row FROM segmint_tx ORDER BY src_file, src_row');
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

// 許 功 蓋 (Big5) and ソ 表 能 (Shift_JIS) have 0x5C, the backslash, as their second byte: a
// reader that looks for ASCII before decoding breaks them.
const BIG5_ORDERS = '客戶編號,訂單日期,金額,訂單號,門市\r\n陳大文,2024-01-05,1200,訂A001,臺北信義店\r\n許功蓋,2024-01-06,35.5,訂A002,高雄\r\n林小美,2024-01-07,88,訂A003,"台中, 一中街"\r\n';
const BIG5_CUSTOMERS = '客戶編號,姓名,城市\r\n陳大文,陳先生,臺北\r\n許功蓋,許小姐,新竹\r\n林小美,林小姐,臺中\r\n';
const SJIS_ORDERS = '顧客ID,注文日,金額,注文番号,店舗\r\n山田太郎,2024-01-05,1200,注-001,表参道店\r\nすずき花子,2024-01-06,35,注-002,ソニーストア\r\nﾔﾏﾀﾞ ｲﾁﾛｳ,2024-01-07,88,注-003,大阪・梅田\r\n';
const SJIS_CUSTOMERS = '顧客ID,氏名,住所\r\n山田太郎,ヤマダ タロウ,東京都港区\r\nすずき花子,スズキ ハナコ,能登町\r\nﾔﾏﾀﾞ ｲﾁﾛｳ,ヤマダ イチロウ,北海道札幌市\r\n';

describe('Big5 and Shift_JIS files', () => {
  it('reads a Big5 export (Traditional Chinese headers and values) cell for cell', async () => {
    const orders = diskFile(dir, '訂單.csv', encodeBig5(BIG5_ORDERS));
    const report = await ingestTransactions(db, [orders], { roles: { customer: '客戶編號', date: '訂單日期', amount: '金額', order: '訂單號' } });
    expect(report.encoding).toBe('big5');
    expect(report.columns.map((c) => c.name)).toEqual(['客戶編號', '訂單日期', '金額', '訂單號', '門市']);
    expect(report.repairs).toEqual([]);
    expect(await tx()).toEqual([
      { customer: '陳大文', amount: 1200, order_id: '訂A001', src_row: 1 },
      { customer: '許功蓋', amount: 35.5, order_id: '訂A002', src_row: 2 },
      { customer: '林小美', amount: 88, order_id: '訂A003', src_row: 3 }
    ]);
    const customers = await ingestCustomers(db, [diskFile(dir, '客戶.csv', encodeBig5(BIG5_CUSTOMERS))], { roles: { customer: '客戶編號' } });
    expect(customers.encoding).toBe('big5');
    expect(await db.query('SELECT customer, 姓名, 城市 FROM segmint_attrs ORDER BY customer')).toEqual([
      { customer: '林小美', 姓名: '林小姐', 城市: '臺中' },
      { customer: '許功蓋', 姓名: '許小姐', 城市: '新竹' },
      { customer: '陳大文', 姓名: '陳先生', 城市: '臺北' }
    ]);
  });

  it('reads a Shift_JIS export (kanji, kana, half-width katakana) cell for cell', async () => {
    const orders = diskFile(dir, '注文.csv', encodeShiftJis(SJIS_ORDERS));
    const report = await ingestTransactions(db, [orders], { roles: { customer: '顧客ID', date: '注文日', amount: '金額', order: '注文番号' } });
    expect(report.encoding).toBe('shift_jis');
    expect(report.columns.map((c) => c.name)).toEqual(['顧客ID', '注文日', '金額', '注文番号', '店舗']);
    expect(await tx()).toEqual([
      { customer: '山田太郎', amount: 1200, order_id: '注-001', src_row: 1 },
      { customer: 'すずき花子', amount: 35, order_id: '注-002', src_row: 2 },
      { customer: 'ﾔﾏﾀﾞ ｲﾁﾛｳ', amount: 88, order_id: '注-003', src_row: 3 }
    ]);
    const customers = await ingestCustomers(db, [diskFile(dir, '顧客.csv', encodeShiftJis(SJIS_CUSTOMERS))], { roles: { customer: '顧客ID' } });
    expect(customers.encoding).toBe('shift_jis');
    expect(await db.query('SELECT customer, 氏名, 住所 FROM segmint_attrs ORDER BY customer')).toEqual([
      { customer: 'すずき花子', 氏名: 'スズキ ハナコ', 住所: '能登町' },
      { customer: '山田太郎', 氏名: 'ヤマダ タロウ', 住所: '東京都港区' },
      { customer: 'ﾔﾏﾀﾞ ｲﾁﾛｳ', 氏名: 'ヤマダ イチロウ', 住所: '北海道札幌市' }
    ]);
  });

  it('still reads GBK (characters outside GB2312 too) as GB18030', async () => {
    // 镕 喆 堃 昇 are GBK's additions (codes outside GB2312's rows)
    const gbk = '客户编号,下单时间,实付金额,订单号\r\n朱镕基,2024-01-05,10,D1\r\n张喆,2024-01-06,20,D2\r\n李堃,2024-01-07,30,D3\r\n王昇,2024-01-08,40,D4\r\n';
    const report = await ingestTransactions(db, [diskFile(dir, 'gbk.csv', encodeGb18030(gbk))]);
    expect(report.encoding).toBe('gb18030');
    expect((await tx()).map((r) => [r.customer, r.order_id])).toEqual([['朱镕基', 'D1'], ['张喆', 'D2'], ['李堃', 'D3'], ['王昇', 'D4']]);
  });

  it('takes the usual names of Big5 and Shift_JIS as the encoding override', async () => {
    for (const name of ['big5', 'Big5', 'cp950', 'BIG5-HKSCS']) expect(normaliseEncoding(name)).toBe('big5');
    for (const name of ['shift_jis', 'Shift-JIS', 'sjis', 'CP932', 'windows-31j', 'MS932']) expect(normaliseEncoding(name)).toBe('shift_jis');
    expect(normaliseEncoding('gbk')).toBe('gb18030');
    expect(KNOWN_ENCODINGS).toEqual(expect.arrayContaining(['big5', 'cp950', 'big5-hkscs', 'shift_jis', 'sjis', 'cp932', 'windows-31j', 'ms932']));
    const big5 = diskFile(dir, 'override-big5.csv', encodeBig5(BIG5_ORDERS));
    const given = await profileFiles(db, [big5], { encoding: 'cp950' });
    expect(given.encoding).toBe('big5 (given)');
    expect(given.columns.map((c) => c.name)).toEqual(['客戶編號', '訂單日期', '金額', '訂單號', '門市']);
    const sjis = diskFile(dir, 'override-sjis.csv', encodeShiftJis(SJIS_ORDERS));
    const givenJa = await profileFiles(db, [sjis], { encoding: 'Windows-31J' });
    expect(givenJa.encoding).toBe('shift_jis (given)');
    expect(givenJa.columns.map((c) => c.name)).toEqual(['顧客ID', '注文日', '金額', '注文番号', '店舗']);
  });
});

describe('detecting the encoding from the first bytes', () => {
  const cases: [string, Uint8Array, TextEncoding][] = [
    ['GB18030, two characters', encodeGb18030('客户'), 'gb18030'],
    ['GB18030, a name', encodeGb18030('张三'), 'gb18030'],
    ['GB18030, a header', encodeGb18030('客户编号,金额,日期\n'), 'gb18030'],
    ['GB18030, one row without header', encodeGb18030('C1,王小明,北京市朝阳区,12.5\n'), 'gb18030'],
    ['Big5, two characters', encodeBig5('客戶'), 'big5'],
    ['Big5, a header', encodeBig5('客戶編號,金額,日期\n'), 'big5'],
    ['Big5, one row without header', encodeBig5('C1,陳大文,臺北市信義區,12.5\n'), 'big5'],
    ['Shift_JIS, two characters', encodeShiftJis('顧客'), 'shift_jis'],
    ['Shift_JIS, kana only', encodeShiftJis('すずき'), 'shift_jis'],
    ['Shift_JIS, a header', encodeShiftJis('顧客ID,注文日,金額\n'), 'shift_jis'],
    ['Shift_JIS, one row without header', encodeShiftJis('C1,山田太郎,東京都港区,1200\n'), 'shift_jis'],
    ['Windows-1252 whose letters pair up as valid GB18030 ("Müller")', new Uint8Array([...'Kunde;Stadt\nMüller;Köln\nGarçon;Paris\n'].map((c) => c.charCodeAt(0))), 'windows-1252'],
    ['UTF-8', utf8('客户,顧客,客戶\n'), 'utf-8']
  ];
  for (const [what, bytes, want] of cases)
    it(what, () => {
      const d = detectEncoding(bytes);
      expect(d.encoding).toBe(want);
      expect(d.foreignLines).toBe(false);
      expect(d.reason).toBe(renderMessage(d.code, d.params).message);
    });

  it('a GB18030 sample is not taken for Big5 or Shift_JIS when cut anywhere', () => {
    const bytes = encodeGb18030('客户编号,订单日期,金额,订单号,门店\r\n陈大文,2024-01-05,1200,订A001,台北信义店\r\n许功盖,2024-01-06,35.5,订A002,高雄\r\n林小美,2024-01-07,88,订A003,"台中, 一中街"\r\n');
    for (let n = 2; n <= bytes.length; n++) expect(detectEncoding(bytes.subarray(0, n)).encoding, `first ${n} bytes`).toBe('gb18030');
  });

  it('a Big5 and a Shift_JIS sample are not flipped when cut after their header', () => {
    const big5 = encodeBig5(BIG5_ORDERS);
    const sjis = encodeShiftJis(SJIS_ORDERS);
    for (let n = big5.indexOf(0x0a) + 1; n <= big5.length; n++) expect(detectEncoding(big5.subarray(0, n)).encoding, `Big5, first ${n} bytes`).toBe('big5');
    for (let n = sjis.indexOf(0x0a) + 1; n <= sjis.length; n++) expect(detectEncoding(sjis.subarray(0, n)).encoding, `Shift_JIS, first ${n} bytes`).toBe('shift_jis');
  });

  it('UTF-8 with a few lines in GB18030 is UTF-8, and says so', () => {
    const head = concatBytes(utf8('客户编号,城市\n张三,北京\n'), encodeGb18030('李四,上海\n'), utf8('王五,广州\n赵六,深圳\n'), encodeGb18030('孙七,杭州\n'), utf8('周八,成都\n'));
    const d = detectEncoding(head);
    expect(d).toMatchObject({ encoding: 'utf-8', bom: 0, foreignLines: true, code: 'encoding.utf8_foreign_lines', params: { count: 2, first: 3 } });
    expect(d.reason).toBe('read as UTF-8: the text is UTF-8 except 2 lines that are GB18030 (first on line 3), which are read as GB18030');
  });
});

describe('UTF-8 files with lines in GB18030', () => {
  const header = '客户编号,下单时间,实付金额,订单号,城市\n';
  const rows = Array.from({ length: 12 }, (_, i) => `会员${String(i + 1).padStart(2, '0')},2024-01-${String(i + 1).padStart(2, '0')},${(i + 1) * 10},单${i + 1},${['北京', '上海', '广州', '深圳'][i % 4]}\n`);
  // GB18030 at the first, a middle and the last data row (file lines 2, 8 and 13)
  const gbRows = new Set([0, 6, 11]);
  rows[0] = '张三丰,2024-01-01,10,单1,北京朝阳\n';
  rows[6] = '王小丫,2024-01-07,70,单7,广州天河\n';
  rows[11] = '孙悟空,2024-01-12,120,单12,花果山\n';
  const mixed = concatBytes(utf8(header), ...rows.map((r, i) => (gbRows.has(i) ? encodeGb18030(r) : utf8(r))));
  const expected = header + rows.join('');

  it('reads every cell exactly and reports the GB18030 lines', async () => {
    const report = await ingestTransactions(db, [diskFile(dir, 'mixed.csv', mixed)]);
    expect(report.encoding).toBe('utf-8');
    expect(report.roles).toEqual({ customer: '客户编号', date: '下单时间', amount: '实付金额', order: '订单号' });
    const got = await tx();
    expect(got.map((r) => r.customer)).toEqual(rows.map((r) => r.split(',')[0]));
    expect(got.map((r) => r.order_id)).toEqual(rows.map((_, i) => `单${i + 1}`));
    expect(got.map((r) => r.amount)).toEqual(rows.map((_, i) => (i + 1) * 10));
    const foreign = report.repairs.find((g) => g.code === 'encoding.foreign_lines');
    expect(foreign?.count).toBe(3);
    expect(foreign?.examples.map((e) => e.line)).toEqual([2, 8, 13]);
    expect(foreign?.message).toBe('lines that are not UTF-8 but GB18030 (probably pasted from another export) were read as GB18030');
  });

  it('transcodes chunk by chunk with the same text and line numbers whatever the chunk size, LF or CRLF', async () => {
    for (const eol of ['\n', '\r\n']) {
      const bytes = eol === '\n' ? mixed : concatBytes(...splitLines(mixed).map((l) => concatBytes(l, new Uint8Array([0x0d, 0x0a]))));
      for (const size of [1, 2, 3, 5, 7, 64, 1 << 20]) {
        const t = await transcodeToUtf8(memFile('mixed.csv', bytes), 'utf-8', 0, size);
        expect(text(t.bytes), `chunks of ${size}`).toBe(expected.replaceAll('\n', eol));
        expect(t.foreign).toEqual({ encoding: 'gb18030', lines: [2, 8, 13], count: 3 });
        expect(t.replaced).toBe(0);
        expect(t.firstBadLine).toBeNull();
      }
    }
  });

  it('a last line without a line end, and a byte-order mark', async () => {
    const bytes = concatBytes(new Uint8Array([0xef, 0xbb, 0xbf]), utf8('客户,城市\n张三,北京\n'), encodeGb18030('李四,上海'));
    for (const size of [1, 4, 1 << 20]) {
      const t = await transcodeToUtf8(memFile('x.csv', bytes), 'utf-8', 3, size);
      expect(text(t.bytes)).toBe('客户,城市\n张三,北京\n李四,上海');
      expect(t.foreign).toEqual({ encoding: 'gb18030', lines: [3], count: 1 });
    }
  });

  it('clean UTF-8 passes through unchanged, with no foreign lines', async () => {
    const clean = utf8(expected);
    const t = await transcodeToUtf8(memFile('clean.csv', clean), 'utf-8', 0, 7);
    expect(t.bytes).toEqual(clean);
    expect(t).toMatchObject({ replaced: 0, firstBadLine: null, foreign: null });
  });

  it('a line valid in neither keeps replacement characters and is counted, not guessed', async () => {
    // line 3: Latin-1 "Müller" (valid GB18030 by chance, but not Chinese); line 4: a byte that is
    // nothing; line 5: a UTF-8 cell and a GB18030 cell on one line (no single reading fits)
    const bytes = concatBytes(
      utf8('name,city\n张三,北京\n'),
      new Uint8Array([...'Müller,Köln\n'].map((c) => c.charCodeAt(0))),
      new Uint8Array([0x41, 0xff, 0x2c, 0x42, 0x0a]),
      utf8('李四,'),
      encodeGb18030('上海\n'),
      encodeGb18030('王五,广州\n')
    );
    const t = await transcodeToUtf8(memFile('bad.csv', bytes), 'utf-8', 0, 5);
    const lines = text(t.bytes).split('\n');
    expect(lines[1]).toBe('张三,北京');
    expect(lines[2]).toBe('M\uFFFDller,K\uFFFDln');
    expect(lines[3]).toBe('A\uFFFD,B');
    expect(lines[4]).toMatch(/^李四,\uFFFD/);
    expect(lines[5]).toBe('王五,广州');
    expect(t.firstBadLine).toBe(3);
    expect(t.replaced).toBeGreaterThanOrEqual(4);
    expect(t.foreign).toEqual({ encoding: 'gb18030', lines: [6], count: 1 });
  });

  it('a line in Big5 or Shift_JIS (most of it valid GB18030 too) is not read as GB18030', async () => {
    for (const line of [encodeBig5('陳大文,2024-01-06,35.00,臺北市\n'), encodeBig5('許功蓋,2024-01-08,2,新竹\n'), encodeShiftJis('山田太郎,2024-01-06,35,東京都港区\n')]) {
      const bytes = concatBytes(utf8('客户,日期,金额,城市\n张三,2024-01-01,1,北京\n'), line, encodeGb18030('李四,2024-01-02,2,上海\n'));
      expect(detectEncoding(bytes)).toMatchObject({ encoding: 'utf-8', foreignLines: true, params: { count: 1, first: 4 } });
      const t = await transcodeToUtf8(memFile('x.csv', bytes), 'utf-8', 0);
      const lines = text(t.bytes).split('\n');
      expect(lines[2]).toContain('\uFFFD');
      expect(lines[3]).toBe('李四,2024-01-02,2,上海');
      expect(t.firstBadLine).toBe(3);
      expect(t.foreign).toEqual({ encoding: 'gb18030', lines: [4], count: 1 });
    }
  });

  it('keeps at most 1000 line numbers but counts every line', async () => {
    const parts: Uint8Array[] = [utf8('客户,城市\n')];
    for (let i = 0; i < 2500; i++) parts.push(i % 2 ? encodeGb18030(`客户${i},北京\n`) : utf8(`客户${i},上海\n`));
    const t = await transcodeToUtf8(memFile('many.csv', concatBytes(...parts)), 'utf-8', 0, 4096);
    expect(t.foreign?.count).toBe(1250);
    expect(t.foreign?.lines.length).toBe(1000);
    expect(t.foreign?.lines.slice(0, 3)).toEqual([3, 5, 7]);
  });
});

describe('encoding messages', () => {
  it('every code has Chinese text with the same placeholders, and none is left unfilled', () => {
    const en = catalogue('en');
    const zh = catalogue('zh-CN');
    const names = (s: string | undefined) => [...(s ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const code of Object.keys(enMessages) as (keyof typeof enMessages)[]) {
      expect(zh[code], code).toBeDefined();
      expect(names(zh[code].message), code).toEqual(names(en[code].message));
      expect(names(zh[code].hint), code).toEqual(names(en[code].hint));
    }
    expect(renderMessage('encoding.utf8_foreign_lines', { count: 3, first: 2 }, 'zh-CN').message).toBe('按 UTF-8 读取：除 3 行是 GB18030 编码（第一处在第 2 行）外，文本都是 UTF-8；这些行按 GB18030 读取');
  });
});

/** The lines of `bytes` without their \n. */
function splitLines(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let start = 0; start < bytes.length; ) {
    const nl = bytes.indexOf(0x0a, start);
    out.push(bytes.subarray(start, nl));
    start = nl + 1;
  }
  return out;
}
