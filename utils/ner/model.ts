import { Gazetteer, type GazetteerData } from './gazetteer';
import { LABELS, NL, MAX_FEATS, sentInfo, tokenFeatures } from './features';

/** Number of hash bits kept for a feature's bucket (the trainer hashes into 2^BUCKET_BITS rows). */
export const BUCKET_BITS = 22;
export const bucketOf = (h: number): number => h >>> (32 - BUCKET_BITS);

/** A parsed, ready-to-run model: sparse int8 emission rows, float transitions, gazetteer. */
export interface NerModel {
  labels: readonly string[];
  /** bucket id -> row index into `weights` (row-major, NL int8 per row). */
  rows: RowTable;
  weights: Int8Array;
  scale: number;
  /** (NL + 1) x NL: row NL is the start state. */
  trans: Float32Array;
  gazetteer: Gazetteer;
}

const MAGIC = 0x524e4d43; // 'CMNR' little endian

/** Open-addressing hash table from bucket id to row (faster and smaller than a Map). */
export class RowTable {
  private readonly keys: Int32Array;
  private readonly vals: Int32Array;
  private readonly mask: number;
  constructor(n: number) {
    let size = 1;
    while (size < n * 2) size <<= 1;
    this.keys = new Int32Array(size).fill(-1);
    this.vals = new Int32Array(size);
    this.mask = size - 1;
  }
  set(key: number, val: number): void {
    let i = Math.imul(key, 0x9e3779b1) >>> 0 & this.mask;
    while (this.keys[i] !== -1 && this.keys[i] !== key) i = (i + 1) & this.mask;
    this.keys[i] = key;
    this.vals[i] = val;
  }
  get(key: number): number {
    let i = Math.imul(key, 0x9e3779b1) >>> 0 & this.mask;
    for (;;) {
      const k = this.keys[i]!;
      if (k === key) return this.vals[i]!;
      if (k === -1) return -1;
      i = (i + 1) & this.mask;
    }
  }
}

/** Serialise emission rows (sorted bucket ids, int8 weights) and transitions to the shipped binary form. */
export function encodeModel(buckets: Uint32Array, weights: Int8Array, scale: number, trans: Float32Array): Uint8Array {
  const n = buckets.length;
  const varints: number[] = [];
  let prev = 0;
  for (let i = 0; i < n; i++) {
    let d = buckets[i]! - prev;
    prev = buckets[i]!;
    while (d >= 0x80) { varints.push((d & 0x7f) | 0x80); d >>>= 7; }
    varints.push(d);
  }
  const headerBytes = 20 + trans.length * 4;
  const buf = new Uint8Array(headerBytes + varints.length + n * NL);
  const dv = new DataView(buf.buffer);
  dv.setUint32(0, MAGIC, true);
  dv.setUint32(4, 1, true);
  dv.setUint32(8, NL, true);
  dv.setUint32(12, n, true);
  dv.setFloat32(16, scale, true);
  for (let i = 0; i < trans.length; i++) dv.setFloat32(20 + i * 4, trans[i]!, true);
  buf.set(varints, headerBytes);
  // label-major layout compresses better
  const base = headerBytes + varints.length;
  for (let r = 0; r < n; r++) for (let l = 0; l < NL; l++) buf[base + l * n + r] = weights[r * NL + l]! & 0xff;
  return buf;
}

/** Parse model.bin + gazetteer.json into a NerModel. Pure: no I/O. */
export function parseModel(bin: ArrayBuffer | Uint8Array, gaz: GazetteerData): NerModel {
  const u8 = bin instanceof Uint8Array ? bin : new Uint8Array(bin);
  const dv = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  if (dv.getUint32(0, true) !== MAGIC) throw new Error('ner model: bad magic');
  if (dv.getUint32(8, true) !== NL) throw new Error('ner model: label count mismatch');
  const n = dv.getUint32(12, true);
  const scale = dv.getFloat32(16, true);
  const trans = new Float32Array((NL + 1) * NL);
  for (let i = 0; i < trans.length; i++) trans[i] = dv.getFloat32(20 + i * 4, true);
  let p = 20 + trans.length * 4;
  const rows = new RowTable(n);
  let prev = 0;
  for (let r = 0; r < n; r++) {
    let v = 0;
    let shift = 0;
    for (;;) {
      const b = u8[p++]!;
      v += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) break;
      shift += 7;
    }
    prev += v;
    rows.set(prev, r);
  }
  const weights = new Int8Array(n * NL);
  for (let l = 0; l < NL; l++) for (let r = 0; r < n; r++) weights[r * NL + l] = (u8[p + l * n + r]! << 24) >> 24;
  return { labels: LABELS, rows, weights, scale, trans, gazetteer: new Gazetteer(gaz) };
}

/** Emission scores for one sentence: Float32Array(n * NL). */
export function emissions(model: NerModel, words: string[]): Float32Array {
  const info = sentInfo(words, model.gazetteer);
  const n = words.length;
  const em = new Float32Array(n * NL);
  const feats: number[] = new Array(MAX_FEATS);
  const { rows, weights, scale } = model;
  for (let i = 0; i < n; i++) {
    const k = tokenFeatures(info, words, i, feats);
    const o = i * NL;
    for (let j = 0; j < k; j++) {
      const r = rows.get(bucketOf(feats[j]!));
      if (r < 0) continue;
      const wo = r * NL;
      for (let l = 0; l < NL; l++) em[o + l]! += weights[wo + l]!;
    }
    for (let l = 0; l < NL; l++) em[o + l]! *= scale;
  }
  return em;
}

/** Disallowed BIO transitions (I-X only after B-X or I-X). */
export function allowed(prev: number, cur: number): boolean {
  const c = LABELS[cur]!;
  if (!c.startsWith('I-')) return true;
  if (prev < 0) return false;
  const p = LABELS[prev]!;
  return p !== 'O' && p.slice(2) === c.slice(2);
}

/** 0 where a transition is allowed, -Infinity where not; row NL is the start state. */
const ALLOWED = (() => {
  const a = new Float64Array((NL + 1) * NL);
  for (let p = 0; p <= NL; p++) for (let l = 0; l < NL; l++) a[p * NL + l] = allowed(p === NL ? -1 : p, l) ? 0 : -Infinity;
  return a;
})();

/** First-order Viterbi over emission scores and transitions; returns label indices. */
export function viterbi(em: Float32Array, n: number, trans: Float32Array): Int32Array {
  const out = new Int32Array(n);
  if (n === 0) return out;
  const score = new Float64Array(n * NL);
  const back = new Int32Array(n * NL);
  for (let l = 0; l < NL; l++) score[l] = em[l]! + trans[NL * NL + l]! + ALLOWED[NL * NL + l]!;
  for (let i = 1; i < n; i++) {
    const prev = (i - 1) * NL;
    for (let l = 0; l < NL; l++) {
      let best = -Infinity;
      let bi = 0;
      for (let p = 0; p < NL; p++) {
        const s = score[prev + p]! + trans[p * NL + l]! + ALLOWED[p * NL + l]!;
        if (s > best) { best = s; bi = p; }
      }
      score[i * NL + l] = best + em[i * NL + l]!;
      back[i * NL + l] = bi;
    }
  }
  let best = -Infinity;
  let bl = 0;
  for (let l = 0; l < NL; l++) if (score[(n - 1) * NL + l]! > best) { best = score[(n - 1) * NL + l]!; bl = l; }
  out[n - 1] = bl;
  for (let i = n - 1; i > 0; i--) out[i - 1] = back[i * NL + out[i]!]!;
  return out;
}

/**
 * Tag one sentence, and say how sure each name is: for every span of the best path, how much lower the path scores
 * with that span's words tagged O instead (emissions and transitions around it). Indexed by the span's first word.
 */
export function tagWordsWithMargins(model: NerModel, words: string[]): { labels: string[]; margins: Map<number, number> } {
  const margins = new Map<number, number>();
  if (words.length === 0) return { labels: [], margins };
  const n = words.length;
  const em = emissions(model, words);
  const path = viterbi(em, n, model.trans);
  const t = model.trans;
  const tr = (p: number, l: number) => (p < 0 ? t[NL * NL + l]! : t[p * NL + l]!);
  for (let i = 0; i < n; ) {
    if (path[i] === 0) { i++; continue; }
    let j = i + 1;
    while (j < n && path[j] !== 0 && LABELS[path[j]!]!.startsWith('I-')) j++;
    const before = i > 0 ? path[i - 1]! : -1;
    let withSpan = tr(before, path[i]!);
    let withO = tr(before, 0);
    for (let k = i; k < j; k++) {
      withSpan += em[k * NL + path[k]!]! + (k > i ? t[path[k - 1]! * NL + path[k]!]! : 0);
      withO += em[k * NL]! + (k > i ? t[0]! : 0);
    }
    if (j < n) { withSpan += t[path[j - 1]! * NL + path[j]!]!; withO += t[path[j]!]!; }
    margins.set(i, withSpan - withO);
    i = j;
  }
  return { labels: Array.from(path, (l) => LABELS[l]!), margins };
}

/** Tag one sentence of words with BIO labels. */
export function tagWords(model: NerModel, words: string[]): string[] {
  if (words.length === 0) return [];
  const em = emissions(model, words);
  return Array.from(viterbi(em, words.length, model.trans), (l) => LABELS[l]!);
}
