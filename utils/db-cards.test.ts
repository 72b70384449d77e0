import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardOf, openDb, type ClipmarkDB } from '@/utils/db';
import { makeClipping } from '@/fixtures/test-data';

/** `cards` (schema version 2) follows every write to `clippings`, whatever the write path. */
let db: ClipmarkDB;
let n = 0;
beforeEach(async () => {
  db = openDb(`cards-test-${++n}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

const cards = async () => db.cards.orderBy('id').toArray();
const expected = async () => (await db.clippings.orderBy('id').toArray()).map(cardOf);

describe('cards', () => {
  it('follow add, put, update, modify, delete and clear, in and out of explicit transactions', async () => {
    const a = makeClipping({ id: 'a', title: 'A', text: 'alpha', savedAt: 1 });
    const b = makeClipping({ id: 'b', title: 'B', text: 'beta', savedAt: 2 });
    await db.clippings.add(a);
    await db.clippings.bulkPut([b, makeClipping({ id: 'c', title: 'C', savedAt: 3 })]);
    expect(await cards()).toEqual(await expected());
    expect((await cards()).map((c) => Object.keys(c).includes('html') || Object.keys(c).includes('text'))).toEqual([false, false, false]);
    // A transaction that names only clippings (as the save path's do) still writes cards.
    await db.transaction('rw', db.clippings, async () => {
      await db.clippings.put({ ...a, title: 'A again' });
      await db.clippings.update('b', { title: 'B updated', savedAt: 5 });
    });
    await db.clippings.where('savedAt').above(4).modify({ siteName: 'Modified' });
    expect((await db.cards.get('b'))?.title).toBe('B updated');
    expect((await db.cards.get('b'))?.siteName).toBe('Modified');
    expect(await cards()).toEqual(await expected());
    await db.clippings.delete('a');
    await db.clippings.bulkDelete(['c']);
    expect((await cards()).map((c) => c.id)).toEqual(['b']);
    await db.clippings.clear();
    expect(await cards()).toEqual([]);
  });

  it('keep only what was written when a bulkAdd partly fails, and roll back with an aborted transaction', async () => {
    await db.clippings.add(makeClipping({ id: 'a', url: 'https://x.example/1' }));
    await db.clippings.bulkAdd([makeClipping({ id: 'b', url: 'https://x.example/2' }), makeClipping({ id: 'dup', url: 'https://x.example/1' })]).catch(() => {});
    expect((await cards()).map((c) => c.id)).toEqual((await db.clippings.orderBy('id').primaryKeys()));
    await db.transaction('rw', db.clippings, async () => {
      await db.clippings.put(makeClipping({ id: 'z', url: 'https://x.example/z' }));
      throw new Error('abort');
    }).catch(() => {});
    expect(await db.cards.get('z')).toBeUndefined();
    expect(await cards()).toEqual(await expected());
  });

  it('the newest cards by savedAt are the newest clippings', async () => {
    await db.clippings.bulkAdd(Array.from({ length: 30 }, (_, i) => makeClipping({ id: `c${i}`, savedAt: (i * 7) % 30 })));
    const newest = await db.cards.orderBy('savedAt').reverse().limit(5).toArray();
    expect(newest.map((c) => c.id)).toEqual((await db.clippings.orderBy('savedAt').reverse().limit(5).toArray()).map((c) => c.id));
  });
});
