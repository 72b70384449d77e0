import { buildTextMap, isSpace, type TextMap } from '@/utils/anchoring/text-range';
import { runAtOnce, runWithPauses } from '@/utils/run-steps';

/**
 * Map Readability's article (text from a clone) back to the LIVE DOM: find
 * the live container it came from and turn offsets in the article text into
 * live Ranges. Boilerplate (navigation, sidebars, related links, ads, cookie
 * banners, share bars, hidden nodes) is excluded, so a name repeated in the
 * sidebar is never painted. Comparison ignores whitespace entirely, so
 * differences in how the article text was normalised do not matter.
 */

const BOILERPLATE_TAGS = new Set(['NAV', 'ASIDE', 'FOOTER', 'FORM', 'BUTTON', 'SELECT', 'TEXTAREA', 'IFRAME', 'SVG', 'CANVAS', 'DIALOG']);
const BOILERPLATE_ROLES = new Set(['navigation', 'complementary', 'contentinfo', 'banner', 'search', 'dialog', 'alertdialog', 'menu', 'menubar', 'toolbar']);
/** Whole words (of class/id split on space, - and _) that mark boilerplate. */
const BOILERPLATE_WORDS = new Set([
  'ad', 'ads', 'advert', 'adverts', 'advertisement', 'adslot', 'sponsor', 'sponsored', 'promo', 'outbrain', 'taboola',
  'share', 'sharing', 'social', 'sharebar', 'related', 'recommended', 'breadcrumb', 'breadcrumbs', 'sidebar',
  'cookie', 'cookies', 'consent', 'gdpr', 'newsletter', 'subscribe', 'paywall', 'comments', 'masthead', 'popular', 'trending',
]);
const BOILERPLATE_PHRASES = /most-?read|more-?stories|read-?more|skip-?link/i;

type CheckVisibility = Element & { checkVisibility?: () => boolean };

/** Whether an element (and so its subtree) is not article text. */
export function isBoilerplate(el: Element): boolean {
  const tag = el.tagName.toUpperCase();
  if (BOILERPLATE_TAGS.has(tag)) return true;
  // A site header; an <article>'s own header (headline, byline) is kept.
  if (tag === 'HEADER' && !el.parentElement?.closest('article, main, [role="main"]')) return true;
  const role = el.getAttribute('role');
  if (role && BOILERPLATE_ROLES.has(role)) return true;
  if (el.getAttribute('aria-hidden') === 'true' || el.hasAttribute('hidden')) return true;
  const style = (el as HTMLElement).style;
  if (style && (style.display === 'none' || style.visibility === 'hidden')) return true;
  const cv = (el as CheckVisibility).checkVisibility;
  if (typeof cv === 'function' && !cv.call(el)) return true;
  const names = `${el.getAttribute('class') ?? ''} ${el.id}`;
  if (!names.trim()) return false;
  let named = BOILERPLATE_PHRASES.test(names);
  if (!named) for (const word of names.toLowerCase().split(/[\s_-]+/)) if (BOILERPLATE_WORDS.has(word)) named = true;
  // Class names lie ("js-social-anchor" on <main>): never drop what holds the article itself.
  return named && !holdsArticle(el);
}

function holdsArticle(el: Element): boolean {
  const tag = el.tagName.toUpperCase();
  if (tag === 'MAIN' || tag === 'ARTICLE' || tag === 'BODY' || el.getAttribute('role') === 'main') return true;
  if (el.querySelector('article, main, [role="main"], [itemprop="articleBody"], h1')) return true;
  return el.getElementsByTagName('p').length >= 5;
}

/** The article text of a live root: its text map with boilerplate left out. */
export function articleTextMap(liveRoot: Element): TextMap {
  return buildTextMap(liveRoot, isBoilerplate);
}

/** A string with whitespace removed, and for each kept character its index in the original. */
function squeeze(s: string): { text: string; index: Int32Array } {
  // Runs of non-space characters are sliced whole: a regex test and a string append per character cost
  // tens of milliseconds on a long article.
  const index = new Int32Array(s.length);
  const parts: string[] = [];
  let n = 0;
  let run = -1;
  for (let i = 0; i < s.length; i++) {
    if (isSpace(s.charCodeAt(i))) {
      if (run >= 0) parts.push(s.slice(run, i));
      run = -1;
      continue;
    }
    if (run < 0) run = i;
    index[n++] = i;
  }
  if (run >= 0) parts.push(s.slice(run));
  return { text: parts.join(''), index: index.subarray(0, n) };
}

const ANCHOR = 24;
const SHORT_ANCHOR_WINDOW = 400;

/**
 * Align article characters to live characters (both without whitespace).
 * Returns for each article character its live index, or -1. Runs of equal
 * characters are only started at a 24-character anchor found ahead in the
 * live text; at a mismatch the last word is re-checked, so a few letters that
 * happen to match across a gap are not kept.
 */
function align(a: string, l: string, aWordStart: Uint8Array): Int32Array {
  const map = new Int32Array(a.length).fill(-1);
  let i = 0;
  let from = 0; // where in l to look for the next anchor
  let c = -1; // current live cursor while in a run
  let runStart = -1;
  while (i < a.length) {
    if (c >= 0) {
      if (c < l.length && a[i] === l[c]) {
        map[i++] = c++;
        continue;
      }
      // Run ended. Re-anchor from the start of the last word: if it matches elsewhere, it was a coincidence here.
      let w = i - 1;
      while (w > runStart && !aWordStart[w]) w--;
      if (w > runStart && i - w < ANCHOR) {
        const k = Math.min(ANCHOR, a.length - w);
        const p = l.indexOf(a.substr(w, k), map[w]! + 1);
        if (p >= 0 && (k === ANCHOR || p - map[w]! < SHORT_ANCHOR_WINDOW)) {
          for (let j = w; j < i; j++) map[j] = -1;
          i = w;
          c = p;
          runStart = w;
          continue;
        }
      }
      from = c;
      c = -1;
    }
    const k = Math.min(ANCHOR, a.length - i);
    const p = l.indexOf(a.substr(i, k), from);
    if (p >= 0 && (k === ANCHOR || p - from < SHORT_ANCHOR_WINDOW)) {
      c = p;
      runStart = i;
    } else {
      // Anchors start at words: skip to the next one.
      i++;
      while (i < a.length && !aWordStart[i]) i++;
    }
  }
  return map;
}

interface Alignment {
  map: TextMap;
  /** Article text without whitespace, with indices into the article text. */
  art: { text: string; index: Int32Array };
  /** Live text (map.text) without whitespace, with indices into map.text. */
  live: { text: string; index: Int32Array };
  /** Article squeezed index -> live squeezed index, or -1. */
  toLive: Int32Array;
  /** Article text offset -> squeezed index of the first non-space character at or after it. */
  artSqueezedAt: Int32Array;
}

function alignArticle(liveRoot: Element, articleText: string): Alignment {
  return alignToMap(articleTextMap(liveRoot), articleText);
}

function alignToMap(map: TextMap, articleText: string): Alignment {
  const art = squeeze(articleText);
  const live = squeeze(map.text);
  const wordStart = new Uint8Array(art.text.length);
  for (let j = 0; j < art.text.length; j++) {
    const o = art.index[j]!;
    wordStart[j] = o === 0 || isSpace(articleText.charCodeAt(o - 1)) ? 1 : 0;
  }
  const artSqueezedAt = new Int32Array(articleText.length + 1);
  let j = art.text.length;
  for (let o = articleText.length; o >= 0; o--) {
    if (o < articleText.length && j > 0 && art.index[j - 1] === o) j--;
    artSqueezedAt[o] = j;
  }
  return { map, art, live, toLive: align(art.text, live.text, wordStart), artSqueezedAt };
}

/**
 * Live Ranges for spans (offsets into `articleText`) under `liveRoot`. A span
 * gets null unless every one of its characters was aligned, in one unbroken
 * run, to live text equal to it (whitespace aside): a span Readability's text
 * has but the live page does not show, or that crosses boilerplate, is
 * dropped rather than painted somewhere else.
 */
export function spansToRanges(liveRoot: Element, articleText: string, spans: { start: number; end: number }[]): (Range | null)[] {
  const al = alignArticle(liveRoot, articleText);
  const doc = liveRoot.ownerDocument;
  return spans.map(({ start, end }) => {
    if (!(start >= 0 && end <= articleText.length && start < end)) return null;
    const a0 = al.artSqueezedAt[start]!;
    const a1 = al.artSqueezedAt[end]! - 1; // last non-space character inside the span
    if (a1 < a0) return null;
    const l0 = al.toLive[a0]!;
    const l1 = al.toLive[a1]!;
    if (l0 < 0 || l1 < 0 || l1 - l0 !== a1 - a0) return null;
    for (let k = a0; k <= a1; k++) if (al.toLive[k] !== l0 + (k - a0)) return null;
    const s = al.live.index[l0]!;
    const e = al.live.index[l1]! + 1;
    const m = al.map;
    const range = doc.createRange();
    const sn = m.charNode[s]!;
    const en = m.charNode[e - 1]!;
    range.setStart(m.nodes[sn]!, m.charOffset[s]!);
    range.setEnd(m.nodes[en]!, m.charOffset[e - 1]! + 1);
    // Across nodes, the range must not take in boilerplate text lying between its ends.
    if (sn !== en && range.toString().replace(/\s+/g, '') !== al.art.text.slice(a0, a1 + 1)) return null;
    return range;
  });
}

/**
 * The live element the article came from: the deepest element holding at
 * least 90% of the article characters found on the page (searched in the
 * page's non-boilerplate text). Null when under half the article is found.
 */
export function findArticleRoot(doc: Document, articleText: string): Element | null {
  return runAtOnce(findRootSteps(doc, articleText));
}

/**
 * The same in three tasks (reading the page's text, aligning the article to it, counting per element), with
 * `pause` between them: on a long page each is a fraction of the whole, so none holds the page up for long.
 * The page may change in a pause; the caller checks that the element it gets is still in the page.
 */
export async function findArticleRootInSteps(doc: Document, articleText: string, pause: (step: string) => Promise<void>): Promise<Element | null> {
  return runWithPauses(findRootSteps(doc, articleText), pause);
}

/** Yields the name of each step done. */
function* findRootSteps(doc: Document, articleText: string): Generator<string, Element | null> {
  const body = doc.body;
  if (!body) return null;
  const map = articleTextMap(body);
  yield 'text';
  const al = alignToMap(map, articleText);
  yield 'align';
  const counts = new Map<Node, number>();
  let total = 0;
  for (let k = 0; k < al.toLive.length; k++) {
    const l = al.toLive[k]!;
    if (l < 0) continue;
    total++;
    const node = al.map.nodes[al.map.charNode[al.live.index[l]!]!]!;
    counts.set(node, (counts.get(node) ?? 0) + 1);
  }
  if (total === 0 || total < al.art.text.length * 0.5) return null;
  const perElement = new Map<Element, number>();
  for (const [node, n] of counts) {
    for (let el = node.parentElement; el; el = el.parentElement) {
      perElement.set(el, (perElement.get(el) ?? 0) + n);
      if (el === body) break;
    }
  }
  let root: Element = body;
  for (;;) {
    let next: Element | null = null;
    for (let c = root.firstElementChild; c; c = c.nextElementSibling) {
      if ((perElement.get(c) ?? 0) >= total * 0.9) next = c;
    }
    if (!next) return root;
    root = next;
  }
}

/** Readability-style article text from its content HTML, whitespace-normalised. */
export function textOfHtml(doc: Document, html: string): string {
  const tpl = doc.createElement('template');
  tpl.innerHTML = html;
  return (tpl.content.textContent ?? '').replace(/\s+/g, ' ').trim();
}
