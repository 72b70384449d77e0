import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from './browser';
import { startPageServer, type PageServer } from './server';
import { paintedOutsideArticle, paintedTexts } from './in-page';

let server: PageServer;
let ext: ExtensionBrowser;

beforeAll(async () => {
  server = await startPageServer();
  ext = await launchWithExtension();
});
afterAll(async () => {
  await ext?.close();
  await server?.close();
});

/** The text of every range painted under a highlight name, read from the page's CSS highlight registry. */
function painted(page: Page, name: string): Promise<string[]> {
  return page.evaluate(paintedTexts, name);
}

describe('entities on the live page', () => {
  it('paints the seed article’s people, organisations, places and dates, and nothing from the sidebar or footer', async () => {
    const page = await ext.context.newPage();
    await page.goto(server.url('seed-page'));
    await expect.poll(() => painted(page, 'clipmark-person'), { timeout: 20_000 }).toContain('Sergei Shoigu');
    expect(await painted(page, 'clipmark-organization')).toContain('Shanghai Cooperation Organization');
    expect(await painted(page, 'clipmark-place')).toContain('Damascus');
    expect(await painted(page, 'clipmark-date')).toContain('April 13');
    const all = [
      ...(await painted(page, 'clipmark-person')), ...(await painted(page, 'clipmark-organization')),
      ...(await painted(page, 'clipmark-place')), ...(await painted(page, 'clipmark-date')),
    ];
    for (const clutter of ['Caspian Sea', 'Central Asia', 'Nowruz', 'Facebook', 'WhatsApp']) expect(all).not.toContain(clutter);
    // every painted range lies inside the article, none in nav, aside, footer or the cookie banner
    const outside = await page.evaluate(paintedOutsideArticle, ['clipmark-person', 'clipmark-organization', 'clipmark-place', 'clipmark-date']);
    expect(outside).toBe(0);
    await page.close();
  });

  it('paints no entity inside the films a page sets in italics, and still paints the people around them', async () => {
    const page = await ext.context.newPage();
    await page.goto(server.url('wikia'));
    await expect.poll(() => painted(page, 'clipmark-person'), { timeout: 20_000 }).toContain('George Lucas');
    const all = [
      ...(await painted(page, 'clipmark-person')), ...(await painted(page, 'clipmark-organization')), ...(await painted(page, 'clipmark-place')),
    ];
    for (const film of ['Empire Strikes Back', 'Phantom Menace', 'Force Awakens', 'Clones']) expect(all.filter((t) => t.includes(film))).toEqual([]);
    await page.close();
  });

  it('marks nothing on an article in another language (the recogniser is English), once the page has been read', async () => {
    const page = await ext.context.newPage();
    await page.goto(server.url('lemonde-1'));
    // the page script's own account of the page, asked in its world as the popup asks it: read, and painted with nothing
    const w = ext.context.serviceWorkers().find((x) => x.url().includes(ext.extensionId))!;
    const status = () => w.evaluate(async (url) => {
      const tab = (await chrome.tabs.query({})).find((t) => t.url === url)!;
      const [r] = await chrome.scripting.executeScript({
        target: { tabId: tab.id! },
        func: async () => (globalThis as unknown as { __clipmarkLoader: { info(): Promise<{ readerable: boolean; counts: unknown }> } }).__clipmarkLoader.info(),
      });
      return r?.result as { readerable: boolean; counts: Record<string, number> | null } | undefined;
    }, page.url());
    await expect.poll(async () => (await status())?.counts ?? null, { timeout: 20_000 }).toEqual({ person: 0, organization: 0, place: 0, date: 0 });
    expect((await status())?.readerable).toBe(true);
    for (const kind of ['person', 'organization', 'place', 'date']) expect(await painted(page, `clipmark-${kind}`)).toEqual([]);
    await page.close();
  });

  it('the legend shows counts and toggling a kind removes it from the page', async () => {
    const page = await ext.context.newPage();
    await page.goto(server.url('seed-page'));
    const legend = page.getByRole('region', { name: /Clipmark: entities/ });
    await legend.waitFor({ timeout: 20_000 });
    const places = legend.getByRole('button', { name: /Places/ });
    expect(await places.getAttribute('aria-pressed')).toBe('true');
    await places.click();
    await expect.poll(() => painted(page, 'clipmark-place')).toEqual([]);
    expect(await painted(page, 'clipmark-person')).toContain('Sergei Shoigu');
    await places.click();
    await expect.poll(() => painted(page, 'clipmark-place')).toContain('Damascus');
    await page.close();
  });

  it('reaches entities by keyboard: the legend’s "next person" and Alt+Shift+N focus one and show what it is', async () => {
    const page = await ext.context.newPage();
    await page.goto(server.url('seed-page'));
    const legend = page.getByRole('region', { name: /Clipmark: entities/ });
    await legend.waitFor({ timeout: 20_000 });
    const people = await painted(page, 'clipmark-person');
    // Tab into the legend and press its button, as a keyboard user would
    const next = legend.getByRole('button', { name: 'Next person on the page' });
    await next.focus();
    await page.keyboard.press('Enter');
    const tooltip = page.getByRole('tooltip');
    await expect.poll(() => tooltip.textContent()).toMatch(/^Person/);
    const focused = await painted(page, 'clipmark-focus');
    expect(focused).toHaveLength(1);
    expect(people).toContain(focused[0]);
    expect(await page.getByRole('status').textContent()).toMatch(/^Person: .+\. (Not in any saved clipping yet|Mentioned in \d+ saved clippings?)\.$/);
    // the next press moves on to another person, in reading order
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await painted(page, 'clipmark-focus'))[0]).not.toBe(focused[0]);
    // Alt+Shift+N from the page steps through every kind; Escape lets go
    await page.locator('body').focus();
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Alt+Shift+KeyN');
      seen.add(((await tooltip.textContent()) ?? '').replace(/^(Person|Organisation|Place|Date).*$/, '$1'));
    }
    expect([...seen].sort()).toEqual(expect.arrayContaining(['Date', 'Person', 'Place']));
    await page.keyboard.press('Escape');
    await expect.poll(() => painted(page, 'clipmark-focus')).toEqual([]);
    expect(await tooltip.count()).toBe(0);
    await page.close();
  });
});
