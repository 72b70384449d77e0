import { isExtractResult, type PageHtml } from '@/utils/extract-html';
import type { ExtractResult } from '@/utils/extract';
import { fetchLinkedPage, type LinkFetchOptions } from '@/utils/link-fetch';
import type { LinkRead } from '@/utils/save-service';

/**
 * The background's side of reading articles off the page's main thread (utils/extract-html.ts): in Chrome, in
 * the extension's one offscreen document, created the first time a page asks and kept; in Firefox, in the
 * background page itself, which has a DOM. Null where neither is possible: the page then reads the article itself.
 */

export interface OffscreenPort {
  /** Whether the offscreen document is open. */
  exists(): Promise<boolean>;
  create(): Promise<void>;
  /** Sends the request to the offscreen document; its reply, or a rejection. */
  send(page: PageHtml): Promise<unknown>;
}

export interface RemoteExtractorDeps {
  offscreen?: OffscreenPort;
  /** Reads the HTML here (a background with a DOM). */
  local?: (page: PageHtml) => ExtractResult;
  log?: (msg: string) => void;
}

export type RemoteExtractor = (page: PageHtml) => Promise<ExtractResult | null>;

export function createRemoteExtractor(deps: RemoteExtractorDeps): RemoteExtractor {
  const { offscreen, local, log } = deps;
  let opening: Promise<void> | null = null;

  async function ensureOpen(port: OffscreenPort): Promise<void> {
    if (await port.exists()) return;
    // Tabs loading at once all ask: one creation, the others wait for it.
    opening ??= port.create().catch(async (e: unknown) => {
      if (!(await port.exists())) throw e; // "only a single offscreen document": another call made it
    }).finally(() => { opening = null; });
    await opening;
  }

  return async (page) => {
    if (local) return local(page);
    if (!offscreen) return null;
    try {
      await ensureOpen(offscreen);
      let reply = await offscreen.send(page).catch(() => undefined);
      // The document may have closed meanwhile (the browser can close it): open it and ask once more.
      if (reply === undefined) {
        await ensureOpen(offscreen);
        reply = await offscreen.send(page);
      }
      if (isExtractResult(reply)) return reply;
      log?.('offscreen extraction: an answer that is not an article result');
      return null;
    } catch (e) {
      log?.(`offscreen extraction: ${String(e)}`);
      return null;
    }
  };
}

/** The page behind a link, fetched and read here (the context menu's "save linked page"): see SaveService.saveLink. */
export async function readLinkedPage(url: string, extract: RemoteExtractor, opts?: LinkFetchOptions): Promise<LinkRead> {
  const page = await fetchLinkedPage(url, opts);
  if (!page.ok) return page.refused ? { url: page.url, refused: page.message } : { url: page.url, failed: page.message };
  const extracted = await extract({ html: page.html, url: page.url, baseUrl: page.url });
  return extracted ? { url: page.url, extracted } : { url: page.url, failed: 'this browser could not read it' };
}
