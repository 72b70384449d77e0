import { describe, expect, it } from 'vitest';
import { JSDOM, VirtualConsole } from 'jsdom';
import { readPage } from '@/utils/fixtures';
import { createExtractionCache } from '@/utils/live/extraction-cache';
import { extractArticle } from '@/utils/extract';
import { extractFromHtml, type PageHtml } from '@/utils/extract-html';

const windowOf = (html: string, url = 'http://127.0.0.1:4173/seed-page/') =>
  new JSDOM(html, { url, virtualConsole: new VirtualConsole() }).window as unknown as Window;

describe('the extraction cache', () => {
  it('reads the article once per page state, and again after the page changed', async () => {
    const cache = createExtractionCache(windowOf(readPage('seed-page')));
    const first = await cache.extractInSteps(false);
    expect(first.ok && first.article.text).toContain('Shoigu');
    expect(await cache.extractInSteps(true)).toBe(first); // a save reuses what painting read
    cache.drop();
    const again = await cache.extractInSteps(false);
    expect(again).not.toBe(first);
    expect(again.ok && again.article.title).toBe(first.ok && first.article.title);
  });

  it('keeps "not an article" only for unforced reads: a forced read tries again', async () => {
    const cache = createExtractionCache(windowOf('<!doctype html><html><body><nav><a href="/">Home</a></nav><p>Short.</p></body></html>', 'http://127.0.0.1/x'));
    const first = await cache.extractInSteps(false);
    expect(first.ok).toBe(false);
    expect(await cache.extractInSteps(false)).toBe(first);
    expect(await cache.extractInSteps(true)).not.toBe(first);
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
      expect(await cache.extractInSteps(true)).toBe(r); // a save reuses it
    });

    it('reads the page itself when the background cannot (null) or fails', async () => {
      for (const remote of [async () => null, async () => { throw new Error('Could not establish connection'); }]) {
        const win = windowOf(readPage('seed-page'));
        const r = await createExtractionCache(win, remote).extractInSteps(false);
        expect(r.ok && r.article.text).toContain('Shoigu');
      }
    });

    it('takes the loader\'s early answer for the same address once; for another address it asks again', async () => {
      const win = windowOf(readPage('seed-page'));
      const elsewhere = windowOf('<!doctype html><title>offscreen</title>', 'http://extension.invalid/offscreen.html');
      const early = extractFromHtml({ html: win.document.documentElement.outerHTML, url: win.location.href, baseUrl: win.document.baseURI }, elsewhere);
      let calls = 0;
      const remote = async (page: PageHtml) => { calls++; return extractFromHtml(page, elsewhere); };
      const cache = createExtractionCache(win, remote, { url: win.location.href, result: Promise.resolve(early) });
      expect(await cache.extractInSteps(false)).toBe(early);
      expect(calls).toBe(0);

      const other = createExtractionCache(windowOf(readPage('seed-page')), remote, { url: 'http://127.0.0.1:4173/elsewhere/', result: Promise.resolve(early) });
      const r = await other.extractInSteps(false);
      expect(r).not.toBe(early);
      expect(r.ok && r.article.text).toContain('Shoigu');
      expect(calls).toBe(1);
    });

    it('a page the reader asked for that is refused elsewhere is read here, as the live page is', async () => {
      // The HTML of the live tree, parsed again, is not always the same tree: mutation-XSS markup is one case.
      const win = windowOf(readPage('seed-page'));
      let asked = 0;
      const cache = createExtractionCache(win, async () => { asked++; return { ok: false, reason: 'not-article', message: 'no', title: '', url: '', canonicalUrl: '' }; });
      const painting = await cache.extractInSteps(false);
      expect(painting.ok).toBe(false); // painting takes the answer: no long task on the page for it
      const saving = await cache.extractInSteps(true);
      expect(asked).toBe(2);
      expect(saving.ok && saving.article.text).toContain('Shoigu');
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
