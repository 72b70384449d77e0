import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';

// jsdom cannot parse some real sites' CSS; that noise is not a test result.
const quiet = () => new VirtualConsole();

/** Test helpers: the real pages in fixtures/pages, parsed with jsdom at a URL on their own site. */

export const PAGES_DIR = join(import.meta.dirname ?? __dirname, '..', 'fixtures', 'pages');

export function pageNames(): string[] {
  return readdirSync(PAGES_DIR).filter((n) => existsSync(join(PAGES_DIR, n, 'source.html')));
}

export function readPage(name: string, file = 'source.html'): string {
  return readFileSync(join(PAGES_DIR, name, file), 'utf8');
}

export function expectedMetadata(name: string): Record<string, string | null | boolean> {
  return JSON.parse(readPage(name, 'expected-metadata.json'));
}

export function loadPage(name: string, url = `http://fakehost/test/${name}/`): Document {
  return new JSDOM(readPage(name), { url, virtualConsole: quiet() }).window.document;
}

export function domFromHtml(html: string, url = 'http://fakehost/test/page.html'): Document {
  return new JSDOM(html, { url, virtualConsole: quiet() }).window.document;
}
