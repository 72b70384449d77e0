import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ExtensionBrowser } from './browser';
import { ExtensionLog, ExtensionPage, PageWorlds, saveTab, tabIdOf, type SaveOutcomeWire, type StoredClipping } from './harness';

/** One page through the extension, as a reader saves it: open it, save it from the background, look at what was stored. */

export const PAGES_DIR = join(import.meta.dirname, '..', 'fixtures', 'pages');

export function corpusNames(): string[] {
  return readdirSync(PAGES_DIR).filter((n) => existsSync(join(PAGES_DIR, n, 'source.html'))).sort();
}

export interface PageRun {
  name: string;
  url: string;
  /** Click to committed: the saveTab message until its reply (extraction in the page, then the database transaction). */
  saveMs: number;
  loadMs: number;
  kind: 'article' | 'bookmark' | 'failed';
  message: string;
  clipping?: StoredClipping;
  extensionErrors: string[];
  pageErrors: number;
  watchedContentScript: boolean;
}

export async function runPage(ext: ExtensionBrowser, from: ExtensionPage, log: ExtensionLog, name: string, url: string, opts: { saveTimeoutMs?: number } = {}): Promise<PageRun> {
  const page = await ext.context.newPage();
  const worlds = await PageWorlds.attach(page, ext.extensionId);
  const mark = log.mark();
  const t0 = performance.now();
  await page.goto(url, { waitUntil: 'load', timeout: 30_000 }).catch(() => page.waitForLoadState('domcontentloaded', { timeout: 10_000 }).catch(() => undefined));
  const loadMs = performance.now() - t0;
  const tabId = await tabIdOf(ext, page.url());
  const timeout = opts.saveTimeoutMs ?? 30_000;
  const { ms, reply } = await saveTab(from, tabId, timeout);
  const out = reply?.res as SaveOutcomeWire | undefined;
  let kind: PageRun['kind'] = 'failed';
  let clipping: StoredClipping | undefined;
  if (out?.ok && out.clipping) {
    clipping = (await from.readClipping(out.clipping.id)) ?? undefined;
    if (clipping) kind = clipping.isArticle ? 'article' : 'bookmark';
  }
  const watched = worlds.extensionContextIds().length > 0;
  await worlds.detach();
  await page.close();
  const extensionErrors = [...worlds.extension, ...log.since(mark).filter((l) => l.type === 'error' || l.type === 'pageerror').map((l) => `${l.where}: ${l.text}`)];
  return {
    name, url, saveMs: ms, loadMs, kind, message: out?.message ?? reply?.err?.message ?? 'no reply', clipping,
    extensionErrors, pageErrors: worlds.page.length, watchedContentScript: watched,
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summarize(runs: PageRun[]) {
  const ms = runs.filter((r) => r.kind !== 'failed').map((r) => r.saveMs).sort((a, b) => a - b);
  return {
    total: runs.length,
    passed: runs.filter((r) => r.kind !== 'failed' && r.extensionErrors.length === 0).length,
    articles: runs.filter((r) => r.kind === 'article').length,
    bookmarks: runs.filter((r) => r.kind === 'bookmark').length,
    failed: runs.filter((r) => r.kind === 'failed').map((r) => `${r.name}: ${r.message}`),
    median: percentile(ms, 50), p95: percentile(ms, 95), max: ms[ms.length - 1] ?? NaN,
    slowest: [...runs].sort((a, b) => b.saveMs - a.saveMs).slice(0, 3).map((r) => `${r.name} ${Math.round(r.saveMs)} ms`),
  };
}
