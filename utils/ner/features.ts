import type { Gazetteer } from './gazetteer';
import { TITLE_WORDS, ORG_HEADS, MONTHS, WEEKDAYS } from './lexicon';
import { fold } from './tokenize';

/** The tag set of the tagger (BIO over PER, ORG, LOC, MISC). DATE is handled by utils/dates.ts. */
export const LABELS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'] as const;
export type Label = (typeof LABELS)[number];
export const NL = LABELS.length;

/** FNV-1a 32-bit over a string's UTF-16 code units. */
export function hash32(s: string): number {
  return hcat(0x811c9dc5, s) >>> 0;
}

/** Continue an FNV-1a state with more text (hash32(a + b) === hcat(hcat(init, a), b) >>> 0). */
export function hcat(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

const PIPE = 0x7c;
const step = (h: number, c: number) => Math.imul(h ^ c, 0x01000193);
/** Precomputed FNV states of feature-name prefixes. */
const P = new Map<string, number>();
const pre = (name: string): number => {
  let h = P.get(name);
  if (h === undefined) P.set(name, (h = hcat(0x811c9dc5, name)));
  return h;
};

/** Word shape: X upper, x lower, d digit, other chars kept; runs collapsed ("Māori" -> "Xx", "U.S." -> "X.X."). */
export function shape(w: string): string {
  let out = '';
  let last = '';
  for (let i = 0; i < w.length; i++) {
    const k = w.charCodeAt(i);
    let c: string;
    if (k >= 65 && k <= 90) c = 'X';
    else if (k >= 97 && k <= 122) c = 'x';
    else if (k >= 48 && k <= 57) c = 'd';
    else if (k < 128) c = w[i]!;
    else {
      const ch = String.fromCodePoint(w.codePointAt(i)!);
      if (ch.length === 2) i++;
      if (/\p{Lu}/u.test(ch)) c = 'X';
      else if (/\p{L}|\p{M}/u.test(ch)) c = 'x';
      else if (/\p{N}/u.test(ch)) c = 'd';
      else c = ch;
    }
    if (c !== last) {
      out += c;
      if (out.length >= 6) break;
    }
    last = c;
  }
  return out;
}

const MONTH_SET = new Set(MONTHS);
const DAY_SET = new Set(WEEKDAYS);

function lexClass(f0: string): string {
  const f = f0.endsWith('.') ? f0.slice(0, -1) : f0;
  if (TITLE_WORDS.has(f)) return 'T';
  if (ORG_HEADS.has(f)) return 'G';
  if (MONTH_SET.has(f0)) return 'M';
  if (DAY_SET.has(f0)) return 'D';
  return '';
}

/** Per-sentence precomputed token information. */
export interface SentInfo {
  folded: string[];
  shapes: string[];
  lex: string[];
  gaz: string[];
  /** 'N' where the token is capitalised and a known given name. */
  given: string[];
  /** Token is all upper-case letters. */
  upper: boolean[];
  allCaps: boolean;
}

export function sentInfo(words: string[], gaz: Gazetteer): SentInfo {
  const folded = words.map(fold);
  const shapes = words.map(shape);
  const cap = shapes.map((x) => x[0] === 'X');
  const gazTags = new Array<string>(words.length).fill('');
  for (const m of gaz.match(folded, cap)) {
    for (let k = m.start; k < m.end; k++) gazTags[k] = (k === m.start ? 'B' : 'I') + m.type[0] + (m.end - m.start > 1 ? 'm' : '');
  }
  let letters = 0;
  let upper = 0;
  for (const w of words) {
    for (let i = 0; i < w.length; i++) {
      const c = w[i]!;
      const lo = c.toLowerCase();
      const hi = c.toUpperCase();
      if (lo !== hi) { letters++; if (c === hi) upper++; }
    }
  }
  const given = folded.map((f, i) => (cap[i] && gaz.isGivenName(f) ? 'N' : ''));
  const up = shapes.map((x) => x === 'X');
  return { folded, shapes, lex: folded.map(lexClass), gaz: gazTags, given, upper: up, allCaps: letters >= 4 && upper / letters > 0.8 };
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
  out[k++] = pre('b') >>> 0;
  if (!info.allCaps) {
    out[k++] = hcat(pre('w='), w0) >>> 0;
    out[k++] = hcat(pre('w-1='), wm1) >>> 0;
    out[k++] = hcat(pre('w+1='), wp1) >>> 0;
  } else {
    out[k++] = hcat(pre('uw='), w0) >>> 0;
  }
  out[k++] = hcat(pre('w-2='), wm2) >>> 0;
  out[k++] = hcat(pre('w+2='), wp2) >>> 0;
  out[k++] = hcat(pre(caps + 's='), s0) >>> 0;
  out[k++] = hcat(pre(caps + 's-1='), sm1) >>> 0;
  out[k++] = hcat(pre(caps + 's+1='), sp1) >>> 0;
  out[k++] = hcat(step(hcat(pre(caps + 's-1s='), sm1), PIPE), s0) >>> 0;
  out[k++] = hcat(step(hcat(pre(caps + 'ss+1='), s0), PIPE), sp1) >>> 0;
  out[k++] = hcat(step(hcat(pre('w-1s='), wm1), PIPE), s0) >>> 0;
  out[k++] = hcat(step(hcat(pre('sw+1='), s0), PIPE), wp1) >>> 0;
  const L = w0.length;
  for (let a = 1; a <= 4 && a <= L; a++) {
    out[k++] = hcat(pre(PREF[a]!), w0.slice(0, a)) >>> 0;
    out[k++] = hcat(pre(SUFF[a]!), w0.slice(L - a)) >>> 0;
  }
  if (i === 0) out[k++] = hcat(pre(caps + 'first='), s0) >>> 0;
  out[k++] = hcat(pre('lex='), lex[i]!) >>> 0;
  out[k++] = hcat(pre('lex-1='), i > 0 ? lex[i - 1]! : '<s>') >>> 0;
  out[k++] = hcat(pre('lex+1='), i + 1 < n ? lex[i + 1]! : '</s>') >>> 0;
  out[k++] = hcat(pre('g='), gaz[i]!) >>> 0;
  out[k++] = hcat(pre('g-1='), i > 0 ? gaz[i - 1]! : '<s>') >>> 0;
  out[k++] = hcat(pre('g+1='), i + 1 < n ? gaz[i + 1]! : '</s>') >>> 0;
  out[k++] = hcat(step(hcat(pre('gs='), gaz[i]!), PIPE), s0) >>> 0;
  const gv = info.given;
  out[k++] = hcat(step(hcat(step(hcat(pre('n='), gv[i]!), PIPE), i > 0 ? gv[i - 1]! : '<s>'), PIPE), i + 1 < n ? gv[i + 1]! : '</s>') >>> 0;
  out[k++] = hcat(step(hcat(step(hcat(pre('ns='), gv[i]!), PIPE), s0), PIPE), sp1) >>> 0;
  if (L > 1 && info.upper[i] && !info.allCaps) out[k++] = hcat(pre('acr='), String(Math.min(L, 5))) >>> 0;
  out[k++] = hcat(pre('len='), String(Math.min(L, 12))) >>> 0;
  return k;
}

const PREF = ['', 'p1=', 'p2=', 'p3=', 'p4='];
const SUFF = ['', 'x1=', 'x2=', 'x3=', 'x4='];

export const MAX_FEATS = 48;
