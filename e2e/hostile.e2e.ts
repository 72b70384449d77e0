import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_DIR, launchWithExtension, type ExtensionBrowser } from './browser';
import { ExtensionLog, ExtensionPage, saveTab, startRawServer, tabIdOf, type RawServer, type StoredClipping } from './harness';
import { hostileHtml, hostileNames, liveConstructs, markupIn, payloadCount } from '../fixtures/hostile/inert';
import { JSDOM } from 'jsdom';

/**
 * Hostile pages (fixtures/hostile) saved through the extension, then shown in Clipmark's own pages. A payload that runs
 * sets window.__pwned and fetches the beacon (this spec's loopback server, which logs every hit); extension pages also
 * report CSP violations. In the hostile web page itself payloads may run: that is the page's business, and proves the
 * payloads are live. In Clipmark's pages nothing may run, nothing may be fetched, no CSP violation may even be tried.
 */

const names = hostileNames();
const READER = existsSync(join(EXTENSION_DIR, 'reader.html'));

let raw: RawServer;
let ext: ExtensionBrowser;
let log: ExtensionLog;
let from: ExtensionPage;
const saved = new Map<string, StoredClipping>();

beforeAll(async () => {
  raw = await startRawServer();
  for (const n of names) raw.set(`/hostile/${n}/`, hostileHtml(n, raw.origin));
  ext = await launchWithExtension();
  log = new ExtensionLog(ext);
  from = await ExtensionPage.open(ext);
}, 120_000);

afterAll(async () => {
  await from?.close();
  await ext?.close();
  await raw?.close();
});

const beaconHits = (since = 0) => raw.hits.slice(since).filter((h) => h.path.startsWith('/hit/'));

/** Watches an extension page from before its first script: CSP violations, the flag, clobbered globals. */
async function watchedExtensionPage(url: string): Promise<Page> {
  const page = await ext.context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`));
  });
  await page.goto(url);
  return page;
}

interface Verdict { pwned: unknown; csp: string[]; clobbered: string[] }

function verdict(page: Page): Promise<Verdict> {
  return page.evaluate(() => {
    const w = window as unknown as { __pwned?: unknown; __csp: string[] };
    const clobbered: string[] = [];
    if (!(document.body instanceof HTMLBodyElement)) clobbered.push('document.body');
    for (const fn of ['getElementById', 'querySelector', 'createElement', 'cloneNode'] as const) {
      if (typeof (document as unknown as Record<string, unknown>)[fn] !== 'function') clobbered.push(`document.${fn}`);
    }
    if (typeof document.cookie !== 'string') clobbered.push('document.cookie');
    return { pwned: w.__pwned === undefined ? undefined : String(w.__pwned), csp: w.__csp, clobbered };
  });
}

/**
 * Shows a saved clipping in an extension page and asserts that nothing ran. `show` puts it on screen (the popup's
 * list; the reader page; an export preview later) and returns when it is there.
 */
async function assertInertIn(url: string, show: (page: Page) => Promise<void>) {
  const hitsBefore = raw.hits.length;
  const mark = log.mark();
  const page = await watchedExtensionPage(url);
  await show(page);
  await page.waitForTimeout(400);
  const v = await verdict(page);
  await page.close();
  expect(v.pwned, 'a payload set window.__pwned in an extension page').toBeUndefined();
  expect(v.csp, 'CSP violations in an extension page').toEqual([]);
  expect(v.clobbered, 'document properties clobbered').toEqual([]);
  expect(beaconHits(hitsBefore).map((h) => h.path), 'beacon fetched from an extension page').toEqual([]);
  // Images of the article that are not there (404, or aborted off loopback) are not payloads; anything else logged is.
  const logged = log.since(mark).filter((l) => l.where === 'extension-page' && !/^Failed to load resource/.test(l.text));
  expect(logged, 'console errors in extension pages').toEqual([]);
}

describe('the watch on extension pages is not blind', () => {
  it('a live payload put into an extension page is caught: CSP violation reported, beacon not reached', async () => {
    const page = await watchedExtensionPage(ext.popupUrl);
    await page.evaluate((beacon) => {
      const div = document.createElement('div');
      div.innerHTML = `<img src="x" onerror="window.__pwned=1;fetch('${beacon}/hit/control')">`;
      document.body.append(div);
    }, raw.origin);
    await expect.poll(async () => (await verdict(page)).csp.length, { timeout: 5_000 }).toBeGreaterThan(0);
    expect((await verdict(page)).pwned).toBeUndefined();
    await page.close();
  });
});

describe(`hostile pages (${names.length} pages, ${names.reduce((n, p) => n + payloadCount(p), 0)} payloads)`, () => {
  it.each(names)('%s: saved, shown in the popup and rendered in an extension page — nothing runs, nothing stored is live', async (name) => {
    const url = `${raw.origin}/hostile/${name}/`;
    const web = await ext.context.newPage();
    web.on('dialog', (d) => void d.dismiss());
    await web.goto(url, { waitUntil: 'load' });
    if (process.env.DEBUG_HOSTILE) console.log(name, 'loaded');
    const tabId = await tabIdOf(ext, url);
    // What the popup asks first when it opens on the page: it answers, the page did not hang it.
    const status = await Promise.race([from.send<{ access: string }>('tabStatus', { tabId }), new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
    expect(status?.res?.access, JSON.stringify(status)).toBe('ok');
    const { reply } = await saveTab(from, tabId, 20_000);
    if (process.env.DEBUG_HOSTILE) console.log(name, 'saved', JSON.stringify(reply).slice(0, 300));
    await web.close();
    expect(reply?.err, reply?.err?.message).toBeUndefined();
    expect(reply?.res?.ok, reply?.res?.message).toBe(true);
    const clipping = (await from.readClipping(reply!.res!.clipping!.id))!;
    expect(clipping).not.toBeNull();
    saved.set(name, clipping);

    // What is stored: inert html, plain-text metadata, web URLs only.
    expect(liveConstructs(clipping.html, new JSDOM('').window.document)).toEqual([]);
    for (const field of ['title', 'byline', 'siteName', 'excerpt'] as const) expect(markupIn(clipping[field]), `${field}: ${clipping[field]}`).toBeNull();
    expect(clipping.canonicalUrl).toMatch(/^https?:\/\//);
    expect(clipping.url).toMatch(/^https?:\/\//);

    // The popup lists it: its title as text, no element of the page's making.
    await assertInertIn(ext.popupUrl, async (page) => {
      const item = page.locator(`li[data-clipping-id="${clipping.id}"]`);
      await item.waitFor({ timeout: 15_000 });
      expect(await item.locator('.clipping-title').textContent()).toBe(clipping.title);
      const tags = await item.evaluate((li) => [...new Set(Array.from(li.querySelectorAll('*'), (e) => e.localName))]);
      expect(tags.filter((t) => !['a', 'button', 'span'].includes(t))).toEqual([]);
    });

    // The stored article html put into an extension page (as any view of the article will): nothing runs.
    await assertInertIn(ext.popupUrl, async (page) => {
      await page.evaluate((html) => {
        const article = document.createElement('article');
        article.innerHTML = html;
        document.body.append(article);
        // Hovering, focusing and clicking are what readers do; a javascript: link or handler would run now.
        for (const el of Array.from(article.querySelectorAll<HTMLElement>('*'))) {
          el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
          el.dispatchEvent(new FocusEvent('focus'));
        }
        for (const a of Array.from(article.querySelectorAll<HTMLAnchorElement>('a[href]'))) a.addEventListener('click', (e) => e.preventDefault());
      }, clipping.html);
    });
  });

  it('the payloads are live: in the hostile web pages themselves they ran and reached the beacon', () => {
    const fromPages = beaconHits().filter((h) => /from=http/.test(h.path));
    expect(fromPages.length).toBeGreaterThanOrEqual(10);
    expect(beaconHits().filter((h) => /from=chrome-extension/.test(h.path))).toEqual([]);
    expect(log.errors().filter((l) => l.where !== 'extension-page')).toEqual([]);
  });

  // Skipped (and reported as such) only in a build without the reader page.
  it.skipIf(!READER)('reader.html shows each hostile clipping — nothing runs', async () => {
    expect(saved.size).toBe(names.length);
    for (const [name, clipping] of saved) {
      await assertInertIn(`chrome-extension://${ext.extensionId}/reader.html?id=${encodeURIComponent(clipping.id)}`, async (page) => {
        await page.waitForLoadState('load');
        await page.locator('main.reader article h1').waitFor({ timeout: 15_000 });
        expect(await page.locator('body').innerText(), name).toContain('river embankment');
      });
    }
  });
});
