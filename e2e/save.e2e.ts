import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from './browser';
import { startPageServer, type PageServer } from './server';
import { PopupPage } from './pages/popup-page';
import { readAllStores } from './pages/extension-db';

let server: PageServer;
let ext: ExtensionBrowser;

beforeAll(async () => {
  server = await startPageServer();
  server.set('/files/report.pdf', '%PDF-1.4\n%fake\n');
  server.set('/login/', '<!doctype html><html><head><title>Sign in</title></head><body><form><input name="user"><button>Go</button></form></body></html>');
  ext = await launchWithExtension();
});

afterAll(async () => {
  await ext?.close();
  await server?.close();
});

describe('saving from the toolbar popup', () => {
  it('saves the seed article and lists it with its title, byline and published date; saving again keeps one', async () => {
    const article = await ext.context.newPage();
    await article.goto(server.url('seed-page'));
    const popup = await PopupPage.open(ext);
    await expect.poll(() => popup.pageState().textContent(), { timeout: 15_000 }).toMatch(/Not saved yet/);

    expect(await popup.save()).toMatch(/Article saved/);
    const items = popup.savedItems();
    await expect.poll(() => items.count()).toBe(1);
    const item = items.first();
    expect(await item.textContent()).toContain('Iran DM discusses cooperation with China, Russia');
    expect(await item.textContent()).toContain('By News Desk');
    expect(await item.textContent()).toContain('2024-04-26');
    await expect.poll(() => popup.pageState().textContent()).toMatch(/^Saved /);

    expect(await popup.save()).toMatch(/Article updated/);
    await popup.page.reload();
    await expect.poll(() => popup.savedItems().count()).toBe(1);
    const db = await ext.worker.evaluate(readAllStores);
    const stored = db.clippings as { title: string; byline: string; publishedTime: string; text: string }[];
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ title: 'Iran DM discusses cooperation with China, Russia', byline: 'By News Desk', publishedTime: '2024-04-26T10:00:00Z' });
    expect(stored[0]!.text).toContain('Shoigu');
    expect(stored[0]!.text).not.toContain('We use cookies');

    // Entities and dates were recognised in the background and stored with the clipping.
    const rows = db as Record<string, Record<string, string>[]>;
    const names = (rows.entities ?? []).map((e) => `${e.kind}:${e.canonical}`);
    expect(names).toEqual(expect.arrayContaining(['person:Sergei Shoigu', 'organization:Shanghai Cooperation Organization', 'place:Damascus']));
    expect(names).not.toContain('place:Caspian Sea'); // sidebar, not article
    const mentioned = (rows.dates ?? []).filter((d) => d.role === 'mentioned').map((d) => d.value);
    expect(mentioned).toEqual(expect.arrayContaining(['2024-04-01', '2024-04-13', '2024-04']));
    await popup.page.close();
    await article.close();
  });

  it('keeps a page that is not an article as a bookmark, and says so', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${server.origin}/login/`);
    const popup = await PopupPage.open(ext);
    await expect.poll(() => popup.pageState().textContent(), { timeout: 15_000 }).toMatch(/Not an article/);
    expect(await popup.save()).toMatch(/Not an article: bookmark saved/);
    await expect.poll(async () => (await popup.savedList().textContent()) ?? '').toContain('Sign in');
    await popup.page.close();
    await page.close();
  });

  it('gives a clear message on a PDF instead of failing silently', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${server.origin}/files/report.pdf`).catch(() => undefined);
    const popup = await PopupPage.open(ext);
    await expect.poll(() => popup.page.locator('.current').textContent(), { timeout: 15_000 }).toMatch(/PDF documents cannot be saved/);
    await popup.page.close();
    await page.close();
  });

  it('shows the saved badge on the toolbar for a saved page', async () => {
    const page = await ext.context.newPage();
    await page.goto(server.url('seed-page'));
    const badge = () => ext.worker.evaluate(async () => {
      const [tab] = (await chrome.tabs.query({})).filter((t) => t.url?.includes('/seed-page/')).slice(-1);
      return chrome.action.getBadgeText({ tabId: tab!.id! });
    });
    await expect.poll(badge, { timeout: 15_000 }).toBe('✓');
    await page.close();
  });
});

describe('the background refuses what it should not accept', () => {
  it('a malformed message from an extension page gets a clear error and changes nothing', async () => {
    const popup = await PopupPage.open(ext);
    const error = await popup.page.evaluate(async () => {
      const reply = await chrome.runtime.sendMessage({ id: 1, type: 'saveAnnotation', data: { id: 'not-a-uuid', pageUrl: 42 }, timestamp: Date.now() });
      return reply?.err?.message as string | undefined;
    });
    expect(error).toMatch(/Refused "saveAnnotation": malformed message/);
    await popup.page.close();
  });
});
