import { afterEach, describe, expect, it, vi } from 'vitest';
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

  it('shows the localStorage copy at once under the version it was written for, and reads the database otherwise', async () => {
    db = openDb('early-recent-3');
    await db.clippings.add(makeClipping({ id: 'one', title: 'One', savedAt: 5 }));
    const storage = new Map<string, string>();
    const local = { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) } as Storage;
    const shown: string[][] = [];
    const show = (cards: { id: string }[]) => { shown.push(cards.map((c) => c.id)); return { release() {} }; };

    // no copy yet: the database is read, and the copy written under this popup's version
    const first = startEarlyRecent(indexedDB, 'early-recent-3', 50, show, { storage: local, version: 'v1' });
    expect(first.cards).toBeUndefined();
    await first.done;
    expect(shown).toEqual([['one']]);

    // the next popup of the same version shows the copy before any database request could answer
    await db.clippings.add(makeClipping({ id: 'two', title: 'Two', savedAt: 6 })); // (a write gives a new version in the browser)
    const idbNever = { open: () => { throw new Error('the database was opened'); } } as unknown as IDBFactory;
    const second = startEarlyRecent(idbNever, 'early-recent-3', 50, show, { storage: local, version: 'v1' });
    expect(second.cards!.map((c) => c.id)).toEqual(['one']);
    expect(shown).toEqual([['one'], ['one']]);

    // a popup of a newer version does not trust it: it reads the database, and shows the new clipping
    const third = startEarlyRecent(indexedDB, 'early-recent-3', 50, show, { storage: local, version: 'v2' });
    expect(third.cards).toBeUndefined();
    expect((await third.done)!.map((c) => c.id)).toEqual(['two', 'one']);
    expect(shown.at(-1)).toEqual(['two', 'one']);

    // a page the background served under v3 came with its cards and its list: nothing is read or put in the page,
    // and the copy is written under v3 for an open whose page is not served
    const served = [{ ...(await third.done)![0]!, title: 'Served' }];
    const inPage: boolean[] = [];
    const fourth = startEarlyRecent(idbNever, 'early-recent-3', 50, (cards, present) => { inPage.push(!!present); return show(cards); }, { storage: local, version: 'v3', served });
    expect(fourth.cards).toEqual(served);
    expect(inPage).toEqual([true]);
    expect(performance.getEntriesByName('clipmark:recent-served').length).toBeGreaterThan(0);
    await vi.waitFor(() => expect(JSON.parse(storage.get('clipmark:recent-cards')!).version).toBe('v3'));

    // a popup opened without a version neither trusts nor writes a copy
    const copy = storage.get('clipmark:recent-cards');
    const plain = startEarlyRecent(indexedDB, 'early-recent-3', 50, show, { storage: local, version: null });
    expect(plain.cards).toBeUndefined();
    await plain.done;
    expect(storage.get('clipmark:recent-cards')).toBe(copy);
  });
});
