import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { launchWithExtension, type ExtensionBrowser } from './browser';
import { startPageServer, type PageServer } from './server';
import { PopupPage } from './pages/popup-page';
import { ArticlePage } from './pages/article-page';
import { readAllStores } from './pages/extension-db';
import { liveWorker, stopWorker } from './harness';

let server: PageServer;
let ext: ExtensionBrowser;
const SEED_TITLE = 'Iran DM discusses cooperation with China, Russia';

/** Everything in the extension's database, ids of auto-numbered rows left out, in a stable order. */
async function dump(e: ExtensionBrowser) {
  const all = await e.worker.evaluate(readAllStores);
  const rows = (store: string, drop: string[]) =>
    (all[store] ?? []).map((r) => JSON.stringify({ ...r, ...Object.fromEntries(drop.map((k) => [k, undefined])) })).sort();
  return {
    clippings: rows('clippings', ['id']),
    annotations: rows('annotations', ['clippingId']),
    entities: rows('entities', ['id', 'clippingId']),
    dates: rows('dates', ['id', 'clippingId']),
  };
}

beforeAll(async () => {
  server = await startPageServer();
  ext = await launchWithExtension();
  // Three news pages saved through the popup, with a highlight on the seed article.
  for (const name of ['bbc-1', 'nytimes-1', 'seed-page']) {
    const page = new ArticlePage(await ext.context.newPage());
    await page.page.goto(server.url(name));
    if (name === 'seed-page') {
      await page.legend().waitFor({ timeout: 20_000 });
      await page.highlightWithNote('barrage of drones and missiles', 'Retaliation for April 1', 'article');
    }
    const popup = await PopupPage.open(ext);
    expect(await popup.save()).toMatch(/Article saved/);
    await popup.page.close();
    await page.page.close();
  }
});
afterAll(async () => {
  await ext?.close();
  await server?.close();
});

describe('the popup on open', () => {
  it('lists the recent clippings newest first, read before its modules load (popup-early.js) and then kept by its live query', async () => {
    const popup = await PopupPage.open(ext);
    await popup.savedItems().first().waitFor();
    expect(await popup.savedItems().count()).toBe(3);
    // The early read ran in this Chromium (plain IndexedDB, no Dexie) and found what the list shows.
    const early = await popup.page.evaluate(async () => {
      const e = (globalThis as unknown as { __clipmarkRecent?: { done: Promise<{ title: string }[] | null> } }).__clipmarkRecent;
      return e ? (await e.done)?.map((c) => c.title) ?? null : 'missing';
    });
    expect(early).toEqual([SEED_TITLE, expect.any(String), expect.any(String)]);
    expect(await popup.savedItems().first().textContent()).toContain(SEED_TITLE);
    await popup.page.close();
  });
});

describe('the popup opened from the toolbar', () => {
  it('comes with its recent list from the background, or from a copy, made under its own version only; a delete or its undo makes both unused', async () => {
    const worker = await liveWorker(ext);
    const toolbarUrl = () => worker.evaluate(() => chrome.action.getPopup({}));
    const open = async () => {
      const page = await ext.context.newPage();
      await page.goto(await toolbarUrl());
      const popup = new PopupPage(page);
      await popup.savedItems().first().waitFor();
      const source = await page.evaluate(() => performance.getEntriesByName('clipmark:recent-served').length > 0 ? 'served'
        : performance.getEntriesByName('clipmark:recent-from-copy').length > 0 ? 'copy' : 'database');
      return { popup, source, titles: await popup.savedItems().allTextContents() };
    };
    // Whether the background has the page of `url` made: an extension page's fetch of it goes to the worker, as
    // the popup's own load does.
    const probe = await ext.context.newPage();
    await probe.goto(`chrome-extension://${ext.extensionId}/options.html`);
    const servedNow = (url: string) => probe.evaluate(async (u) => (await (await fetch(u)).text()).includes('clipmark-recent-served'), url);

    const v1 = await toolbarUrl();
    expect(v1).toMatch(/popup\.html\?v=\w+/);
    await expect.poll(() => servedNow(v1), { timeout: 5_000 }).toBe(true);
    const first = await open();
    // served with its list by the running worker: no database read before it is shown
    expect(first.source).toBe('served');
    expect(first.titles).toHaveLength(3);
    expect(first.titles[0]).toContain(SEED_TITLE);
    await first.popup.page.close();

    // deleting the seed clipping (in the reader) gives the toolbar a new address: neither the page made for the
    // old one nor its copy is used, and the page made for the new one lists what is left
    const id = ((await ext.worker.evaluate(readAllStores)).clippings as { id: string; title: string }[]).find((c) => c.title === SEED_TITLE)!.id;
    const reader = await ext.context.newPage();
    await reader.goto(`chrome-extension://${ext.extensionId}/reader.html?id=${id}`);
    await reader.getByRole('button', { name: 'Delete' }).click();
    await reader.getByRole('button', { name: 'Undo' }).waitFor();
    await expect.poll(toolbarUrl, { timeout: 5_000 }).not.toBe(v1);
    expect(await servedNow(v1)).toBe(false);
    const after = await open();
    expect(after.source).not.toBe('copy');
    expect(after.titles).toHaveLength(2);
    expect(after.titles.join(' ')).not.toContain(SEED_TITLE);
    await after.popup.page.close();
    const v2 = await toolbarUrl();
    await expect.poll(() => servedNow(v2), { timeout: 5_000 }).toBe(true);
    const served2 = await open();
    expect(served2.source).toBe('served');
    expect(served2.titles).toEqual(after.titles);
    await served2.popup.page.close();

    // undone: a new version again, and the clipping is back in the list
    await reader.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(toolbarUrl, { timeout: 5_000 }).not.toBe(v2);
    await reader.close();
    const back = await open();
    expect(back.source).not.toBe('copy');
    expect(back.titles[0]).toContain(SEED_TITLE);
    await back.popup.page.close();
    await probe.close();

    // the worker stopped (as after 30 s without events): the packaged page loads without starting it, and shows
    // the copy that the last popup of this version left
    const v3 = await toolbarUrl();
    await stopWorker(ext);
    const page = await ext.context.newPage();
    await page.goto(v3);
    const cold = new PopupPage(page);
    await cold.savedItems().first().waitFor();
    expect(await page.evaluate(() => performance.getEntriesByName('clipmark:recent-from-copy').length)).toBe(1);
    expect(await cold.savedItems().allTextContents()).toEqual(back.titles);
    await page.close();
    // (the popup's code asked the background for this tab's status: the worker runs again; later tests use it)
    ext.worker = await liveWorker(ext);
  });
});

describe('search as you type', () => {
  it('"Shoig" finds the seed clipping with Shoigu marked in its snippet; "Damascus strike" finds it; nonsense finds nothing, clearly', async () => {
    const popup = await PopupPage.open(ext);
    const box = popup.page.getByRole('searchbox', { name: 'Search clippings' });
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await box.pressSequentially('Shoig', { delay: 30 });
    const results = popup.results();
    // The clippings were saved just before: found once the background has indexed them (the popup searches again then).
    await results.filter({ hasText: SEED_TITLE }).first().waitFor({ timeout: 20_000 });
    expect(await results.count()).toBe(1);
    expect(await results.first().locator('mark').allTextContents()).toContain('Shoigu');

    expect(await popup.searchUntil('Damascus strike', SEED_TITLE)).toHaveLength(1);

    await box.fill('zyxwvut');
    await expect.poll(() => popup.page.getByRole('status').filter({ hasText: 'No clippings match' }).count()).toBe(1);
    expect(await results.count()).toBe(0);
    await popup.page.close();
  });

  it('the person chip for Sergei Shoigu filters to the seed clipping; Enter opens it in the reader', async () => {
    const popup = await PopupPage.open(ext);
    const box = popup.page.getByRole('searchbox', { name: 'Search clippings' });
    await box.fill('Shoigu');
    const chip = popup.page.getByRole('button', { name: /Person: Sergei Shoigu/ });
    await chip.click();
    const results = popup.page.getByRole('list', { name: 'Results' }).getByRole('listitem');
    await expect.poll(async () => (await results.allTextContents()).length).toBe(1);
    expect(await results.first().textContent()).toContain(SEED_TITLE);
    const [reader] = await Promise.all([ext.context.waitForEvent('page'), box.press('Enter')]);
    await reader.waitForURL(/reader\.html\?id=/);
    await reader.getByRole('heading', { level: 1, name: SEED_TITLE }).waitFor();
    await reader.close();
    await popup.page.close();
  });
});

describe('the archive', () => {
  it('lists clippings under their days and shows the mentioned dates as a timeline', async () => {
    const popup = await PopupPage.open(ext);
    await popup.page.getByRole('tab', { name: 'Archive' }).click();
    const today = new Date().toLocaleDateString('en-US', { month: 'long', day: 'numeric', year: 'numeric' });
    const panel = popup.page.locator('#panel-archive');
    await expect.poll(async () => (await panel.textContent()) ?? '').toContain(SEED_TITLE);
    expect(await panel.textContent()).toContain(today.split(',')[0]!);
    await popup.page.getByRole('tab', { name: 'Mentioned dates' }).click();
    const timeline = popup.page.getByRole('list', { name: 'Mentioned dates' });
    await expect.poll(async () => (await timeline.textContent()) ?? '').toMatch(/April 13, 2024/);
    // by keyboard back to Search: the focus stays on the tab, the query typed before is still there, and back again
    // to the archive, the timeline is where it was
    await popup.page.getByRole('tab', { name: 'Archive' }).focus();
    await popup.page.keyboard.press('ArrowLeft');
    expect(await popup.page.evaluate(() => document.activeElement?.id)).toBe('tab-search');
    await popup.page.getByRole('searchbox').fill('shoig');
    await popup.page.getByRole('tab', { name: 'Archive' }).click();
    expect(await timeline.isVisible()).toBe(true);
    await popup.page.getByRole('tab', { name: 'Search' }).click();
    expect(await popup.page.getByRole('searchbox').inputValue()).toBe('shoig');
    await popup.page.close();
  });
});

describe('the reader page', () => {
  it('shows the clipping offline with its entities painted and the live page’s highlight and note; delete, then undo', async () => {
    const id = ((await ext.worker.evaluate(readAllStores)).clippings as { id: string; title: string }[]).find((c) => c.title === SEED_TITLE)!.id;
    const reader = new ArticlePage(await ext.context.newPage());
    await reader.page.route('**/*', (r) => (r.request().url().startsWith('chrome-extension://') ? r.continue() : r.abort())); // offline
    await reader.page.goto(`chrome-extension://${ext.extensionId}/reader.html?id=${id}`);
    await reader.page.getByRole('heading', { level: 1, name: SEED_TITLE }).waitFor();
    await expect.poll(() => reader.painted('clipmark-person'), { timeout: 20_000 }).toContain('Sergei Shoigu');
    await expect.poll(() => reader.painted('clipmark-user-yellow'), { timeout: 20_000 }).toEqual(['barrage of drones and missiles']);
    expect(await reader.page.getByRole('list', { name: 'Highlights and notes' }).textContent()).toContain('Retaliation for April 1');

    await reader.page.getByRole('button', { name: 'Delete' }).click();
    await reader.page.getByRole('button', { name: 'Undo' }).waitFor();
    expect((await dump(ext)).clippings).toHaveLength(2);
    // the article is gone, and its painting, legend and exports with it
    await expect.poll(() => reader.painted('clipmark-person')).toEqual([]);
    expect(await reader.legend().count()).toBe(0);
    expect(await reader.page.getByRole('button', { name: /^Export/ }).count()).toBe(0);
    await reader.page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await dump(ext)).clippings.length).toBe(3);
    await reader.page.getByRole('heading', { level: 1, name: SEED_TITLE }).waitFor();
    // the article brought back is painted again, and takes new highlights
    await expect.poll(() => reader.painted('clipmark-person'), { timeout: 20_000 }).toContain('Sergei Shoigu');
    await expect.poll(() => reader.painted('clipmark-user-yellow'), { timeout: 20_000 }).toEqual(['barrage of drones and missiles']);
    await reader.select('reportedly conveyed', 'article');
    await reader.toolbar().getByRole('button', { name: /green/i }).click();
    await expect.poll(() => reader.painted('clipmark-user-green'), { timeout: 10_000 }).toEqual(['reportedly conveyed']);
    await expect.poll(async () => (await dump(ext)).annotations.length).toBe(2);
    // and it can be opened and deleted again (the export test below expects the live page's one alone)
    const box = await reader.page.evaluate(() => {
      const r = [...(CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('clipmark-user-green')!][0]!.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    await reader.page.mouse.click(box.x, box.y);
    await reader.editor().getByRole('button', { name: 'Delete highlight' }).click();
    await expect.poll(async () => (await dump(ext)).annotations.length).toBe(1);
    await reader.page.close();
  });
});

describe('export and import', () => {
  it('a JSON backup imported into a fresh profile gives the same clippings, annotations, entities and dates', async () => {
    const before = await dump(ext);
    expect(before.annotations).toHaveLength(1);
    const popup = await PopupPage.open(ext);
    await popup.page.getByText('Export and import').click();
    const [download] = await Promise.all([popup.page.waitForEvent('download'), popup.page.getByRole('button', { name: 'Export all (JSON backup)' }).click()]);
    const file = await download.path();
    await popup.page.close();

    const fresh = await launchWithExtension();
    try {
      const p = await PopupPage.open(fresh);
      await p.page.getByText('Export and import').click();
      await p.page.getByLabel('Import a backup').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: readFileSync(file) });
      await p.page.getByRole('status').filter({ hasText: 'Imported' }).waitFor({ timeout: 20_000 });
      const after = await dump(fresh);
      expect(after).toEqual(before);
      // importing the same file again adds nothing
      await p.page.getByLabel('Import a backup').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: readFileSync(file) });
      await p.page.getByRole('status').filter({ hasText: /Imported: 0 new clippings/ }).waitFor({ timeout: 20_000 });
      expect(await dump(fresh)).toEqual(before);
    } finally {
      await fresh.close();
    }
  });
});
