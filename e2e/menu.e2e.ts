import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from './browser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, startPageServer, type PageServer } from './server';
import { liveWorker } from './harness';
import { readAllStores } from './pages/extension-db';
import { ArticlePage } from './pages/article-page';
import type { SaveOutcome } from '../utils/protocol';

/**
 * The context menu (page, selection, link) and what a save made without the popup tells the reader. The browser's
 * own menu cannot be opened by a test: the tests call the background's handler of its clicks, in the worker.
 */

let server: PageServer;
let ext: ExtensionBrowser;

beforeAll(async () => {
  server = await startPageServer();
  server.set('/links/', '<!doctype html><html><head><title>Front page</title></head><body><h1>Today</h1><ul>'
    + '<li><a id="story" href="/seed-page/">Iran’s defence minister meets his counterparts</a></li>'
    + '<li><a id="gone" href="/no-such-story/">A story that was taken down</a></li></ul></body></html>');
  // a story with a photo served from here, the photo's bytes alongside
  const seed = readFileSync(join(FIXTURES, 'seed-page', 'source.html'), 'utf8').replaceAll('iran-dm-discusses-cooperation-with-china-russia', 'iran-dm-photo');
  server.set('/photo-story/', seed.replace(/(<p>According to the Russian state news agency)/, '<figure><img src="/img/meeting.png" alt="The ministers meet"><figcaption>The ministers meet in Astana.</figcaption></figure>$1'));
  server.set('/img/meeting.png', PNG, 'image/png');
  ext = await launchWithExtension();
});

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

afterAll(async () => {
  await ext?.close();
  await server?.close();
});

/** The tab of a page: by its address where the extension may see it, else the page brought to the front (a browser page). */
async function tabIdOf(page: Page): Promise<number> {
  const w = await liveWorker(ext);
  if (/^https?:/.test(page.url())) return w.evaluate(async (url) => (await chrome.tabs.query({})).find((t) => t.url === url)!.id!, page.url());
  await page.bringToFront();
  return w.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]!.id!);
}

async function menuClick(info: { menuItemId: string; linkUrl?: string; linkText?: string }, page: Page): Promise<SaveOutcome | null> {
  const tabId = await tabIdOf(page);
  const w = await liveWorker(ext);
  return w.evaluate(([info, tabId]) => (globalThis as unknown as { clipmarkMenuClicked: (i: unknown, t: number) => Promise<SaveOutcome | null> }).clipmarkMenuClicked(info, tabId), [info, tabId] as const);
}

async function db(): Promise<Record<string, Record<string, unknown>[]>> {
  return (await liveWorker(ext)).evaluate(readAllStores);
}

describe('the context menu', () => {
  it('saves a link’s article without opening it, with its entities, and says so on the page the reader is on', async () => {
    const front = await ext.context.newPage();
    await front.goto(server.url('links'));
    const pagesBefore = ext.context.pages().length;
    const out = await menuClick({ menuItemId: 'clipmark-save-link', linkUrl: server.url('seed-page'), linkText: 'Iran’s defence minister meets his counterparts' }, front);
    expect(out).toMatchObject({ ok: true, created: true, message: 'Article saved.', clipping: { title: 'Iran DM discusses cooperation with China, Russia', isArticle: true } });
    expect(ext.context.pages()).toHaveLength(pagesBefore);

    const notice = front.getByRole('status');
    await expect.poll(() => notice.textContent(), { timeout: 5_000 }).toBe('ClipmarkArticle saved. “Iran DM discusses cooperation with China, Russia”');

    const rows = await db();
    const stored = rows.clippings as unknown as { title: string; byline: string; text: string; publishedTime: string }[];
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ byline: 'By News Desk', publishedTime: '2024-04-26T10:00:00Z' });
    expect(stored[0]!.text).toContain('Shoigu');
    expect(stored[0]!.text).not.toContain('We use cookies');
    const names = (rows.entities as unknown as { kind: string; canonical: string }[]).map((e) => `${e.kind}:${e.canonical}`);
    expect(names).toEqual(expect.arrayContaining(['person:Sergei Shoigu', 'place:Damascus']));
    await front.close();
  });

  it('keeps a link whose page is gone as a bookmark under the link’s text, and says why', async () => {
    const front = await ext.context.newPage();
    await front.goto(server.url('links'));
    const out = await menuClick({ menuItemId: 'clipmark-save-link', linkUrl: `${server.origin}/no-such-story/`, linkText: 'A story that was taken down' }, front);
    expect(out).toMatchObject({ ok: true, message: 'Bookmark saved: the linked page could not be read: the site answered 404 Not Found.', clipping: { title: 'A story that was taken down', isArticle: false } });
    await expect.poll(() => front.getByRole('status').textContent(), { timeout: 5_000 }).toContain('the site answered 404');
    await front.close();
  });

  it('on a selection, highlights the passage and saves the page with it', async () => {
    const tab = await ext.context.newPage();
    await tab.goto(server.url('seed-page'));
    const article = new ArticlePage(tab);
    await expect.poll(() => article.painted('clipmark-person'), { timeout: 15_000 }).toContain('Sergei Shoigu');
    await tab.evaluate(() => {
      const p = [...document.querySelectorAll('p')].find((e) => e.textContent!.includes('readiness to deepen ties'))!;
      getSelection()!.selectAllChildren(p);
    });
    const out = await menuClick({ menuItemId: 'clipmark-save-selection' }, tab);
    expect(out).toMatchObject({ ok: true, message: 'Article updated. The passage is highlighted.' });
    await expect.poll(() => article.painted('clipmark-user-yellow')).toEqual([expect.stringContaining('Shoigu reportedly conveyed Moscow’s readiness to deepen ties')]);
    const rows = await db();
    const clipping = (rows.clippings as unknown as { id: string; url: string }[]).find((c) => c.url === server.url('seed-page'))!;
    const notes = rows.annotations as unknown as { clippingId: string; selectors: { type: string; exact?: string }[] }[];
    expect(notes).toHaveLength(1);
    expect(notes[0]!.clippingId).toBe(clipping.id);
    expect(notes[0]!.selectors.find((s) => s.type === 'TextQuoteSelector')!.exact).toContain('Shoigu reportedly conveyed');
    await tab.close();
  });

  it('keeps a saved article’s images: the reader shows them offline, from the copy kept with the clipping', async () => {
    const front = await ext.context.newPage();
    await front.goto(server.url('links'));
    const out = await menuClick({ menuItemId: 'clipmark-save-link', linkUrl: `${server.origin}/photo-story/` }, front);
    expect(out).toMatchObject({ ok: true, message: 'Article saved.' });
    const id = (out as { clipping: { id: string } }).clipping.id;
    const kept = () => liveWorker(ext).then((w) => w.evaluate(async (id) => new Promise<{ url: string; type: string; bytes: number }[]>((resolve) => {
      const open = indexedDB.open('clipmark');
      open.onsuccess = () => {
        const r = open.result.transaction('media').objectStore('media').index('clippingId').getAll(id);
        r.onsuccess = () => resolve(r.result.map((m: { url: string; type: string; bytes: number }) => ({ url: m.url, type: m.type, bytes: m.bytes })));
      };
    }), id));
    await expect.poll(kept, { timeout: 10_000 }).toEqual([{ url: `${server.origin}/img/meeting.png`, type: 'image/png', bytes: PNG.length }]);

    const reader = await ext.context.newPage();
    const asked: string[] = [];
    await reader.route('**/*', (r) => {
      if (r.request().url().startsWith('chrome-extension://')) return r.continue();
      asked.push(r.request().url());
      return r.abort(); // offline
    });
    await reader.goto(`chrome-extension://${ext.extensionId}/reader.html?id=${id}`);
    const img = reader.getByRole('img', { name: 'The ministers meet' });
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth), { timeout: 10_000 }).toBe(1);
    expect(await img.getAttribute('src')).toMatch(/^blob:chrome-extension:/);
    expect(asked).toEqual([]); // the site was not asked for it
    // nor after a delete and its undo (the page session reads a copy of this page: no address may sit in it)
    await reader.getByRole('button', { name: 'Delete' }).click();
    await reader.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth && i.src.startsWith('blob:')), { timeout: 10_000 }).toBe(true);
    await new Promise((r) => setTimeout(r, 1000));
    expect(asked).toEqual([]);
    await reader.close();
    await front.close();
  });

  it('where the browser lets no extension into the page, a failed save shows on the toolbar badge', async () => {
    const tab = await ext.context.newPage();
    await tab.goto('chrome://version');
    const out = await menuClick({ menuItemId: 'clipmark-save' }, tab);
    const message = 'Clipmark cannot read this tab: only web pages can be saved.';
    expect(out).toEqual({ ok: false, message });
    const tabId = await tabIdOf(tab);
    const badge = await (await liveWorker(ext)).evaluate(async (tabId) => [await chrome.action.getBadgeText({ tabId }), await chrome.action.getTitle({ tabId })], tabId);
    expect(badge).toEqual(['!', `Clipmark: ${message}`]);
    await tab.close();
  });
});
