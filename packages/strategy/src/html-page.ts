// The document shell of Segmint's self-contained HTML pages (segment report, migration review):
// no scripts, no external assets, a CSP that allows nothing but inline styles and data images.
import { escapeHtml } from './escape.js';
import type { Lang } from './format.js';

/** A whole HTML page; `title` is escaped here, `css` and `body` are markup built by the caller
 * (which escapes every user text it puts in them). */
export function htmlPage(lang: Lang, title: string, css: string, body: string): string {
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
</head>
<body>
${body}</body>
</html>
`;
}
