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
const PREF = ['', 'p1=', 'p2=', 'p3=', 'p4='];
const SUFF = ['', 'x1=', 'x2=', 'x3=', 'x4='];
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
  /** Per-word feature hashes (see wordHashes). */
  hashes: Uint32Array[];
  allCaps: boolean;
}

/** Per-word facts that do not depend on context, cached (news repeats its words). */
interface WordInfo { folded: string; shape: string; lex: string; given: string; letters: number; upper: number; h: Uint32Array }

/** Slots of the per-word feature hashes (features that depend on one word only). */
const H_W = 0, H_WM1 = 1, H_WP1 = 2, H_WM2 = 3, H_WP2 = 4, H_UW = 5, H_LEN = 6, H_ACR = 7, H_AFF = 8; // then up to 8 affixes

function wordHashes(folded: string): Uint32Array {
  const L = folded.length;
  const na = Math.min(L, 4);
  const h = new Uint32Array(H_AFF + 2 * na);
  h[H_W] = hcat(pre('w='), folded) >>> 0;
  h[H_WM1] = hcat(pre('w-1='), folded) >>> 0;
  h[H_WP1] = hcat(pre('w+1='), folded) >>> 0;
  h[H_WM2] = hcat(pre('w-2='), folded) >>> 0;
  h[H_WP2] = hcat(pre('w+2='), folded) >>> 0;
  h[H_UW] = hcat(pre('uw='), folded) >>> 0;
  h[H_LEN] = hcat(pre('len='), String(Math.min(L, 12))) >>> 0;
  h[H_ACR] = hcat(pre('acr='), String(Math.min(L, 5))) >>> 0;
  for (let a = 1; a <= na; a++) {
    h[H_AFF + 2 * (a - 1)] = hcat(pre(PREF[a]!), folded.slice(0, a)) >>> 0;
    h[H_AFF + 2 * (a - 1) + 1] = hcat(pre(SUFF[a]!), folded.slice(L - a)) >>> 0;
  }
  return h;
}
const wordCache = new WeakMap<Gazetteer, Map<string, WordInfo>>();

function wordInfo(w: string, gaz: Gazetteer, cache: Map<string, WordInfo>): WordInfo {
  let wi = cache.get(w);
  if (wi) return wi;
  const folded = fold(w);
  const sh = shape(w);
  let letters = 0;
  let upper = 0;
  for (let i = 0; i < w.length; i++) {
    const c = w[i]!;
    const lo = c.toLowerCase();
    const hi = c.toUpperCase();
    if (lo !== hi) { letters++; if (c === hi) upper++; }
  }
  wi = { folded, shape: sh, lex: lexClass(folded), given: sh[0] === 'X' && gaz.isGivenName(folded) ? 'N' : '', letters, upper, h: wordHashes(folded) };
  if (cache.size > 50000) cache.clear();
  cache.set(w, wi);
  return wi;
}

export function sentInfo(words: string[], gaz: Gazetteer): SentInfo {
  let cache = wordCache.get(gaz);
  if (!cache) wordCache.set(gaz, (cache = new Map()));
  const n = words.length;
  const folded = new Array<string>(n);
  const shapes = new Array<string>(n);
  const lex = new Array<string>(n);
  const given = new Array<string>(n);
  const cap = new Array<boolean>(n);
  const up = new Array<boolean>(n);
  const hashes = new Array<Uint32Array>(n);
  let letters = 0;
  let upper = 0;
  for (let i = 0; i < n; i++) {
    const wi = wordInfo(words[i]!, gaz, cache);
    folded[i] = wi.folded;
    shapes[i] = wi.shape;
    lex[i] = wi.lex;
    given[i] = wi.given;
    cap[i] = wi.shape[0] === 'X';
    up[i] = wi.shape === 'X';
    hashes[i] = wi.h;
    letters += wi.letters;
    upper += wi.upper;
  }
  const gazTags = new Array<string>(n).fill('');
  for (const m of gaz.match(folded, cap)) {
    for (let k = m.start; k < m.end; k++) gazTags[k] = (k === m.start ? 'B' : 'I') + m.type[0] + (m.end - m.start > 1 ? 'm' : '');
  }
  return { folded, shapes, lex, gaz: gazTags, given, upper: up, hashes, allCaps: letters >= 4 && upper / letters > 0.8 };
}

/** Feature hashes for token i (fills `out`, returns count). */
const BOS_H = wordHashes('<s>');
const EOS_H = wordHashes('</s>');
const B_H = hcat(0x811c9dc5, 'b') >>> 0;

export function tokenFeatures(info: SentInfo, words: string[], i: number, out: number[]): number {
  const { shapes: sh, lex, gaz, hashes } = info;
  const n = sh.length;
  const h0 = hashes[i]!;
  const hm1 = i > 0 ? hashes[i - 1]! : BOS_H;
  const hm2 = i > 1 ? hashes[i - 2]! : BOS_H;
  const hp1 = i + 1 < n ? hashes[i + 1]! : EOS_H;
  const hp2 = i + 2 < n ? hashes[i + 2]! : EOS_H;
  const wm1 = i > 0 ? info.folded[i - 1]! : '<s>';
  const wp1 = i + 1 < n ? info.folded[i + 1]! : '</s>';
  const s0 = sh[i]!;
  const sm1 = i > 0 ? sh[i - 1]! : '<s>';
  const sp1 = i + 1 < n ? sh[i + 1]! : '</s>';
  const C = info.allCaps ? CAPS_U : CAPS_0;
  let k = 0;
  out[k++] = B_H;
  if (!info.allCaps) {
    out[k++] = h0[H_W]!;
    out[k++] = hm1[H_WM1]!;
    out[k++] = hp1[H_WP1]!;
  } else {
    out[k++] = h0[H_UW]!;
  }
  out[k++] = hm2[H_WM2]!;
  out[k++] = hp2[H_WP2]!;
  out[k++] = hcat(C.s, s0) >>> 0;
  out[k++] = hcat(C.sm1, sm1) >>> 0;
  out[k++] = hcat(C.sp1, sp1) >>> 0;
  out[k++] = hcat(step(hcat(C.sm1s, sm1), PIPE), s0) >>> 0;
  out[k++] = hcat(step(hcat(C.ssp1, s0), PIPE), sp1) >>> 0;
  out[k++] = hcat(step(hcat(P_WM1S, wm1), PIPE), s0) >>> 0;
  out[k++] = hcat(step(hcat(P_SWP1, s0), PIPE), wp1) >>> 0;
  for (let a = H_AFF; a < h0.length; a++) out[k++] = h0[a]!;
  if (i === 0) out[k++] = hcat(C.first, s0) >>> 0;
  out[k++] = hcat(P_LEX, lex[i]!) >>> 0;
  out[k++] = hcat(P_LEXM1, i > 0 ? lex[i - 1]! : '<s>') >>> 0;
  out[k++] = hcat(P_LEXP1, i + 1 < n ? lex[i + 1]! : '</s>') >>> 0;
  out[k++] = hcat(P_G, gaz[i]!) >>> 0;
  out[k++] = hcat(P_GM1, i > 0 ? gaz[i - 1]! : '<s>') >>> 0;
  out[k++] = hcat(P_GP1, i + 1 < n ? gaz[i + 1]! : '</s>') >>> 0;
  out[k++] = hcat(step(hcat(P_GS, gaz[i]!), PIPE), s0) >>> 0;
  const gv = info.given;
  out[k++] = hcat(step(hcat(step(hcat(P_N, gv[i]!), PIPE), i > 0 ? gv[i - 1]! : '<s>'), PIPE), i + 1 < n ? gv[i + 1]! : '</s>') >>> 0;
  out[k++] = hcat(step(hcat(step(hcat(P_NS, gv[i]!), PIPE), s0), PIPE), sp1) >>> 0;
  if (info.folded[i]!.length > 1 && info.upper[i] && !info.allCaps) out[k++] = h0[H_ACR]!;
  out[k++] = h0[H_LEN]!;
  void words;
  return k;
}

const capsSet = (c: string) => ({ s: pre(c + 's='), sm1: pre(c + 's-1='), sp1: pre(c + 's+1='), sm1s: pre(c + 's-1s='), ssp1: pre(c + 'ss+1='), first: pre(c + 'first=') });
const CAPS_0 = capsSet('');
const CAPS_U = capsSet('U');
const P_WM1S = pre('w-1s='), P_SWP1 = pre('sw+1='), P_LEX = pre('lex='), P_LEXM1 = pre('lex-1='), P_LEXP1 = pre('lex+1=');
const P_G = pre('g='), P_GM1 = pre('g-1='), P_GP1 = pre('g+1='), P_GS = pre('gs='), P_N = pre('n='), P_NS = pre('ns=');


export const MAX_FEATS = 48;
