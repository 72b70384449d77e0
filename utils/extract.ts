import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { sanitizeArticleHtml } from '@/utils/sanitize';
import { pageTimeSources, timesFrom } from '@/utils/page-dates';
import { blockText, emphasisRanges, countWords, readingMinutes } from '@/utils/text';
import { canonicalUrlOf, cleanUrl } from '@/utils/url';
import { MAX_ELEMENTS, MAX_TEXT_CHARS } from '@/utils/limits';
import { runAtOnce, runWithPauses } from '@/utils/run-steps';

/** Readability on a clone of the page (never the live one), plus the metadata a clipping keeps. */

export interface ExtractedArticle {
  url: string;
  canonicalUrl: string;
  title: string;
  byline: string | null;
  siteName: string | null;
  lang: string | null;
  dir: string | null;
  excerpt: string | null;
  /** Sanitised article HTML. */
  html: string;
  /** Block text of the article: paragraphs separated by blank lines. */
  text: string;
  /** Where the text was set in italics (utils/text.ts, emphasisRanges): a hint for the recogniser. Absent: not known. */
  emphasis?: [number, number][];
  wordCount: number;
  readingMinutes: number;
  publishedTime: string | null;
  modifiedTime: string | null;
}

export type NotArticleReason = 'not-article' | 'empty' | 'too-large' | 'error';

export type ExtractResult =
  | { ok: true; article: ExtractedArticle }
  | { ok: false; reason: NotArticleReason; message: string; title: string; url: string; canonicalUrl: string };

export interface ExtractOptions {
  url: string;
  /** The reader asked for it: skip the cheap check and let Readability decide. */
  force?: boolean;
  /** Pages with more elements than this are refused rather than risk a long freeze. */
  maxElements?: number;
  /** The caller has just run `preflight` on this document (with `force`): the steps do not run it again. */
  checked?: boolean;
}

// Pages with more elements or text than this (a 5 MB log in one <pre>) are not read as articles:
// Readability would take minutes. They can still be kept as bookmarks.
export { MAX_ELEMENTS, MAX_TEXT_CHARS } from '@/utils/limits';
/** Below this much article text a page is treated as "not an article" even when Readability returns something. */
const MIN_TEXT_CHARS = 200;

const MESSAGES: Record<NotArticleReason, string> = {
  'not-article': 'This page does not look like an article. It can still be saved as a bookmark.',
  empty: 'This page has no text to read.',
  'too-large': 'This page is too large to read as an article. It can still be saved as a bookmark.',
  error: 'Clipmark could not read this page. It can still be saved as a bookmark.',
};

function pageTitle(doc: Document, url: string): string {
  const t = plainText(doc.title || doc.querySelector('h1')?.textContent || '').replace(/\s+/g, ' ').trim();
  return t || url;
}

/**
 * Metadata is plain text. Titles, bylines and meta tags can carry markup (`<img onerror=…>` in og:title or JSON-LD);
 * it is dropped here so no later renderer (an export, a Markdown viewer) can take it for tags.
 */
function plainText(s: string): string {
  let t = s;
  for (let prev = ''; prev !== t; ) {
    prev = t;
    t = t.replace(/<\/?[a-z!?][^<>]*(>|$)/gi, ' ');
  }
  return t;
}

type NotArticle = Extract<ExtractResult, { ok: false }>;

function notArticle(doc: Document, url: string, canonicalUrl: string, reason: NotArticleReason): NotArticle {
  return { ok: false, reason, message: MESSAGES[reason], title: pageTitle(doc, url), url, canonicalUrl };
}

function clean(s: string | null | undefined): string | null {
  const t = s == null ? '' : plainText(s).replace(/\s+/g, ' ').trim();
  return t ? t : null;
}

/** Calls a DOM method from the object's prototype chain, past any named property the page put on the instance. */
function protoCall(obj: object, name: string, ...args: unknown[]): unknown {
  for (let p = Object.getPrototypeOf(obj); p; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (d && typeof d.value === 'function') return (d.value as (...a: unknown[]) => unknown).apply(obj, args);
  }
  throw new TypeError(`no ${name}`);
}

/**
 * DOM clobbering: `<form><input id="parentNode"></form>` makes form.parentNode an input (Readability then climbs
 * parents forever and the tab hangs); `<img name="body">` shadows document.body. In the clone, ids and names that
 * shadow a property of a document or a form are dropped before Readability walks it.
 */
function unclobber(clone: Document): void {
  const form = protoCall(clone, 'createElement', 'form') as HTMLFormElement;
  const docProto = Object.getPrototypeOf(clone) as object;
  const shadows = (v: string | null) => v != null && v !== '' && (v in docProto || v in form);
  for (const el of Array.from(protoCall(clone, 'querySelectorAll', '[id],[name]') as NodeListOf<Element>)) {
    for (const attr of ['id', 'name']) {
      if (shadows(protoCall(el, 'getAttribute', attr) as string | null)) protoCall(el, 'removeAttribute', attr);
    }
  }
}

export function extractArticle(doc: Document, opts: ExtractOptions): ExtractResult {
  return runAtOnce(extractSteps(doc, opts));
}

/**
 * The same, letting the page run between the heavy steps (Readability on a clone; sanitising and reading
 * the text), so neither adds to one long task. The document may change meanwhile: the result is as of the
 * clone, like a save taken a moment earlier.
 */
export async function extractArticleInSteps(doc: Document, opts: ExtractOptions, pause: () => Promise<void>): Promise<ExtractResult> {
  return runWithPauses(extractSteps(doc, opts), pause);
}

/** The same on a document parsed from a page's HTML (not a live page): read in place, sanitised with `win`. */
export function extractParsedDocument(doc: Document, opts: ExtractOptions, win: Window): ExtractResult {
  return runAtOnce(extractSteps(doc, opts, { parsed: { win } }));
}

/**
 * The cheap checks that come before Readability (no text, too large, not readerable), run on the page itself:
 * a "not an article" result, or null when Readability should read the page.
 */
export function preflight(doc: Document, opts: ExtractOptions): NotArticle | null {
  const url = cleanUrl(opts.url) ?? opts.url;
  let canonicalUrl = url;
  try {
    canonicalUrl = canonicalUrlOf(doc, opts.url);
    const bodyChars = doc.body ? (doc.body.textContent ?? '') : '';
    if (!bodyChars.trim()) return notArticle(doc, url, canonicalUrl, 'empty');
    const maxElements = opts.maxElements ?? MAX_ELEMENTS;
    if (doc.getElementsByTagName('*').length > maxElements) return notArticle(doc, url, canonicalUrl, 'too-large');
    if (bodyChars.length > MAX_TEXT_CHARS) return notArticle(doc, url, canonicalUrl, 'too-large');
    if (!opts.force && !isProbablyReaderable(doc)) return notArticle(doc, url, canonicalUrl, 'not-article');
    return null;
  } catch {
    return notArticle(doc, url, canonicalUrl, 'error');
  }
}

/**
 * How the steps treat the document: a live page is cloned before Readability (which changes what it reads); a
 * document parsed from the page's HTML elsewhere (utils/extract-html.ts) is read as it is, with the window
 * given for sanitising, since a parsed document has none.
 */
interface StepsContext {
  parsed?: { win: Window };
}

function* extractSteps(doc: Document, opts: ExtractOptions, how: StepsContext = {}): Generator<void, ExtractResult> {
  const url = cleanUrl(opts.url) ?? opts.url;
  let canonicalUrl = url;
  try {
    const refused = opts.checked ? null : preflight(doc, opts);
    if (refused) return refused;
    canonicalUrl = canonicalUrlOf(doc, opts.url);
    const maxElements = opts.maxElements ?? MAX_ELEMENTS;

    const ownTimes = pageTimeSources(doc);
    const clone = how.parsed ? doc : (protoCall(doc, 'cloneNode', true) as Document);
    unclobber(clone);
    const parsed = new Readability(clone, { maxElemsToParse: maxElements }).parse();
    if (!parsed?.content) return notArticle(doc, url, canonicalUrl, 'not-article');
    yield;

    const win = how.parsed?.win ?? doc.defaultView;
    if (!win) return notArticle(doc, url, canonicalUrl, 'error');
    const html = sanitizeArticleHtml(parsed.content, win, canonicalUrl);
    const container = doc.createElement('div');
    container.innerHTML = html;
    const text = blockText(container);
    if (text.length < MIN_TEXT_CHARS) return notArticle(doc, url, canonicalUrl, 'not-article');

    const words = countWords(text);
    const times = timesFrom(ownTimes, parsed.publishedTime);
    return {
      ok: true,
      article: {
        url,
        canonicalUrl,
        title: clean(parsed.title) ?? pageTitle(doc, url),
        byline: clean(parsed.byline),
        siteName: clean(parsed.siteName),
        lang: clean(parsed.lang) ?? clean(doc.documentElement.getAttribute('lang')),
        dir: clean(parsed.dir),
        excerpt: clean(parsed.excerpt),
        html,
        text,
        emphasis: emphasisRanges(container, text),
        wordCount: words,
        readingMinutes: readingMinutes(words),
        publishedTime: times.publishedTime,
        modifiedTime: times.modifiedTime,
      },
    };
  } catch {
    // Readability throws on some broken documents; the reader gets a clear result, never an exception.
    return notArticle(doc, url, canonicalUrl, 'error');
  }
}
