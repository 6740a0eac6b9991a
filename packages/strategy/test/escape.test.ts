// The one HTML-escaping function and the CSV/Markdown cell quoting, with hostile text.
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, escapeHtml, mdCell, mdText } from '../src/escape.js';

const HOSTILE = [
  `<script>alert("x")</script>`,
  `"><img src=x onerror=alert(1)>`,
  `' onmouseover='alert(1)`,
  '`${x}`',
  '&lt;already&gt; & more',
  'a\u0000b\u0007c',
  '</style><style>body{display:none}',
  '冠军客户 <b>粗体</b>'
];

describe('escapeHtml', () => {
  it('leaves no markup-significant character in hostile text', () => {
    for (const h of HOSTILE) {
      const out = escapeHtml(h);
      expect(out).not.toMatch(/[<>"'`]/);
      // every & starts an entity we wrote
      expect(out.replace(/&(amp|lt|gt|quot|#39|#96);/g, '')).not.toContain('&');
      expect(out).not.toMatch(/[\u0000-\u0008]/);
    }
  });
  it('round-trips through an HTML decoder to the same text (controls replaced)', () => {
    const decode = (s: string) =>
      s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&#96;/g, '`').replace(/&amp;/g, '&');
    expect(decode(escapeHtml(HOSTILE[0]))).toBe(HOSTILE[0]);
    expect(decode(escapeHtml(HOSTILE[4]))).toBe(HOSTILE[4]);
    expect(decode(escapeHtml(HOSTILE[5]))).toBe('a\uFFFDb\uFFFDc');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(12.5)).toBe('12.5');
  });
});

describe('csvCell', () => {
  it('quotes separators, quotes and line breaks, and defuses spreadsheet formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('+1 555')).toBe("'+1 555");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(csvLine(['客户', 1, null, ' pad'])).toBe('客户,1,," pad"');
  });
});

describe('markdown', () => {
  it('neutralises pipes, newlines, HTML and link syntax', () => {
    expect(mdCell('a|b\n<i>c</i>')).toBe('a\\|b &lt;i&gt;c&lt;/i&gt;');
    expect(mdText('[click](javascript:alert(1)) ![x](http://e/x.png)')).toBe('\\[click\\](javascript:alert(1)) !\\[x\\](http://e/x.png)');
    expect(mdText('a <b> & c')).toBe('a &lt;b&gt; &amp; c');
  });
});
