// "No English in the Chinese UI": the English words a page shows outside what is not UI text.
// Collected in the page: the visible text of the document and the aria-label, title and
// placeholder of visible elements, leaving out what is marked as not to be translated
// (translate="no": user data, file and column names, rule text and segment names), code
// (<code>, <pre>, <kbd>, the CodeMirror editors), scripts and styles, hidden elements, and the
// language select's "English" (a language's own name). Text quoted in backticks is code (the
// checker's messages quote rule text so). A test may also name the data it put on screen itself
// (`data`: file names, column names, values), which a message may quote inside translated text;
// so is the text of any translate="no" element quoted elsewhere (the drilled segment's label in
// the customer table's heading).
import type { Page } from '@playwright/test';

/**
 * Names that stay as they are in a Chinese UI (each one a product, a format, a standard, a key
 * cap, a unit or a letter of the rules language, not a word to translate):
 * - Segmint: the product's name.
 * - DuckDB, Wasm (DuckDB-Wasm), Excel, Chrome, Edge, Firefox, Chromium: names of products.
 * - CSV, TSV, TXT, xlsx, xls, Parquet, JSON, NDJSON, SQL, YAML, seg: file formats and their
 *   extensions (Chinese UIs write them in latin letters: "CSV 文件").
 * - OPFS, IndexedDB, UTF (UTF-8), GB (GB18030), BOM, CRLF: browser storage and text encoding
 *   standards, written as their specifications name them (the encoding choices themselves,
 *   UTF-16LE, SHIFT_JIS..., are labels marked translate="no").
 * - AOV, RFM: metric names that are also names in rules (R, F, M, T are single letters, and
 *   single letters are not counted as words, nor is the day unit `d` of 30d).
 * - Ctrl, Shift, Alt, Space, Enter, Tab, Esc, Home, End, Page: key caps (printed on the keyboard).
 * - KPI: written in latin letters in Chinese business text (a playbook's column).
 * - localStorage: the name of a browser API (like IndexedDB), in the "what is stored" list.
 * - KB, MB, GB, TB: byte units.
 * - YYYY, MM, DD: date pattern letters (日在前（DD/MM/YYYY）), as Chinese software writes them;
 *   the engine's messages name the date order choice by the same words.
 */
export const ALLOWED = [
  'Segmint',
  'DuckDB', 'Wasm', 'Excel', 'Chrome', 'Edge', 'Firefox', 'Chromium',
  'CSV', 'TSV', 'TXT', 'xlsx', 'xls', 'Parquet', 'JSON', 'NDJSON', 'SQL', 'YAML', 'yaml', 'yml', 'seg',
  'OPFS', 'IndexedDB', 'UTF', 'GB', 'BOM', 'CRLF',
  'AOV', 'RFM',
  'Ctrl', 'Shift', 'Alt', 'Space', 'Enter', 'Tab', 'Esc', 'Home', 'End', 'Page',
  'KPI', 'localStorage',
  'KB', 'MB', 'TB',
  'YYYY', 'MM', 'DD'
] as const;

/** The English words the page shows (latin words of 2+ letters, minus ALLOWED and `data`), each
 * as `word ‹the text it is in›` (once per text). */
export async function englishWords(page: Page, data: readonly string[] = []): Promise<string[]> {
  const { texts, quoted } = await page.evaluate(() => {
    const SKIP = '[translate="no"], code, pre, kbd, .cm-editor, script, style, noscript, template, svg';
    const out: string[] = [];
    /** shown: not inside a skipped element, rendered (a closed <details> hides its body) */
    const shown = (el: Element): boolean => {
      if (el.closest(SKIP)) return false;
      // an option is shown when its select is (its list opens on a click)
      const box = el.closest('select') ?? el;
      if (box.closest('[hidden], [aria-hidden="true"]') && !box.closest('.visually-hidden')) return false;
      if (box.classList.contains('visually-hidden') || box.closest('.visually-hidden')) return true; // read by screen readers
      return box.checkVisibility({ visibilityProperty: true });
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      const text = n.textContent?.trim() ?? '';
      if (!parent || !text || !shown(parent)) continue;
      // a language's own name in the language switch
      if (parent.matches('#language option[value="en"]')) continue;
      out.push(text);
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      if (!shown(el)) continue;
      for (const a of ['aria-label', 'title', 'placeholder']) {
        const v = el.getAttribute(a)?.trim();
        if (v) out.push(v);
      }
    }
    out.push(document.title);
    // what the page shows as data (translate="no"), which a message or an attribute may quote:
    // the heading "分群 {segment label} 的客户", "按 {column} 排序" on a column's header
    const quoted = [...document.querySelectorAll('[translate="no"]')].map((n) => n.textContent?.trim() ?? '');
    return { texts: out, quoted };
  });
  const allowed = new Set<string>(ALLOWED);
  // data, longest first (a file name before a column name in it), as whole words (a column
  // `amount` does not cut "amounts" in a sentence)
  const escape = (d: string) => d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const dataShown = [...new Set([...data, ...quoted])]
    .filter((d) => /[A-Za-z]{2}/.test(d))
    .sort((a, b) => b.length - a.length)
    .map((d) => new RegExp(`(?<![A-Za-z])${escape(d)}(?![A-Za-z])`, 'g'));
  const found = new Set<string>();
  for (const original of texts) {
    let text = original.replace(/`[^`]*`/g, ' ');
    for (const d of dataShown) text = text.replace(d, ' ');
    // latin words of 2+ letters (a digit or a hyphen ends a word: UTF-8, GB18030, DuckDB-Wasm)
    for (const [word] of text.matchAll(/[A-Za-z]{2,}/g)) {
      if (!allowed.has(word)) found.add(`${word} ‹${original.slice(0, 160)}›`);
    }
  }
  return [...found];
}
