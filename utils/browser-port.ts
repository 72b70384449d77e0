import { browser } from 'wxt/browser';
import type { ClipmarkDB } from '@/utils/db';
import { findClippingForUrl } from '@/utils/clippings';
import { toContent } from '@/utils/messaging';
import type { BrowserPort, SaveService, TabRef } from '@/utils/save-service';
import { cleanUrl } from '@/utils/url';

/** The real browser behind BrowserPort: tabs, the content script, the toolbar badge. */

const CONTENT_SCRIPT = '/content-scripts/content.js';
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

async function withContentScript<T>(tabId: number, ask: () => Promise<T>): Promise<T | null> {
  try {
    return await ask();
  } catch {
    // Tabs opened before Clipmark was installed have no content script yet.
    try {
      await browser.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT] });
      return await ask();
    } catch {
      return null;
    }
  }
}

export function createBrowserPort(): BrowserPort & {
  refreshSavedBadge: (db: ClipmarkDB, tabId: number, s: SaveService) => Promise<void>;
  injectPageScript: (tabId: number, frameId: number) => Promise<boolean>;
} {
  return {
    async injectPageScript(tabId, frameId) {
      await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [PAGE_SCRIPT] });
      return true;
    },
    targetTab,
    extract: (tabId, force) => withContentScript(tabId, () => toContent.sendMessage('extract', { force }, tabId)),
    pageInfo: (tabId) => withContentScript(tabId, () => toContent.sendMessage('pageInfo', undefined, tabId)),
    async setBadge(tabId, text, title) {
      // Firefox's MV2 build has browserAction where Chrome's MV3 has action.
      const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
      await action.setBadgeBackgroundColor({ tabId, color: '#2f6f4f' });
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
