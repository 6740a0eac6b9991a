// Share links: the rules (and the playbook beside them) compressed into the URL fragment, which
// browsers never send to a server. A link is untrusted input: reading one never throws and never
// runs anything; every failure is one of a few codes the UI says in words.
//
//   #share=v1.<base64url(deflate-raw(utf-8(JSON {rules, name?, playbook?})))>
//
// Limits: the encoded payload's length is checked before anything is decoded, and inflating
// stops as soon as the output passes the text limit (a decompression bomb costs at most that).

/** What a link carries: the rule text (exactly as it was in the editor), its file name if it had
 * one, and the playbook YAML beside it, if any. Never any data. */
export interface Shared {
  rules: string;
  name: string | null;
  playbook: { name: string; text: string } | null;
}

export type ShareError =
  /** not a link this app made: bad prefix, bad base64url, truncated or corrupt compressed data */
  | 'malformed'
  /** made by another version of the app (v2...) */
  | 'version'
  /** the link or its decompressed text is over the limits */
  | 'too-large'
  /** the decompressed bytes are not UTF-8 text */
  | 'not-text'
  /** text, but not the shape of shared rules (JSON with the wrong keys or types) */
  | 'shape'
  /** this browser cannot decompress (no CompressionStream 'deflate-raw') */
  | 'unsupported';

export type Decoded = { ok: true; shared: Shared } | { ok: false; code: ShareError };
export type Encoded = { ok: true; payload: string } | { ok: false; code: ShareError };

export const SHARE_KEY = 'share';
export const SHARE_VERSION = 1;

export interface ShareLimits {
  /** characters of the payload (`v1.` + base64url) */
  maxEncoded: number;
  /** bytes of the decompressed JSON */
  maxText: number;
}

export const LIMITS: ShareLimits = {
  maxEncoded: 128 * 1024,
  maxText: 1024 * 1024
};

/** Over this many characters a link still works but is unwieldy (chat apps and mail clients cut
 * or refuse long URLs): the app suggests sharing the file instead. */
export const WARN_LINK_CHARS = 8 * 1024;

// ---- base64url (RFC 4648 §5, no padding), strict -------------------------------------------

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) INDEX[ALPHABET.charCodeAt(i)] = i;

export function toBase64url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!;
  }
  return out;
}

/** The bytes of a base64url string, or null unless it is canonical base64url: only the 64
 * characters (no padding, spaces, `+` or `/`), a possible length, and zero unused bits (so one
 * byte string has exactly one encoding). */
export function fromBase64url(s: string): Uint8Array | null {
  if (s.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? INDEX[c]! : -1;
    if (v < 0) return null;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  // the 2 or 4 bits left over must be zero
  if (bits > 0 && (acc & ((1 << bits) - 1)) !== 0) return null;
  return out.subarray(0, o);
}

// ---- compression ----------------------------------------------------------------------------

function compressionAvailable(): boolean {
  try {
    new DecompressionStream('deflate-raw');
    return true;
  } catch {
    return false;
  }
}

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

type Inflated = { ok: true; bytes: Uint8Array } | { ok: false; code: 'malformed' | 'too-large' };

/** compressed bytes handed to the inflater at a time: deflate expands at most ~1032:1, so one
 * slice makes at most about 1 MB of output before the limit can be checked again */
const INFLATE_SLICE = 1024;

/** Inflates `bytes`, feeding them in small slices only as fast as the output is read, and giving
 * up (cancelling the stream) as soon as the output passes `max` bytes: a decompression bomb costs
 * about `max` plus one slice's expansion, never its full size. Corrupt or truncated data (or, in
 * browsers that check, bytes after the end): malformed. */
export async function inflate(bytes: Uint8Array, max: number): Promise<Inflated> {
  const ds = new DecompressionStream('deflate-raw');
  const writer = ds.writable.getWriter();
  const reader = ds.readable.getReader();
  let stop = false;
  // the writable's backpressure follows the reads below: the feeder waits for them
  const feeding = (async () => {
    try {
      for (let i = 0; i < bytes.length && !stop; i += INFLATE_SLICE) {
        await writer.ready;
        if (stop) return;
        writer.write(bytes.subarray(i, i + INFLATE_SLICE) as Uint8Array<ArrayBuffer>).catch(() => {});
      }
      if (!stop) await writer.close();
    } catch {
      // the stream failed or was cancelled: the reader says why
    }
  })();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > max) {
        stop = true;
        await reader.cancel().catch(() => {});
        await feeding;
        return { ok: false, code: 'too-large' };
      }
      chunks.push(value);
    }
  } catch {
    stop = true;
    await feeding;
    return { ok: false, code: 'malformed' };
  }
  await feeding;
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.byteLength;
  }
  return { ok: true, bytes: out };
}

// ---- the link -------------------------------------------------------------------------------

/** The payload (`v1.…`) of a link carrying `shared`; too-large when it would be over the limits
 * (such rules are shared as a file). */
export async function encodeShare(shared: Shared, limits: ShareLimits = LIMITS): Promise<Encoded> {
  if (!compressionAvailable()) return { ok: false, code: 'unsupported' };
  const json: { rules: string; name?: string; playbook?: { name: string; text: string } } = { rules: shared.rules };
  if (shared.name !== null) json.name = shared.name;
  if (shared.playbook !== null) json.playbook = { name: shared.playbook.name, text: shared.playbook.text };
  const text = new TextEncoder().encode(JSON.stringify(json));
  if (text.byteLength > limits.maxText) return { ok: false, code: 'too-large' };
  const payload = `v${SHARE_VERSION}.${toBase64url(await deflate(text))}`;
  if (payload.length > limits.maxEncoded) return { ok: false, code: 'too-large' };
  return { ok: true, payload };
}

/** The payload of a `#share=…` fragment (`location.hash`, with or without the `#`), else null
 * (a fragment that is not a share link: the app ignores it). */
export function sharePayload(hash: string): string | null {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  const prefix = `${SHARE_KEY}=`;
  return h.startsWith(prefix) ? h.slice(prefix.length) : null;
}

/** The whole link: the page's address (without its own fragment) and the share fragment. */
export function shareUrl(pageUrl: string, payload: string): string {
  const u = new URL(pageUrl);
  u.hash = '';
  return `${u.href.replace(/#$/, '')}#${SHARE_KEY}=${payload}`;
}

/** Reads a payload (`v1.…`). Never throws: a hostile or broken link is an error code. */
export async function decodeShare(payload: string, limits: ShareLimits = LIMITS): Promise<Decoded> {
  try {
    if (payload.length > limits.maxEncoded) return fail('too-large');
    const m = /^v(\d{1,6})\.([^]*)$/.exec(payload);
    if (!m) return fail('malformed');
    if (Number(m[1]) !== SHARE_VERSION || m[1] !== String(SHARE_VERSION)) return fail('version');
    const compressed = fromBase64url(m[2]!);
    if (compressed === null || compressed.byteLength === 0) return fail('malformed');
    if (!compressionAvailable()) return fail('unsupported');
    const inflated = await inflate(compressed, limits.maxText);
    if (!inflated.ok) return fail(inflated.code);
    let text: string;
    try {
      // fatal: invalid UTF-8 is refused, not replaced; ignoreBOM: a BOM stays (and fails JSON)
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(inflated.bytes);
    } catch {
      return fail('not-text');
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return fail('shape');
    }
    return readShape(json);
  } catch {
    return fail('malformed');
  }
}

function fail(code: ShareError): { ok: false; code: ShareError } {
  return { ok: false, code };
}

/** A file name from a link: shown and used as the editor's file name; no control, direction or
 * path characters, at most 200 characters. */
function validName(s: unknown): s is string {
  return typeof s === 'string' && s.length > 0 && s.length <= 200 && !/[\u0000-\u001f\u007f-\u009f/\\\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(s) && isWellFormed(s);
}

/** JSON strings can hold lone surrogates (`"\ud800"`): not text either. */
function isWellFormed(s: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}

function onlyKeys(o: object, allowed: string[]): boolean {
  return Object.keys(o).every((k) => allowed.includes(k));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readShape(json: unknown): Decoded {
  if (!isObject(json) || !onlyKeys(json, ['rules', 'name', 'playbook'])) return fail('shape');
  const { rules, name, playbook } = json;
  if (typeof rules !== 'string') return fail('shape');
  if (name !== undefined && !validName(name)) return fail('shape');
  let pb: Shared['playbook'] = null;
  if (playbook !== undefined) {
    if (!isObject(playbook) || !onlyKeys(playbook, ['name', 'text']) || !validName(playbook.name) || typeof playbook.text !== 'string') return fail('shape');
    pb = { name: playbook.name, text: playbook.text };
  }
  if (!isWellFormed(rules) || (pb && !isWellFormed(pb.text))) return fail('not-text');
  return { ok: true, shared: { rules, name: name ?? null, playbook: pb } };
}

// ---- showing untrusted text -----------------------------------------------------------------

/** A piece of shared text as shown: plain text, or one character that would be invisible or
 * would reorder what is shown (controls, bidi overrides and isolates, zero-width characters),
 * shown by its code point instead ("Trojan Source" rules cannot look like other rules). */
export type Piece = { text: string } | { hidden: string };

// C0 controls but tab, LF and CR; DEL and C1; bidi marks, embeddings, overrides, isolates;
// zero-width space/joiners, word joiner, BOM; line and paragraph separators
const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** Past this many, hidden characters are shown as U+FFFD in the text (a link full of them must
 * not become hundreds of thousands of elements: the count is said beside). */
export const MAX_REVEALED = 500;

export function reveal(text: string, max = MAX_REVEALED): Piece[] {
  const out: Piece[] = [];
  let last = 0;
  let n = 0;
  for (const m of text.matchAll(HIDDEN)) {
    if (n === max) break;
    n++;
    if (m.index > last) out.push({ text: text.slice(last, m.index) });
    out.push({ hidden: `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` });
    last = m.index + 1;
  }
  if (last < text.length) out.push({ text: maskHidden(text.slice(last)) });
  return out;
}

/** How many characters `reveal` shows by code point. */
export function hiddenCount(text: string): number {
  return text.match(HIDDEN)?.length ?? 0;
}

/** `text` with each hidden character replaced by U+FFFD (one code unit for one: columns and
 * offsets stay right), for excerpts and messages that cannot show code points. */
export function maskHidden(text: string): string {
  return text.replace(HIDDEN, '\ufffd');
}

/** How much of a shared text the read-only view shows: real rule files whole; a hostile one (a
 * megabyte on one line) in part, so the page stays light (the editor gets it all on "Use"). */
export const SHOWN = { lines: 2000, lineChars: 500 };

/** The part of `text` shown: at most `lines` lines, each cut after `lineChars` characters
 * (with "…"); `cut` tells whether anything was left out. */
export function shownPart(text: string, limits: { lines: number; lineChars: number } = SHOWN): { text: string; cut: boolean } {
  const all = text.split('\n');
  let cut = all.length > limits.lines;
  const lines = all.slice(0, limits.lines).map((l) => {
    if (l.length <= limits.lineChars) return l;
    cut = true;
    return `${l.slice(0, limits.lineChars)}…`;
  });
  return { text: lines.join('\n'), cut };
}
