// npm start: serves the demo article on localhost and opens Chromium with Clipmark loaded on it.
// Where there is no display it runs headless instead: saves the article through the extension's popup,
// writes screenshots of the page and the popup, and prints a summary.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchWithExtension } from '../e2e/browser';
import { startPageServer } from '../e2e/server';
import { PopupPage } from '../e2e/pages/popup-page';
import { readAllStores } from '../e2e/pages/extension-db';
import { paintedTexts } from '../e2e/in-page';
import { PAINT_KINDS } from '../utils/kinds';
import { entityPaintName } from '../utils/highlight';

const port = Number(process.env.PORT ?? 4173);
const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
const shots = resolve(import.meta.dirname, '..', 'screenshots');

async function main() {
  const server = await startPageServer(undefined, port);
  const demo = server.url('seed-page');
  const ext = await launchWithExtension({ headless });
  const page = ext.context.pages()[0] ?? (await ext.context.newPage());
  await page.goto(demo);
  console.log(`Clipmark ${headless ? '(headless)' : ''} on the demo article: ${demo}`);

  if (!headless) {
    console.log('Chromium is open with Clipmark loaded. Click the Clipmark toolbar button to save the article. Close the browser to stop.');
    await new Promise<void>((done) => ext.context.on('close', () => done()));
    await server.close();
    return;
  }

  mkdirSync(shots, { recursive: true });
  // the picture shows what a reader sees: wait until the entities are painted (on a busy machine this takes seconds)
  const paintedCounts = () => Promise.all(PAINT_KINDS.map((k) => page.evaluate(paintedTexts, entityPaintName(k)).then((t) => t.length)));
  const until = Date.now() + 20_000;
  while ((await paintedCounts()).every((n) => n === 0) && Date.now() < until) await page.waitForTimeout(200);
  const counts = await paintedCounts();
  const painted = Object.fromEntries(PAINT_KINDS.map((k, i) => [k, counts[i]]));
  await page.screenshot({ path: join(shots, 'article.png') });
  const popup = await PopupPage.open(ext);
  await popup.page.setViewportSize({ width: 420, height: 640 });
  const message = await popup.save();
  await popup.savedItems().first().waitFor();
  // and the page's own status, asked again after the save ("Saved …", not the "Not saved yet." of before it)
  await popup.page.locator('section.current').getByText(/^Saved /).waitFor({ timeout: 10_000 }).catch(() => {});
  await popup.page.screenshot({ path: join(shots, 'popup.png') });
  const all = await ext.worker.evaluate(readAllStores);
  const saved = { row: all.clippings?.[0], entities: all.entities?.length ?? 0 };
  const c = saved.row ?? {};
  console.log(JSON.stringify({
    saved: message,
    title: c.title, byline: c.byline, siteName: c.siteName, publishedTime: c.publishedTime,
    wordCount: c.wordCount, readingMinutes: c.readingMinutes, entities: saved.entities, paintedOnPage: painted,
    screenshots: [join(shots, 'article.png'), join(shots, 'popup.png')],
  }, null, 2));
  await ext.close();
  await server.close();
}

main().catch((e) => {
  console.error(`npm start failed: ${(e as Error).message}`);
  process.exit(1);
});
