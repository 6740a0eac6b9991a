// The strategy layer's ONE escaping function for HTML, and its CSV and Markdown cell quoting.
// Every user-supplied text (segment ids and labels, playbook text, customer values, file names)
// goes through these before it reaches a report.

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;'
};

/** Escape text for HTML element content AND quoted attribute values. */
export function escapeHtml(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  // NUL and other C0 controls (except tab/newline/CR) have no business in a report.
  return text.replace(/[&<>"'`]/g, (c) => HTML_ESCAPES[c] ?? c).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '\uFFFD');
}

/** One CSV field (RFC 4180). Text that a spreadsheet would run as a formula (=, +, -, @, tab,
 * CR at the start) is prefixed with an apostrophe: CSV exports go to CRMs and Excel. Numbers are
 * written in full precision. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly unknown[]): string {
  return values.map(csvCell).join(',');
}

/** Text inside a Markdown table cell: HTML-escaped (Markdown viewers render HTML), pipes and
 * line breaks neutralised. */
export function mdCell(value: unknown): string {
  return escapeHtml(value)
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ');
}

/** Markdown text outside tables: HTML-escaped, with the characters of Markdown links and images
 * (`[`, `]`) and backslashes escaped, so user text cannot inject links, images or HTML. */
export function mdText(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return escapeHtml(text.replace(/([\\[\]|])/g, '\\$1').replace(/\r?\n/g, ' '));
}
