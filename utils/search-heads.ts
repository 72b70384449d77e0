import type { Table } from 'dexie';
import type { TermRow } from '@/utils/db';
import { HIGH, fieldWeight } from '@/utils/search-postings';

/*
 * Head postings: the third namespace of `terms`, which answers a one-word query of 2-4 letters, the broadest typed,
 * with one short read. For each clipping and each prefix (2, 3 and 4 letters) of its terms in a high-weight field
 * (title, highlight, note, entity name), one row whose term sorts by prefix, then by weight (title first), then by
 * savedAt, newest first:
 *
 *   HEAD + "sho" + SEP + weight + (MAX - savedAt, base 36)     e.g. "\u0003sho\u00018…"
 *
 * Every high-weight hit outranks every body-only one, so the first `limit` rows of a prefix's range are its first
 * `limit` results, exactly, where the HIGH namespace (ordered by term, then clipping id) gives an arbitrary sample
 * of them once it is cut. Written with the clipping's other postings (postingsFor), deleted with them.
 */

/** Namespace of head postings: sorts after HIGH and before letters. */
export const HEAD = '\u0003';
/** Prefix lengths that have head postings. */
export const HEAD_LENGTHS = [2, 3, 4] as const;
const SEP = '\u0001';
/** savedAt is stored as MAX - savedAt in 9 base-36 digits (MAX: about year 5138). */
const MAX = 36 ** 9 - 1;

/** Whether a query word (the last one, typed as a prefix) is answered by head postings. */
export function hasHeads(word: string, prefix: boolean): boolean {
  return prefix && word.length >= HEAD_LENGTHS[0] && word.length <= HEAD_LENGTHS[HEAD_LENGTHS.length - 1]!;
}

/** The term of a head posting. */
export function headTerm(prefix: string, fields: number, savedAt: number): string {
  const age = Math.min(MAX, Math.max(0, MAX - Math.floor(savedAt)));
  return HEAD + prefix + SEP + String.fromCharCode(0x40 - fieldWeight(fields)) + age.toString(36).padStart(9, '0');
}

/** The key range of a prefix's head postings, in [term+clippingId] order. */
export function headRange(prefix: string): [[string, string], [string, string]] {
  return [[HEAD + prefix + SEP, ''], [HEAD + prefix + SEP + '\uffff', '']];
}

/** Adds a high-weight term's fields to the prefixes it has (prefix -> OR of fields). */
export function addHeads(acc: Map<string, number>, term: string, fields: number): void {
  for (const k of HEAD_LENGTHS) {
    if (term.length < k) break;
    const p = term.slice(0, k);
    acc.set(p, (acc.get(p) ?? 0) | fields);
  }
}

/** The head postings of one clipping, from addHeads' map. */
export function headRows(clippingId: string, savedAt: number, acc: Map<string, number>): TermRow[] {
  return [...acc].map(([p, fields]) => ({ term: headTerm(p, fields, savedAt), clippingId, fields, score: fieldWeight(fields) }));
}

/** HIGH rows read per request, and head rows written per request, while building head postings. */
const CHUNK = 5000;

/**
 * Write the head postings of every clipping from its HIGH postings (schema version 5's upgrade). HIGH rows are read
 * in term order, in chunks, so the rows of one prefix come together: each prefix is written once its last row has
 * passed, and memory holds at most the clippings of one prefix. Returns how many rows were written.
 */
export async function buildHeads(terms: Table<TermRow, [string, string]>, savedAt: Map<string, number>): Promise<number> {
  /** Per prefix length: the prefix being gathered and its clippings' fields. */
  const open = HEAD_LENGTHS.map(() => ({ p: '', ids: new Map<string, number>() }));
  let out: TermRow[] = [];
  let written = 0;
  const close = (k: number) => {
    const cur = open[k]!;
    for (const [id, fields] of cur.ids) {
      const t = savedAt.get(id);
      if (t !== undefined) out.push({ term: headTerm(cur.p, fields, t), clippingId: id, fields, score: fieldWeight(fields) });
    }
    cur.ids = new Map();
  };
  const flush = async (all: boolean) => {
    while (out.length >= CHUNK || (all && out.length)) {
      const batch = out.splice(0, CHUNK);
      await terms.bulkPut(batch);
      written += batch.length;
    }
  };
  let after: [string, string] | null = null;
  for (;;) {
    const rows: TermRow[] = await terms
      .where('[term+clippingId]')
      .between(after ?? [HIGH, ''], [HIGH + '\uffff', ''], !after, true)
      .limit(CHUNK)
      .toArray();
    for (const r of rows) {
      const term = r.term.slice(HIGH.length);
      HEAD_LENGTHS.forEach((k, i) => {
        if (term.length < k) return;
        const p = term.slice(0, k);
        const cur = open[i]!;
        if (cur.p !== p) {
          close(i);
          cur.p = p;
        }
        cur.ids.set(r.clippingId, (cur.ids.get(r.clippingId) ?? 0) | r.fields);
      });
    }
    await flush(false);
    if (rows.length < CHUNK) break;
    const last = rows[rows.length - 1]!;
    after = [last.term, last.clippingId];
  }
  HEAD_LENGTHS.forEach((_, i) => close(i));
  await flush(true);
  return written;
}
