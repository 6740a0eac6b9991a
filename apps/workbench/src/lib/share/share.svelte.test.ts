// The share state against a fake rules state: a link is made and copied (or shown to copy), an
// opened link is checked and shown, used (offered over the user's edits, the playbook following)
// or dismissed, and the fragment is cleared either way; a hostile link changes nothing.
import { describe, expect, it } from 'vitest';
import { builtinSchema } from '@segmint/dsl';
import { encodeShare, type Shared } from './link.js';
import { ShareState, SHARED_NAME, withoutFragment, type RulesPort } from './share.svelte.js';

class FakeRules implements RulesPort {
  file = { text: 'segment mine when R < 10\n' };
  fileName: string | null = null;
  playbook: { name: string; text: string } | null = { name: 'old.yaml', text: 'old' };
  offered: { name: string; text: string } | null = null;
  edited = false;
  openRuleFile(name: string, text: string): void {
    if (this.edited) this.offered = { name, text };
    else this.replace(name, text);
  }
  answerOffer(yes: boolean): void {
    const o = this.offered;
    this.offered = null;
    if (o && yes) this.replace(o.name, o.text);
  }
  private replace(name: string, text: string): void {
    this.file.text = text;
    this.fileName = name;
    this.edited = false;
  }
}

function setup(clipboard: (t: string) => Promise<void> = async () => {}) {
  const rules = new FakeRules();
  let cleared = 0;
  const copied: string[] = [];
  const share = new ShareState({
    rules,
    schema: async () => builtinSchema,
    asOf: () => '2024-12-31',
    clearFragment: () => cleared++,
    writeClipboard: async (t) => {
      await clipboard(t);
      copied.push(t);
    }
  });
  return { rules, share, copied, cleared: () => cleared };
}

async function hashOf(s: Shared): Promise<string> {
  const enc = await encodeShare(s);
  if (!enc.ok) throw new Error(enc.code);
  return `#share=${enc.payload}`;
}

const TEAM = 'segment loyal "Loyal" when F >= 8\nsegment rest otherwise\n';
const PLAYBOOK = { name: 'team.playbooks.yaml', text: 'loyal:\n  goal: keep\n' };

describe('making a link', () => {
  it('copies the link of the rules, their name and playbook; the link opens as they were', async () => {
    const { rules, share, copied } = setup();
    rules.fileName = 'team.seg';
    rules.file.text = TEAM;
    rules.playbook = PLAYBOOK;
    await share.make('http://localhost:4813/?automation=1');
    expect(share.made?.copied).toBe(true);
    expect(copied).toEqual([share.made!.url]);
    expect(share.made!.url).toMatch(/^http:\/\/localhost:4813\/\?automation=1#share=v1\.[A-Za-z0-9_-]+$/);
    expect(share.made!.long).toBe(false);
    const other = setup();
    await other.share.open(new URL(share.made!.url).hash);
    expect(other.share.incoming).toMatchObject({ phase: 'ready', shared: { rules: TEAM, name: 'team.seg', playbook: PLAYBOOK } });
  });

  it('where the clipboard is refused, the link is still there to copy by hand', async () => {
    const { share } = setup(async () => {
      throw new DOMException('denied', 'NotAllowedError');
    });
    await share.make('http://localhost/');
    expect(share.made?.copied).toBe(false);
    expect(share.made?.url).toContain('#share=v1.');
  });

  it('warns about a long link and refuses one over the limit', async () => {
    const { rules, share } = setup();
    // text that hardly compresses: a long link
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 100000);
    rules.file.text = Array.from({ length: 1500 }, (_, i) => `segment s${i} when M > ${rnd()}`).join('\n');
    await share.make('http://localhost/');
    expect(share.made?.long).toBe(true);
    rules.file.text = Array.from({ length: 60000 }, (_, i) => `segment s${i} when M > ${rnd()} and F < ${rnd()}`).join('\n');
    await share.make('http://localhost/');
    expect(share.made).toBeNull();
    expect(share.makeError).toBe('too-large');
  });
});

describe('opening a link', () => {
  it('ignores fragments that are not share links', async () => {
    const { share, cleared } = setup();
    await share.open('#main');
    await share.open('');
    expect(share.incoming).toBeNull();
    expect(cleared()).toBe(0);
  });

  it('shows the rules with their diagnostics; nothing changes until "Use these rules"', async () => {
    const { rules, share, cleared } = setup();
    const before = rules.file.text;
    await share.open(await hashOf({ rules: 'segment a when Rr < 10\nsegment b when R < 10 and R > 20\n', name: null, playbook: null }));
    const inc = share.incoming;
    expect(inc?.phase).toBe('ready');
    if (inc?.phase !== 'ready') return;
    expect(inc.check?.errors).toBeGreaterThan(0);
    expect(inc.check?.shown.some((d) => d.code === 'unknown-field')).toBe(true);
    expect(rules.file.text).toBe(before);
    expect(cleared()).toBe(0);
    share.use();
    expect(rules.file.text).toBe('segment a when Rr < 10\nsegment b when R < 10 and R > 20\n');
    expect(rules.fileName).toBe(SHARED_NAME);
    expect(rules.playbook).toBeNull();
    expect(share.incoming).toBeNull();
    expect(cleared()).toBe(1);
  });

  it('over the user\'s edits the shared rules are offered; the playbook follows only if they go in', async () => {
    const { rules, share } = setup();
    rules.edited = true;
    await share.open(await hashOf({ rules: TEAM, name: 'team.seg', playbook: PLAYBOOK }));
    share.use();
    expect(rules.offered).toEqual({ name: 'team.seg', text: TEAM });
    expect(rules.playbook?.name).toBe('old.yaml');
    rules.answerOffer(false);
    share.offerAnswered();
    expect(rules.file.text).toBe('segment mine when R < 10\n');
    expect(rules.playbook?.name).toBe('old.yaml');

    await share.open(await hashOf({ rules: TEAM, name: 'team.seg', playbook: PLAYBOOK }));
    share.use();
    rules.answerOffer(true);
    share.offerAnswered();
    expect(rules.file.text).toBe(TEAM);
    expect(rules.playbook).toEqual(PLAYBOOK);
  });

  it('a hostile link is a message by code; dismissing it changes nothing but the address', async () => {
    const { rules, share, cleared } = setup();
    const before = { ...rules.file, name: rules.fileName, playbook: rules.playbook };
    await share.open('#share=v1.%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E');
    expect(share.incoming).toEqual({ phase: 'failed', code: 'malformed' });
    share.use();
    expect(rules.file.text).toBe(before.text);
    share.dismiss();
    expect(share.incoming).toBeNull();
    expect(cleared()).toBe(1);
    expect({ ...rules.file, name: rules.fileName, playbook: rules.playbook }).toEqual(before);
  });

  it('a check that takes too long is stopped: the rules are shown unchecked and can still be used', async () => {
    const rules = new FakeRules();
    const share = new ShareState({ rules, schema: async () => null, asOf: () => null, clearFragment: () => {}, writeClipboard: async () => {}, check: async () => ({ stopped: true }) });
    await share.open(await hashOf({ rules: TEAM, name: null, playbook: null }));
    expect(share.incoming).toMatchObject({ phase: 'ready', check: null, stopped: true });
    share.use();
    expect(rules.file.text).toBe(TEAM);
  });

  it('only the latest of two links is shown', async () => {
    const { share } = setup();
    const a = share.open(await hashOf({ rules: 'segment a otherwise\n', name: null, playbook: null }));
    const b = share.open(await hashOf({ rules: 'segment b otherwise\n', name: null, playbook: null }));
    await Promise.all([a, b]);
    expect(share.incoming).toMatchObject({ phase: 'ready', shared: { rules: 'segment b otherwise\n' } });
  });

  it('the address loses its share fragment only', () => {
    expect(withoutFragment('http://127.0.0.1:4813/?automation=1#share=v1.abc')).toBe('http://127.0.0.1:4813/?automation=1');
    expect(withoutFragment('https://x.example/app/#share=v1.abc')).toBe('https://x.example/app/');
  });
});
