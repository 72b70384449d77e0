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

/**
 * Edit distance from `stored` to the best-aligned tail of `actual`: where in `actual` the
 * alignment starts is free, its end is not. Semi-global alignment, O(|stored| x |actual|).
 */
export function tailDistance(stored: string, actual: string): number {
  const m = stored.length;
  const n = actual.length;
  // typed rows: no boxed numbers to allocate and collect, for each of the page's highlights at every visit
  let prev = new Int32Array(n + 1); // empty stored: free start anywhere in actual
  let cur = new Int32Array(n + 1);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    const c = stored.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const sub = prev[j - 1]! + (c === actual.charCodeAt(j - 1) ? 0 : 1);
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, sub);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[n]!;
}

const noSpace = (s: string) => s.replace(/\s+/g, '');
const reverse = (s: string) => [...s].reverse().join('');
/** Extra characters of actual text read beyond the stored context's length, so inserted words do not push it out. */
export const CONTEXT_SLACK = 0.25;

/**
 * How well the text before a candidate agrees with the stored prefix: 1 - edit distance / length,
 * spaces ignored (block boundaries, re-indented markup), aligned at the candidate with the far end
 * free (a word inserted or lengthened near the quote costs its own edit, not a shifted window).
 * Unrelated text still scores low (~0.3), so a threshold on it means something.
 */
export function prefixContextScore(stored: string, before: string): number {
  const s = noSpace(stored);
  if (!s.length) return 1;
  const a = noSpace(before);
  // the page unchanged around the highlight, the usual case: no alignment to compute
  if (a.endsWith(s)) return 1;
  return Math.max(0, 1 - tailDistance(s, a.slice(-Math.ceil(s.length * (1 + CONTEXT_SLACK)))) / s.length);
}

/** The same for the text after a candidate and the stored suffix. */
export function suffixContextScore(stored: string, after: string): number {
  const s = noSpace(stored);
  if (!s.length) return 1;
  const a = noSpace(after).slice(0, Math.ceil(s.length * (1 + CONTEXT_SLACK)));
  if (a.startsWith(s)) return 1;
  return Math.max(0, 1 - tailDistance(reverse(s), reverse(a)) / s.length);
}

function scoreAt(text: string, quoteLength: number, start: number, end: number, errors: number, ctx: QuoteContext): QuoteMatch {
  const { prefix, suffix } = ctx;
  const quoteScore = 1 - errors / Math.max(1, quoteLength);
  // No context given: no constraint. An empty one: the quote touched the start/end of the text.
  const window = (stored: string) => Math.ceil(stored.length * (1 + CONTEXT_SLACK));
  const prefixScore =
    prefix === undefined ? 1 : prefix ? prefixContextScore(prefix, text.slice(Math.max(0, start - window(prefix)), start)) : start === 0 ? 1 : 0;
  const suffixScore =
    suffix === undefined ? 1 : suffix ? suffixContextScore(suffix, text.slice(end, end + window(suffix))) : end === text.length ? 1 : 0;
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
 * Context scores are aligned edit distances (see prefixContextScore).
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
 * rivals: the context cannot tell them apart, and the quote is an orphan
 * rather than a coin toss. Position is deliberately not used to break the
 * tie: after paragraphs move, the nearest copy is as likely the wrong one.
 */
export const AMBIGUITY_MARGIN = 0.1;

const overlaps = (a: QuoteMatch, b: QuoteMatch) => a.start < b.end && b.start < a.end;

function best(cands: QuoteMatch[], quoteLength: number): QuoteMatch | null {
  const ok = cands.filter((c) => isConfident(c, quoteLength)).sort((a, b) => b.score - a.score);
  const top = ok[0];
  if (!top) return null;
  // A rival need not be confident itself: an exact copy elsewhere whose context is nearly as good makes it a coin toss.
  const rival = cands.find((c) => c !== top && !overlaps(c, top) && c.quoteScore >= top.quoteScore && top.score - c.score < AMBIGUITY_MARGIN);
  return rival ? null : top;
}

/**
 * Put fuzzy-match edges where they belong (approx-string-match may stop short
 * of an edited word at an edge): first where the quote's own first/last 8, 6
 * or 4 characters are, close by; failing that, right after the stored prefix
 * or right before the stored suffix, found close by.
 */
function fixEdges(text: string, quote: string, start: number, end: number, maxShift: number, ctx: QuoteContext): [number, number] {
  if (quote.length < 16) return [start, end];
  const nearest = (at: (pos: number) => boolean, from: number, lo: number, hi: number): number | null => {
    if (at(from)) return from;
    for (let d = 1; d <= maxShift; d++) {
      if (from + d <= hi && at(from + d)) return from + d;
      if (from - d >= lo && at(from - d)) return from - d;
    }
    return null;
  };
  let s: number | null = null;
  for (const k of [8, 6, 4]) {
    const head = quote.slice(0, k);
    s = nearest((pos) => text.startsWith(head, pos), start, 0, end - 1);
    if (s !== null) break;
  }
  const prefix = ctx.prefix ?? '';
  if (s === null && prefix.length >= 8) {
    const w0 = Math.max(0, start - prefix.length - maxShift);
    const found = search(text.slice(w0, start + maxShift), prefix, Math.floor(prefix.length / 4));
    const m = found.sort((x, y) => x.errors - y.errors || Math.abs(w0 + x.end - start) - Math.abs(w0 + y.end - start))[0];
    if (m && Math.abs(w0 + m.end - start) <= maxShift) s = w0 + m.end;
  }
  if (s !== null) start = s;

  let e: number | null = null;
  for (const k of [8, 6, 4]) {
    const tail = quote.slice(-k);
    e = nearest((pos) => pos - k >= start && text.slice(pos - k, pos) === tail, end, start + 1, text.length);
    if (e !== null) break;
  }
  const suffix = ctx.suffix ?? '';
  if (e === null && suffix.length >= 8) {
    const w0 = Math.max(start + 1, end - maxShift);
    const found = search(text.slice(w0, end + suffix.length + maxShift), suffix, Math.floor(suffix.length / 4));
    const m = found.sort((x, y) => x.errors - y.errors || Math.abs(w0 + x.start - end) - Math.abs(w0 + y.start - end))[0];
    if (m && Math.abs(w0 + m.start - end) <= maxShift) e = w0 + m.start;
  }
  if (e !== null) end = e;
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
  const add = (s: number, e: number, errors: number) => {
    const [start, end] = fixEdges(text, quote, s, e, maxErrors, ctx);
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

/**
 * A long quote edited in place: the best approximate match of the quote close
 * to [start, end) (a range or position hint), if it clears the bar. Where the
 * hint, the text and the context all agree, that beats an exact copy of the
 * old text elsewhere on the page (a duplicated block).
 */
export function matchFuzzyNear(text: string, quote: string, start: number, end: number, ctx: QuoteContext = {}): QuoteMatch | null {
  if (quote.length < DISTINCTIVE_LENGTH) return null;
  const maxErrors = Math.floor(quote.length * MAX_QUOTE_ERROR_RATE);
  const from = Math.max(0, start - maxErrors);
  const region = text.slice(from, Math.min(text.length, end + maxErrors));
  let top: QuoteMatch | null = null;
  for (const m of search(region, quote, maxErrors)) {
    const [s, e] = fixEdges(text, quote, from + m.start, from + m.end, maxErrors, ctx);
    if (e <= s) continue;
    const c = scoreAt(text, quote.length, s, e, m.errors, ctx);
    if (isConfident(c, quote.length) && (c.prefixScore + c.suffixScore) / 2 >= 0.7 && (!top || c.score > top.score)) top = c;
  }
  return top;
}
