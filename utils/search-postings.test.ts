import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type ClipmarkDB } from '@/utils/db';
import { postings, resetSessions } from '@/utils/search-postings';

let db: ClipmarkDB;
let n = 0;
beforeEach(async () => {
  db = openDb(`search-postings-${++n}`);
  await db.open();
  resetSessions(db);
});
afterEach(() => db.delete());

/** Posting rows of `term` in clippings c00…c(count-1) (or another letter than c), body only. */
async function rows(term: string, count: number, id = 'c') {
  await db.terms.bulkAdd(Array.from({ length: count }, (_, i) => ({ term, clippingId: `${id}${String(i).padStart(2, '0')}`, fields: 2, score: 1 })));
}

describe('the session cache of postings', () => {
  it('a word read whole (more postings than its first read, fewer than a full read) gives all of them every time it is asked', async () => {
    await rows('damascus', 30);
    const first = await postings(db, 'damascus', false, 10, 100);
    expect(first.complete).toBe(true);
    expect(first.hits.size).toBe(30);
    // the same word again (the query typed again, or searched again with a filter): from memory, still whole
    const again = await postings(db, 'damascus', false, 10, 100);
    expect(again.complete).toBe(true);
    expect(again.hits.size).toBe(30);
    expect(again.hits.has('c29')).toBe(true);
  });

  it('a longer prefix is answered from a complete shorter one, and the next from that, with the postings a fresh read gives', async () => {
    await rows('damascus', 12);
    await rows('damage', 9, 'd');
    const dama = await postings(db, 'dama', true, 5, 100);
    expect(dama.complete).toBe(true);
    expect(dama.hits.size).toBe(21);
    const damas = await postings(db, 'damas', true, 5, 100);
    expect(damas.complete).toBe(true);
    expect([...damas.hits.keys()]).toEqual(Array.from({ length: 12 }, (_, i) => `c${String(i).padStart(2, '0')}`));
    expect((await postings(db, 'damasc', true, 5, 100)).hits.size).toBe(12);
    expect((await postings(db, 'damascus', false, 5, 100)).hits.size).toBe(12);
    // a write empties the cache: the next read sees the new row
    await db.terms.add({ term: 'damascene', clippingId: 'x', fields: 2, score: 1 });
    await new Promise((r) => setTimeout(r, 20));
    expect((await postings(db, 'damasc', true, 5, 100)).hits.size).toBe(13);
  });
});
