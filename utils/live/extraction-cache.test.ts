import { describe, expect, it } from 'vitest';
import { JSDOM, VirtualConsole } from 'jsdom';
import { readPage } from '@/utils/fixtures';
import { createExtractionCache } from '@/utils/live/extraction-cache';

const windowOf = (html: string, url = 'http://127.0.0.1:4173/seed-page/') =>
  new JSDOM(html, { url, virtualConsole: new VirtualConsole() }).window as unknown as Window;

describe('the extraction cache', () => {
  it('reads the article once per page state, in steps or at once, and again after the page changed', async () => {
    const cache = createExtractionCache(windowOf(readPage('seed-page')));
    const stepped = await cache.extractInSteps(false);
    expect(stepped.ok && stepped.article.text).toContain('Shoigu');
    expect(cache.extract(false)).toBe(stepped);
    cache.drop();
    const again = cache.extract(false);
    expect(again).not.toBe(stepped);
    expect(again.ok && again.article.title).toBe(stepped.ok && stepped.article.title);
  });

  it('keeps "not an article" only for unforced reads: a forced read tries again', () => {
    const cache = createExtractionCache(windowOf('<!doctype html><html><body><nav><a href="/">Home</a></nav><p>Short.</p></body></html>', 'http://127.0.0.1/x'));
    const first = cache.extract(false);
    expect(first.ok).toBe(false);
    expect(cache.extract(false)).toBe(first);
    expect(cache.extract(true)).not.toBe(first);
  });
});
