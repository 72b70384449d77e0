import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type ClipmarkDB } from '@/utils/db';
import { deleteClipping, findClippingForUrl, listClippings, restoreClipping, saveClipping } from '@/utils/clippings';
import type { ExtractedArticle } from '@/utils/extract';

function article(over: Partial<ExtractedArticle> = {}): ExtractedArticle {
  return {
    url: 'https://news.example/a?id=1', canonicalUrl: 'https://news.example/a', title: 'Iran DM discusses cooperation',
    byline: 'By News Desk', siteName: 'The Eastern Ledger', lang: 'en', dir: null, excerpt: 'Talks.',
    html: '<p>Sergei Shoigu met Dong Jun.</p>', text: 'Sergei Shoigu met Dong Jun.', wordCount: 5, readingMinutes: 1,
    publishedTime: '2024-04-26T10:00:00Z', modifiedTime: null, ...over,
  };
}

let db: ClipmarkDB;
beforeEach(async () => {
  db = openDb(`test-${crypto.randomUUID()}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

describe('saveClipping', () => {
  it('saving the same canonical URL again updates the clipping instead of adding a second one', async () => {
    const first = await saveClipping(db, { kind: 'article', article: article() }, 1000);
    const second = await saveClipping(db, { kind: 'article', article: article({ title: 'Updated title', url: 'https://news.example/a?id=2' }) }, 2000);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.clipping.id).toBe(first.clipping.id);
    const all = await listClippings(db);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ title: 'Updated title', savedAt: 1000, updatedAt: 2000 });
  });

  it('lists clippings newest first', async () => {
    await saveClipping(db, { kind: 'article', article: article({ canonicalUrl: 'https://x/1', title: 'old' }) }, 1000);
    await saveClipping(db, { kind: 'article', article: article({ canonicalUrl: 'https://x/2', title: 'new' }) }, 5000);
    expect((await listClippings(db)).map((c) => c.title)).toEqual(['new', 'old']);
  });

  it('stores entities and dates so that entity and date-range queries are index lookups', async () => {
    await saveClipping(db, {
      kind: 'article', article: article(),
      entities: [{ kind: 'person', canonical: 'Sergei Shoigu', surfaces: ['Sergei Shoigu', 'Shoigu', 'Shoigu'], mentions: 3 }],
      dates: [{ value: '2024-04-13', precision: 'day', text: 'April 13' }, { value: '2024-04', precision: 'month', text: 'earlier this month' }],
    }, Date.UTC(2024, 4, 2));
    const byPerson = await db.entities.where('[kind+key]').equals(['person', 'sergei shoigu']).toArray();
    expect(byPerson).toHaveLength(1);
    expect(byPerson[0]!.surfaces).toEqual(['Sergei Shoigu', 'Shoigu']);
    const april = await db.dates.where('value').between('2024-04', '2024-04\uffff', true, true).toArray();
    expect(april.map((d) => `${d.role}:${d.value}`).sort()).toEqual(['mentioned:2024-04', 'mentioned:2024-04-13', 'published:2024-04-26']);
    const saved = await db.dates.where('[role+value]').equals(['saved', '2024-05-02']).count();
    expect(saved).toBe(1);
  });

  it('keeps one entity row per name as folded: two spellings of one place in an article are one place mentioned in one clipping', async () => {
    const e = [
      { kind: 'place' as const, canonical: 'São Paulo', surfaces: ['São Paulo'], mentions: 3 },
      { kind: 'place' as const, canonical: 'Sao Paulo', surfaces: ['Sao Paulo'], mentions: 1 },
      { kind: 'person' as const, canonical: 'Paulo', surfaces: ['Paulo'], mentions: 1 },
    ];
    await saveClipping(db, { kind: 'article', article: article(), entities: e, dates: [] });
    const places = await db.entities.where('[kind+key]').equals(['place', 'sao paulo']).toArray();
    expect(places).toHaveLength(1);
    expect(places[0]).toMatchObject({ canonical: 'São Paulo', mentions: 4, surfaces: ['São Paulo', 'Sao Paulo'] });
    expect(await db.entities.count()).toBe(2);
  });

  it('saving again replaces entities rather than piling them up', async () => {
    const e = [{ kind: 'place' as const, canonical: 'Damascus', surfaces: ['Damascus'], mentions: 1 }];
    await saveClipping(db, { kind: 'article', article: article(), entities: e, dates: [] });
    await saveClipping(db, { kind: 'article', article: article(), entities: e, dates: [] });
    expect(await db.entities.count()).toBe(1);
    expect(await db.dates.filter((d) => d.role === 'saved').count()).toBe(1);
  });

  it('saving an unchanged article again rewrites none of its entity and date rows; what changed is replaced', async () => {
    const shoigu = { kind: 'person' as const, canonical: 'Sergei Shoigu', surfaces: ['Shoigu', 'Shoigu'], mentions: 2 };
    const dong = { kind: 'person' as const, canonical: 'Dong Jun', surfaces: ['Dong Jun'], mentions: 1 };
    const dates = [{ value: '2024-04-13', precision: 'day' as const, text: 'April 13' }];
    await saveClipping(db, { kind: 'article', article: article(), entities: [shoigu, dong], dates }, 1000);
    const before = { entities: await db.entities.toArray(), dates: await db.dates.toArray() };
    await saveClipping(db, { kind: 'article', article: article(), entities: [shoigu, dong], dates }, 2000);
    expect({ entities: await db.entities.toArray(), dates: await db.dates.toArray() }).toEqual(before);

    await saveClipping(db, { kind: 'article', article: article(), entities: [{ ...shoigu, mentions: 3 }], dates: [] }, 3000);
    const entities = await db.entities.toArray();
    expect(entities.map((e) => [e.canonical, e.mentions, e.surfaces])).toEqual([['Sergei Shoigu', 3, ['Shoigu']]]);
    expect((await db.dates.toArray()).map((d) => d.role).sort()).toEqual(['published', 'saved']);
  });

  it('keeps a page that is not an article as a bookmark, and never lets a bookmark overwrite an article', async () => {
    const b = await saveClipping(db, { kind: 'bookmark', url: 'https://shop.example/', canonicalUrl: 'https://shop.example/', title: 'Shop' });
    expect(b.clipping).toMatchObject({ isArticle: false, title: 'Shop', text: '' });
    await saveClipping(db, { kind: 'article', article: article() });
    const again = await saveClipping(db, { kind: 'bookmark', url: 'https://news.example/a', canonicalUrl: 'https://news.example/a', title: 'x' });
    expect(again.clipping.isArticle).toBe(true);
    expect(again.clipping.text).toContain('Shoigu');
  });

  it('adopts highlights made on the page before it was saved', async () => {
    await db.annotations.add({
      id: 'h1', pageUrl: 'https://news.example/a', clippingId: null, color: 'yellow', note: 'key line',
      selectors: [{ type: 'TextQuoteSelector', exact: 'Shoigu', prefix: 'Sergei ', suffix: ' met' }], createdAt: 1, updatedAt: 1,
    });
    const { clipping } = await saveClipping(db, { kind: 'article', article: article() });
    expect((await db.annotations.get('h1'))!.clippingId).toBe(clipping.id);
    expect((await findClippingForUrl(db, ['https://news.example/a']))!.id).toBe(clipping.id);
  });

  it('leaves nothing half-written when a step of the save fails', async () => {
    const failing = async () => { throw new Error('disk full'); };
    await expect(saveClipping(db, { kind: 'article', article: article(), entities: [], dates: [] }, 1, failing)).rejects.toThrow('disk full');
    expect(await db.clippings.count()).toBe(0);
    expect(await db.dates.count()).toBe(0);
  });
});

describe('delete and undo', () => {
  it('restores the clipping with its annotations, entities and dates', async () => {
    const { clipping } = await saveClipping(db, {
      kind: 'article', article: article(),
      entities: [{ kind: 'person', canonical: 'Dong Jun', surfaces: ['Dong Jun'], mentions: 1 }], dates: [],
    });
    const bundle = await deleteClipping(db, clipping.id);
    expect(await db.clippings.count()).toBe(0);
    expect(await db.entities.count()).toBe(0);
    await restoreClipping(db, bundle!);
    expect(await db.clippings.get(clipping.id)).toEqual(clipping);
    expect(await db.entities.count()).toBe(1);
  });
});
