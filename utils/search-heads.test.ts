import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDb, type ClipmarkDB } from '@/utils/db';
import { indexClipping, resetSearchCache, search, type SearchResult } from '@/utils/search';
import { fillHeads, HEAD, HEAD_STATE, HEADS_DONE, headsReady } from '@/utils/search-heads';
import { makeClipping, put } from '@/fixtures/test-data';

let db: ClipmarkDB;
let n = 0;
beforeEach(async () => {
  db = openDb(`search-heads-${++n}`);
  await db.open();
});
afterEach(() => db.delete());

const ids = (rs: SearchResult[]) => rs.map((r) => r.id);
const headRows = () => db.terms.where('[term+clippingId]').between([HEAD, ''], [HEAD + '\uffff', '']).toArray();

/** An archive indexed the way a database made before head postings holds it: no head rows, no marker. */
async function archiveWithoutHeads() {
  const words = ['story', 'stalin', 'sudan', 'shoigu', 'a', 'an', 'minister', 'mission'];
  const many = Array.from({ length: 120 }, (_, i) =>
    makeClipping({ id: `m${String(i).padStart(3, '0')}`, title: `${words[i % words.length]} ${words[(i * 3) % words.length]} ${i}`, text: `stone words ${i}`, savedAt: 1000 + i }),
  );
  await put(db, many);
  for (const c of many) await indexClipping(db, c.id);
  const written = await headRows();
  await db.terms.bulkDelete(written.map((r) => [r.term, r.clippingId] as [string, string]));
  resetSearchCache(db);
  return { many, written };
}

/** The ids of the `n` newest clippings with a title word starting with `p`. */
function newestTitled(many: { id: string; title: string; savedAt: number }[], p: string, n: number): string[] {
  return many.filter((c) => c.title.split(' ').some((w) => w.startsWith(p))).sort((a, b) => b.savedAt - a.savedAt).slice(0, n).map((c) => c.id);
}

describe('head postings of a database made before them', () => {
  it('a new database is marked complete at once', async () => {
    expect(await headsReady(db.terms)).toBe(true);
  });

  it('are written in the background, resumed where a stopped background left them, and then used by search', async () => {
    const { many, written } = await archiveWithoutHeads();
    expect(await headsReady(db.terms)).toBe(false);
    // not complete: a word of 2-4 letters is searched the other way, with the same results (the newest title hits)
    const before = ids(await search(db, 'st', {}, { limit: 5 }));
    expect(before).toEqual(newestTitled(many, 'st', 5));

    // the background stopped by the browser after three prefixes
    let prefixes = 0;
    const stop = new Error('stopped');
    await expect(fillHeads(db, async () => { if (++prefixes === 3) throw stop; })).rejects.toBe(stop);
    const marker = await db.terms.where('[term+clippingId]').between([HEAD_STATE, ''], [HEAD_STATE, '\uffff']).toArray();
    expect(marker.map((r) => r.clippingId)).toEqual([expect.stringMatching(/^after:/)]);
    const partial = (await headRows()).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(written.length);

    // started again: on from there, to the same rows that saving would have written, and marked complete
    const more = await fillHeads(db);
    expect(partial + more).toBe(written.length);
    const sortKey = (r: { term: string; clippingId: string }) => `${r.term} ${r.clippingId}`;
    expect((await headRows()).map(sortKey).sort()).toEqual(written.map(sortKey).sort());
    expect(await db.terms.where('[term+clippingId]').between([HEAD_STATE, ''], [HEAD_STATE, '\uffff']).toArray()).toEqual([HEADS_DONE]);
    expect(await fillHeads(db)).toBe(0);

    // the open page's search learns it (the marker's write clears its cache) and answers from them in one read
    const where = vi.spyOn(db.terms, 'where');
    expect(ids(await search(db, 'st', {}, { limit: 5 }))).toEqual(before);
    expect(where).toHaveBeenCalledTimes(1);
    where.mockRestore();
  });

  it('leave out the clippings deleted meanwhile', async () => {
    const { many } = await archiveWithoutHeads();
    const [gone, ...rest] = newestTitled(many, 'st', 3);
    await db.transaction('rw', db.clippings, db.terms, async () => {
      await db.clippings.delete(gone!);
      await db.terms.where('clippingId').equals(gone!).delete();
    });
    await fillHeads(db);
    expect((await headRows()).filter((r) => r.clippingId === gone)).toEqual([]);
    expect(ids(await search(db, 'st', {}, { limit: 2 }))).toEqual(rest);
  });
});
