import type { ClippingCardRow } from '@/utils/db';
import { servedPopupHtml } from '@/utils/served-popup';
import { versionOf } from '@/utils/recent-mirror';
import type { VersionWatcher } from '@/utils/popup-version';

/**
 * The background serves the toolbar popup's page with its recent list in the markup (utils/served-popup.ts), from
 * memory, when its service worker is running. It makes that page for the version the popup's address carries, once
 * the address has it (after every committed write to the clippings, utils/popup-version.ts), and stops serving it
 * as soon as a write commits. Anything else (another version, no version, the page not made yet, the worker not
 * running: see POPUP_ROUTES) loads the packaged popup.html, whose popup-early.js shows the list from its copy or the
 * database, as before.
 */
export interface PopupServerDeps {
  /** The packaged popup.html's text. */
  template(): Promise<string>;
  /** The newest cards, as the popup's live query reads them. */
  cards(): Promise<ClippingCardRow[]>;
  /** The cards' list as the popup's first render has it (components/EarlyRecentList.tsx). */
  listMarkup(cards: ClippingCardRow[]): string;
  log?(msg: string): void;
}

export interface PopupServer extends VersionWatcher {
  /** The page for a request's address, or null (the request then goes to the package). */
  respond(url: string): string | null;
  /** Settles when the page for the latest version is made (or could not be). */
  settled(): Promise<void>;
}

export const POPUP_PATH = '/popup.html';

/**
 * `startDelayMs`: how long the page for the version found on start waits (the worker starts for a page's events, and
 * should not add its reads to that page's loading); the page for a new version is made at once.
 */
export function createPopupServer(deps: PopupServerDeps, startDelayMs = 0): PopupServer {
  let page: { version: string; html: string } | null = null;
  let wanted: string | null = null;
  let work: Promise<void> = Promise.resolve();
  let template: Promise<string> | null = null;
  const make = async (version: string, atStart: boolean) => {
    if (atStart && startDelayMs > 0) await new Promise((r) => setTimeout(r, startDelayMs));
    if (wanted !== version) return;
    const [t, cards] = await Promise.all([(template ??= deps.template()), deps.cards()]);
    // a write committed while the cards were read: a newer version is coming (or came), this one is not served
    if (wanted !== version) return;
    const html = servedPopupHtml(t, version, cards, deps.listMarkup(cards));
    if (html == null) deps.log?.('popup page: popup.html has no place for the recent list; the packaged page is used');
    else page = { version, html };
  };
  return {
    stale() {
      page = null;
      wanted = null;
    },
    current(version, atStart = false) {
      if (page?.version === version || wanted === version) return;
      page = null;
      wanted = version;
      work = make(version, atStart).catch((e: unknown) => {
        template = null;
        deps.log?.(`popup page: ${String(e)}`);
      });
    },
    respond(url) {
      if (!page) return null;
      try {
        const u = new URL(url);
        return u.pathname === POPUP_PATH && versionOf(url) === page.version ? page.html : null;
      } catch {
        return null;
      }
    },
    settled: () => work,
  };
}

/**
 * Static routes (Chromium's service worker static routing, set up at install): every request of the extension's
 * pages but popup.html goes to the package without the worker (as it did before the worker had a fetch handler),
 * and so does popup.html while the worker is not running: the page never waits for a stopped worker to start.
 * (Chromium still starts a worker that has a fetch handler alongside a navigation to its pages; see BENCHMARKS.)
 */
export const POPUP_ROUTES = [
  { condition: { urlPattern: { pathname: POPUP_PATH }, runningStatus: 'not-running' }, source: 'network' },
  { condition: { not: { urlPattern: { pathname: POPUP_PATH } } }, source: 'network' },
] as const;

interface InstallEventLike extends Event {
  addRoutes?(rules: unknown): Promise<void> | void;
}
interface FetchEventLike extends Event {
  request: Request;
  respondWith(response: Response): void;
}

/** Whether the background runs as a service worker (Chromium), not as a page (Firefox): only a worker serves pages. */
export function isServiceWorker(scope: object): scope is EventTarget {
  return 'registration' in scope && 'skipWaiting' in scope;
}

/** Wires `server` into a service worker's events: the routes at install, the popup's page on fetch. */
export function servePopupFrom(scope: EventTarget, server: PopupServer, log: (msg: string) => void): void {
  scope.addEventListener('install', (e) => {
    const add = (e as InstallEventLike).addRoutes;
    if (typeof add !== 'function') return;
    try {
      void Promise.resolve(add.call(e, POPUP_ROUTES)).catch((err: unknown) => log(`popup routes: ${String(err)}`));
    } catch (err) {
      log(`popup routes: ${String(err)}`);
    }
  });
  scope.addEventListener('fetch', (e) => {
    const fe = e as FetchEventLike;
    if (fe.request.method !== 'GET') return;
    const html = server.respond(fe.request.url);
    if (html != null) fe.respondWith(new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } }));
  });
}
