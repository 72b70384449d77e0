import { describe, expect, it, vi } from 'vitest';
import { createPopupServer, isServiceWorker, POPUP_ROUTES, servePopupFrom, type PopupServerDeps } from '@/utils/popup-serve';
import { readServed } from '@/utils/served-popup';
import { cardOf, type ClippingCardRow } from '@/utils/db';
import { makeClipping } from '@/fixtures/test-data';

/** The background's side of the served popup page: which page it answers an address with, and when none. */
const TEMPLATE = '<main><h2 id="saved-heading">Recently saved</h2></section></main><script src="/popup-early.js"></script>';
const card = (id: string) => cardOf(makeClipping({ id, title: `Title ${id}`, savedAt: 1 }));
const URL_OF = (v: string) => `chrome-extension://abc/popup.html?v=${v}`;
const titlesIn = (html: string | null) => (html ? [...html.matchAll(/data-clipping-id="(\w+)"/g)].map((m) => m[1]) : null);

function deps(initial: ClippingCardRow[]) {
  let rows = initial;
  const d = {
    template: vi.fn(async () => TEMPLATE),
    cards: vi.fn(async () => rows),
    listMarkup: (cards: ClippingCardRow[]) => cards.map((c) => `<li data-clipping-id="${c.id}"></li>`).join(''),
    log: vi.fn(),
  } satisfies PopupServerDeps;
  return { d, setRows: (r: ClippingCardRow[]) => { rows = r; } };
}

describe('the popup page served by the background', () => {
  it('answers the address of the current version only, once its page is made', async () => {
    const { d } = deps([card('a')]);
    const server = createPopupServer(d);
    expect(server.respond(URL_OF('v1'))).toBeNull();
    server.current('v1');
    await server.settled();
    const html = server.respond(URL_OF('v1'));
    expect(titlesIn(html)).toEqual(['a']);
    // the page carries its version: popup-early.js trusts its cards under that address only
    expect(html).toContain('"version":"v1"');
    expect(server.respond(URL_OF('v0'))).toBeNull();
    expect(server.respond('chrome-extension://abc/popup.html')).toBeNull();
    expect(server.respond('chrome-extension://abc/reader.html?v=v1')).toBeNull();
    expect(server.respond('not a url')).toBeNull();
  });

  it('stops serving the moment a write commits, and serves the next version with the new list', async () => {
    const { d, setRows } = deps([card('a')]);
    const server = createPopupServer(d);
    server.current('v1');
    await server.settled();
    setRows([card('b'), card('a')]);
    server.stale();
    expect(server.respond(URL_OF('v1'))).toBeNull();
    server.current('v2');
    await server.settled();
    expect(titlesIn(server.respond(URL_OF('v2')))).toEqual(['b', 'a']);
    expect(server.respond(URL_OF('v1'))).toBeNull();
    expect(d.template).toHaveBeenCalledOnce();
  });

  it('never serves a page whose cards were read while a write committed', async () => {
    const { d } = deps([card('a')]);
    let answer!: (rows: ClippingCardRow[]) => void;
    d.cards.mockImplementationOnce(() => new Promise((r) => { answer = r; }));
    const server = createPopupServer(d);
    server.current('v1');
    await vi.waitFor(() => expect(d.cards).toHaveBeenCalled());
    server.stale(); // a write commits while v1's cards are being read
    answer([card('old')]);
    await server.settled();
    expect(server.respond(URL_OF('v1'))).toBeNull();
  });

  it('waits before making the page of the version found on start, and not for a new version', async () => {
    const { d } = deps([card('a')]);
    const server = createPopupServer(d, 50);
    server.current('v1', true);
    await new Promise((r) => setTimeout(r, 10));
    expect(d.cards).not.toHaveBeenCalled();
    await server.settled();
    expect(titlesIn(server.respond(URL_OF('v1')))).toEqual(['a']);
    server.stale();
    server.current('v2');
    await vi.waitFor(() => expect(d.cards).toHaveBeenCalledTimes(2), { timeout: 40 });
  });

  it('serves nothing, and says so, when the page cannot be made; the next version tries again', async () => {
    const { d } = deps([card('a')]);
    d.template.mockRejectedValueOnce(new Error('no package'));
    const server = createPopupServer(d);
    server.current('v1');
    await server.settled();
    expect(server.respond(URL_OF('v1'))).toBeNull();
    expect(d.log).toHaveBeenCalledWith(expect.stringContaining('no package'));
    server.current('v2');
    await server.settled();
    expect(titlesIn(server.respond(URL_OF('v2')))).toEqual(['a']);

    const changed = deps([card('a')]).d;
    changed.template.mockResolvedValue('<html>a changed page</html>');
    const other = createPopupServer(changed);
    other.current('v1');
    await other.settled();
    expect(other.respond(URL_OF('v1'))).toBeNull();
    expect(changed.log).toHaveBeenCalledWith(expect.stringContaining('no place for the recent list'));
  });
});

describe('the service worker\'s events', () => {
  class FakeWorker extends EventTarget {
    registration = {};
    skipWaiting() {}
  }
  const fetchEvent = (url: string, method = 'GET') => Object.assign(new Event('fetch'), { request: new Request(url, { method }), respondWith: vi.fn() });

  it('routes everything but a running worker\'s popup.html past the worker, at install', () => {
    const scope = new FakeWorker();
    servePopupFrom(scope, createPopupServer(deps([]).d), vi.fn());
    const install = Object.assign(new Event('install'), { addRoutes: vi.fn() });
    scope.dispatchEvent(install);
    expect(install.addRoutes).toHaveBeenCalledExactlyOnceWith(POPUP_ROUTES);
    // a Chromium without static routing: the install goes on, every request is left to the package but the popup's
    expect(() => scope.dispatchEvent(new Event('install'))).not.toThrow();
  });

  it('answers a GET of the current popup address with its page, and leaves every other request alone', async () => {
    const scope = new FakeWorker();
    const server = createPopupServer(deps([card('a')]).d);
    servePopupFrom(scope, server, vi.fn());
    server.current('v1');
    await server.settled();
    const hit = fetchEvent(URL_OF('v1'));
    scope.dispatchEvent(hit);
    expect(hit.respondWith).toHaveBeenCalledOnce();
    const response = hit.respondWith.mock.calls[0]![0] as Response;
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const text = await response.text();
    expect(readServed({ getElementById: () => ({ textContent: /<script type="application\/json"[^>]*>(.*?)<\/script>/.exec(text)![1] }) } as never, 'v1')!.map((c) => c.id)).toEqual(['a']);
    for (const miss of [fetchEvent(URL_OF('v0')), fetchEvent('chrome-extension://abc/chunks/popup.js'), fetchEvent(URL_OF('v1'), 'POST')]) {
      scope.dispatchEvent(miss);
      expect(miss.respondWith).not.toHaveBeenCalled();
    }
  });

  it('is a service worker only where there is one (Chromium), not in Firefox\'s background page', () => {
    expect(isServiceWorker(new FakeWorker())).toBe(true);
    expect(isServiceWorker(new EventTarget())).toBe(false);
  });
});
