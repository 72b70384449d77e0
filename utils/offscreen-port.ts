import { browser } from 'wxt/browser';
import { extractFromHtml, OFFSCREEN_EXTRACT, type OffscreenRequest } from '@/utils/extract-html';
import type { RemoteExtractorDeps } from '@/utils/remote-extract';

/** Where this browser's background can read a page's HTML: Chrome's offscreen API, or its own DOM (Firefox). */

const OFFSCREEN_PATH = 'offscreen.html';

export function backgroundExtractorDeps(): Pick<RemoteExtractorDeps, 'offscreen' | 'local'> {
  const offscreen = (browser as unknown as { offscreen?: typeof chrome.offscreen }).offscreen;
  if (offscreen?.createDocument) {
    const url = browser.runtime.getURL(`/${OFFSCREEN_PATH}`);
    return {
      offscreen: {
        async exists() {
          const contexts = await browser.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as never], documentUrls: [url] });
          return contexts.length > 0;
        },
        create: () => offscreen.createDocument({
          url: OFFSCREEN_PATH,
          reasons: ['DOM_PARSER' as chrome.offscreen.Reason],
          justification: 'Reads articles with Readability, off the main thread of the page being read.',
        }),
        send: (page) => browser.runtime.sendMessage({ type: OFFSCREEN_EXTRACT, page } satisfies OffscreenRequest),
      },
    };
  }
  // A background page (Firefox) has a window and a DOMParser of its own.
  if (typeof window !== 'undefined' && typeof DOMParser !== 'undefined') return { local: (page) => extractFromHtml(page, window) };
  return {};
}
