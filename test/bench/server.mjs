// A tiny localhost static server for the browser benchmarks: several folders under URL prefixes,
// with CORS so the workbench (served on another local port) can fetch the benchmark files.
import { createServer } from 'node:http';
import sirv from 'sirv';

/** mounts: { '/data': '/abs/bench-data', '/': '/abs/dir' }. Resolves to { url, close }. */
export function serve(mounts, port = 0) {
  const handlers = Object.entries(mounts)
    .sort((a, b) => b[0].length - a[0].length)
    .map(([prefix, dir]) => [prefix, sirv(dir, { dev: true, etag: false, gzip: false, brotli: false })]);
  const server = createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cache-Control', 'no-store');
    for (const [prefix, handler] of handlers) {
      if (prefix === '/' || req.url === prefix || req.url.startsWith(prefix + '/')) {
        if (prefix !== '/') req.url = req.url.slice(prefix.length) || '/';
        return handler(req, res, () => { res.statusCode = 404; res.end('not found'); });
      }
    }
    res.statusCode = 404;
    res.end('not found');
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const { port: p } = server.address();
      resolve({ url: `http://127.0.0.1:${p}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}
