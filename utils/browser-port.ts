import { browser } from 'wxt/browser';
import type { ClipmarkDB } from '@/utils/db';
import { findClippingForUrl } from '@/utils/clippings';
import { callLoader, type LoaderBridge, type LoaderMethod } from '@/utils/loader-bridge';
import type { BrowserPort, SaveService, TabRef } from '@/utils/save-service';
import { cleanUrl, siteOf } from '@/utils/url';
import { isSiteDisabled, type Settings } from '@/utils/settings-model';
import { pageNotice, type NoticePort } from '@/utils/save-notice';

/** The real browser behind BrowserPort: tabs, the content script, the toolbar badge. */

const LOADER_SCRIPT = '/loader.js';
const PAGE_SCRIPT = '/content-scripts/page.js';

function isWebUrl(url: string | undefined): boolean {
  return !!url && /^(https?|file):/.test(url);
}

async function targetTab(tabId?: number): Promise<TabRef | null> {
  if (tabId != null) {
    const t = await browser.tabs.get(tabId).catch(() => null);
    return t?.id != null ? { id: t.id, url: t.url, title: t.title } : null;
  }
  const [active] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  const ownOrigin = browser.runtime.getURL('/');
  if (active?.id != null && !active.url?.startsWith(ownOrigin)) return { id: active.id, url: active.url, title: active.title };
  // The popup opened in a tab of its own (or pinned): the reader means the web page they were just on.
  const tabs = await browser.tabs.query({});
  const last = tabs
    .filter((t) => t.id != null && isWebUrl(t.url))
    .sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
  return last?.id != null ? { id: last.id, url: last.url, title: last.title } : null;
}

/**
 * Calls the tab's loader (utils/loader-bridge.ts); injects it first where it is missing (tabs opened before
 * Clipmark was installed). null when the page cannot be reached or the loader failed.
 */
async function viaLoader<M extends LoaderMethod>(tabId: number, method: M, ...arg: Parameters<LoaderBridge[M]>): Promise<Awaited<ReturnType<LoaderBridge[M]>> | null> {
  return askLoader(tabId, true, method, ...arg);
}

/** Calls the tab's loader; `inject`: inject it first where it is missing (never while a page is still loading). */
async function askLoader<M extends LoaderMethod>(tabId: number, inject: boolean, method: M, ...arg: Parameters<LoaderBridge[M]>): Promise<Awaited<ReturnType<LoaderBridge[M]>> | null> {
  try {
    let r = await callLoader(browser.scripting, tabId, method, ...arg);
    if ('absent' in r && inject) {
      await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [LOADER_SCRIPT] });
      r = await callLoader(browser.scripting, tabId, method, ...arg);
    }
    return 'value' in r ? r.value : null;
  } catch {
    return null;
  }
}

/** The sites (registrable domains) that have highlights: the keys of the pageUrl index, read as keys only. */
async function sitesWithHighlights(db: ClipmarkDB): Promise<Set<string>> {
  const urls = (await db.annotations.orderBy('pageUrl').uniqueKeys()) as string[];
  return new Set(urls.map(siteOf));
}

/** The toolbar button: Chrome's MV3 `action`, or `browserAction` in Firefox's MV2 build. */
export function toolbarAction(): typeof browser.action {
  return browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
}

export function createBrowserPort(): BrowserPort & {
  refreshSavedBadge: (db: ClipmarkDB, tabId: number, s: SaveService) => Promise<void>;
  injectPageScript: (tabId: number, frameId: number) => Promise<boolean>;
  loadHighlights: (db: ClipmarkDB, tabId: number, s: SaveService, settings: () => Promise<Settings>) => Promise<boolean>;
  pageNavigated: (tabId: number) => Promise<boolean | null>;
  highlightSelection: (tabId: number) => Promise<boolean | null>;
} & NoticePort {
  return {
    async injectPageScript(tabId, frameId) {
      await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [PAGE_SCRIPT] });
      return true;
    },
    targetTab,
    extract: (tabId, force) => viaLoader(tabId, 'extract', force),
    pageInfo: (tabId) => viaLoader(tabId, 'info'),
    /**
     * A page finished loading (or a single-page site changed its address): where the page has saved highlights,
     * have its loader bring in the page script to show them. The loader does not ask on pages that are not articles
     * (see utils/live/loader.ts); the background knows which sites have highlights without touching the page.
     */
    async loadHighlights(db, tabId, service, settings) {
      const tab = await browser.tabs.get(tabId).catch(() => null);
      if (!isWebUrl(tab?.url) || !/^https?:/.test(tab!.url!)) return false;
      if (!(await sitesWithHighlights(db)).has(siteOf(tab!.url!))) return false;
      if (isSiteDisabled(await settings(), tab!.url!)) return false;
      // The page's own loader only: one injected now could run beside the one the page is about to get. No address:
      // the page script is in already (an article), and has listed its highlights itself.
      const pageUrl = await askLoader(tabId, false, 'pageUrl');
      if (!pageUrl) return false;
      const highlights = await service.listAnnotations(pageUrl, { id: browser.runtime.id, url: tab!.url, tab: { id: tabId, url: tab!.url } }, 'content');
      return highlights.length > 0 && !!(await askLoader(tabId, false, 'loadPage'));
    },
    /** A tab's address changed: a single-page site may have navigated to an article (see LoaderBridge.navigated). */
    pageNavigated: (tabId) => askLoader(tabId, false, 'navigated'),
    /** The context menu's "with this passage highlighted": through the tab's loader (injected where missing). */
    highlightSelection: (tabId) => viaLoader(tabId, 'highlightSelection'),
    /** A save's outcome told on the page (utils/save-notice.ts); false where the browser lets no script in. */
    async showInPage(tabId, message, ok) {
      try {
        await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, func: pageNotice, args: [message, ok] });
        return true;
      } catch {
        return false;
      }
    },
    async setBadge(tabId, text, title) {
      const action = toolbarAction();
      // green for saved, red for a save that failed ('!', utils/save-notice.ts)
      await action.setBadgeBackgroundColor({ tabId, color: text === '!' ? '#b91c1c' : '#2f6f4f' });
      await action.setBadgeText({ tabId, text });
      await action.setTitle({ tabId, title });
    },
    async refreshSavedBadge(db, tabId, service) {
      const tab = await browser.tabs.get(tabId).catch(() => null);
      if (!isWebUrl(tab?.url)) return;
      const url = cleanUrl(tab!.url!) ?? tab!.url!;
      const saved = await findClippingForUrl(db, [url]);
      const highlights = saved ? await db.annotations.where('clippingId').equals(saved.id).count() : 0;
      await service.refreshBadge(tabId, !!saved, highlights);
    },
  };
}
