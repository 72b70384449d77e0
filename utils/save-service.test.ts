import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDb, type ClipmarkDB } from '@/utils/db';
import { createSaveService, FULL_DISK_MESSAGE, type BrowserPort } from '@/utils/save-service';
import { extractArticle, type ExtractResult } from '@/utils/extract';
import { loadPage } from '@/utils/fixtures';

const seedUrl = 'http://127.0.0.1:4173/seed-page/';
let db: ClipmarkDB;
let badges: string[];

function port(result: ExtractResult | null, url = seedUrl): BrowserPort {
  return {
    targetTab: async () => ({ id: 7, url }),
    extract: async () => result,
    pageInfo: async () => ({ url, canonicalUrl: url, title: 'Seed', readerable: true, counts: null, highlights: 0, orphans: [] }),
    setBadge: async (_tab, text) => { badges.push(text); },
  };
}

beforeEach(async () => {
  db = openDb(`svc-${crypto.randomUUID()}`);
  await db.open();
  badges = [];
});
afterEach(() => db.delete());

describe('saveTab', () => {
  const seed = extractArticle(loadPage('seed-page', seedUrl), { url: seedUrl });

  it('saves the article with its entities and dates and badges the tab', async () => {
    const svc = createSaveService({
      db, browser: port(seed),
      analyze: async () => ({ entities: [{ kind: 'person', canonical: 'Sergei Shoigu', surfaces: ['Shoigu'], mentions: 2 }], dates: [{ value: '2024-04-13', precision: 'day', text: 'April 13' }] }),
    });
    const out = await svc.saveTab();
    expect(out).toMatchObject({ ok: true, created: true, message: 'Article saved.' });
    await vi.waitFor(() => expect(badges).toEqual(['✓']));
    expect(await db.entities.count()).toBe(1);
    expect(await db.dates.where('[role+value]').equals(['mentioned', '2024-04-13']).count()).toBe(1);
  });

  it('still saves the article when entity recognition fails', async () => {
    const svc = createSaveService({ db, browser: port(seed), analyze: async () => { throw new Error('model missing'); } });
    expect(await svc.saveTab()).toMatchObject({ ok: true });
    expect(await db.clippings.count()).toBe(1);
  });

  it('a full disk gives a clear message and leaves nothing half-written', async () => {
    const svc = createSaveService({
      db, browser: port(seed),
      afterSave: async () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); },
    });
    const out = await svc.saveTab();
    expect(out).toEqual({ ok: false, message: FULL_DISK_MESSAGE });
    expect(await db.clippings.count()).toBe(0);
    expect(await db.dates.count()).toBe(0);
  });

  it('refuses restricted pages with the reason, without asking the page', async () => {
    const svc = createSaveService({ db, browser: port(null, 'chrome://settings') });
    expect(await svc.saveTab()).toMatchObject({ ok: false, message: expect.stringMatching(/Browser pages/) });
  });

  it('says so when the page cannot be reached', async () => {
    const svc = createSaveService({ db, browser: port(null) });
    expect(await svc.saveTab()).toMatchObject({ ok: false, message: expect.stringMatching(/cannot read this page/) });
  });
});

describe('annotations from content scripts', () => {
  const sender = { id: 'x', url: 'https://news.example/a', tab: { id: 1, url: 'https://news.example/a' } };
  const input = {
    id: '6f1c2a4e-3b8d-4a8e-9c1d-2f3e4a5b6c7d', pageUrl: 'https://news.example/a', color: 'green' as const, note: 'n',
    selectors: [{ type: 'TextQuoteSelector' as const, exact: 'a', prefix: '', suffix: '' }],
  };
  it('a page may change its own highlights but not another site’s', async () => {
    const svc = createSaveService({ db, browser: port(null) });
    await svc.saveAnnotation(input, sender, 'content');
    expect(await svc.listAnnotations('https://news.example/a', sender, 'content')).toHaveLength(1);
    await expect(svc.saveAnnotation({ ...input, pageUrl: 'https://bank.example/' }, sender, 'content')).rejects.toThrow(/only see and change its own/);
    await expect(svc.listAnnotations('https://bank.example/', sender, 'content')).rejects.toThrow(/only see and change its own/);
    const other = { ...sender, url: 'https://evil.example/', tab: { id: 2, url: 'https://evil.example/' } };
    await expect(svc.deleteAnnotation(input.id, other, 'content')).rejects.toThrow(/only see and change its own/);
    expect(await db.annotations.count()).toBe(1);
  });
});

describe('delete with undo', () => {
  it('undo brings the clipping back', async () => {
    const svc = createSaveService({ db, browser: port(extractArticle(loadPage('seed-page', seedUrl), { url: seedUrl })) });
    const saved = await svc.saveTab();
    if (!saved.ok) throw new Error(saved.message);
    const { token } = await svc.removeClipping(saved.clipping.id);
    expect(await db.clippings.count()).toBe(0);
    expect(await svc.undoDelete(token!)).toBe(true);
    expect((await db.clippings.get(saved.clipping.id))?.title).toBe('Iran DM discusses cooperation with China, Russia');
  });
});

describe('saveLink (the context menu on a link)', () => {
  const seed = extractArticle(loadPage('seed-page', seedUrl), { url: seedUrl });
  const analyze = async () => ({ entities: [{ kind: 'person' as const, canonical: 'Sergei Shoigu', surfaces: ['Shoigu'], mentions: 2 }], dates: [] });

  it('saves the linked article with its entities, without touching the tab the reader is on', async () => {
    const asked: string[] = [];
    const svc = createSaveService({ db, browser: port(null, 'https://elsewhere.example/'), analyze, readLink: async (url) => (asked.push(url), { url: seedUrl, extracted: seed }) });
    const out = await svc.saveLink('https://short.example/x', 'Iran DM meets');
    expect(out).toMatchObject({ ok: true, created: true, message: 'Article saved.', clipping: { title: 'Iran DM discusses cooperation with China, Russia', isArticle: true } });
    expect(asked).toEqual(['https://short.example/x']);
    expect(await db.entities.count()).toBe(1);
    expect(badges).toEqual([]);
  });

  it('keeps a link whose page cannot be fetched as a bookmark under the link’s text, and says why', async () => {
    const svc = createSaveService({ db, browser: port(null), analyze, readLink: async (url) => ({ url, failed: 'the site answered 404 Not Found' }) });
    const out = await svc.saveLink('https://news.example/gone?utm_source=x', '  Gone story  ');
    expect(out).toMatchObject({ ok: true, message: 'Bookmark saved: the linked page could not be read: the site answered 404 Not Found.', clipping: { title: 'Gone story', isArticle: false } });
    const [c] = await db.clippings.toArray();
    expect(c).toMatchObject({ url: 'https://news.example/gone?utm_source=x', canonicalUrl: 'https://news.example/gone', title: 'Gone story', isArticle: false });
    // saved again once the page can be read: the same clipping, now an article
    if (!seed.ok) throw new Error('the seed page is an article');
    const moved: ExtractResult = { ok: true, article: { ...seed.article, url: 'https://news.example/gone', canonicalUrl: 'https://news.example/gone' } };
    const again = createSaveService({ db, browser: port(null), analyze, readLink: async () => ({ url: 'https://news.example/gone', extracted: moved }) });
    expect(await again.saveLink('https://news.example/gone')).toMatchObject({ ok: true, created: false, message: 'Article updated.' });
    expect(await db.clippings.count()).toBe(1);
    // offline again: the article saved is kept as it is, and the message says so
    expect(await svc.saveLink('https://news.example/gone')).toMatchObject({ ok: true, created: false, message: 'Already saved as an article, and kept as it was: the linked page could not be read: the site answered 404 Not Found.' });
    expect(await db.clippings.get((await db.clippings.toArray())[0]!.id)).toMatchObject({ isArticle: true, title: 'Iran DM discusses cooperation with China, Russia' });
  });

  it('does not replace an article saved with more text by a shorter copy fetched from a link', async () => {
    if (!seed.ok) throw new Error('the seed page is an article');
    const fromTab = createSaveService({ db, browser: port(seed), analyze });
    expect(await fromTab.saveTab()).toMatchObject({ ok: true, created: true });
    const shorter: ExtractResult = { ok: true, article: { ...seed.article, text: seed.article.text.slice(0, 400) } };
    const svc = createSaveService({ db, browser: port(null), analyze, readLink: async () => ({ url: seedUrl, extracted: shorter }) });
    const out = await svc.saveLink(seedUrl);
    expect(out).toMatchObject({ ok: true, created: false, message: expect.stringMatching(/^Already saved, and kept as it was: the linked page now gives less of the article \(\d+ words against \d+\)/) });
    expect((await db.clippings.toArray())[0]!.text).toBe(seed.article.text);
    // as long a copy updates it
    const same = createSaveService({ db, browser: port(null), analyze, readLink: async () => ({ url: seedUrl, extracted: seed }) });
    expect(await same.saveLink(seedUrl)).toMatchObject({ ok: true, created: false, message: 'Article updated.' });
  });

  it('keeps a linked page that is not an article as a bookmark under its own title', async () => {
    const svc = createSaveService({ db, browser: port(null), readLink: async (url) => ({ url, extracted: { ok: false, reason: 'not-article', message: 'Not an article', title: 'Shop — Home', url, canonicalUrl: url } }) });
    expect(await svc.saveLink('https://shop.example/', 'a shop')).toMatchObject({ ok: true, message: 'Not an article: bookmark saved.', clipping: { title: 'Shop — Home' } });
  });

  it('refuses a link that is not to a web page, and keeps nothing', async () => {
    const svc = createSaveService({ db, browser: port(null), readLink: async (url) => ({ url, refused: 'Clipmark can only save links to web pages (http or https).' }) });
    expect(await svc.saveLink('mailto:a@b.example')).toEqual({ ok: false, message: 'Clipmark can only save links to web pages (http or https).' });
    expect(await db.clippings.count()).toBe(0);
  });

  it('a full disk while saving a link gives the clear message', async () => {
    const svc = createSaveService({ db, browser: port(null), readLink: async () => ({ url: seedUrl, extracted: seed }) });
    vi.spyOn(db.clippings, 'add').mockRejectedValueOnce(Object.assign(new Error('quota'), { name: 'QuotaExceededError' }));
    vi.spyOn(db.clippings, 'put').mockRejectedValueOnce(Object.assign(new Error('quota'), { name: 'QuotaExceededError' }));
    expect(await svc.saveLink(seedUrl)).toEqual({ ok: false, message: FULL_DISK_MESSAGE });
    expect(await db.clippings.count()).toBe(0);
  });
});
