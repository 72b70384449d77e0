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
 * Two confident candidates closer than this (in weighted score) are
 * indistinguishable: the quote is an orphan rather than a coin toss.
 */
export const AMBIGUITY_MARGIN = 0.08;

function best(cands: QuoteMatch[], quoteLength: number): QuoteMatch | null {
  const ok = cands.filter((c) => isConfident(c, quoteLength)).sort((a, b) => b.score - a.score);
  const top = ok[0];
  if (!top) return null;
  const rival = ok.find((c) => c.start >= top.end || c.end <= top.start);
  if (rival && top.score - rival.score < AMBIGUITY_MARGIN) return null;
  return top;
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
  return best(cands, quote.length);
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
  const add = (start: number, end: number, errors: number) => {
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
  return best(cands, quote.length);
}

/** Exact first, then fuzzy. */
export function matchQuote(text: string, quote: string, ctx: QuoteContext = {}): QuoteMatch | null {
  return matchExactQuote(text, quote, ctx) ?? matchFuzzyQuote(text, quote, ctx);
}

/** Score of the quote sitting exactly at [start, end) (used to check range and position hints). */
export function scoreAtOffsets(text: string, quote: string, start: number, end: number, ctx: QuoteContext = {}): QuoteMatch {
  return scoreAt(text, quote.length, start, end, text.slice(start, end) === quote ? 0 : quote.length, ctx);
}
