import { describe, expect, it } from 'vitest';
import { JSDOM, VirtualConsole } from 'jsdom';
import { readPage } from '@/utils/fixtures';
import { createExtractionCache } from '@/utils/live/extraction-cache';
import { extractArticle } from '@/utils/extract';
import { extractFromHtml, type PageHtml } from '@/utils/extract-html';

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

  describe('reading the page elsewhere (the background\'s extractHtml)', () => {
    const SHOP = '<!doctype html><html><body><nav><a href="/">Home</a></nav><p>Short.</p></body></html>';

    it('sends the page\'s HTML, address and base, and keeps what comes back', async () => {
      const win = windowOf(readPage('seed-page'));
      const asked: PageHtml[] = [];
      const elsewhere = windowOf('<!doctype html><title>offscreen</title>', 'http://extension.invalid/offscreen.html');
      const cache = createExtractionCache(win, async (page) => { asked.push(page); return extractFromHtml(page, elsewhere); });
      const r = await cache.extractInSteps(false);
      expect(asked).toHaveLength(1);
      expect(asked[0]!.url).toBe('http://127.0.0.1:4173/seed-page/');
      expect(asked[0]!.baseUrl).toBe('http://127.0.0.1:4173/seed-page/');
      expect(asked[0]!.html).toContain('Shoigu');
      expect(r).toEqual(extractArticle(win.document, { url: 'http://127.0.0.1:4173/seed-page/' }));
      expect(cache.extract(false)).toBe(r); // a save reuses it
    });

    it('reads the page itself when the background cannot (null) or fails', async () => {
      for (const remote of [async () => null, async () => { throw new Error('Could not establish connection'); }]) {
        const win = windowOf(readPage('seed-page'));
        const r = await createExtractionCache(win, remote).extractInSteps(false);
        expect(r.ok && r.article.text).toContain('Shoigu');
      }
    });

    it('a page that is not an article is answered on the page, and its HTML is not sent', async () => {
      let calls = 0;
      const cache = createExtractionCache(windowOf(SHOP, 'http://127.0.0.1/shop'), async () => { calls++; return null; });
      const r = await cache.extractInSteps(false);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.reason).toBe('not-article');
      expect(calls).toBe(0);
    });
  });
});
