import search from 'approx-string-match';

/**
 * Find a quote in text, scored on the quote itself, its prefix, its suffix and
 * its distance from an expected position (after hypothesis/client's
 * match-quote.ts). Unlike Hypothesis, a match must also pass `isConfident`,
 * so that a short or edited quote is never placed where its context disagrees.
 */

export interface QuoteContext {
  prefix?: string;
  suffix?: string;
  /** Expected start offset (from a TextPositionSelector). */
  hint?: number;
}

export interface QuoteMatch {
  start: number;
  end: number;
  /** 1 - edit errors / quote length. 1 for an exact match. */
  quoteScore: number;
  prefixScore: number;
  suffixScore: number;
  posScore: number;
  /** Weighted total in [0, 1]. */
  score: number;
}

const WEIGHT = { quote: 50, prefix: 20, suffix: 20, pos: 2 };
const WEIGHT_TOTAL = WEIGHT.quote + WEIGHT.prefix + WEIGHT.suffix + WEIGHT.pos;
/** Quotes at least this long are distinctive on their own when found exactly. */
export const DISTINCTIVE_LENGTH = 32;
/** Most edit errors allowed in a fuzzy quote match, as a share of its length. */
export const MAX_QUOTE_ERROR_RATE = 0.2;
const MAX_EXACT_CANDIDATES = 2000;

/** How well `pattern` occurs in `window`: 1 - min edit errors / pattern length. */
export function textMatchScore(pattern: string, window: string): number {
  if (pattern.length === 0) return 1;
  if (window.length === 0) return 0;
  const matches = search(window, pattern, pattern.length);
  if (matches.length === 0) return 0;
  let min = Infinity;
  for (const m of matches) min = Math.min(min, m.errors);
  return 1 - min / pattern.length;
}

function scoreAt(text: string, quoteLength: number, start: number, end: number, errors: number, ctx: QuoteContext): QuoteMatch {
  const { prefix, suffix } = ctx;
  const quoteScore = 1 - errors / Math.max(1, quoteLength);
  // No context given: no constraint. An empty one: the quote touched the start/end of the text.
  const prefixScore =
    prefix === undefined ? 1 : prefix ? textMatchScore(prefix, text.slice(Math.max(0, start - prefix.length), start)) : start === 0 ? 1 : 0;
  const suffixScore =
    suffix === undefined ? 1 : suffix ? textMatchScore(suffix, text.slice(end, end + suffix.length)) : end === text.length ? 1 : 0;
  const posScore = ctx.hint === undefined || text.length === 0 ? 1 : 1 - Math.min(1, Math.abs(start - ctx.hint) / text.length);
  const score =
    (WEIGHT.quote * quoteScore + WEIGHT.prefix * prefixScore + WEIGHT.suffix * suffixScore + WEIGHT.pos * posScore) /
    WEIGHT_TOTAL;
  return { start, end, quoteScore, prefixScore, suffixScore, posScore, score };
}

/**
 * The quality bar a match must clear to be placed. Below it the annotation is
 * an orphan: placing it would risk painting the wrong text.
 *  - exact and distinctive (>= 32 chars): accepted whatever its surroundings
 *    (a moved paragraph keeps its highlight);
 *  - exact but short: one side of the context must agree well (>= 0.7), or
 *    both moderately (mean >= 0.5);
 *  - fuzzy: at most 20% of the quote edited (15% if short), the context must
 *    agree (mean >= 0.5), and for short quotes one side well (>= 0.7).
 */
export function isConfident(m: QuoteMatch, quoteLength: number): boolean {
  const ctxMean = (m.prefixScore + m.suffixScore) / 2;
  const ctxBest = Math.max(m.prefixScore, m.suffixScore);
  const short = quoteLength < DISTINCTIVE_LENGTH;
  if (m.quoteScore === 1) return !short || ctxBest >= 0.7 || ctxMean >= 0.5;
  if (m.quoteScore < 1 - MAX_QUOTE_ERROR_RATE) return false;
  if (short) return m.quoteScore >= 0.85 && ctxMean >= 0.5 && ctxBest >= 0.7;
  return ctxMean >= 0.5;
}

/**
 * Confident candidates scoring within this (weighted score) of the best are
 * rivals: the context cannot tell them apart.
 */
export const AMBIGUITY_MARGIN = 0.15;

const overlaps = (a: QuoteMatch, b: QuoteMatch) => a.start < b.end && b.start < a.end;

/**
 * The best confident candidate, unless a rival elsewhere is nearly as good:
 * then the one nearest the expected position wins only if it is decisively
 * nearer (4x, and 200+ characters); otherwise null (an orphan, not a coin toss).
 */
function best(cands: QuoteMatch[], quoteLength: number, hint: number | undefined): QuoteMatch | null {
  const ok = cands.filter((c) => isConfident(c, quoteLength)).sort((a, b) => b.score - a.score);
  const top = ok[0];
  if (!top) return null;
  const close = ok.filter((c) => top.score - c.score < AMBIGUITY_MARGIN);
  if (!close.some((c) => !overlaps(c, top))) return top;
  if (hint === undefined) return null;
  const dist = (c: QuoteMatch) => Math.abs(c.start - hint);
  const byDist = [...close].sort((a, b) => dist(a) - dist(b));
  const near = byDist[0]!;
  const next = byDist.find((c) => !overlaps(c, near));
  if (next && dist(next) >= 4 * dist(near) && dist(next) - dist(near) >= 200) return near;
  return null;
}

/**
 * Move fuzzy-match edges to where the quote's first/last characters actually
 * are, if that is close by (approx-string-match may stop short of an edited
 * word at the edge). Tries 8, then 6, then 4 characters of head and tail.
 */
function snapEdges(text: string, quote: string, start: number, end: number, maxShift: number): [number, number] {
  if (quote.length < 16) return [start, end];
  const nearest = (at: (pos: number) => boolean, from: number, lo: number, hi: number): number | null => {
    if (at(from)) return from;
    for (let d = 1; d <= maxShift; d++) {
      if (from + d <= hi && at(from + d)) return from + d;
      if (from - d >= lo && at(from - d)) return from - d;
    }
    return null;
  };
  for (const k of [8, 6, 4]) {
    const head = quote.slice(0, k);
    const s = nearest((pos) => text.startsWith(head, pos), start, 0, end - 1);
    if (s !== null) {
      start = s;
      break;
    }
  }
  for (const k of [8, 6, 4]) {
    const tail = quote.slice(-k);
    const e = nearest((pos) => pos - k >= start && text.slice(pos - k, pos) === tail, end, start + 1, text.length);
    if (e !== null) {
      end = e;
      break;
    }
  }
  return [start, end];
}

/**
 * Stricter bar for a range or position hint, which is checked at one place
 * only (no rivals are compared): a short quote needs both sides of its context
 * to agree at least half way, so a paragraph that merely starts with the same
 * words after a reorder is not taken.
 */
export function isConfidentAtHint(m: QuoteMatch, quoteLength: number): boolean {
  if (!isConfident(m, quoteLength)) return false;
  return quoteLength >= DISTINCTIVE_LENGTH || Math.min(m.prefixScore, m.suffixScore) >= 0.5;
}

/** Exact occurrences of `quote` only, best by context and position; null when none is confident. */
export function matchExactQuote(text: string, quote: string, ctx: QuoteContext = {}): QuoteMatch | null {
  if (!quote) return null;
  const cands: QuoteMatch[] = [];
  for (let i = text.indexOf(quote); i !== -1 && cands.length < MAX_EXACT_CANDIDATES; i = text.indexOf(quote, i + 1)) {
    cands.push(scoreAt(text, quote.length, i, i + quote.length, 0, ctx));
  }
  return best(cands, quote.length, ctx.hint);
}

/**
 * Approximate (edit-distance) matches of `quote`, best by the weighted score;
 * null when none is confident. approx-string-match returns only the lowest-cost
 * matches, so an exact copy of the quote elsewhere would hide an edited copy at
 * the right place: the quote is also searched inside the best matches of
 * prefix + quote + suffix.
 */
export function matchFuzzyQuote(text: string, quote: string, ctx: QuoteContext = {}): QuoteMatch | null {
  if (!quote) return null;
  const maxErrors = Math.floor(quote.length * MAX_QUOTE_ERROR_RATE);
  if (maxErrors === 0) return null;
  const seen = new Set<string>();
  const cands: QuoteMatch[] = [];
  const add = (s: number, e: number, errors: number) => {
    const [start, end] = snapEdges(text, quote, s, e, maxErrors);
    const key = `${start}:${end}`;
    if (end <= start || errors > maxErrors || seen.has(key)) return;
    seen.add(key);
    cands.push(scoreAt(text, quote.length, start, end, errors, ctx));
  };
  for (const m of search(text, quote, maxErrors)) add(m.start, m.end, m.errors);

  const prefix = ctx.prefix ?? '';
  const suffix = ctx.suffix ?? '';
  if (prefix || suffix) {
    const whole = prefix + quote + suffix;
    const wholeMax = Math.floor(whole.length * 0.3);
    const windows = search(text, whole, wholeMax);
    let n = 0;
    for (const w of windows) {
      if (++n > 20) break;
      const from = Math.max(0, w.start - maxErrors);
      const region = text.slice(from, Math.min(text.length, w.end + maxErrors));
      for (const m of search(region, quote, maxErrors)) add(from + m.start, from + m.end, m.errors);
    }
  }
  return best(cands, quote.length, ctx.hint);
}

/** Exact first, then fuzzy. */
export function matchQuote(text: string, quote: string, ctx: QuoteContext = {}): QuoteMatch | null {
  return matchExactQuote(text, quote, ctx) ?? matchFuzzyQuote(text, quote, ctx);
}

/** Score of the quote sitting exactly at [start, end) (used to check range and position hints). */
export function scoreAtOffsets(text: string, quote: string, start: number, end: number, ctx: QuoteContext = {}): QuoteMatch {
  return scoreAt(text, quote.length, start, end, text.slice(start, end) === quote ? 0 : quote.length, ctx);
}
