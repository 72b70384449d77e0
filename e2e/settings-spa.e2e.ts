import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from './browser';
import { startPageServer, type PageServer } from './server';
import { ArticlePage } from './pages/article-page';
import { PopupPage } from './pages/popup-page';
import { articleBody, spaHomePage } from './spa-pages';

let server: PageServer;
let ext: ExtensionBrowser;

beforeAll(async () => {
  server = await startPageServer();
  // A single-page site: the "Next story" link swaps the article and pushes a new URL, without a reload.
  const next = JSON.stringify(articleBody('bbc-1'));
  server.set('/spa/', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Iran DM discusses cooperation with China, Russia</title></head>
    <body><a id="next" href="/spa/obama">Next story</a><div id="app">${articleBody('seed-page')}</div>
    <script>
      document.getElementById('next').addEventListener('click', (e) => {
        e.preventDefault();
        document.getElementById('app').innerHTML = ${next};
        document.title = "Obama admits US gun laws are his 'biggest frustration'";
        history.pushState({}, '', '/spa/obama');
      });
    </script></body></html>`);
  // A single-page site that opens on its home page (not an article) and shows a story by pushState (spa-pages.ts).
  server.set('/spa-home/', spaHomePage('/spa-home/'));
  ext = await launchWithExtension();
});
afterAll(async () => {
  await ext?.close();
  await server?.close();
});

describe('options apply to open pages without a reload', () => {
  it('turning places off in the options page removes them from an open article', async () => {
    const page = new ArticlePage(await ext.context.newPage());
    await page.page.goto(server.url('seed-page'));
    await expect.poll(() => page.painted('clipmark-place'), { timeout: 20_000 }).toContain('Damascus');

    const options = await ext.context.newPage();
    await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
    await options.getByRole('checkbox', { name: 'Places' }).uncheck();
    await expect.poll(() => page.painted('clipmark-place'), { timeout: 10_000 }).toEqual([]);
    expect(await page.painted('clipmark-person')).toContain('Sergei Shoigu');
    await options.getByRole('checkbox', { name: 'Places' }).check();
    await expect.poll(() => page.painted('clipmark-place'), { timeout: 10_000 }).toContain('Damascus');

    // A site where Clipmark stays off.
    await options.getByRole('textbox', { name: 'Site' }).fill('127.0.0.1');
    await options.getByRole('button', { name: 'Add site' }).click();
    await expect.poll(() => page.painted('clipmark-person'), { timeout: 10_000 }).toEqual([]);
    // nor can a highlight be made there any more, on the page already open
    await page.select('reportedly conveyed', '.article-body');
    await page.page.keyboard.press('Alt+Shift+H');
    await new Promise((r) => setTimeout(r, 300));
    expect(await page.toolbar().count()).toBe(0);
    // and the popup says so, without offering to paint entities there
    await page.page.bringToFront();
    const popup = await PopupPage.open(ext);
    await expect.poll(() => popup.page.getByTestId('site-off').textContent(), { timeout: 10_000 }).toContain('Clipmark is off on this site');
    expect(await popup.page.getByRole('button', { name: 'Highlight entities' }).count()).toBe(0);
    await popup.page.close();
    await options.getByRole('button', { name: 'Remove 127.0.0.1' }).click();
    await expect.poll(() => page.painted('clipmark-person'), { timeout: 10_000 }).toContain('Sergei Shoigu');
    await options.close();
    await page.page.close();
  });
});

describe('single-page sites', () => {
  it('an article swapped in by history.pushState gets its own entities', async () => {
    const page = new ArticlePage(await ext.context.newPage());
    await page.page.goto(`${server.origin}/spa/`);
    await expect.poll(() => page.painted('clipmark-person'), { timeout: 20_000 }).toContain('Sergei Shoigu');
    await page.page.click('#next');
    await expect.poll(() => page.painted('clipmark-person'), { timeout: 20_000 }).toContain('Barack Obama');
    expect(await page.painted('clipmark-person')).not.toContain('Sergei Shoigu');
    await page.page.close();
  });

  it('a home page that is not an article gets the story it navigates to (the address change, no new nodes)', async () => {
    const page = new ArticlePage(await ext.context.newPage());
    await page.page.goto(`${server.origin}/spa-home/`);
    await page.page.waitForTimeout(1_000);
    expect(await page.painted('clipmark-person')).toEqual([]);
    await page.page.click('#open0');
    await expect.poll(() => page.painted('clipmark-person'), { timeout: 20_000 }).toContain('Sergei Shoigu');
    await page.page.close();
  });
});
