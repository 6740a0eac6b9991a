import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare, fromBase64url, hiddenCount, inflate, LIMITS, MAX_REVEALED, reveal, shownPart, sharePayload, shareUrl, toBase64url, type Shared } from './link.js';

const RULES = 'segment vip "VIP" when M > 1000\nsegment rest otherwise\n';
const shared = (rules: string, extra: Partial<Shared> = {}): Shared => ({ rules, name: null, playbook: null, ...extra });

async function roundTrip(s: Shared): Promise<Shared> {
  const enc = await encodeShare(s);
  if (!enc.ok) throw new Error(enc.code);
  const dec = await decodeShare(enc.payload);
  if (!dec.ok) throw new Error(dec.code);
  return dec.shared;
}

/** A payload made by hand from any bytes (deflated as the app does), for hostile links. */
async function payloadOf(bytes: Uint8Array, version = 'v1'): Promise<string> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return `${version}.${toBase64url(new Uint8Array(await new Response(stream).arrayBuffer()))}`;
}
const utf8 = (s: string) => new TextEncoder().encode(s);
const json = (v: unknown) => utf8(JSON.stringify(v));

describe('base64url', () => {
  it('round-trips every length and byte value', () => {
    for (let n = 0; n < 70; n++) {
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n * 11) & 0xff);
      expect(fromBase64url(toBase64url(b))).toEqual(b);
    }
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(toBase64url(all)).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(fromBase64url(toBase64url(all))).toEqual(all);
  });
  it('agrees with the standard encoding (RFC 4648 test vectors)', () => {
    const vectors: [string, string][] = [['', ''], ['f', 'Zg'], ['fo', 'Zm8'], ['foo', 'Zm9v'], ['foob', 'Zm9vYg'], ['fooba', 'Zm9vYmE'], ['foobar', 'Zm9vYmFy']];
    for (const [plain, enc] of vectors) expect(toBase64url(utf8(plain)), plain).toBe(enc);
    expect(toBase64url(Uint8Array.of(0xfb, 0xff))).toBe('-_8');
  });
  it('refuses anything but canonical base64url', () => {
    for (const bad of ['Zm9v=', 'Zm9v Yg', 'Zm+v', 'Zm/v', 'Z', 'Zm9vY', 'Zh', 'Zm9', 'Zm9vä', '%5A']) expect(fromBase64url(bad), bad).toBeNull();
  });
});

describe('share links', () => {
  it('round-trip the rules, their name and the playbook exactly', async () => {
    const s = shared(RULES, { name: 'team.seg', playbook: { name: 'team.playbooks.yaml', text: 'vip:\n  goal: keep\n' } });
    expect(await roundTrip(s)).toEqual(s);
    expect(await roundTrip(shared(''))).toEqual(shared(''));
  });

  it('keep every character: CRLF, BOM, tabs, Chinese, emoji, controls and bidi characters', async () => {
    const text = '\ufeff# 规则 🎯\r\nsegment a "甲" when R < 30\t# \u202eevil\u202c\r\n\u0000\u0007\u001b[31m\u2066x\u2069\u200b\n';
    expect((await roundTrip(shared(text))).rules).toBe(text);
  });

  it('keep markup and SQL-looking text as text (nothing is interpreted)', async () => {
    const text = 'segment x "</script><img src=x onerror=alert(1)>" when R < 1\n-- \'; DROP TABLE customers; --\nsegment y "{@html x}" otherwise\n';
    expect((await roundTrip(shared(text, { name: '<img src=x onerror=alert(1)>.seg' }))).rules).toBe(text);
  });

  it('carry rules of a realistic size in a link that stays short', async () => {
    const enc = await encodeShare(shared(RULES.repeat(20)));
    expect(enc.ok && enc.payload.length).toBeLessThan(300);
  });

  it('build the whole URL from the page address, replacing its fragment', () => {
    expect(shareUrl('http://127.0.0.1:4813/?automation=1#old', 'v1.abc')).toBe('http://127.0.0.1:4813/?automation=1#share=v1.abc');
    expect(shareUrl('https://x.example/app/', 'v1.abc')).toBe('https://x.example/app/#share=v1.abc');
    expect(sharePayload('#share=v1.abc')).toBe('v1.abc');
    expect(sharePayload('share=v1.abc')).toBe('v1.abc');
    expect(sharePayload('#main')).toBeNull();
    expect(sharePayload('')).toBeNull();
  });

  it('refuse rules too large for a link (the file is shared instead)', async () => {
    const big = Array.from({ length: 200_000 }, (_, i) => `segment s${i} when M > ${(i * 7919) % 100003}`).join('\n');
    expect(await encodeShare(shared(big))).toEqual({ ok: false, code: 'too-large' });
  });
});

describe('hostile links: a code, never an exception', () => {
  const code = async (payload: string) => {
    const d = await decodeShare(payload);
    return d.ok ? 'ok' : d.code;
  };

  it('no version, an unknown version, or a missing payload', async () => {
    const good = (await encodeShare(shared(RULES))) as { payload: string };
    expect(await code(good.payload)).toBe('ok');
    expect(await code(good.payload.replace(/^v1\./, 'v2.'))).toBe('version');
    expect(await code(good.payload.replace(/^v1\./, 'v01.'))).toBe('version');
    expect(await code(good.payload.replace(/^v1\./, ''))).toBe('malformed');
    expect(await code('v1.')).toBe('malformed');
    expect(await code('')).toBe('malformed');
    expect(await code('V1.abc')).toBe('malformed');
  });

  it('bad base64url', async () => {
    const good = ((await encodeShare(shared(RULES))) as { payload: string }).payload;
    expect(await code(good + '=')).toBe('malformed');
    expect(await code(good.slice(0, 10) + '+' + good.slice(11))).toBe('malformed');
    expect(await code(good.slice(0, 10) + ' ' + good.slice(10))).toBe('malformed');
    expect(await code(good.slice(0, 10) + '%20' + good.slice(10))).toBe('malformed');
  });

  it('truncated, corrupted or with bytes after the compressed data', async () => {
    const good = ((await encodeShare(shared(RULES.repeat(5)))) as { payload: string }).payload;
    const b = fromBase64url(good.slice(3))!;
    const cut = `v1.${toBase64url(b.subarray(0, Math.floor(b.length / 2)))}`;
    expect(await code(cut)).toBe('malformed');
    expect(await code(`v1.${toBase64url(b.subarray(0, b.length - 1))}`)).toBe('malformed');
    const junk = new Uint8Array(b.length + 4);
    junk.set(b);
    junk.set([1, 2, 3, 4], b.length);
    // bytes after the end of the deflate data: Chromium refuses them, Node's zlib ignores them;
    // either way nothing but the complete original comes out
    const withJunk = await decodeShare(`v1.${toBase64url(junk)}`);
    expect(withJunk.ok ? withJunk.shared.rules : withJunk.code).toMatch(/^(malformed|(segment vip[^]*)+)$/);
    expect(await code(`v1.${toBase64url(Uint8Array.from({ length: 64 }, (_, i) => (i * 97 + 13) & 0xff))}`)).toBe('malformed');
  });

  it('a decompression bomb is stopped once it passes the limit', async () => {
    // 64 MB of zeros compresses to ~64 KB: well under the link limit
    const zeros = new Uint8Array(64 * 1024 * 1024);
    const bomb = await payloadOf(zeros);
    expect(bomb.length).toBeLessThan(LIMITS.maxEncoded);
    expect(await code(bomb)).toBe('too-large');
    // the limit itself: 1 MB plus one byte is refused, in the inflater too
    const res = await inflate(fromBase64url((await payloadOf(new Uint8Array(LIMITS.maxText + 1))).slice(3))!, LIMITS.maxText);
    expect(res).toEqual({ ok: false, code: 'too-large' });
  });

  it('huge but within the limits: rules of almost 1 MB come through whole', async () => {
    const rules = 'segment a "A" when M > 1 and F >= 2 # 规则\n'.repeat(20_000);
    const enc = await encodeShare(shared(rules));
    expect(enc.ok).toBe(true);
    const dec = enc.ok ? await decodeShare(enc.payload) : null;
    expect(dec?.ok && dec.shared.rules === rules).toBe(true);
  });

  it('a link over the length limit is refused before it is decoded', async () => {
    expect(await code('v1.' + 'A'.repeat(LIMITS.maxEncoded))).toBe('too-large');
    expect(await code('x'.repeat(10 * 1024 * 1024))).toBe('too-large');
  });

  it('bytes that are not UTF-8 are not text', async () => {
    expect(await code(await payloadOf(Uint8Array.of(0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d)))).toBe('not-text');
    // an overlong encoding of '<' and a lone surrogate encoded in UTF-8 (CESU)
    expect(await code(await payloadOf(Uint8Array.of(0xc0, 0xbc)))).toBe('not-text');
    expect(await code(await payloadOf(Uint8Array.of(0xed, 0xa0, 0x80)))).toBe('not-text');
    // a lone surrogate written as a JSON escape
    expect(await code(await payloadOf(utf8('{"rules":"a\\ud800b"}')))).toBe('not-text');
  });

  it('text of the wrong shape', async () => {
    for (const v of [null, 1, 'segment x otherwise', [], { rules: 1 }, { rule: 'x' }, { rules: 'x', extra: 1 }, { rules: 'x', name: 5 }, { rules: 'x', name: '' }, { rules: 'x', name: '../../etc/passwd' }, { rules: 'x', name: 'a\u202egnp.seg' }, { rules: 'x', name: 'a\nb' }, { rules: 'x', playbook: 'y' }, { rules: 'x', playbook: { name: 'p.yaml' } }, { rules: 'x', playbook: { name: 'p.yaml', text: 'y', more: 1 } }, { rules: 'x', name: 'n'.repeat(201) }]) {
      expect(await code(await payloadOf(json(v))), JSON.stringify(v)).toBe('shape');
    }
    expect(await code(await payloadOf(utf8('{"rules":')))).toBe('shape');
    expect(await code(await payloadOf(utf8('\ufeff{"rules":"x"}')))).toBe('shape');
    expect(await code(await payloadOf(utf8('{"rules":"x","__proto__":{"polluted":1}}')))).toBe('shape');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('fuzz: random payloads never throw', async () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ v%';
    for (let i = 0; i < 300; i++) {
      const len = Math.floor(rnd() * 200);
      const s = (rnd() < 0.7 ? 'v1.' : '') + Array.from({ length: len }, () => chars[Math.floor(rnd() * chars.length)]).join('');
      const d = await decodeShare(s);
      if (d.ok) expect(typeof d.shared.rules).toBe('string');
      else expect(['malformed', 'version', 'too-large', 'not-text', 'shape']).toContain(d.code);
    }
  });
});

describe('showing shared text', () => {
  it('shows invisible and direction-changing characters by code point, the rest as text', () => {
    expect(reveal('a\u202eb\u2066c\u200bd\u0000e\tf\r\n')).toEqual([{ text: 'a' }, { hidden: 'U+202E' }, { text: 'b' }, { hidden: 'U+2066' }, { text: 'c' }, { hidden: 'U+200B' }, { text: 'd' }, { hidden: 'U+0000' }, { text: 'e\tf\r\n' }]);
    expect(reveal('')).toEqual([]);
    expect(reveal('plain 中文')).toEqual([{ text: 'plain 中文' }]);
    expect(hiddenCount('\ufeffx\u202e\u202c\u001b')).toBe(4);
  });
  it('a text full of hidden characters stays a few hundred pieces (the rest masked, same length)', () => {
    const text = 'a\u202e'.repeat(300_000);
    const pieces = reveal(text);
    expect(pieces.length).toBeLessThanOrEqual(2 * MAX_REVEALED + 1);
    expect(pieces.filter((p) => 'hidden' in p)).toHaveLength(MAX_REVEALED);
    const tail = pieces.at(-1) as { text: string };
    expect(tail.text).toMatch(/^(a\ufffd)+$/);
    expect(hiddenCount(text)).toBe(300_000);
  });
});

describe('the part of a shared text the view shows', () => {
  it('a real rule file whole; a hostile one cut to lines and line lengths', () => {
    expect(shownPart(RULES)).toEqual({ text: RULES, cut: false });
    expect(shownPart('x'.repeat(600) + '\nok', { lines: 10, lineChars: 500 })).toEqual({ text: 'x'.repeat(500) + '…\nok', cut: true });
    const many = Array.from({ length: 5 }, (_, i) => `l${i}`).join('\n');
    expect(shownPart(many, { lines: 3, lineChars: 500 })).toEqual({ text: 'l0\nl1\nl2', cut: true });
  });
});
