import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { byText, eventually, inPageUi, launchFirefoxWithExtension, openExtensionPage, paintedIn, type FirefoxWithExtension } from './firefox';
import { FIXTURES, startPageServer, type PageServer } from './server';
import { paintedOutsideArticle, selectText } from './in-page';
import { spaHomePage } from './spa-pages';

/**
 * The Firefox build (`wxt build -b firefox`) in Debian's Firefox ESR, on the live page: the article's entities
 * painted (and a kind taken off by the legend), a single-page site's story found after pushState (the background
 * sees the address change), and the reader's highlights kept with their notes; and the popup: saving the page in
 * front, then finding it by search with the word marked in its snippet. The rest of the popup and the reader page
 * are tested in Chromium.
 */

let server: PageServer;
let ff: FirefoxWithExtension;
const seed = readFileSync(join(FIXTURES, 'seed-page', 'source.html'), 'utf8');

beforeAll(async () => {
  server = await startPageServer();
  // a single-page site that opens on its home page (not an article) and shows a story by pushState (spa-pages.ts)
  server.set('/ff-spa/', spaHomePage('/ff-spa/'));
  ff = await launchFirefoxWithExtension();
}, 90_000);
afterAll(async () => {
  await ff?.close();
  await server?.close();
});


describe('in Firefox', () => {
  it('paints the seed article’s people, organisations, places and dates, and nothing from the sidebar or footer', async () => {
    const page = await ff.browser.newPage();
    await page.goto(server.url('seed-page'));
    await eventually(async () => (await paintedIn(page, 'clipmark-person')).includes('Sergei Shoigu'));
    expect(await paintedIn(page, 'clipmark-organization')).toContain('Shanghai Cooperation Organization');
    expect(await paintedIn(page, 'clipmark-place')).toContain('Damascus');
    expect(await paintedIn(page, 'clipmark-date')).toContain('April 13');
    const kinds = ['clipmark-person', 'clipmark-organization', 'clipmark-place', 'clipmark-date'];
    const all = (await Promise.all(kinds.map((k) => paintedIn(page, k)))).flat();
    for (const clutter of ['Caspian Sea', 'Central Asia', 'Nowruz', 'Facebook', 'WhatsApp']) expect(all).not.toContain(clutter);
    const outside = await page.evaluate(paintedOutsideArticle, kinds);
    expect(outside).toBe(0);
    // the legend's button for a kind takes it off the page, and puts it back
    const places = (await inPageUi(page, '[role="region"] button', 'Places'))!;
    expect(await places.evaluate((b) => b.getAttribute('aria-pressed'))).toBe('true');
    await places.click();
    await eventually(async () => (await paintedIn(page, 'clipmark-place')).length === 0);
    expect(await paintedIn(page, 'clipmark-person')).toContain('Sergei Shoigu');
    await places.click();
    await eventually(async () => (await paintedIn(page, 'clipmark-place')).includes('Damascus'));
    await page.close();
  });

  it('a single-page site that navigates from its home page to a story by pushState gets the story’s entities', async () => {
    const page = await ff.browser.newPage();
    await page.goto(`${server.origin}/ff-spa/`);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await paintedIn(page, 'clipmark-person')).toEqual([]);
    await page.click('#open0');
    await eventually(async () => (await paintedIn(page, 'clipmark-person')).includes('Sergei Shoigu'));
    await page.close();
  });

  it('keeps a highlight and its note: back after a reload, the note shown when the highlight is clicked', async () => {
    server.set('/ff-story/', seed);
    const page = await ff.browser.newPage();
    await page.goto(`${server.origin}/ff-story/`);
    await eventually(() => inPageUi(page, '[role="region"] button', 'Places'));
    const quote = 'strengthen the commitment of both nations';
    await page.evaluate(selectText, [quote, 'article'] as const);
    await page.keyboard.down('Alt');
    await page.keyboard.down('Shift');
    await page.keyboard.press('KeyH');
    await page.keyboard.up('Shift');
    await page.keyboard.up('Alt');
    const addNote = await eventually(() => inPageUi(page, '[role="toolbar"] button', 'Add note'));
    await addNote.click();
    const note = await eventually(() => inPageUi(page, '[role="dialog"] textarea'));
    await note.type('Key aim of the talks');
    await (await eventually(() => inPageUi(page, '[role="dialog"] button', 'Save note'))).click();
    await eventually(async () => !(await inPageUi(page, '[role="dialog"]')));
    expect(await paintedIn(page, 'clipmark-user-yellow')).toEqual([quote]);

    await page.reload();
    await eventually(async () => (await paintedIn(page, 'clipmark-user-yellow')).length > 0);
    expect(await paintedIn(page, 'clipmark-user-yellow')).toEqual([quote]);
    // click the painted highlight: its editor shows the note kept by the background
    const at = await page.evaluate(() => {
      const r = [...(CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('clipmark-user-yellow')!][0]!;
      (r.startContainer.parentElement ?? document.body).scrollIntoView({ block: 'center' });
      const b = r.getClientRects()[0]!;
      return { x: b.left + Math.min(20, b.width / 2), y: b.top + b.height / 2 };
    });
    await page.mouse.click(at.x, at.y);
    const kept = await eventually(() => inPageUi(page, '[role="dialog"] textarea'));
    expect(await kept.evaluate((t) => (t as HTMLTextAreaElement).value)).toBe('Key aim of the talks');
    await page.close();
  });

  it('saves the article from the popup, which then finds it by a prefix with the word marked in its snippet', async () => {
    server.set('/ff-save/', seed.replaceAll('iran-dm-discusses-cooperation-with-china-russia', 'iran-dm-ff-save'));
    const page = await ff.browser.newPage();
    await page.goto(`${server.origin}/ff-save/`);
    await eventually(async () => (await paintedIn(page, 'clipmark-person')).includes('Sergei Shoigu'));
    // the popup opened as a tab speaks for the last web tab
    const popup = await openExtensionPage(ff.browser, ff.popupUrl);
    await (await byText(popup, 'button', 'Save article')).click();
    await byText(popup, 'p[role="status"]', 'Article saved.');
    await popup.type('input[type="search"]', 'Shoig', { delay: 30 });
    const hit = await byText(popup, '[aria-label="Results"] li', 'Iran DM discusses cooperation with China, Russia');
    expect(await hit.evaluate((li) => [...li.querySelectorAll('mark')].map((m) => m.textContent))).toContain('Shoigu');
    // a word in no clipping: a clear empty state
    await popup.click('input[type="search"]', { count: 3 });
    await popup.type('input[type="search"]', 'zzxqv');
    await byText(popup, 'p[role="status"]', 'No clippings match “zzxqv”');
    await popup.close();
    await page.close();
  });
});
