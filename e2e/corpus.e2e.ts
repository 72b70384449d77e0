import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from './browser';
import { startPageServer, type PageServer } from './server';
import { ExtensionLog, ExtensionPage, inWorker, orphans, PageWorlds, startRawServer, type RawServer } from './harness';
import { corpusNames, runPage, summarize, type PageRun } from './corpus-run';
import { stressPages } from './stress-pages';

/**
 * The whole corpus (npm run test:corpus, also run by CI): every real page in fixtures/pages and the generated stress
 * and broken pages, saved through the extension in Chromium. No error from the extension; every page kept as an
 * article or, clearly, as a bookmark; stress pages within a bounded time.
 */

const names = corpusNames();
const STRESS = stressPages();
/** Bound for any single save, stress pages included: beyond it the reader would think Clipmark hung. */
const STRESS_BOUND_MS = 20_000;

let server: PageServer;
let raw: RawServer;
let ext: ExtensionBrowser;
let log: ExtensionLog;
let from: ExtensionPage;
const runs: PageRun[] = [];

beforeAll(async () => {
  server = await startPageServer();
  raw = await startRawServer();
  for (const s of STRESS) raw.set(`/${s.name}/`, s.body, s.type);
  ext = await launchWithExtension();
  log = new ExtensionLog(ext);
  from = await ExtensionPage.open(ext);
}, 120_000);

afterAll(async () => {
  const s = summarize(runs.filter((r) => names.includes(r.name)));
  const dir = join(import.meta.dirname, '..', '.cache');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'corpus-results.json'), JSON.stringify({ summary: s, runs: runs.map(({ clipping, ...r }) => ({ ...r, title: clipping?.title })) }, null, 1));
  console.log(`corpus: ${s.passed}/${s.total} pages passed; ${s.articles} articles, ${s.bookmarks} bookmarks; save median ${Math.round(s.median)} ms, p95 ${Math.round(s.p95)} ms, max ${Math.round(s.max)} ms (${s.slowest.join(', ')})`);
  await from?.close();
  await ext?.close();
  await raw?.close();
  await server?.close();
});

function expectSaved(r: PageRun) {
  expect(r.extensionErrors, 'errors from the extension').toEqual([]);
  expect(r.watchedContentScript, 'the content script world was watched').toBe(true);
  expect(r.kind, r.message).not.toBe('failed');
  if (r.kind === 'article') {
    expect(r.message).toMatch(/^Article (saved|updated)\.$/);
    expect(r.clipping!.html.length).toBeGreaterThan(0);
    expect(r.clipping!.text.length).toBeGreaterThanOrEqual(200);
  } else {
    expect(r.message).toMatch(/^Not an article: bookmark (saved|updated)\.$/);
    expect(r.clipping!.html).toBe('');
  }
  expect(r.clipping!.title.length).toBeGreaterThan(0);
}

describe('the watch is not blind', () => {
  it('an uncaught error in the content script world and one in the service worker are both caught', async () => {
    const page = await ext.context.newPage();
    const worlds = await PageWorlds.attach(page, ext.extensionId);
    await page.goto(server.url('seed-page'));
    await expect.poll(() => worlds.extensionContextIds().length, { timeout: 10_000 }).toBeGreaterThan(0);
    // Evaluate in Clipmark's isolated world (by its execution context id) and throw from a task there.
    await worlds.cdp.send('Runtime.evaluate', { expression: "setTimeout(() => { throw new Error('control: content world') })", contextId: worlds.extensionContextIds()[0] });
    await page.evaluate("setTimeout(() => { throw new Error('control: page world') })");
    await expect.poll(() => worlds.extension.join(' '), { timeout: 5_000 }).toContain('control: content world');
    await expect.poll(() => worlds.page.join(' '), { timeout: 5_000 }).toContain('control: page world');
    expect(worlds.extension.join(' ')).not.toContain('control: page world');
    await worlds.detach();
    await page.close();

    const mark = log.mark();
    await inWorker(ext, () => { setTimeout(() => { throw new Error('control: service worker'); }); }, undefined);
    await expect.poll(() => log.since(mark).filter((l) => l.type === 'error').map((l) => l.text).join(' '), { timeout: 5_000 }).toContain('control: service worker');
  });
});

describe(`every real page (${names.length})`, () => {
  it.each(names)('%s: saved as an article or a bookmark, no error from the extension', async (name) => {
    const r = await runPage(ext, from, log, name, server.url(name));
    runs.push(r);
    expectSaved(r);
  });

  it('the corpus as a whole: every page passed, most are articles, the database is consistent', async () => {
    const s = summarize(runs.filter((r) => names.includes(r.name)));
    expect(s.total).toBe(names.length);
    expect(s.failed).toEqual([]);
    expect(s.passed).toBe(names.length);
    expect(s.articles).toBeGreaterThan(names.length * 0.8);
    const db = await from.readDb();
    expect(orphans(db)).toEqual([]);
    expect(new Set(db.clippings.map((c) => c.canonicalUrl)).size).toBe(db.clippings.length);
  });
});

describe('stress and broken pages', () => {
  it.each(STRESS.map((s) => [s.name, s.what] as const))('%s (%s): handled within the bound, with a clear message', async (name) => {
    const r = await runPage(ext, from, log, name, `${raw.origin}/${name}/`, { saveTimeoutMs: STRESS_BOUND_MS + 10_000 });
    runs.push(r);
    console.log(`${name}: ${r.kind} in ${Math.round(r.saveMs)} ms (load ${Math.round(r.loadMs)} ms): ${r.message}`);
    expect(r.saveMs).toBeLessThan(STRESS_BOUND_MS);
    expectSaved(r);
    // The popup still answers afterwards: the background is not stuck.
    expect((await from.send('tabStatus', {}))?.err).toBeUndefined();
  });
});
