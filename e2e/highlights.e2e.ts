import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchWithExtension, type ExtensionBrowser } from './browser';
import { FIXTURES, startPageServer, type PageServer } from './server';
import { ArticlePage } from './pages/article-page';
import { PopupPage } from './pages/popup-page';

let server: PageServer;
let ext: ExtensionBrowser;
const seed = readFileSync(join(FIXTURES, 'seed-page', 'source.html'), 'utf8');

beforeAll(async () => {
  server = await startPageServer();
  server.set('/story/', seed);
  server.set('/shop/', '<!doctype html><html><head><title>Garden shop</title></head><body><h1>Garden shop</h1><p>Our tulip bulbs ship in early autumn.</p><ul><li>Tulips</li><li>Roses</li></ul></body></html>');
  ext = await launchWithExtension();
});
afterAll(async () => {
  await ext?.close();
  await server?.close();
});

describe('the reader’s highlights and notes', () => {
  it('Alt+Shift+H on a selection made by keyboard opens the toolbar with focus in it, and a colour highlights it', async () => {
    // a copy of its own (another canonical URL), so its highlight is not the other tests' business
    server.set('/story-keys/', seed.replaceAll('iran-dm-discusses-cooperation-with-china-russia', 'iran-dm-keys'));
    const page = new ArticlePage(await ext.context.newPage());
    await page.page.goto(`${server.origin}/story-keys/`);
    await page.legend().waitFor({ timeout: 20_000 });
    // select without the mouse (no mouseup): only the shortcut can bring the toolbar
    await page.page.evaluate(() => {
      const p = [...document.querySelectorAll('article p')].find((x) => x.textContent?.includes('both nations'))!;
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = (n as Text).data.indexOf('both nations');
        if (i < 0) continue;
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + 'both nations'.length);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(r);
        return;
      }
    });
    expect(await page.toolbar().count()).toBe(0);
    await page.page.keyboard.press('Alt+Shift+KeyH');
    await page.toolbar().waitFor();
    await page.page.keyboard.press('Enter'); // the first colour has the focus
    await expect.poll(() => page.painted('clipmark-user-yellow')).toEqual(['both nations']);
    await page.page.close();
  });

  it('reaches the reader’s highlights by keyboard (Alt+Shift+J / K open the next / previous in the editor), and a highlight on a link opens its editor, not the link', async () => {
    server.set('/story-links/', seed.replaceAll('iran-dm-discusses-cooperation-with-china-russia', 'iran-dm-links')
      .replace('Brigadier General Mohammad Reza Ashtiani', 'Brigadier General <a href="/elsewhere/">Mohammad Reza Ashtiani</a>'));
    const page = new ArticlePage(await ext.context.newPage());
    await page.page.goto(`${server.origin}/story-links/`);
    await page.legend().waitFor({ timeout: 20_000 });
    await page.highlightWithNote('Mohammad Reza Ashtiani', 'the Iranian minister');
    await page.highlightWithNote('reportedly conveyed', 'Moscow’s offer');
    const note = () => page.editor().getByRole('textbox', { name: 'Note' }).inputValue();
    await page.page.keyboard.press('Alt+Shift+KeyJ');
    await expect.poll(note).toBe('the Iranian minister');
    await page.page.keyboard.press('Alt+Shift+KeyJ');
    await expect.poll(note).toBe('Moscow’s offer');
    await page.page.keyboard.press('Alt+Shift+KeyK');
    await expect.poll(note).toBe('the Iranian minister');
    await page.page.keyboard.press('Escape');
    await page.editor().waitFor({ state: 'detached' });

    // a note typed, then the editor left by a click elsewhere on the page: what was typed is kept
    await page.page.keyboard.press('Alt+Shift+KeyJ');
    await page.editor().getByRole('textbox', { name: 'Note' }).fill('the Iranian minister, in Astana');
    await page.page.getByRole('heading', { level: 1 }).click();
    await page.editor().waitFor({ state: 'detached' });
    await page.page.keyboard.press('Alt+Shift+KeyJ');
    await expect.poll(note).toBe('the Iranian minister, in Astana');
    // and left by selecting another passage with the mouse
    await page.editor().getByRole('textbox', { name: 'Note' }).fill('the Iranian minister, in Astana, April');
    await page.select('strengthen the commitment');
    await page.editor().waitFor({ state: 'detached' });
    await page.page.keyboard.press('Escape');
    await page.page.keyboard.press('Alt+Shift+KeyJ');
    await expect.poll(note).toBe('the Iranian minister, in Astana, April');
    await page.page.keyboard.press('Escape');
    await page.editor().waitFor({ state: 'detached' });

    // a click on the highlighted link text: the editor, on the same page
    const at = await page.page.evaluate(() => {
      const r = [...(CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('clipmark-user-yellow')!].find((x) => x.toString() === 'Mohammad Reza Ashtiani')!.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    await page.page.mouse.click(at.x, at.y);
    await expect.poll(note).toBe('the Iranian minister, in Astana, April');
    expect(page.page.url()).toBe(`${server.origin}/story-links/`);
    // by keyboard the editor's Delete removes it
    await page.editor().getByRole('button', { name: 'Delete highlight' }).focus();
    await page.page.keyboard.press('Enter');
    await expect.poll(() => page.painted('clipmark-user-yellow')).toEqual(['reportedly conveyed']);
    await page.page.close();
  });

  it('a highlight with a note comes back after a reload, and after the page changed a little', async () => {
    const page = new ArticlePage(await ext.context.newPage());
    await page.page.goto(`${server.origin}/story/`);
    await page.legend().waitFor({ timeout: 20_000 });
    await page.highlightWithNote('strengthen the commitment of both nations', 'Key aim of the talks', 'article');
    await expect.poll(() => page.painted('clipmark-user-yellow')).toEqual(['strengthen the commitment of both nations']);

    await page.page.reload();
    await expect.poll(() => page.painted('clipmark-user-yellow'), { timeout: 20_000 }).toEqual(['strengthen the commitment of both nations']);

    // The site edited the story: a paragraph added above, words changed near the highlight, markup changed.
    const edited = seed
      .replace('<p>According to', '<p>Update: this story has been updated with more details.</p>\n<p>According to')
      .replace('was to strengthen the commitment', 'was, officials said, to <em>strengthen</em> the commitment')
      .replace('technical collaboration', 'technical co-operation');
    server.set('/story/', edited);
    await page.page.reload();
    await expect.poll(() => page.painted('clipmark-user-yellow'), { timeout: 20_000 }).toEqual(['strengthen the commitment of both nations']);

    // Clicking the highlight opens its editor with the note.
    const box = await page.page.evaluate(() => {
      const r = [...(CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('clipmark-user-yellow')!][0]!;
      const b = r.getClientRects()[0]!;
      return { x: b.left + 4, y: b.top + b.height / 2 };
    });
    await page.page.mouse.click(box.x, box.y);
    const editor = page.page.getByRole('dialog', { name: 'Edit highlight' });
    expect(await editor.getByRole('textbox', { name: 'Note' }).inputValue()).toBe('Key aim of the talks');
    await editor.getByRole('button', { name: 'Green' }).click();
    await expect.poll(() => page.painted('clipmark-user-green')).toEqual(['strengthen the commitment of both nations']);
    await page.page.close();
  });

  it('a highlight whose text is gone is listed in the popup with its note, and painted nowhere', async () => {
    const page = new ArticlePage(await ext.context.newPage());
    server.set('/story/', seed);
    await page.page.goto(`${server.origin}/story/`);
    await page.legend().waitFor({ timeout: 20_000 });
    await page.highlightWithNote('Ashtiani hailed China', 'Orphan me', 'article');
    await expect.poll(() => page.painted('clipmark-user-yellow')).toContain('Ashtiani hailed China');

    server.set('/story/', seed.replace(/<p>Ashtiani hailed[\s\S]*?<\/p>/, ''));
    await page.page.reload();
    await page.legend().waitFor({ timeout: 20_000 });
    await expect.poll(() => page.painted('clipmark-user-green'), { timeout: 20_000 }).toHaveLength(1); // the first one still placed
    expect(await page.painted('clipmark-user-yellow')).toEqual([]);

    const popup = await PopupPage.open(ext);
    const orphans = popup.page.getByRole('list', { name: 'Highlights not found on this page' });
    await orphans.waitFor({ timeout: 15_000 });
    expect(await orphans.textContent()).toContain('Ashtiani hailed China');
    expect(await orphans.textContent()).toContain('Orphan me');
    await popup.page.close();
    await page.page.close();
  });

  it('works on a page that is not an article: the page script loads on the first selection, and the highlight comes back', async () => {
    const page = new ArticlePage(await ext.context.newPage());
    await page.page.goto(`${server.origin}/shop/`);
    await page.select('tulip bulbs ship');
    await page.toolbar().getByRole('button', { name: 'Highlight in green' }).click();
    await expect.poll(() => page.painted('clipmark-user-green'), { timeout: 10_000 }).toEqual(['tulip bulbs ship']);
    expect(await page.legend().count()).toBe(0); // no entities on a page that is not an article
    await page.page.reload();
    await expect.poll(() => page.painted('clipmark-user-green'), { timeout: 20_000 }).toEqual(['tulip bulbs ship']);
    await page.page.close();
  });
});
