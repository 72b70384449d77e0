import type { Table } from 'dexie';
import type { ClipmarkDB, TermRow } from '@/utils/db';
import { HEAD, HEAD_STATE, HEADS_DONE, HIGH, fieldWeight, range } from '@/utils/search-postings';

export { HEAD, HEAD_STATE, HEADS_DONE, headsReady } from '@/utils/search-postings';

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

/** Prefix lengths that have head postings. */
export const HEAD_LENGTHS = [2, 3, 4] as const;
const SEP = '\u0001';
/** savedAt is stored as MAX - savedAt in 9 base-36 digits (MAX: 1.0e14 ms, about the year 5188). */
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
  return range(HEAD + prefix + SEP, true);
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

/*
 * Whether every clipping's head postings are written: a marker row in `terms` (HEAD_STATE, in search-postings.ts). A
 * database created with head postings is complete from the start (the populate event writes the marker); one made
 * before head postings existed is filled by fillHeads, in the background. Until then search reads the other
 * namespaces only.
 */

/** The marker row, if any. */
function headState(terms: Table<TermRow, [string, string]>): Promise<TermRow | undefined> {
  const [lo, hi] = range(HEAD_STATE, false);
  return terms.where('[term+clippingId]').between(lo, hi).first();
}

/**
 * Write the head postings of every clipping from its HIGH postings, one 2-letter prefix per transaction, and mark them
 * complete. Resumable: the marker row says the last prefix built, so a background stopped by the browser goes on from
 * there when it starts again. Saves and deletions meanwhile keep their own head postings (postingsFor), and a prefix is
 * read and written in one transaction, so nothing is built from postings that a deletion removed. Returns the rows
 * written (0 when already complete).
 */
export async function fillHeads(db: Pick<ClipmarkDB, 'terms' | 'cards' | 'transaction'>, pause: () => Promise<void> = () => Promise.resolve()): Promise<number> {
  const state = await headState(db.terms);
  if (state?.clippingId === HEADS_DONE.clippingId) return 0;
  /** Where the next HIGH term is looked for (exclusive): past the last prefix built. */
  let from: [string, string] = state?.clippingId.startsWith('after:') ? [HIGH + state.clippingId.slice('after:'.length) + '\uffff', ''] : [HIGH, ''];
  let written = 0;
  for (;;) {
    const next = await db.terms.where('[term+clippingId]').between(from, [HIGH + '\uffff', ''], false, false).first();
    const term = next?.term.slice(HIGH.length);
    if (next && term!.length < 2) {
      // a 1-letter term has no head postings: on past its rows
      from = [next.term, '\uffff'];
      continue;
    }
    const p2 = term?.slice(0, 2);
    await db.transaction('rw', db.terms, db.cards, async () => {
      const was = await headState(db.terms);
      if (was) await db.terms.delete([was.term, was.clippingId]);
      if (p2 === undefined) return void (await db.terms.put(HEADS_DONE));
      const high = await db.terms.where('[term+clippingId]').between(...range(HIGH + p2, true)).toArray();
      const ids = [...new Set(high.map((r) => r.clippingId))];
      const cards = await db.cards.bulkGet(ids);
      const savedAt = new Map(cards.flatMap((c) => (c ? [[c.id, c.savedAt] as [string, number]] : [])));
      const perClipping = new Map<string, Map<string, number>>();
      for (const r of high) {
        let acc = perClipping.get(r.clippingId);
        if (!acc) perClipping.set(r.clippingId, (acc = new Map()));
        addHeads(acc, r.term.slice(HIGH.length), r.fields);
      }
      const rows = [...perClipping].flatMap(([id, acc]) => (savedAt.has(id) ? headRows(id, savedAt.get(id)!, acc) : []));
      await db.terms.bulkPut(rows);
      await db.terms.put({ term: HEAD_STATE, clippingId: `after:${p2}`, fields: 0, score: 0 });
      written += rows.length;
    });
    if (p2 === undefined) return written;
    from = [HIGH + p2 + '\uffff', ''];
    await pause();
  }
}
