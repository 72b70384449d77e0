import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { EXTENSION_DIR } from './browser';

// What every web page pays for Clipmark: the built scripts themselves (deterministic, not a timing).
const read = (f: string) => readFileSync(join(EXTENSION_DIR, f));
const gz = (f: string) => gzipSync(read(f), { level: 9 }).length;

describe('what pages load', () => {
  it('the loader injected into every page stays under 30 KB gzipped and carries no Readability, Dexie or UI', () => {
    expect(gz('loader.js')).toBeLessThan(30 * 1024);
    const src = read('loader.js').toString();
    for (const marker of ['_grabArticle', 'Dexie', 'liveQuery', 'DOMPurify']) expect(src, marker).not.toContain(marker);
  });

  it('the page script (injected only where needed) carries no database and no recogniser', () => {
    const src = read('content-scripts/page.js').toString();
    for (const marker of ['Dexie', 'liveQuery', 'gazetteer']) expect(src, marker).not.toContain(marker);
  });
});
