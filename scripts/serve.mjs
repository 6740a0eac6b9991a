#!/usr/bin/env node
// Serves a built static folder on localhost (the workbench, or a report) for `npm start` and
// the end-to-end tests. Static files only: Segmint has no server-side code.
// Usage: node scripts/serve.mjs DIR [--port N] [--open-message]
import { createServer } from 'node:http';
import sirv from 'sirv';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--')) ?? 'apps/workbench/build';
const portArg = args.indexOf('--port');
const port = Number(portArg >= 0 ? args[portArg + 1] : process.env.PORT ?? 4173);
const handler = sirv(dir, { single: true, dev: false, etag: true, gzip: false });

createServer((req, res) => handler(req, res)).listen(port, '127.0.0.1', () => {
  const url = `http://127.0.0.1:${port}/`;
  if (args.includes('--open-message')) {
    console.log(`\n  Segmint workbench is running at ${url}\n  Open it in your browser; the example data loads by itself. Ctrl+C stops it.\n`);
  } else {
    console.log(`serving ${dir} at ${url}`);
  }
});
