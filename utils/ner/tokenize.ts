/**
 * Text normalisation and a PTB-like tokenizer with UTF-16 offsets into the ORIGINAL string.
 *
 * Soft hyphens and zero-width characters are dropped from token text (so "Netan\u00ADyahu"
 * is one token "Netanyahu" whose span still covers the original characters); curly quotes
 * and apostrophes become straight ones; the possessive 's is split off as in the GMB.
 */

export interface Token {
  /** Normalised token text (invisible characters removed, quotes straightened). */
  text: string;
  /** UTF-16 offsets into the original string. */
  start: number;
  end: number;
  /** Index of the sentence this token belongs to (within one call). */
  sent: number;
}

const INVISIBLE = /[\u00AD\u200B\u200C\u200D\u2060\uFEFF]/g;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const isCJK = (c: string): boolean => c.charCodeAt(0) >= 0x1100 && CJK.test(c);
const IS_INVISIBLE = /[\u00AD\u200B\u200C\u200D\u2060\uFEFF]/;

/** Straighten quotes and drop invisible characters (not offset-preserving). */
export function normalizeToken(s: string): string {
  return s
    .replace(INVISIBLE, '')
    .replace(/[\u2018\u2019\u201B\u02BC\u0060\u00B4]/g, "'")
    .replace(/[\u201C\u201D\u201E\u00AB\u00BB]/g, '"')
    .replace(/[\u2010\u2011]/g, '-');
}

/** Lower case without diacritics, for gazetteer and feature look-ups ("Māori" -> "maori"). */
const foldCache = new Map<string, string>();
export function fold(s: string): string {
  let f = foldCache.get(s);
  if (f !== undefined) return f;
  f = /^[\x00-\x7f]*$/.test(s) ? s.toLowerCase() : s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
  if (foldCache.size > 50000) foldCache.clear();
  foldCache.set(s, f);
  return f;
}

// A word: letters/digits/marks, with inner apostrophes, hyphens, periods (U.S., 9/11, 1,000), ampersands (AT&T).
const WORD_CHAR = /[\p{L}\p{N}\p{M}\u00AD\u200B\u200C\u200D\u2060\uFEFF]/u;

/** Abbreviations whose final period stays part of the token and does not end a sentence. */
const ABBREV = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'lt', 'col', 'capt', 'sgt', 'maj', 'adm', 'gov', 'sen', 'rep', 'rev',
  'st', 'jr', 'sr', 'inc', 'corp', 'co', 'ltd', 'vs', 'no', 'mt', 'ft', 'gen', 'pres', 'sec', 'dept', 'univ', 'est',
  'etc', 'al',
]);
/** Month abbreviations keep their period only before a day number ("Jun. 5", but "Dong Jun." ends a sentence). */
const MONTH_ABBREV = new Set(['jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);

function isWordChar(c: string): boolean {
  const k = c.charCodeAt(0);
  if (k < 128) return (k >= 48 && k <= 57) || (k >= 65 && k <= 90) || (k >= 97 && k <= 122);
  return WORD_CHAR.test(c);
}
const isSpace = (c: string): boolean => {
  const k = c.charCodeAt(0);
  return k === 32 || k === 9 || k === 13 || k === 10 || (k > 127 && /\s/.test(c));
};

/**
 * Tokenize `src`. Sentence breaks: blank lines / newlines, and . ! ? followed by space and an
 * upper-case letter or quote (not after a known abbreviation or a single capital initial).
 */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let sent = 0;
  let i = 0;
  const n = src.length;
  let pendingBreak = false;
  const push = (start: number, end: number) => {
    if (pendingBreak && out.length > 0) sent++;
    pendingBreak = false;
    const raw = src.slice(start, end);
    out.push({ text: /^[\x00-\x5f\x61-\x7f]*$/.test(raw) ? raw : normalizeToken(raw), start, end, sent });
  };
  while (i < n) {
    const c = src[i]!;
    if (c === '\n') {
      pendingBreak = true;
      i++;
      continue;
    }
    if (isSpace(c) || (c.charCodeAt(0) > 127 && IS_INVISIBLE.test(c) && !(i + 1 < n && isWordChar(src[i + 1]!) && i > 0 && isWordChar(src[i - 1]!)))) {
      i++;
      continue;
    }
    if (isCJK(c)) {
      // Chinese/Japanese characters: one token each (no spaces to split on; never an English name)
      push(i, i + 1);
      i++;
      continue;
    }
    if (isWordChar(c)) {
      let j = i + 1;
      for (;;) {
        if (j < n && isWordChar(src[j]!) && !isCJK(src[j]!)) { j++; continue; }
        // inner joiners: ' - . & / , (digits) followed by a word char
        if (j + 1 < n && isWordChar(src[j + 1]!)) {
          const d = src[j]!;
          if (d === '-' || d === '\u2010' || d === '\u2011' || d === '&') { j += 2; continue; }
          if ((d === "'" || d === '\u2019') && !((src[j + 1] === 's' || src[j + 1] === 'S') && !isWordChar(src[j + 2] ?? ' '))) { j += 2; continue; }
          if (d === '.' && /[\p{L}]/u.test(src[j + 1]!) && /^(?:\p{L}{1,2}\.)*\p{L}{1,2}$/u.test(src.slice(i, j)) && !/[\p{L}]{3}/u.test(src.slice(j + 1, j + 4))) { j += 2; continue; }
          // domain names: SmartAsset.com
          if (d === '.' && /^(?:com|org|net|gov|edu|io|co\.uk|info)(?![\p{L}\p{N}])/u.test(src.slice(j + 1, j + 8))) { j += 2; continue; }
          if ((d === '.' || d === ',' || d === '/' || d === ':') && /\d/.test(src[j - 1]!) && /\d/.test(src[j + 1]!)) { j += 2; continue; }
        }
        break;
      }
      // trailing period of an abbreviation or an initialism (U.S.)
      let end = j;
      if (src[j] === '.') {
        const word = src.slice(i, j);
        const low = fold(normalizeToken(word));
        const monthAbbr = MONTH_ABBREV.has(low);
        if ((ABBREV.has(low) && !monthAbbr) || (monthAbbr && /^\.\s*\d/.test(src.slice(j, j + 4))) || /^\p{Lu}$/u.test(word) || /^(\p{L}{1,2}\.)+\p{L}{1,2}$/u.test(word)) end = j + 1;
      }
      const word = src.slice(i, end);
      // caption credits glued to the name by text extraction: "CreditChang W. Lee"
      const glued = /^(Credit|Photo|Photograph|Image|Source)(?=\p{Lu}\p{Ll})/u.exec(word);
      if (glued) {
        push(i, i + glued[1]!.length);
        i += glued[1]!.length;
        continue;
      }
      const compound = /^(\p{Lu}[\p{L}\p{M}.]*)([-\u2010\u2011])(\p{Ll}+)$/u.exec(word);
      if (compound && !/^(?:al|el|bin|ibn)$/i.test(compound[1]!)) {
        const a = i + compound[1]!.length;
        push(i, a);
        push(a, a + 1);
        push(a + 1, end);
      } else push(i, end);
      // possessive 's split off as its own token
      if (end === j && (src[j] === "'" || src[j] === '\u2019') && (src[j + 1] === 's' || src[j + 1] === 'S') && !isWordChar(src[j + 2] ?? ' ')) {
        push(j, j + 2);
        end = j + 2;
      }
      i = end;
      continue;
    }
    // punctuation: one char (keep "--" / "..." together)
    let j = i + 1;
    if ((c === '-' || c === '.') && src[j] === c) while (j < n && src[j] === c) j++;
    push(i, j);
    if (c === '.' || c === '!' || c === '?') {
      // sentence end if followed by space then upper case / quote / digit or end
      let k = j;
      while (k < n && (src[k] === '"' || src[k] === '\u201D' || src[k] === "'" || src[k] === '\u2019' || src[k] === ')')) k++;
      if (k >= n || /\s/.test(src[k]!)) pendingBreak = true;
    }
    i = j;
  }
  return out;
}
