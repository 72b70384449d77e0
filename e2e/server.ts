import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, normalize } from 'node:path';

/**
 * Serves the fixture pages on loopback: /<name>/ is fixtures/pages/<name>/source.html.
 * Tests can add pages of their own (modified copies, hostile pages) with serve.set(path, html).
 */
export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'pages');

export interface PageServer {
  origin: string;
  url(name: string): string;
  /** Serves `body` at `path` (HTML unless `type` says otherwise: an image, say). */
  set(path: string, body: string | Buffer, type?: string): void;
  close(): Promise<void>;
}

export async function startPageServer(root = FIXTURES, port = 0): Promise<PageServer> {
  const overrides = new Map<string, { body: string | Buffer; type: string }>();
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const custom = overrides.get(path);
    if (custom != null) {
      res.writeHead(200, { 'content-type': custom.type });
      res.end(custom.body);
      return;
    }
    const name = normalize(path).split('/').filter(Boolean)[0];
    const file = name ? join(root, name, 'source.html') : '';
    if (!name || name.includes('..') || !existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(await readFile(file));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const addr = server.address();
  const origin = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : port}`;
  return {
    origin,
    url: (name) => `${origin}/${name}/`,
    set: (path, body, type = 'text/html; charset=utf-8') => void overrides.set(path, { body, type }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
