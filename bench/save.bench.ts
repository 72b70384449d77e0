/**
 * Section 3 of the browser benchmark alone (saving a 5,000-word article), for a quick loop:
 *   npx tsx bench/save.bench.ts [--reps N] [--urls N] [--unpainted N] [--rounds N] [--ext DIR]...
 * Several --ext directories (built extensions, e.g. a copy of a baseline build) are measured in turn, in
 * alternating rounds (--rounds N), so that they share the machine's load. Prints the section; writes nothing.
 */
import { chromium, type Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { chromePath, EXTENSION_DIR } from '../e2e/browser';
import { startPageServer } from '../e2e/server';
import { longArticle, saveSection, serveLongArticle, serveVariants } from './save-section';

const argv = process.argv.slice(2);
const opt = (name: string, dflt: number) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : dflt);
const exts = argv.flatMap((a, i) => (a === '--ext' ? [resolve(argv[i + 1]!)] : []));
if (!exts.length) exts.push(EXTENSION_DIR);

async function launch(dir: string) {
  const profile = mkdtempSync(join(os.tmpdir(), 'clipmark-save-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    headless: true, executablePath: chromePath(), viewport: { width: 1200, height: 900 },
    args: [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`, '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  await context.route(/^(?!https?:\/\/(127\.0\.0\.1|localhost)[:/]|chrome-extension:|data:|blob:)/, (route) => route.abort());
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  return { context, popupUrl: `chrome-extension://${new URL(worker.url()).host}/popup.html`, close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); } };
}

/** Painted: the CSS highlight registry has a person (the page script painted the article's entities). */
const waitPainted = (p: Page) =>
  p.waitForFunction(() => ((CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights?.get('clipmark-person')?.size ?? 0) > 0, null, { timeout: 20_000, polling: 50 })
    .then(() => {}, () => console.warn('not painted within 20 s'));

const server = await startPageServer();
const long = longArticle();
const urls = serveLongArticle(server, long.html, opt('--urls', 3));
// Each browser starts with an empty analysis cache, so the same variants serve every run.
const unpaintedUrls = serveVariants(server, opt('--unpainted', 2));
try {
  for (let round = 0; round < opt('--rounds', 1); round++) {
    for (const dir of exts) {
      const b = await launch(dir);
      try {
        const lines = await saveSection({ context: b.context, popupUrl: b.popupUrl, urls, unpaintedUrls, words: long.words, paragraphs: long.paragraphs, reps: opt('--reps', 5), waitPainted });
        console.log(`\n## ${dir} (round ${round + 1}), load ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')}\n`);
        console.log(lines.filter((l) => l.startsWith('|') || l.startsWith('Target')).join('\n'));
      } finally {
        await b.close();
      }
    }
  }
} finally {
  await server.close();
}
