import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyCountQueue, countEntities, openDb, type ClipmarkDB } from '@/utils/db';
import { deleteClipping, restoreClipping, saveClipping, type EntityInput } from '@/utils/clippings';
import { exportBackup } from '@/utils/export';
import { importBackup } from '@/utils/import';
import { suggestEntities } from '@/utils/archive';
import { MOST_MENTIONED, NAME_CANDIDATES } from '@/utils/entity-match';
import { indexClipping, prepareSearch } from '@/utils/search';
import type { ExtractedArticle } from '@/utils/extract';

/** The count table (kept by a middleware in utils/db.ts) against a plain count of the entity rows, after every kind of write. */

function article(n: number): ExtractedArticle {
  return {
    url: `https://news.example/${n}`, canonicalUrl: `https://news.example/${n}`, title: `Story ${n}`, byline: null, siteName: 'Ledger',
    lang: 'en', dir: null, excerpt: null, html: '<p>Text.</p>', text: 'Sergei Shoigu met Dong Jun in Damascus.', wordCount: 7,
    readingMinutes: 1, publishedTime: null, modifiedTime: null,
  };
}
const person = (canonical: string): EntityInput => ({ kind: 'person', canonical, surfaces: [canonical], mentions: 1 });
const place = (canonical: string): EntityInput => ({ kind: 'place', canonical, surfaces: [canonical], mentions: 1 });

let db: ClipmarkDB;
beforeEach(async () => {
  db = openDb(`counts-${crypto.randomUUID()}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

/** Every entity's count as the table holds it once the queued changes are applied, and as the rows say. */
async function counts(d = db): Promise<{ kept: Record<string, number>; rows: Record<string, number> }> {
  await applyCountQueue(d);
  const kept: Record<string, number> = {};
  for (const r of await d.entityCounts.toArray()) kept[`${r.kind}:${r.key}`] = r.clippings;
  const rows: Record<string, number> = {};
  for (const r of await d.entities.toArray()) rows[`${r.kind}:${r.key}`] = (rows[`${r.kind}:${r.key}`] ?? 0) + 1;
  return { kept, rows };
}

describe('entity counts', () => {
  it('follow saves, saving again with other entities, deletes and undo, and clear', async () => {
    const a = await saveClipping(db, { kind: 'article', article: article(1), entities: [person('Sergei Shoigu'), place('Damascus')], dates: [] });
    await saveClipping(db, { kind: 'article', article: article(2), entities: [person('Sergei Shoigu'), person('Dong Jun')], dates: [] });
    let c = await counts();
    expect(c.kept).toEqual({ 'person:sergei shoigu': 2, 'place:damascus': 1, 'person:dong jun': 1 });
    expect(c.kept).toEqual(c.rows);

    // the same page saved again names someone else instead of Damascus
    await saveClipping(db, { kind: 'article', article: article(1), entities: [person('Sergei Shoigu'), person('Dong Jun')], dates: [] });
    c = await counts();
    expect(c.kept).toEqual({ 'person:sergei shoigu': 2, 'person:dong jun': 2 });
    expect(c.kept).toEqual(c.rows);

    const bundle = await deleteClipping(db, a.clipping.id);
    expect((await counts()).kept).toEqual({ 'person:sergei shoigu': 1, 'person:dong jun': 1 });
    await restoreClipping(db, bundle!);
    c = await counts();
    expect(c.kept).toEqual({ 'person:sergei shoigu': 2, 'person:dong jun': 2 });
    expect(c.kept).toEqual(c.rows);

    // the upgrade's own count, reading two rows per request, finds the same
    const kept = await db.entityCounts.toArray();
    await db.entityCounts.clear();
    await countEntities(db.entities, db.entityCounts, 2);
    expect(await db.entityCounts.toArray()).toEqual(kept);

    await db.entities.clear();
    await applyCountQueue(db);
    expect(await db.entityCounts.count()).toBe(0);
  });

  it('follow an import that merges a backup into a database that already holds some of it', async () => {
    await saveClipping(db, { kind: 'article', article: article(1), entities: [person('Sergei Shoigu')], dates: [] });
    await saveClipping(db, { kind: 'article', article: article(2), entities: [person('Sergei Shoigu'), place('Damascus')], dates: [] });
    const backup = await exportBackup(db);
    const other = openDb(`counts-other-${crypto.randomUUID()}`);
    try {
      await saveClipping(other, { kind: 'article', article: article(2), entities: [place('Damascus')], dates: [] });
      await saveClipping(other, { kind: 'article', article: article(3), entities: [person('Sergei Shoigu')], dates: [] });
      await importBackup(other, JSON.parse(JSON.stringify(backup)));
      const c = await counts(other);
      expect(c.kept).toEqual(c.rows);
      expect(Object.keys(c.kept).sort()).toEqual(['person:sergei shoigu', 'place:damascus']);
    } finally {
      await other.delete();
    }
  });

  it('give the entity chips their number of clippings', async () => {
    for (let n = 1; n <= 3; n++) {
      const { clipping } = await saveClipping(db, { kind: 'article', article: article(n), entities: [person('Sergei Shoigu')], dates: [] });
      await indexClipping(db, clipping.id);
    }
    expect((await suggestEntities(db, 'shoig'))[0]).toMatchObject({ key: 'sergei shoigu', clippings: 3 });
  });

  it('offer the most mentioned names for a short prefix that names more entities than the chips read', async () => {
    const row = (clippingId: string, canonical: string) => ({ clippingId, kind: 'organization' as const, canonical, key: canonical.toLowerCase(), surfaces: [canonical], mentions: 1 });
    // more "Coa…" names, each in one clipping, than the chips read of the range "co"; the one named most sorts last
    const many = Array.from({ length: NAME_CANDIDATES + 20 }, (_, i) => row(`c${i}`, `Coa Group ${String(i).padStart(3, '0')}`));
    await db.entities.bulkAdd([...many, row('c1', 'Cozy Corp'), row('c2', 'Cozy Corp'), row('c3', 'Cozy Corp')]);
    await applyCountQueue(db);
    const chips = await suggestEntities(db, 'co', { limit: 5 });
    expect(chips[0]).toMatchObject({ key: 'cozy corp', clippings: 3 });
    expect(chips).toHaveLength(5);
    // a letter more, and the range is read whole
    expect((await suggestEntities(db, 'coz')).map((c) => c.key)).toEqual(['cozy corp']);
  });

  it('answer a short prefix from the most mentioned entities once read, when those settle it, with what the word index gives', async () => {
    const row = (clippingId: string, canonical: string) => ({ clippingId, kind: 'organization' as const, canonical, key: canonical.toLowerCase(), surfaces: [canonical], mentions: 1 });
    // more names than the most mentioned that are read, each in one clipping; three named more often
    const many = Array.from({ length: MOST_MENTIONED + 40 }, (_, i) => row(`c${i}`, `${i % 2 ? 'Coa' : 'Dell'} Group ${String(i).padStart(3, '0')}`));
    const often = [['Cozy Corp', 4], ['Colt Arms', 3], ['Delta Works', 2]] as const;
    await db.entities.bulkAdd([...many, ...often.flatMap(([name, k]) => Array.from({ length: k }, (_, i) => row(`o${i}`, name)))]);
    await applyCountQueue(db);
    /** The first `limit` matches by a plain read of the whole count table. */
    const plain = async (prefix: string, limit: number) =>
      (await db.entityCounts.toArray())
        .filter((r) => r.words.some((w) => w.startsWith(prefix)))
        .sort((a, b) => b.clippings - a.clippings || a.key.localeCompare(b.key))
        .slice(0, limit)
        .map((r) => `${r.key}:${r.clippings}`);
    const chips = async (prefix: string, limit: number) => (await suggestEntities(db, prefix, { limit })).map((c) => `${c.key}:${c.clippings}`);
    await prepareSearch(db);
    const ranges = vi.spyOn(db.entityCounts, 'where');
    // "co", two chips: Cozy Corp and Colt Arms are in more clippings than any entity not among the most mentioned
    expect(await chips('co', 2)).toEqual(await plain('co', 2));
    expect(await chips('co', 2)).toEqual(['cozy corp:4', 'colt arms:3']);
    expect(ranges).not.toHaveBeenCalled();
    // five chips: the third and later are in one clipping, as are names not among the most mentioned: the index is read
    expect(await chips('co', 5)).toEqual(await plain('co', 5));
    expect(ranges).toHaveBeenCalled();
    for (const [prefix, limit] of [['de', 1], ['de', 3], ['dell', 4], ['coz', 5], ['zz', 5]] as const) expect(await chips(prefix, limit), prefix).toEqual(await plain(prefix, limit));
  });

  it('keep the words of every name an entity was seen under, for the chips', async () => {
    const shoigu = (...surfaces: string[]): EntityInput => ({ kind: 'person', canonical: 'Sergei Shoigu', surfaces, mentions: 1 });
    await saveClipping(db, { kind: 'article', article: article(1), entities: [shoigu('Sergei Shoigu')], dates: [] });
    await applyCountQueue(db);
    expect(await suggestEntities(db, 'shoygu')).toEqual([]);
    // the same page saved again spells him another way: his count is unchanged, the new spelling finds him
    await saveClipping(db, { kind: 'article', article: article(1), entities: [shoigu('Sergei Shoigu', 'Sergey Shoygu')], dates: [] });
    await applyCountQueue(db);
    expect(await suggestEntities(db, 'shoygu')).toEqual([{ kind: 'person', key: 'sergei shoigu', canonical: 'Sergei Shoigu', clippings: 1 }]);
    expect(await suggestEntities(db, 'sergey sho')).toHaveLength(1);
    // every word must be one of his: a first name of someone else's does not do
    expect(await suggestEntities(db, 'dong shoigu')).toEqual([]);
    const { clipping } = await saveClipping(db, { kind: 'article', article: article(2), entities: [shoigu('Shoigu')], dates: [] });
    await applyCountQueue(db);
    expect((await suggestEntities(db, 'shoygu'))[0]!.clippings).toBe(2);
    // the upgrade's own count finds the same words
    const words = async () => (await db.entityCounts.toArray()).map((r) => [r.key, [...r.words].sort()]);
    const kept = await words();
    expect(kept).toEqual([['sergei shoigu', ['sergei', 'sergey', 'shoigu', 'shoygu']]]);
    await db.entityCounts.clear();
    await countEntities(db.entities, db.entityCounts);
    expect(await words()).toEqual(kept);
    // no clipping names him any more: his row and its words are gone
    await deleteClipping(db, clipping.id);
    await db.entities.clear();
    await applyCountQueue(db);
    expect(await suggestEntities(db, 'shoygu')).toEqual([]);
    expect(await db.entityCounts.count()).toBe(0);
  });

  it('follow a save on their own, just after it commits, and the save itself writes no count row', async () => {
    // a database whose writes queue their counts but nothing applies them: what a save's own transaction leaves
    const held = openDb(`counts-held-${crypto.randomUUID()}`, { applyCounts: false });
    try {
      await saveClipping(held, { kind: 'article', article: article(1), entities: [person('Sergei Shoigu'), place('Damascus')], dates: [] });
      expect(await held.entityCounts.count()).toBe(0);
      expect(await held.countQueue.count()).toBe(1);
    } finally {
      await held.delete();
    }
    // the usual database applies them a moment after the commit, with no call from here
    await saveClipping(db, { kind: 'article', article: article(1), entities: [person('Sergei Shoigu'), place('Damascus')], dates: [] });
    await saveClipping(db, { kind: 'article', article: article(2), entities: [person('Sergei Shoigu')], dates: [] });
    await expect.poll(async () => (await db.entityCounts.toArray()).map((r) => [r.key, r.clippings])).toEqual([['sergei shoigu', 2], ['damascus', 1]]);
    await expect.poll(() => db.countQueue.count()).toBe(0);
  });

  it('left queued by a service worker that was stopped are applied, once, at the next start', async () => {
    const name = `counts-stopped-${crypto.randomUUID()}`;
    const stopped = openDb(name, { applyCounts: false });
    const a = await saveClipping(stopped, { kind: 'article', article: article(1), entities: [person('Sergei Shoigu'), place('Damascus')], dates: [] });
    await saveClipping(stopped, { kind: 'article', article: article(2), entities: [person('Sergei Shoigu'), person('Dong Jun')], dates: [] });
    await deleteClipping(stopped, a.clipping.id);
    stopped.close();
    const next = openDb(name);
    try {
      // what the background does as it starts
      expect(await applyCountQueue(next)).toBe(3);
      const c = await counts(next);
      expect(c.kept).toEqual({ 'person:sergei shoigu': 1, 'person:dong jun': 1 });
      expect(c.kept).toEqual(c.rows);
      // applied rows leave the queue: a second start counts nothing twice
      expect(await applyCountQueue(next)).toBe(0);
      expect((await counts(next)).kept).toEqual(c.kept);
      expect((await suggestEntities(next, 'dong'))[0]).toMatchObject({ key: 'dong jun', clippings: 1 });
    } finally {
      await next.delete();
    }
  });

  it('queue nothing for a write whose transaction fails', async () => {
    await saveClipping(db, { kind: 'article', article: article(1), entities: [person('Sergei Shoigu')], dates: [] });
    await expect(db.transaction('rw', [db.entities], async () => {
      await db.entities.add({ clippingId: 'x', kind: 'person', canonical: 'Dong Jun', key: 'dong jun', surfaces: ['Dong Jun'], mentions: 1 });
      throw new Error('the disk is full');
    })).rejects.toThrow('the disk is full');
    const c = await counts();
    expect(c.kept).toEqual({ 'person:sergei shoigu': 1 });
    expect(c.kept).toEqual(c.rows);
    expect(await db.countQueue.count()).toBe(0);
  });

  it('apply a long queue in several transactions, each entity counted once', async () => {
    const name = `counts-long-${crypto.randomUUID()}`;
    const stopped = openDb(name, { applyCounts: false });
    for (let n = 1; n <= 7; n++) await saveClipping(stopped, { kind: 'article', article: article(n), entities: [person('Sergei Shoigu'), place(`Town ${n % 3}`)], dates: [] });
    stopped.close();
    const next = openDb(name, { applyCounts: false });
    try {
      expect(await applyCountQueue(next, 2)).toBe(7);
      const c = await counts(next);
      expect(c.kept).toEqual({ 'person:sergei shoigu': 7, 'place:town 0': 2, 'place:town 1': 3, 'place:town 2': 2 });
      expect(c.kept).toEqual(c.rows);
    } finally {
      await next.delete();
    }
  });
});
