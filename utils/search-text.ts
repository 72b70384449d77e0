import { foldKey } from '@/utils/fold';

/** Text side of search: tokenising (folded like foldKey), query parsing, match regexes, marked snippets. */

export interface Segment {
  text: string;
  mark: boolean;
}

export interface QueryWord {
  /** Folded word. */
  text: string;
  /** The last word while it is still being typed: matches every term that starts with it. */
  prefix: boolean;
}

/** Longer tokens are cut, so that no posting row carries a large string. */
export const MAX_TERM_LENGTH = 32;
/** A word shorter than this is not indexed; a last word shorter than this is not yet a query. */
export const MIN_TERM_LENGTH = 2;

const WORD = '[\\p{L}\\p{N}\\p{M}]';
const TOKEN = /[\p{L}\p{N}\p{M}]+/gu;
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;

/** Function words only: they would be the longest posting lists and nobody searches for them. */
export const STOPWORDS = new Set(
  (
    'an and are as at be but by for from has have he her his in is it its of on or our she that the their them ' +
    'they this to was were will with you your we not been had which who would there what when than then so if ' +
    'le la les de des du et un une der die das und den el los las del al'
  ).split(' '),
);

/** Folded tokens of a text, in order, with repeats and stopwords. */
export function foldedTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of foldKey(text).matchAll(TOKEN)) out.push(m[0].slice(0, MAX_TERM_LENGTH));
  return out;
}

/** The terms a text contributes to the index. */
export function indexTerms(text: string): string[] {
  return foldedTokens(text).filter((t) => t.length >= MIN_TERM_LENGTH && !STOPWORDS.has(t));
}

/**
 * Words of a query. The last word is a prefix unless the query ends in a space; complete stopwords are
 * dropped (they are not indexed), and so is a one-letter last word (it would match nearly everything).
 */
export function parseQuery(query: string): QueryWord[] {
  const tokens = foldedTokens(query);
  const typing = new RegExp(`${WORD}$`, 'u').test(query);
  const words: QueryWord[] = [];
  const seen = new Set<string>();
  tokens.forEach((text, i) => {
    const prefix = typing && i === tokens.length - 1;
    if (text.length < MIN_TERM_LENGTH) return;
    if (!prefix && STOPWORDS.has(text)) return;
    const key = `${text}|${prefix}`;
    if (seen.has(key)) return;
    seen.add(key);
    words.push({ text, prefix });
  });
  return words;
}

let variants: Map<string, string> | null = null;
/** For each folded letter, the precomposed letters that fold to it (é, È, ê… for e): accent-blind regexes. */
function variantMap(): Map<string, string> {
  if (variants) return variants;
  const m = new Map<string, string>();
  const ranges: [number, number][] = [
    [0xc0, 0x24f],
    [0x370, 0x3ff],
    [0x400, 0x4ff],
    [0x1e00, 0x1eff],
    [0x1f00, 0x1fff],
  ];
  for (const [a, b] of ranges) {
    for (let cp = a; cp <= b; cp++) {
      const ch = String.fromCodePoint(cp);
      const f = foldKey(ch);
      if ([...f].length !== 1 || f === ch) continue;
      m.set(f, (m.get(f) ?? '') + ch);
    }
  }
  variants = m;
  return m;
}

/** Build the accent table now (a few ms, once per page) rather than on the first keystroke. */
export function prepareMatchers(): void {
  variantMap();
}

/** Whether a word matches the terms that start with it: the last word while typed, or one cut at MAX_TERM_LENGTH. */
export function matchesAsPrefix(w: QueryWord): boolean {
  return w.prefix || w.text.length >= MAX_TERM_LENGTH;
}

function wordSource(w: QueryWord): string {
  const map = variantMap();
  let s = '';
  for (const ch of w.text) {
    const v = map.get(ch);
    s += v ? `[${ch}${v}]` : ch;
  }
  // A word cut at MAX_TERM_LENGTH matches the longer words it was cut from.
  return matchesAsPrefix(w) ? `${s}${WORD}*` : s;
}

/** A query's words, ready to find in texts: marked by snippet and markAll. */
export interface Matcher {
  words: readonly QueryWord[];
  /**
   * One regex over raw (unfolded) text: group i+1 is word i. Case- and accent-blind, for texts that are not plain
   * ASCII (compiled on first use). It only ends at a token's end; whether a match starts at a token's start is
   * checked by `wordMatches`, not by a lookbehind: a regex that begins with a character class is scanned for
   * quickly, one that begins with a lookbehind is tried at every position (several times slower on article texts).
   */
  readonly re: RegExp;
}

/** A match of a query word in a text: [index, end), word = its place in the query. */
export interface WordMatch {
  index: number;
  end: number;
  word: number;
}

/** Matchers by words: each keystroke asks again for most of the previous one's. */
const matchers = new Map<string, Matcher>();
export function matcher(words: QueryWord[]): Matcher {
  const key = words.map((w) => `${w.prefix ? '*' : ''}${w.text}`).join(' ');
  let m = matchers.get(key);
  if (!m) {
    let re: RegExp | null = null;
    m = {
      words,
      get re() {
        re ??= new RegExp(`(?:${words.map((w) => `(${wordSource(w)})`).join('|')})(?!${WORD})`, 'giu');
        return re;
      },
    };
    if (matchers.size >= 64) matchers.delete(matchers.keys().next().value!);
    matchers.set(key, m);
  }
  return m;
}

const WORD_CHAR = new RegExp(WORD, 'u');
/** Whether the character that ends just before `i` is a letter, digit or mark (a match there is inside a token). */
function wordCharBefore(text: string, i: number): boolean {
  if (i <= 0 || i > text.length) return false;
  const c = text.charCodeAt(i - 1);
  if (c < 0x80) return isAsciiWordChar(c);
  const start = c >= 0xdc00 && c <= 0xdfff && i >= 2 ? i - 2 : i - 1;
  return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(start)!));
}
function isAsciiWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

/**
 * The matches of the query words in a text, left to right, without overlaps: whole tokens, or for a prefix word
 * the tokens it starts (case- and accent-blind). Where two words match at one place, the first in the query wins.
 * A text whose letters and digits are ASCII or accented Latin letters (most articles in English and the languages
 * of Western Europe) is searched with indexOf in its folded copy (asciiFolded); any other with the matcher's regex.
 * Both give the same matches (search-text.test.ts checks it).
 */
export function* wordMatches(text: string, m: Matcher): Generator<WordMatch> {
  if (!m.words.length) return;
  const folded = foldedOnce(text);
  if (folded !== null) yield* asciiMatches(folded, m.words);
  else yield* regexMatches(text, m);
}

let latin: Map<number, number> | null = null;
/** Precomposed letters that fold to one ASCII letter (é, Ā, İ, ſ…): their code unit -> that letter's. */
function latinMap(): Map<number, number> {
  if (latin) return latin;
  const m = new Map<number, number>();
  for (const [f, chars] of variantMap()) {
    if (f.length !== 1 || f < 'a' || f > 'z') continue;
    for (const ch of chars) m.set(ch.charCodeAt(0), f.charCodeAt(0));
  }
  return (latin = m);
}

/**
 * Texts folded lately (asciiFolded), the oldest dropped first: each keystroke marks the same 20 results' titles and
 * snippet texts again, and folding them (a lower-cased copy of each) was most of the marking's time.
 */
const FOLDED_KEPT = 64;
const foldedLately = new Map<string, string | null>();
function foldedOnce(text: string): string | null {
  let f = foldedLately.get(text);
  if (f === undefined) {
    f = asciiFolded(text);
    if (foldedLately.size >= FOLDED_KEPT) foldedLately.delete(foldedLately.keys().next().value!);
    foldedLately.set(text, f);
  }
  return f;
}

const NON_ASCII = /[^\x00-\x7f]/g;
/**
 * A text as asciiMatches reads it, character for character (same length, same places): in lower case, each
 * precomposed letter that folds to one ASCII letter replaced by that letter (é -> e, as the regex's accent classes
 * match it). null where the text has any other letter, digit or mark outside ASCII (Greek, Cyrillic, ø, ß, a
 * combining accent, an astral letter…): the regex reads those. Quotes, dashes and other signs may be anything:
 * lower-casing changes the length of no character that is not a letter, and İ, the one letter whose lower case is
 * longer, is replaced before.
 */
export function asciiFolded(text: string): string | null {
  const map = latinMap();
  let mapped = false;
  NON_ASCII.lastIndex = 0;
  for (let x = NON_ASCII.exec(text); x; x = NON_ASCII.exec(text)) {
    if (map.has(text.charCodeAt(x.index))) mapped = true;
    else if (WORD_CHAR.test(String.fromCodePoint(text.codePointAt(x.index)!))) return null;
  }
  const plain = mapped ? text.replace(NON_ASCII, (ch) => {
    const to = map.get(ch.charCodeAt(0));
    return to === undefined ? ch : String.fromCharCode(to);
  }) : text;
  return plain.toLowerCase();
}

/** wordMatches by the regex alone, whatever the text (exported for the test that compares the two ways). */
export function* regexMatches(text: string, m: Matcher): Generator<WordMatch> {
  // no words: nothing to find (the regex would match the empty string everywhere)
  if (!m.words.length) return;
  const re = m.re;
  re.lastIndex = 0;
  for (const x of text.matchAll(re)) {
    if (wordCharBefore(text, x.index)) continue;
    let word = 1;
    while (x[word] === undefined) word++;
    yield { index: x.index, end: x.index + x[0].length, word: word - 1 };
  }
}

/**
 * wordMatches in a folded text (asciiFolded) whose only letters and digits are ASCII: for each word its next occurrence by
 * indexOf, the nearest one checked (a token's start; a whole word also its end), as the regex would find it.
 */
function* asciiMatches(lower: string, words: readonly QueryWord[]): Generator<WordMatch> {
  const n = words.length;
  const next = new Array<number>(n);
  for (let i = 0; i < n; i++) next[i] = lower.indexOf(words[i]!.text);
  for (;;) {
    let at = -1;
    for (let i = 0; i < n; i++) if (next[i]! >= 0 && (at < 0 || next[i]! < at)) at = next[i]!;
    if (at < 0) return;
    let hit: WordMatch | null = null;
    if (!(at > 0 && isAsciiWordChar(lower.charCodeAt(at - 1)))) {
      for (let i = 0; i < n && !hit; i++) {
        const w = words[i]!;
        if (next[i] !== at) continue;
        let end = at + w.text.length;
        if (matchesAsPrefix(w)) while (end < lower.length && isAsciiWordChar(lower.charCodeAt(end))) end++;
        else if (end < lower.length && isAsciiWordChar(lower.charCodeAt(end))) continue;
        hit = { index: at, end, word: i };
      }
    }
    const from = hit ? hit.end : at + 1;
    for (let i = 0; i < n; i++) if (next[i]! >= 0 && next[i]! < from) next[i] = lower.indexOf(words[i]!.text, from);
    if (hit) yield hit;
  }
}

/** Whether a matcher matches anywhere in the text. */
export function hasMatch(text: string, m: Matcher): boolean {
  for (const _ of wordMatches(text, m)) return true;
  return false;
}

/** Characters whose text folds to its lower case, token for token: ASCII, no-break space, dashes and quotes, ellipsis. */
const FOLDS_TO_LOWER_CASE = /^[\x00-\x7f\u00a0\u2010-\u201f\u2026]*$/;
/**
 * A text folded for hasToken: the same tokens as foldKey gives, but a text with no accented letter, no
 * soft hyphen or zero-width character, nothing that compatibility decomposition changes into letters (most
 * English articles) is only lower-cased, several times faster than normalising it.
 */
export function foldedForTokens(text: string): string {
  return FOLDS_TO_LOWER_CASE.test(text) ? text.toLowerCase() : foldKey(text);
}

/**
 * Whether a folded text (foldKey) has the word as one of its tokens, or for a prefix word a token that starts
 * with it: the index's own notion of a match (its terms are the folded text's tokens), found with indexOf.
 */
export function hasToken(folded: string, w: QueryWord): boolean {
  const open = matchesAsPrefix(w);
  for (let i = folded.indexOf(w.text); i >= 0; i = folded.indexOf(w.text, i + 1)) {
    if (wordCharBefore(folded, i)) continue;
    // the character after the word is the one that ends before the next index
    if (open || !wordCharBefore(folded, i + w.text.length + 1)) return true;
  }
  return false;
}

/** Text as the matchers see it: composed, invisible characters removed. */
export function matchable(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE, '');
}

/** Whole text, split into marked and unmarked segments. */
export function markAll(text: string, m: Matcher): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const x of wordMatches(text, m)) {
    if (x.index > last) out.push({ text: text.slice(last, x.index), mark: false });
    out.push({ text: text.slice(x.index, x.end), mark: true });
    last = x.end;
  }
  if (last < text.length) out.push({ text: text.slice(last), mark: false });
  return out;
}

/**
 * A window of about `width` characters around the place where the most different query words occur,
 * with every match marked. null when no word occurs in the text.
 */
export function snippet(text: string, m: Matcher, width = 180): Segment[] | null {
  const hits: WordMatch[] = [];
  // Hits are read only until a window holds every query word (the best a window can do), plus the rest of
  // that window (so that no marked word is cut at its end): one word, one window, not every match in the text.
  let stopAt = Infinity;
  for (const hit of wordMatches(text, m)) {
    if (hit.index > stopAt) break;
    hits.push(hit);
    if (hits.length >= 200) break;
    if (stopAt === Infinity) {
      const seen = new Set<number>();
      for (let i = hits.length - 1; i >= 0 && hit.end - hits[i]!.index <= width; i--) seen.add(hits[i]!.word);
      if (seen.size === m.words.length) stopAt = hit.index + width;
    }
  }
  if (!hits.length) return null;
  let best = 0;
  let bestCount = 0;
  for (let i = 0; i < hits.length; i++) {
    const seen = new Set<number>();
    for (let j = i; j < hits.length && hits[j]!.end - hits[i]!.index <= width; j++) seen.add(hits[j]!.word);
    if (seen.size > bestCount) {
      bestCount = seen.size;
      best = i;
    }
  }
  const anchor = hits[best]!.index;
  let start = Math.max(0, anchor - 50);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space >= 0 && space < anchor ? space + 1 : anchor;
  }
  let end = Math.min(text.length, start + width);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > anchor) end = space;
    // never cut a marked word
    for (const h of hits) if (h.index < end && h.end > end) end = h.end;
  }
  const segs = markAll(text.slice(start, end).replace(/\s+/g, ' '), m);
  if (start > 0) segs.unshift({ text: '…', mark: false });
  if (end < text.length) segs.push({ text: '…', mark: false });
  return merge(segs);
}

function merge(segs: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segs) {
    const prev = out[out.length - 1];
    if (prev && prev.mark === s.mark) prev.text += s.text;
    else if (s.text) out.push({ ...s });
  }
  return out;
}
