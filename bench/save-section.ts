import type { BrowserContext, Page } from 'playwright-core';
import type { PageServer } from '../e2e/server';
import { fixturePage } from '../fixtures/test-data';

/**
 * Section 3 of the browser benchmark (saving a long article), on its own so that bench/save.bench.ts can run
 * it alone: `saveTab` sent from an extension page and timed until the reply (click to committed), then how
 * long until the clipping is searchable (its search postings written by the background's index job).
 */

export interface SaveBenchInput {
  context: BrowserContext;
  popupUrl: string;
  /** The long article's URLs: the first is saved again and again; each of the others is saved once (first saves). */
  urls: string[];
  /** Variants of the article (other text) saved once each with automatic painting off: the page never painted. */
  unpaintedUrls?: string[];
  words: number;
  paragraphs: number;
  reps: number;
  /** Resolves when the page has painted its entities (or gave up). */
  waitPainted(page: Page): Promise<void>;
}

const median = (xs: number[]) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
function quantile(xs: number[], q: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const ok = (cond: boolean) => (cond ? 'met' : '**missed**');

export async function send<T>(page: Page, type: string, data: unknown): Promise<{ ms: number; res?: T; err?: { message: string } }> {
  return page.evaluate(([type, data]) => new Promise<{ ms: number; res?: never; err?: { message: string } }>((resolve) => {
    const t0 = performance.now();
    chrome.runtime.sendMessage({ id: Math.floor(Math.random() * 1e9), type, data, timestamp: Date.now() }, (reply) => {
      const ms = performance.now() - t0;
      resolve(chrome.runtime.lastError ? { ms, err: { message: chrome.runtime.lastError.message ?? 'lastError' } } : { ms, ...(reply ?? {}) });
    });
  }), [type, data] as const) as Promise<{ ms: number; res?: T; err?: { message: string } }>;
}

interface SaveSample { ms: number; searchable: number; outcome: string; id: string }

/**
 * One save: the reply time, and the time from the reply until the clipping has postings and nothing is
 * pending for it (polled in the extension page's own IndexedDB every few ms; 0 when indexing is part of the save).
 */
async function timedSave(popup: Page, tabId: number): Promise<SaveSample> {
  return popup.evaluate((tabId) => new Promise<SaveSample>((resolve, reject) => {
    const open = () => new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('clipmark');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const req = <T>(r: IDBRequest<T>) => new Promise<T>((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    const t0 = performance.now();
    chrome.runtime.sendMessage({ id: Math.floor(Math.random() * 1e9), type: 'saveTab', data: { tabId }, timestamp: Date.now() }, (reply) => {
      const ms = performance.now() - t0;
      const res = reply?.res as { ok: boolean; message: string; clipping?: { id: string } } | undefined;
      if (chrome.runtime.lastError || !res?.ok || !res.clipping) return reject(new Error(`saveTab: ${chrome.runtime.lastError?.message ?? JSON.stringify(reply).slice(0, 200)}`));
      const id = res.clipping.id;
      void (async () => {
        const db = await open();
        const stores = [...db.objectStoreNames];
        const queue = stores.includes('indexQueue') ? 'indexQueue' : null;
        for (;;) {
          const tx = db.transaction(queue ? ['terms', queue] : ['terms'], 'readonly');
          const pending = queue ? await req(tx.objectStore(queue).count(id)) : 0;
          const postings = await req(tx.objectStore('terms').index('clippingId').count(id));
          if (!pending && postings > 0) break;
          await new Promise((r) => setTimeout(r, 4));
        }
        const searchable = performance.now() - t0 - ms;
        db.close();
        resolve({ ms, searchable, outcome: res.message, id });
      })().catch(reject);
    });
  }), tabId);
}

export async function saveSection(input: SaveBenchInput): Promise<string[]> {
  const { context, reps } = input;
  const popup = await context.newPage();
  // tsx (esbuild, keepNames) wraps named inner functions in __name(...): define it where they are evaluated.
  await popup.addInitScript({ content: 'window.__name = window.__name || ((f) => f);' });
  await popup.goto(input.popupUrl);
  const tabOf = (u: string) => popup.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id ?? null, u);
  const pages: Page[] = [];
  const firsts: SaveSample[] = [];
  let again: SaveSample[] = [];
  let text = '';
  try {
    for (const url of input.urls) {
      const article = await context.newPage();
      pages.push(article);
      await article.goto(url);
      await input.waitPainted(article);
      const tabId = await tabOf(url);
      if (tabId == null) throw new Error(`tab not found: ${url}`);
      firsts.push(await timedSave(popup, tabId));
      if (url === input.urls[0]) {
        for (let i = 0; i < reps; i++) again.push(await timedSave(popup, tabId));
        text = await article.evaluate(() => (document.querySelector('article') as HTMLElement).innerText);
      }
      if (pages.length > 1) await pages.pop()!.close();
    }
  } finally {
    for (const p of pages) await p.close();
  }
  // Never painted: automatic painting off, so saving loads the page script, extracts and recognises.
  const unpainted: SaveSample[] = [];
  if (input.unpaintedUrls?.length) {
    const settings = (await popup.evaluate(() => chrome.storage.local.get('settings'))) as { settings?: Record<string, unknown> };
    await popup.evaluate((s) => chrome.storage.local.set({ settings: { ...s, autoHighlight: false } }), settings.settings ?? {});
    try {
      for (const url of input.unpaintedUrls) {
        const article = await context.newPage();
        await article.goto(url, { waitUntil: 'load' });
        const tabId = await tabOf(url);
        if (tabId == null) throw new Error(`tab not found: ${url}`);
        unpainted.push(await timedSave(popup, tabId));
        await article.close();
      }
    } finally {
      await popup.evaluate((s) => (s ? chrome.storage.local.set({ settings: s }) : chrome.storage.local.remove('settings')), settings.settings ?? null);
    }
  }
  // Leave the database as the other sections expect it: one long clipping (the first URL's).
  for (const id of new Set([...firsts.slice(1), ...unpainted].map((x) => x.id))) await send(popup, 'deleteClipping', { id });
  const analyses: number[] = [];
  for (let i = 0; i < reps; i++) {
    const r = await send(popup, 'analyze', { title: 'The week in review', text, reference: '2024-04-26T10:00:00Z' });
    if (r.err) throw new Error(`analyze: ${r.err.message}`);
    analyses.push(r.ms);
  }
  await popup.close();
  again = again.filter(Boolean);
  const first = firsts.map((s) => s.ms);
  const updates = again.map((s) => s.ms);
  const row = (label: string, xs: number[], bold = false) => `| ${label} | ${bold ? '**' : ''}${f1(median(xs))} ms${bold ? '**' : ''} | ${f1(quantile(xs, 0.95))} ms | ${xs.length} |`;
  return [
    `### 3. Saving a ${input.words.toLocaleString('en')}-word article`, '',
    `Page: ${input.words.toLocaleString('en')} words in ${input.paragraphs} paragraphs, made of the fixture news pages' article texts, served from loopback at ${input.urls.length} URLs, each opened in a tab and left to paint its entities first. From the popup page (opened as a tab), \`chrome.runtime.sendMessage({type:'saveTab', data:{tabId}})\` timed until the reply, i.e. click to committed: extraction in the page (Readability, reused when the page already read it), recognition (reused when the page already painted it), the database writes of the clipping, its entities, dates and highlights, and a durable "to be indexed" mark. Then, from the reply, the extension page polls IndexedDB every 4 ms until the clipping has its search postings and nothing is pending for it: "searchable after the reply". First save: once per URL (new clippings); ${unpainted.length ? `first save of a page never painted: ${unpainted.length} variants of the article (paragraphs rotated, so recognition cannot reuse an earlier analysis) opened with automatic painting off, so the save loads the page script, runs Readability and recognition; ` : ''}save again: ${updates.length} times on the first URL (updates). Recognition alone: the 'analyze' message with the article's text (${text.split(/\s+/).length.toLocaleString('en')} words), timed like saveTab, ${analyses.length} times.`, '',
    '| | median | p95 | runs |', '|---|---|---|---|',
    row('first save (new clipping), click to committed', first, true),
    row('… then searchable after the reply', firsts.map((s) => s.searchable)),
    row('save again (update), click to committed', updates, true),
    row('… then searchable after the reply', again.map((s) => s.searchable)),
    ...(unpainted.length ? [
      row('first save of a page never painted (automatic painting off), click to committed', unpainted.map((s) => s.ms)),
      row('… then searchable after the reply', unpainted.map((s) => s.searchable)),
    ] : []),
    row("recognition alone ('analyze' message)", analyses), '',
    `Target < 100 ms click to committed: ${ok(median(updates) < 100 && median(first) < 100)}. Replies: ${[...new Set([...firsts, ...again].map((s) => s.outcome))].join('; ')}.`, '',
  ];
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A ~5,000-word news article built from the fixture news pages' article texts, one paragraph per <p>. */
export function longArticle(rotate = 0): { html: string; words: number; paragraphs: number } {
  const paras: string[] = [];
  let words = 0;
  for (const name of ['seed-page', 'bbc-1', 'cnn', 'nytimes-1', 'wapo-1', 'ars-1', 'medicalnewstoday', 'guardian-1', 'nytimes-2', 'wapo-2']) {
    for (const p of fixturePage(name).text.split('\n').map((s) => s.trim()).filter((s) => s.split(/\s+/).length > 6)) {
      if (words >= 5_000) break;
      paras.push(p);
      words += p.split(/\s+/).length;
    }
  }
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The week in review: Iran, Russia and China, whales, and more</title>
<meta property="og:site_name" content="Bench Gazette"><meta name="author" content="Bench Desk"><meta property="article:published_time" content="2024-04-26T10:00:00Z"></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<main><article><h1>The week in review: Iran, Russia and China, whales, and more</h1><p class="byline">By Bench Desk</p>
${[...paras.slice(rotate), ...paras.slice(0, rotate)].map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
</article></main><footer><p>© Bench Gazette</p></footer></body></html>`;
  return { html, words, paragraphs: paras.length };
}

/** The same article at `n` URLs (/long-article/, /long-article/2/, ...): one clipping each. */
export function serveLongArticle(server: PageServer, html: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const path = i ? `/long-article/${i + 1}/` : '/long-article/';
    server.set(path, html);
    return `${server.origin}${path}`;
  });
}

/** `n` variants of the article, each with its paragraphs rotated differently (other text), at /long-variant/<k>/. */
export function serveVariants(server: PageServer, n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const path = `/long-variant/${i + 1}/`;
    server.set(path, longArticle(7 * (i + 1)).html);
    return `${server.origin}${path}`;
  });
}
