import { extractParsedDocument, type ExtractResult } from '@/utils/extract';

/**
 * Readability off the page's main thread: the page sends its serialised HTML (a few milliseconds of its time
 * instead of the tens that cloning and Readability take), and an extension document, with a DOM but no page
 * to slow down, reads it here. Chrome's offscreen document (entrypoints/offscreen) or Firefox's background page.
 */

export interface PageHtml {
  /** document.documentElement.outerHTML of the live page, as htmlToRead (utils/page-html.ts) leaves it. */
  html: string;
  /** The page's address. */
  url: string;
  /** The live document's base URL (document.baseURI), against which the article's relative links resolve. */
  baseUrl: string;
}

/**
 * The article in a page's HTML, as extractArticle would read it on the live page. The page has already run
 * the cheap checks (utils/extract.ts `preflight`), so Readability decides here. Parsing is inert: a parsed
 * document runs no script and loads nothing.
 */
export function extractFromHtml(page: PageHtml, win: Window): ExtractResult {
  const doc = new (win as Window & typeof globalThis).DOMParser().parseFromString(page.html, 'text/html');
  asIfAt(doc, page);
  return extractParsedDocument(doc, { url: page.url, force: true }, win);
}

/**
 * A parsed document's address and base are the extension page it was parsed in. Readability resolves the
 * article's links against `baseURI` and keeps "#fragment" links as they are when the base is the document's
 * own address: both are given the live page's values, so the article reads as it would on the page.
 */
function asIfAt(doc: Document, page: PageHtml): void {
  Object.defineProperty(doc, 'baseURI', { value: page.baseUrl });
  Object.defineProperty(doc, 'documentURI', { value: page.url });
}

/** The background's request to the offscreen document, and the only message that document answers. */
export const OFFSCREEN_EXTRACT = 'clipmark:offscreen-extract';

export interface OffscreenRequest {
  type: typeof OFFSCREEN_EXTRACT;
  page: PageHtml;
}

export function isOffscreenRequest(msg: unknown): msg is OffscreenRequest {
  const m = msg as Partial<OffscreenRequest> | null;
  return !!m && m.type === OFFSCREEN_EXTRACT && typeof m.page?.html === 'string' && typeof m.page.url === 'string' && typeof m.page.baseUrl === 'string';
}

/**
 * Whether the offscreen document should answer: the request, from the background alone. Content scripts'
 * messages reach every extension document too (runtime.sendMessage goes to all of them); a web page's content
 * script must not get Readability's work done for it past the background's checks.
 */
export function fromBackground(sender: { id?: string; url?: string; tab?: unknown } | undefined, extensionId: string, extensionOrigin: string): boolean {
  return !!sender && sender.id === extensionId && !sender.tab && !!sender.url?.startsWith(extensionOrigin);
}

/** A reply that is an ExtractResult in shape (the offscreen document's answer crosses a process boundary). */
export function isExtractResult(r: unknown): r is ExtractResult {
  const v = r as { ok?: unknown; article?: { text?: unknown; html?: unknown }; reason?: unknown } | null;
  if (!v || typeof v.ok !== 'boolean') return false;
  return v.ok ? typeof v.article?.text === 'string' && typeof v.article.html === 'string' : typeof v.reason === 'string';
}
