// Share links' state: the link made from the rule file (to copy), and a link the app was opened
// with (or that the address bar changed to): read, checked like any rule file, shown read-only
// until the user uses or dismisses it. Nothing from a link runs against the data here: its
// rules only reach the engine through the editor, after "Use these rules".
import type { Schema } from '@segmint/dsl';
import { checkNow, summarize, type CheckOutcome, type CheckRequest, type CheckSummary } from './check.js';
import { decodeShare, encodeShare, hiddenCount, sharePayload, shareUrl, WARN_LINK_CHARS, type Shared, type ShareError } from './link.js';

/** What the share feature needs of the rules' state (RulesState has it). */
export interface RulesPort {
  readonly file: { readonly text: string };
  fileName: string | null;
  playbook: { name: string; text: string } | null;
  /** a rule file offered over the user's edits, waiting for their answer */
  readonly offered: { name: string; text: string } | null;
  openRuleFile(name: string, text: string): void;
}

export interface ShareDeps {
  rules: RulesPort;
  /** the loaded data's columns, so the check knows them as the editor does (null: none yet) */
  schema: () => Promise<Schema | null>;
  /** the as-of the rules would run at (null: no data yet) */
  asOf: () => string | null;
  /** removes the `#share=` fragment from the address without a navigation or a history entry */
  clearFragment: () => void;
  /** puts text on the clipboard (rejects where the browser refuses) */
  writeClipboard: (text: string) => Promise<void>;
  /** the check (the app: in a worker, with a time limit: check.ts); default: here and now */
  check?: (req: CheckRequest) => Promise<CheckOutcome>;
}

/** The name a shared rule file without one gets in the editor. */
export const SHARED_NAME = 'shared.seg';

export type Incoming =
  | { phase: 'reading' }
  | { phase: 'failed'; code: ShareError }
  | {
      phase: 'ready';
      shared: Shared;
      hidden: number;
      /** null while the check runs (or when it was stopped) */
      check: CheckSummary | null;
      /** the check took too long and was stopped: the rules are shown unchecked */
      stopped: boolean;
    };

export interface MadeLink {
  url: string;
  /** the rule text it was made from (a link for older text is not shown) */
  from: string;
  /** characters of the whole URL (all ASCII: also its bytes) */
  chars: number;
  long: boolean;
  copied: boolean | null;
}

export class ShareState {
  /** the link made with "Share link" */
  made = $state.raw<MadeLink | null>(null);
  /** why no link was made */
  makeError = $state<ShareError | null>(null);
  /** the link the page was opened with, while it is shown */
  incoming = $state.raw<Incoming | null>(null);
  /** used while the user's own edits are offered: the playbook follows the rules once they are in */
  private pendingPlaybook: { name: string; text: string; playbook: Shared['playbook'] } | null = null;
  /** each reading of a link: only the latest one's result is shown */
  private generation = 0;

  constructor(private readonly deps: ShareDeps) {}

  /** Make a link of the rules in the editor (and the playbook beside them) and copy it. */
  async make(pageUrl: string): Promise<void> {
    const r = this.deps.rules;
    const text = r.file.text;
    this.makeError = null;
    const enc = await encodeShare({ rules: text, name: r.fileName, playbook: r.playbook });
    if (!enc.ok) {
      this.made = null;
      this.makeError = enc.code;
      return;
    }
    const url = shareUrl(pageUrl, enc.payload);
    this.made = { url, from: text, chars: url.length, long: url.length > WARN_LINK_CHARS, copied: null };
    await this.copy();
  }

  /** Copy the made link (again); where the clipboard is refused the field shows it to copy. */
  async copy(): Promise<void> {
    const m = this.made;
    if (!m) return;
    let ok: boolean;
    try {
      await this.deps.writeClipboard(m.url);
      ok = true;
    } catch {
      ok = false;
    }
    if (this.made === m) this.made = { ...m, copied: ok };
  }

  closeMade(): void {
    this.made = null;
    this.makeError = null;
  }

  /** Read the link in `hash` (location.hash), if it is one; other fragments are left alone. */
  async open(hash: string): Promise<void> {
    const payload = sharePayload(hash);
    if (payload === null) return;
    const gen = ++this.generation;
    this.incoming = { phase: 'reading' };
    const dec = await decodeShare(payload);
    if (gen !== this.generation) return;
    if (!dec.ok) {
      this.incoming = { phase: 'failed', code: dec.code };
      return;
    }
    const shared = dec.shared;
    const hidden = hiddenCount(shared.rules) + (shared.playbook ? hiddenCount(shared.playbook.text) : 0);
    this.incoming = { phase: 'ready', shared, hidden, check: null, stopped: false };
    let outcome: CheckOutcome;
    try {
      outcome = await this.check(shared.rules);
    } catch {
      outcome = { stopped: true };
    }
    if (gen !== this.generation) return;
    this.incoming = 'stopped' in outcome ? { phase: 'ready', shared, hidden, check: null, stopped: true } : { phase: 'ready', shared, hidden, check: outcome.summary, stopped: false };
  }

  /** The rules' diagnostics exactly as the editor would show them (the same compiler, the loaded
   * data's columns and as-of). */
  private async check(rules: string): Promise<CheckOutcome> {
    let schema: Schema | null = null;
    try {
      schema = await this.deps.schema();
    } catch {
      schema = null;
    }
    const req: CheckRequest = { rules, schema, asOf: this.deps.asOf() };
    return this.deps.check ? this.deps.check(req) : { summary: summarize(checkNow(req)) };
  }

  /** "Use these rules": into the editor like an opened file (over the user's edits it is offered
   * first); the playbook comes with them. The link is then done with. */
  use(): void {
    const inc = this.incoming;
    if (inc?.phase !== 'ready') return;
    const { shared } = inc;
    const name = shared.name ?? SHARED_NAME;
    const r = this.deps.rules;
    r.openRuleFile(name, shared.rules);
    if (r.offered) this.pendingPlaybook = { name, text: shared.rules, playbook: shared.playbook };
    else r.playbook = shared.playbook;
    this.finish();
  }

  /** The user answered the offer (RulesState.answerOffer): the playbook follows the rules if they
   * went in. Called when `rules.offered` becomes null. */
  offerAnswered(): void {
    const p = this.pendingPlaybook;
    const r = this.deps.rules;
    if (!p || r.offered) return;
    this.pendingPlaybook = null;
    if (r.fileName === p.name && r.file.text === p.text) r.playbook = p.playbook;
  }

  /** "Dismiss": nothing changes but the address (a reload does not ask again). */
  dismiss(): void {
    this.finish();
  }

  private finish(): void {
    this.generation++;
    this.incoming = null;
    this.deps.clearFragment();
  }
}

/** The address without its `#share=` fragment (the page and query stay). */
export function withoutFragment(href: string): string {
  const u = new URL(href);
  u.hash = '';
  return u.href.replace(/#$/, '');
}
