import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from './browser';
import { startPageServer, type PageServer } from './server';
import { ExtensionLog, ExtensionPage, liveWorker, saveTab, tabIdOf, type Reply } from './harness';

/**
 * The background accepts messages only from Clipmark's own contexts, in the shapes and sizes the protocol allows.
 * Everything else is refused with a clear error and logged in the service worker's console: proven here from an
 * extension page (malformed, oversized, unknown), from a content script (messages only extension pages may send, and
 * highlights of another site), and from the web page itself (which cannot reach the background at all).
 */

let server: PageServer;
let ext: ExtensionBrowser;
let log: ExtensionLog;
let from: ExtensionPage;
let articleUrl: string;
let clippingId: string;

beforeAll(async () => {
  server = await startPageServer();
  ext = await launchWithExtension();
  log = new ExtensionLog(ext);
  from = await ExtensionPage.open(ext);
  articleUrl = server.url('seed-page');
  const page = await ext.context.newPage();
  await page.goto(articleUrl);
  const { reply } = await saveTab(from, await tabIdOf(ext, articleUrl));
  clippingId = reply!.res!.clipping!.id;
}, 120_000);

afterAll(async () => {
  await from?.close();
  await ext?.close();
  await server?.close();
});

/** The message was refused with `pattern`, and the service worker logged the refusal. */
async function expectRefusedAndLogged(run: () => Promise<Reply>, pattern: RegExp) {
  const mark = log.mark();
  const reply = await run();
  expect(reply?.res, 'the background answered as if accepted').toBeUndefined();
  expect(reply?.err?.message).toMatch(pattern);
  await expect.poll(() => log.since(mark).filter((l) => l.where === 'service-worker' && pattern.test(l.text)).length, { timeout: 5_000 }).toBeGreaterThan(0);
}

/** Runs `body` as Clipmark's content script in the article's tab (its isolated world, injected from the service worker). */
async function asContentScript(type: string, data: unknown): Promise<Reply> {
  const tabId = await tabIdOf(ext, articleUrl);
  const worker = await liveWorker(ext);
  return worker.evaluate(async ({ tabId, type, data }) => {
    const [r] = await chrome.scripting.executeScript({
      target: { tabId }, world: 'ISOLATED',
      func: (type: string, data: unknown) => new Promise((resolve) => {
        chrome.runtime.sendMessage({ id: 1, type, data, timestamp: Date.now() }, (reply) => resolve(chrome.runtime.lastError ? { err: { message: chrome.runtime.lastError.message } } : reply));
      }),
      args: [type, data],
    });
    return r?.result as Reply;
  }, { tabId, type, data });
}

const annotation = (over: Record<string, unknown> = {}) => ({
  id: '6f1c2a4e-3b8d-4a8e-9c1d-2f3e4a5b6c7d', pageUrl: 'http://127.0.0.1/seed-page/', color: 'yellow', note: '',
  selectors: [{ type: 'TextQuoteSelector', exact: 'Shoigu', prefix: '', suffix: '' }], ...over,
});

describe('from an extension page: shapes and sizes are checked', () => {
  it('a malformed message is refused and logged', async () => {
    await expectRefusedAndLogged(() => from.send('saveAnnotation', { id: 'not-a-uuid', pageUrl: 42 }), /Refused "saveAnnotation": malformed message/);
    await expectRefusedAndLogged(() => from.send('deleteClipping', null), /Refused "deleteClipping": malformed message/);
    await expectRefusedAndLogged(() => from.send('saveTab', { tabId: -5 }), /Refused "saveTab": malformed message at tabId/);
  });

  it('oversized fields are refused and logged: a 25,000-character note, 9 selectors, a 5,000-character URL, a 5 MB id', async () => {
    await expectRefusedAndLogged(() => from.send('saveAnnotation', annotation({ note: 'n'.repeat(25_000) })), /Refused "saveAnnotation": malformed message at note/);
    await expectRefusedAndLogged(() => from.send('saveAnnotation', annotation({ selectors: Array(9).fill(annotation().selectors[0]) })), /malformed message at selectors/);
    await expectRefusedAndLogged(() => from.send('listAnnotations', { pageUrl: `https://x.example/${'a'.repeat(5_000)}` }), /malformed message at pageUrl/);
    await expectRefusedAndLogged(() => from.send('deleteClipping', { id: 'x'.repeat(5_000_000) }), /Refused "deleteClipping": malformed message at id/);
    expect((await from.readDb()).annotations).toEqual([]);
    expect((await from.readClipping(clippingId))?.id).toBe(clippingId);
  });

  it('a message of no known type is refused and logged, not silently dropped', async () => {
    await expectRefusedAndLogged(() => from.send('dropDatabase', {}), /Refused: unknown message "dropDatabase"/);
    await expectRefusedAndLogged(
      () => from.page.evaluate(() => new Promise((resolve) => chrome.runtime.sendMessage('just a string', (r) => resolve(chrome.runtime.lastError ? { err: { message: chrome.runtime.lastError.message } } : r)))) as Promise<Reply>,
      /Refused: unknown message/,
    );
  });
});

describe('from a content script: only what a web page may ask', () => {
  it('deleteClipping (extension pages only) is refused and logged, and the clipping is still there', async () => {
    await expectRefusedAndLogged(() => asContentScript('deleteClipping', { id: clippingId }), /Refused "deleteClipping": a web page may not send it/);
    expect((await from.readClipping(clippingId))?.id).toBe(clippingId);
  });

  it('saveTab and undoDelete are refused and logged', async () => {
    await expectRefusedAndLogged(() => asContentScript('saveTab', {}), /Refused "saveTab": a web page may not send it/);
    await expectRefusedAndLogged(() => asContentScript('undoDelete', { token: 'x' }), /Refused "undoDelete": a web page may not send it/);
  });

  it('a highlight for another site is refused and logged; one for its own page is accepted', async () => {
    await expectRefusedAndLogged(() => asContentScript('saveAnnotation', annotation({ pageUrl: 'https://bank.example/account' })), /a page may only see and change its own highlights/);
    const own = await asContentScript('saveAnnotation', annotation({ pageUrl: articleUrl }));
    expect(own?.err).toBeUndefined();
    expect((own?.res as { clippingId: string }).clippingId).toBe(clippingId);
    expect((await from.readDb()).annotations.map((a) => a.id)).toEqual([annotation().id]);
  });

  it('pageStart (the loader\'s one question): the settings and its own page\'s highlights, never another site\'s', async () => {
    const own = await asContentScript('pageStart', { pageUrl: articleUrl, article: false });
    expect(own?.err).toBeUndefined();
    expect(own?.res).toMatchObject({ settings: { autoHighlight: true, disabledSites: [] }, highlights: 1 });
    // an article painted anyway: the page script lists its highlights itself, so they are not looked up
    expect((await asContentScript('pageStart', { pageUrl: articleUrl, article: true }))?.res).toMatchObject({ highlights: null });
    await expectRefusedAndLogged(() => asContentScript('pageStart', { pageUrl: 'https://bank.example/account', article: false }), /a page may only see and change its own highlights/);
    await expectRefusedAndLogged(() => from.send('pageStart', { pageUrl: articleUrl, article: false }), /Refused "pageStart": an extension page may not send it/);
  });
});

describe('reading articles off the page\'s main thread (extractHtml, the offscreen document)', () => {
  const html = () => `<html><head><title>Off the page</title></head><body><article><h1>Off the page</h1>${'<p>Sergei Shoigu met officials in Damascus on April 13, a long paragraph of article text for Readability to keep.</p>'.repeat(8)}</article></body></html>`;

  it('a content script gets the article of the HTML it sends, read in the one offscreen document', async () => {
    const reply = await asContentScript('extractHtml', { html: html(), url: articleUrl, baseUrl: articleUrl });
    expect(reply?.err).toBeUndefined();
    const r = reply?.res as { ok: boolean; article: { title: string; text: string } };
    expect(r.ok).toBe(true);
    expect(r.article.title).toBe('Off the page');
    expect(r.article.text).toContain('Sergei Shoigu met officials in Damascus');
    const docs = await (await liveWorker(ext)).evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType] })).map((c) => new URL(c.documentUrl ?? '').pathname));
    expect(docs).toEqual(['/offscreen.html']);
  });

  it('an extension page may not send it (refused and logged)', async () => {
    await expectRefusedAndLogged(() => from.send('extractHtml', { html: html(), url: articleUrl, baseUrl: articleUrl }), /Refused "extractHtml": an extension page may not send it/);
  });
});

describe('from the web page itself', () => {
  it('the page cannot reach the background at all (no externally_connectable)', async () => {
    const page = await ext.context.newPage();
    await page.goto(articleUrl);
    const reach = await page.evaluate((id) => {
      const rt = (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: (...a: unknown[]) => void } } }).chrome?.runtime;
      if (!rt?.sendMessage) return 'no runtime';
      try {
        rt.sendMessage(id, { type: 'deleteClipping', data: { id: 'x' }, timestamp: 1 });
        return 'sent';
      } catch (e) {
        return `threw: ${(e as Error).message}`;
      }
    }, ext.extensionId);
    expect(reach).not.toBe('sent');
    await page.close();
    expect((await from.readClipping(clippingId))?.id).toBe(clippingId);
  });
});
