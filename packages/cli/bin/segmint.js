#!/usr/bin/env node
// Entry point of the `segmint` command. The TypeScript sources are built to dist/ by the
// root `npm install` (its `prepare` script); this shim keeps the bin link valid before that.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('segmint: the command is not built yet. Run `npm install` (or `npm run build`) at the repository root.\n');
  process.exit(2);
}
await import(main.href);
