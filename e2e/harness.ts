import type { CDPSession, ConsoleMessage, Page, Worker } from 'playwright-core';
import type { ExtensionBrowser } from './browser';
import { HEAD_STATE } from '../utils/search-heads';

/**
 * Shared by the hardening specs (corpus, hostile, messages, faults): the extension's own errors, kept apart from the
 * pages' errors; an extension page to talk to the background and read the database; saving a tab by id.
 */

export interface LoggedLine {
  where: 'service-worker' | 'content-script' | 'extension-page';
  type: string;
  text: string;
  url?: string;
}

/** Everything the extension logs: its service worker (also after a restart), content scripts, extension pages. */
export class ExtensionLog {
  readonly lines: LoggedLine[] = [];
  private readonly seen = new WeakSet<Worker>();

  constructor(readonly ext: ExtensionBrowser) {
    for (const w of ext.context.serviceWorkers()) this.watchWorker(w);
    ext.context.on('serviceworker', (w) => this.watchWorker(w));
    ext.context.on('weberror', (e) => {
      const url = e.page()?.url() ?? '';
      if (url.startsWith(`chrome-extension://${ext.extensionId}/`)) this.lines.push({ where: 'extension-page', type: 'pageerror', text: e.error().message, url });
    });
    ext.context.on('console', (m) => {
      const url = m.page()?.url() ?? '';
      if (url.startsWith(`chrome-extension://${ext.extensionId}/`) && (m.type() === 'error' || m.type() === 'warning')) {
        this.lines.push({ where: 'extension-page', type: m.type(), text: m.text(), url });
      }
    });
  }

  private watchWorker(w: Worker) {
    if (this.seen.has(w) || !w.url().startsWith(`chrome-extension://${this.ext.extensionId}/`)) return;
    this.seen.add(w);
    w.on('console', (m: ConsoleMessage) => this.lines.push({ where: 'service-worker', type: m.type(), text: m.text() }));
    // Uncaught exceptions and rejections in the worker are not console messages: route them to console.error.
    void w.evaluate(() => {
      const g = globalThis as unknown as { __clipmarkWatched?: boolean };
      if (g.__clipmarkWatched) return;
      g.__clipmarkWatched = true;
      self.addEventListener('error', (e) => console.error('[uncaught]', (e as ErrorEvent).message));
      self.addEventListener('unhandledrejection', (e) => console.error('[unhandled rejection]', String((e as PromiseRejectionEvent).reason)));
    }).catch(() => undefined);
  }

  /** Errors: uncaught exceptions and console.error anywhere in the extension. Refusals are warnings, not errors. */
  errors(): LoggedLine[] {
    return this.lines.filter((l) => l.type === 'error' || l.type === 'pageerror' || l.type === 'exception');
  }

  since(mark: number): LoggedLine[] {
    return this.lines.slice(mark);
  }

  mark(): number {
    return this.lines.length;
  }
}

/** The service worker running now (a stopped worker comes back as a new Worker object). */
export async function liveWorker(ext: ExtensionBrowser): Promise<Worker> {
  const prefix = `chrome-extension://${ext.extensionId}/`;
  const w = ext.context.serviceWorkers().filter((x) => x.url().startsWith(prefix)).pop();
  return w ?? ext.context.waitForEvent('serviceworker', { predicate: (x) => x.url().startsWith(prefix), timeout: 30_000 });
}

/**
 * Stops the extension's service worker (as Chromium does after 30 s without events), through the DevTools
 * protocol, and resolves once it is stopped. `ext.worker` is then stale: take `liveWorker(ext)` once it runs again.
 */
export async function stopWorker(ext: ExtensionBrowser): Promise<void> {
  const cdp = await ext.context.newCDPSession(await ext.context.newPage());
  const scope = `chrome-extension://${ext.extensionId}/`;
  const running = new Map<string, string>();
  const stopped = new Promise<void>((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions) if (v.scriptURL.startsWith(scope)) running.set(v.versionId, v.runningStatus);
      if (running.size > 0 && [...running.values()].every((st) => st === 'stopped')) resolve();
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  // (a worker stopped already may report nothing more)
  await Promise.race([stopped, new Promise((r) => setTimeout(r, 5_000))]);
  await cdp.detach();
}

/**
 * Uncaught exceptions and console errors in a web page, split by world: the page's own scripts (main world) and
 * Clipmark's content script (its isolated world), through the DevTools protocol, which sees every world.
 */
export class PageWorlds {
  readonly extension: string[] = [];
  readonly page: string[] = [];
  private readonly contexts = new Map<number, 'extension' | 'page'>();

  private constructor(readonly cdp: CDPSession, private readonly extensionId: string) {}

  static async attach(page: Page, extensionId: string): Promise<PageWorlds> {
    const cdp = await page.context().newCDPSession(page);
    const w = new PageWorlds(cdp, extensionId);
    cdp.on('Runtime.executionContextCreated', ({ context }) => {
      const ours = typeof context.origin === 'string' && context.origin.startsWith(`chrome-extension://${extensionId}`);
      w.contexts.set(context.id, ours ? 'extension' : 'page');
    });
    cdp.on('Runtime.exceptionThrown', ({ exceptionDetails }) => {
      const id = exceptionDetails.executionContextId;
      const text = `${exceptionDetails.text} ${exceptionDetails.exception?.description ?? ''}`.trim();
      (id != null && w.contexts.get(id) === 'extension' ? w.extension : w.page).push(text);
    });
    cdp.on('Runtime.consoleAPICalled', ({ type, args, executionContextId }) => {
      if (type !== 'error' && type !== 'assert') return;
      const text = args.map((a) => a.value ?? a.description ?? '').join(' ');
      (w.contexts.get(executionContextId) === 'extension' ? w.extension : w.page).push(`console.${type}: ${text}`);
    });
    await cdp.send('Runtime.enable');
    return w;
  }

  /** The id of Clipmark's isolated world in the main frame, for evaluating as the content script. */
  extensionContextIds(): number[] {
    return [...this.contexts].filter(([, k]) => k === 'extension').map(([id]) => id);
  }

  async detach() {
    await this.cdp.detach().catch(() => undefined);
  }
}

/** Reply of the background to a message in @webext-core/messaging's wire format. */
export type Reply<T = unknown> = { res?: T; err?: { message: string } } | undefined;

/** An extension page (the popup, opened in a tab) from which specs talk to the background and read the database. */
export class ExtensionPage {
  constructor(readonly page: Page) {}

  static async open(ext: ExtensionBrowser): Promise<ExtensionPage> {
    const page = await ext.context.newPage();
    await page.goto(ext.popupUrl);
    return new ExtensionPage(page);
  }

  send<T = unknown>(type: string, data: unknown): Promise<Reply<T>> {
    return this.page.evaluate(
      ([type, data]) => new Promise<Reply<never>>((resolve) => {
        chrome.runtime.sendMessage({ id: Math.floor(Math.random() * 1e9), type, data, timestamp: Date.now() }, (reply) => {
          resolve(chrome.runtime.lastError ? { err: { message: chrome.runtime.lastError.message ?? 'lastError' } } : reply);
        });
      }),
      [type, data] as const,
    ) as Promise<Reply<T>>;
  }

  /** Every row of every store, read straight from IndexedDB (no Dexie): what is really on disk. */
  readDb(): Promise<DbDump> {
    return this.page.evaluate(async () => {
      const db: IDBDatabase = await new Promise((res, rej) => {
        const req = indexedDB.open('clipmark');
        req.onsuccess = () => res(req.result);
        req.onerror = () => rej(req.error);
      });
      const out: Record<string, unknown[]> = {};
      const names = Array.from(db.objectStoreNames);
      if (names.length) {
        const tx = db.transaction(names, 'readonly');
        await Promise.all(names.map((n) => new Promise<void>((res) => {
          const r = tx.objectStore(n).getAll();
          r.onsuccess = () => { out[n] = r.result; res(); };
        })));
      }
      db.close();
      return out as unknown as DbDump;
    });
  }

  /** One clipping by id, or null. */
  readClipping(id: string): Promise<StoredClipping | null> {
    return this.page.evaluate(async (id) => {
      const db: IDBDatabase = await new Promise((res, rej) => {
        const req = indexedDB.open('clipmark');
        req.onsuccess = () => res(req.result);
        req.onerror = () => rej(req.error);
      });
      const row = await new Promise<unknown>((res) => {
        const r = db.transaction('clippings').objectStore('clippings').get(id);
        r.onsuccess = () => res(r.result ?? null);
        r.onerror = () => res(null);
      });
      db.close();
      return row as StoredClipping | null;
    }, id);
  }

  /** Empties every store (between test cases). */
  clearDb(): Promise<void> {
    return this.page.evaluate(async () => {
      const db: IDBDatabase = await new Promise((res, rej) => {
        const req = indexedDB.open('clipmark');
        req.onsuccess = () => res(req.result);
        req.onerror = () => rej(req.error);
      });
      const names = Array.from(db.objectStoreNames);
      const tx = db.transaction(names, 'readwrite');
      for (const n of names) tx.objectStore(n).clear();
      await new Promise((res) => { tx.oncomplete = res; });
      db.close();
    });
  }

  async close() {
    await this.page.close().catch(() => undefined);
  }
}

export interface StoredClipping {
  id: string; url: string; canonicalUrl: string; title: string; byline: string | null; siteName: string | null;
  excerpt: string | null; html: string; text: string; wordCount: number; isArticle: boolean; savedAt: number;
}
export interface DbDump {
  clippings: StoredClipping[];
  annotations: { id: string; clippingId: string | null }[];
  entities: { clippingId: string; kind: string; key: string }[];
  dates: { clippingId: string; role: string }[];
  terms: { term: string; clippingId: string }[];
  /** Schema version 3 on. */
  entityCounts?: { kind: string; key: string; clippings: number }[];
  /** Schema version 5 on: count changes written by a committed write and not yet applied to entityCounts. */
  countQueue?: { deltas: { kind: string; key: string; n: number }[] }[];
}

/** Rows that point at a clipping that is not there, or entity counts that disagree with the rows: a save or a delete that was half done. */
export function orphans(d: DbDump): string[] {
  const ids = new Set(d.clippings.map((c) => c.id));
  const out: string[] = [];
  for (const t of ['entities', 'dates', 'terms'] as const) {
    for (const r of d[t] ?? []) {
      // the marker row that says head postings are complete (utils/search-heads.ts) belongs to no clipping
      if (t === 'terms' && (r as { term: string }).term === HEAD_STATE) continue;
      if (!ids.has(r.clippingId)) out.push(`${t} row of missing clipping ${r.clippingId}`);
    }
  }
  for (const a of d.annotations ?? []) if (a.clippingId && !ids.has(a.clippingId)) out.push(`annotation ${a.id} of missing clipping ${a.clippingId}`);
  // Every clipping has its "saved" date row: the last write of a save.
  for (const c of d.clippings) if (!(d.dates ?? []).some((r) => r.clippingId === c.id && r.role === 'saved')) out.push(`clipping ${c.id} without its saved date`);
  if (d.entityCounts) {
    const rows = new Map<string, number>();
    for (const e of d.entities ?? []) rows.set(`${e.kind}:${e.key}`, (rows.get(`${e.kind}:${e.key}`) ?? 0) + 1);
    const kept = new Map(d.entityCounts.map((c) => [`${c.kind}:${c.key}`, c.clippings]));
    // changes still queued (the worker was stopped before it applied them, or is applying them) count as applied
    for (const q of d.countQueue ?? []) for (const x of q.deltas) kept.set(`${x.kind}:${x.key}`, (kept.get(`${x.kind}:${x.key}`) ?? 0) + x.n);
    for (const k of new Set([...rows.keys(), ...kept.keys()])) {
      if ((rows.get(k) ?? 0) !== (kept.get(k) ?? 0)) out.push(`entity ${k}: counted ${kept.get(k) ?? 0}, has ${rows.get(k) ?? 0} rows`);
    }
  }
  return out;
}

export interface SaveOutcomeWire {
  ok: boolean; message: string; created?: boolean;
  clipping?: { id: string; title: string; canonicalUrl: string; isArticle: boolean };
}

/** Evaluates in the running service worker, again in its successor if it was just stopped and restarted. */
export async function inWorker<R, A>(ext: ExtensionBrowser, fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
  for (let attempt = 0; ; attempt++) {
    const w = await liveWorker(ext);
    try {
      return (await w.evaluate(fn as never, arg as never)) as R;
    } catch (e) {
      if (attempt >= 4 || !/restarted|closed|destroyed|Target/i.test(String(e))) throw e;
      await ext.context.waitForEvent('serviceworker', { timeout: 3_000 }).catch(() => undefined);
    }
  }
}

/** Tab id of a page, as the background sees it. */
export async function tabIdOf(ext: ExtensionBrowser, url: string): Promise<number> {
  const id = await inWorker(ext, async (u) => (await chrome.tabs.query({})).filter((t) => t.url === u).pop()?.id ?? -1, url);
  if (id < 0) throw new Error(`no tab shows ${url}`);
  return id;
}

/**
 * Saves a tab through the background, as the popup's Save button does; returns the outcome and the time it took.
 * A save with no reply within `timeoutMs` comes back as an error (a hang is a failure, not a stuck test).
 */
export async function saveTab(from: ExtensionPage, tabId: number, timeoutMs = 30_000): Promise<{ ms: number; reply: Reply<SaveOutcomeWire> }> {
  const t0 = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<Reply<SaveOutcomeWire>>((r) => {
    timer = setTimeout(() => r({ err: { message: `no reply within ${timeoutMs} ms` } }), timeoutMs);
  });
  const reply = await Promise.race([from.send<SaveOutcomeWire>('saveTab', { tabId }), late]);
  clearTimeout(timer);
  return { ms: performance.now() - t0, reply };
}

/** A loopback server of our own: raw bytes (broken encodings), generated pages, and a log of every request (the beacon). */
export interface RawServer {
  origin: string;
  hits: { path: string; at: number; origin?: string; referer?: string }[];
  set(path: string, body: string | Buffer, type?: string): void;
  close(): Promise<void>;
}

export async function startRawServer(): Promise<RawServer> {
  const { createServer } = await import('node:http');
  const files = new Map<string, { body: string | Buffer; type: string }>();
  const hits: RawServer['hits'] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const f = files.get(path);
    if (!f) {
      hits.push({ path: req.url ?? '', at: Date.now(), origin: req.headers.origin, referer: req.headers.referer });
      res.writeHead(404, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' });
      res.end('');
      return;
    }
    res.writeHead(200, { 'content-type': f.type, 'cache-control': 'no-store' });
    res.end(f.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    set: (path, body, type = 'text/html; charset=utf-8') => { files.set(path, { body, type }); },
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
  };
}
