import type { Annotation, RangeSelector, Selector, TextPositionSelector, TextQuoteSelector } from '@/utils/db';
import { elementFromPath } from './describe';
import {
  isConfidentAtHint,
  matchExactQuote,
  matchFuzzyNear,
  matchFuzzyQuote,
  scoreAtOffsets,
  type QuoteContext,
} from './match-quote';
import { buildTextMap, elementStartOffset, offsetsToRange, type TextMap } from './text-range';

export type AnchorMethod = 'range' | 'position' | 'quote' | 'fuzzy';

export interface Anchored {
  range: Range;
  method: AnchorMethod;
  /** Offsets in the root's normalised text. */
  start: number;
  end: number;
}

function pick<T extends Selector['type']>(selectors: Selector[], type: T): Extract<Selector, { type: T }> | undefined {
  return selectors.find((s) => s.type === type) as Extract<Selector, { type: T }> | undefined;
}

/** Elements found by path, per text map: the highlights of one page share most of their paths' steps. */
const pathCaches = new WeakMap<TextMap, Map<string, Element | null>>();

function resolveRangeHint(map: TextMap, hint: RangeSelector): { start: number; end: number } | null {
  let cache = pathCaches.get(map);
  if (!cache) pathCaches.set(map, (cache = new Map()));
  const startEl = elementFromPath(map.root, hint.startContainer, cache);
  const endEl = elementFromPath(map.root, hint.endContainer, cache);
  if (!startEl || !endEl) return null;
  const start = elementStartOffset(map, startEl) + hint.startOffset;
  const end = elementStartOffset(map, endEl) + hint.endOffset;
  return start < end ? { start, end } : null;
}

/**
 * Place selectors in an existing text map, trying in order: range hint, text
 * position, exact quote, fuzzy quote. Every candidate is checked against the
 * TextQuoteSelector and must clear `isConfident`; without a quote nothing can
 * be verified, so nothing is placed. Null means orphan.
 */
export function anchorInMap(map: TextMap, selectors: Selector[]): Anchored | null {
  const quote = pick(selectors, 'TextQuoteSelector') as TextQuoteSelector | undefined;
  if (!quote || !quote.exact) return null;
  const position = pick(selectors, 'TextPositionSelector') as TextPositionSelector | undefined;
  const hint = pick(selectors, 'RangeSelector') as RangeSelector | undefined;
  const { text } = map;
  const exact = quote.exact;
  const ctx: QuoteContext = { prefix: quote.prefix, suffix: quote.suffix, hint: position?.start };

  const placed = (start: number, end: number, method: AnchorMethod): Anchored | null => {
    const range = offsetsToRange(map, start, end);
    return range ? { range, method, start, end } : null;
  };
  const verified = (start: number, end: number) =>
    text.slice(start, end) === exact && isConfidentAtHint(scoreAtOffsets(text, exact, start, end, ctx), exact.length);

  const r = hint ? resolveRangeHint(map, hint) : null;
  if (r && verified(r.start, r.end)) return placed(r.start, r.end, 'range');
  if (position && verified(position.start, position.end)) return placed(position.start, position.end, 'position');
  // A long quote edited where the hints point (hint, text and context agree).
  for (const h of [r, position]) {
    const near = h && matchFuzzyNear(text, exact, h.start, h.end, ctx);
    if (near) return placed(near.start, near.end, near.quoteScore === 1 ? 'quote' : 'fuzzy');
  }
  const m = matchExactQuote(text, exact, ctx);
  // An exact copy with strong context is it. One with weak context (a long quote found in a
  // duplicated block, say) must also beat edited copies whose context agrees: the fuzzy pass
  // sees both and orphans the quote if they are too close to call.
  if (m && (m.prefixScore + m.suffixScore) / 2 >= 0.5) return unrelatedInBlock(map, m, quote) ? null : placed(m.start, m.end, 'quote');
  const f = matchFuzzyQuote(text, exact, ctx);
  if (f) return unrelatedInBlock(map, f, quote) ? null : placed(f.start, f.end, f.quoteScore === 1 ? 'quote' : 'fuzzy');
  return null;
}

/** Under this many characters a quote is a word or a name, found on most pages more than once. */
const SHORT_QUOTE = 32;
const BLOCKS = 'p,li,h1,h2,h3,h4,h5,h6,blockquote,pre,td,th,dd,dt,figcaption,caption,div,section,article,aside,header,footer,nav,main,body';

/**
 * A short quote found where one side of its context is unrelated text within the same paragraph: the same word in
 * another sentence, not the highlight (its own sentence or paragraph was removed). Context that reaches across a
 * block's edge on that side is what moving paragraphs changes, and does not count against it.
 */
function unrelatedInBlock(map: TextMap, m: { start: number; end: number; prefixScore: number; suffixScore: number }, quote: TextQuoteSelector): boolean {
  if (quote.exact.length >= SHORT_QUOTE) return false;
  const floor = quote.exact.length < 8 ? 0.5 : 0.4;
  const reach = (stored: string | undefined) => Math.ceil((stored?.length ?? 0) * 1.25);
  return (m.prefixScore < floor && sameBlock(map, m.start, m.start - reach(quote.prefix)))
    || (m.suffixScore < floor && sameBlock(map, m.end - 1, m.end - 1 + reach(quote.suffix)));
}

/** Whether the characters at offsets `a` and `b` of the text lie in one block (false where `b` is off the text). */
function sameBlock(map: TextMap, a: number, b: number): boolean {
  if (b < 0 || b >= map.text.length) return false;
  const block = (i: number) => map.nodes[map.charNode[i]!]?.parentElement?.closest(BLOCKS) ?? null;
  return block(a) === block(b);
}

/** Place one annotation's selectors under `root`; null when it is an orphan. */
export function anchor(root: Element, selectors: Selector[]): { range: Range; method: AnchorMethod } | null {
  const a = anchorInMap(buildTextMap(root), selectors);
  return a && { range: a.range, method: a.method };
}

export interface AnchorAllResult<A> {
  /** start/end: the range's offsets in the root's text map, so callers need not build the map again. */
  placed: { annotation: A; range: Range; method: AnchorMethod; start: number; end: number }[];
  orphans: A[];
}

/** Place many annotations, building the root's text map once. Order is kept within each list. */
export function anchorAll<A extends Pick<Annotation, 'selectors'>>(root: Element, annotations: A[]): AnchorAllResult<A> {
  const result: AnchorAllResult<A> = { placed: [], orphans: [] };
  // Most pages have no highlights: no need to walk the page's text then.
  if (annotations.length === 0) return result;
  const map = buildTextMap(root);
  for (const annotation of annotations) {
    const a = anchorInMap(map, annotation.selectors);
    if (a) result.placed.push({ annotation, range: a.range, method: a.method, start: a.start, end: a.end });
    else result.orphans.push(annotation);
  }
  return result;
}
