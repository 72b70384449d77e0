import type { Gazetteer } from './gazetteer';
import { TITLE_WORDS, ORG_HEADS, MONTHS, WEEKDAYS } from './lexicon';
import { fold } from './tokenize';

/** The tag set of the tagger (BIO over PER, ORG, LOC, MISC). DATE is handled by utils/dates.ts. */
export const LABELS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'] as const;
export type Label = (typeof LABELS)[number];
export const NL = LABELS.length;

/** FNV-1a 32-bit over a string's UTF-16 code units. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Word shape: X upper, x lower, d digit, other chars kept; runs collapsed ("Māori" -> "Xx", "U.S." -> "X.X."). */
export function shape(w: string): string {
  let out = '';
  let last = '';
  for (const ch of w) {
    let c: string;
    if (/\p{Lu}/u.test(ch)) c = 'X';
    else if (/\p{L}|\p{M}/u.test(ch)) c = 'x';
    else if (/\d/.test(ch)) c = 'd';
    else c = ch;
    if (c !== last) out += c;
    last = c;
  }
  return out.length > 6 ? out.slice(0, 6) : out;
}

const MONTH_SET = new Set(MONTHS);
const DAY_SET = new Set(WEEKDAYS);

function lexClass(f: string): string {
  if (TITLE_WORDS.has(f.replace(/\.$/, ''))) return 'T';
  if (ORG_HEADS.has(f.replace(/\.$/, ''))) return 'G';
  if (MONTH_SET.has(f)) return 'M';
  if (DAY_SET.has(f)) return 'D';
  return '';
}

/** Per-sentence precomputed token information. */
export interface SentInfo {
  folded: string[];
  shapes: string[];
  lex: string[];
  gaz: string[];
  allCaps: boolean;
}

export function sentInfo(words: string[], gaz: Gazetteer): SentInfo {
  const folded = words.map(fold);
  const shapes = words.map(shape);
  const cap = words.map((w) => /^\p{Lu}/u.test(w));
  const gazTags = new Array<string>(words.length).fill('');
  for (const m of gaz.match(folded, cap)) {
    for (let k = m.start; k < m.end; k++) gazTags[k] = (k === m.start ? 'B' : 'I') + m.type[0] + (m.end - m.start > 1 ? 'm' : '');
  }
  let letters = 0;
  let upper = 0;
  for (const w of words) for (const ch of w) if (/\p{L}/u.test(ch)) { letters++; if (/\p{Lu}/u.test(ch)) upper++; }
  return { folded, shapes, lex: folded.map(lexClass), gaz: gazTags, allCaps: letters >= 4 && upper / letters > 0.8 };
}

/** Feature hashes for token i (fills `out`, returns count). */
export function tokenFeatures(info: SentInfo, words: string[], i: number, out: number[]): number {
  const { folded: f, shapes: sh, lex, gaz } = info;
  const n = f.length;
  const w0 = f[i]!;
  const wm1 = i > 0 ? f[i - 1]! : '<s>';
  const wm2 = i > 1 ? f[i - 2]! : '<s>';
  const wp1 = i + 1 < n ? f[i + 1]! : '</s>';
  const wp2 = i + 2 < n ? f[i + 2]! : '</s>';
  const s0 = sh[i]!;
  const sm1 = i > 0 ? sh[i - 1]! : '<s>';
  const sp1 = i + 1 < n ? sh[i + 1]! : '</s>';
  const caps = info.allCaps ? 'U' : '';
  let k = 0;
  const add = (s: string) => { out[k++] = hash32(s); };
  add('b');
  if (!info.allCaps) {
    add('w=' + w0);
    add('w-1=' + wm1);
    add('w+1=' + wp1);
  } else {
    add('uw=' + w0);
  }
  add('w-2=' + wm2);
  add('w+2=' + wp2);
  add(caps + 's=' + s0);
  add(caps + 's-1=' + sm1);
  add(caps + 's+1=' + sp1);
  add(caps + 's-1s=' + sm1 + '|' + s0);
  add(caps + 'ss+1=' + s0 + '|' + sp1);
  add('w-1s=' + wm1 + '|' + s0);
  add('sw+1=' + s0 + '|' + wp1);
  const L = w0.length;
  for (let a = 1; a <= 4 && a <= L; a++) {
    add('p' + a + '=' + w0.slice(0, a));
    add('x' + a + '=' + w0.slice(L - a));
  }
  if (i === 0) add(caps + 'first=' + s0);
  add('lex=' + lex[i]);
  add('lex-1=' + (i > 0 ? lex[i - 1] : '<s>'));
  add('lex+1=' + (i + 1 < n ? lex[i + 1] : '</s>'));
  add('g=' + gaz[i]);
  add('g-1=' + (i > 0 ? gaz[i - 1] : '<s>'));
  add('g+1=' + (i + 1 < n ? gaz[i + 1] : '</s>'));
  add('gs=' + gaz[i] + '|' + s0);
  if (L > 1 && /^\p{Lu}+$/u.test(words[i]!) && !info.allCaps) add('acr=' + Math.min(L, 5));
  add('len=' + Math.min(L, 12));
  return k;
}

export const MAX_FEATS = 48;
