import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type ClipmarkDB } from '@/utils/db';
import { recentCards } from '@/utils/archive';
import { earlyRecent, readRecentCards, startEarlyRecent } from '@/utils/early-recent';
import { makeClipping } from '@/fixtures/test-data';

/** popup-early.js: the popup's first list, read with plain IndexedDB before Dexie is loaded. */
let db: ClipmarkDB | null = null;
afterEach(async () => {
  await db?.delete();
  db = null;
});

describe('the early recent list', () => {
  it('is exactly what the popup’s live query shows: the newest cards, newest first, ties by descending id', async () => {
    db = openDb('early-recent-1');
    await db.clippings.bulkAdd([
      ...Array.from({ length: 60 }, (_, i) => makeClipping({ id: `c${String(i).padStart(2, '0')}`, title: `Clipping ${i}`, savedAt: 1_000 + i })),
      makeClipping({ id: 'tie-a', title: 'Tie A', savedAt: 1_059 }),
      makeClipping({ id: 'tie-z', title: 'Tie Z', savedAt: 1_059 }),
    ]);
    const early = await readRecentCards(indexedDB, 'early-recent-1', 50);
    expect(early).toEqual(await recentCards(db, 50));
    expect(early!.slice(0, 3).map((c) => c.id)).toEqual(['tie-z', 'tie-a', 'c59']);
    expect(early![0]).not.toHaveProperty('text');
  });

  it('never creates a database that does not exist (Dexie creates it with its schema)', async () => {
    expect(await readRecentCards(indexedDB, 'early-recent-missing', 50)).toBeNull();
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).not.toContain('early-recent-missing');
    // and the extension's database opens normally afterwards
    db = openDb('early-recent-missing');
    await db.clippings.add(makeClipping({ id: 'x', title: 'After', savedAt: 1 }));
    expect((await readRecentCards(indexedDB, 'early-recent-missing', 50))!.map((c) => c.title)).toEqual(['After']);
  });

  it('is left for the popup’s code, which reads the cards once they are there', async () => {
    db = openDb('early-recent-2');
    await db.clippings.add(makeClipping({ id: 'one', title: 'One', savedAt: 5 }));
    const started = startEarlyRecent(indexedDB, 'early-recent-2', 50);
    expect(earlyRecent()).toBe(started);
    await started.done;
    expect(earlyRecent()!.cards!.map((c) => c.id)).toEqual(['one']);
  });
});
