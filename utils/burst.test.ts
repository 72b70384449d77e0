import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type ClipmarkDB } from '@/utils/db';
import { saveClipping, type PageToSave } from '@/utils/clippings';
import type { ExtractedArticle } from '@/utils/extract';

/** 1,000 saves at once (Promise.all over saveClipping, fake-indexeddb), a third of them of URLs already in the burst. */

function article(n: number, version: number): ExtractedArticle {
  const url = `https://news.example/story-${n}`;
  return {
    url: `${url}?v=${version}`, canonicalUrl: url, title: `Story ${n} v${version}`, byline: `By Writer ${n % 7}`, siteName: 'Example',
    lang: 'en', dir: null, excerpt: null, html: `<p>Body of story ${n}, version ${version}.</p>`, text: `Body of story ${n}, version ${version}.`,
    wordCount: 6, readingMinutes: 1, publishedTime: '2024-05-01T00:00:00Z', modifiedTime: null,
  };
}

let db: ClipmarkDB;
beforeEach(async () => {
  db = openDb(`burst-${crypto.randomUUID()}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

describe('1,000 saves in a burst', () => {
  it('leave exactly one clipping per URL, each with all its rows, the last version of each, and no failed save', async () => {
    const DISTINCT = 650;
    // Saves 0..649 are new URLs; saves 650..999 repeat URLs from the burst (some three or four times), some as bookmarks.
    const saves: { n: number; version: number; page: PageToSave }[] = [];
    for (let i = 0; i < 1000; i++) {
      const n = i < DISTINCT ? i : (i * 37) % 200;
      const version = saves.filter((s) => s.n === n).length;
      const bookmark = i >= DISTINCT && i % 5 === 0;
      const page: PageToSave = bookmark
        ? { kind: 'bookmark', url: `https://news.example/story-${n}`, canonicalUrl: `https://news.example/story-${n}`, title: `Bookmark ${n}` }
        : {
            kind: 'article', article: article(n, version),
            entities: [{ kind: 'person', canonical: `Person ${n}`, surfaces: [`Person ${n}`], mentions: version + 1 }],
            dates: [{ value: '2024-04-13', precision: 'day', text: 'April 13' }],
          };
      saves.push({ n, version, page });
    }

    const results = await Promise.allSettled(saves.map((s, i) => saveClipping(db, s.page, 1_000 + i)));
    const failed = results.filter((r) => r.status === 'rejected');
    expect(failed.map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);

    const clippings = await db.clippings.toArray();
    expect(clippings).toHaveLength(DISTINCT);
    expect(new Set(clippings.map((c) => c.canonicalUrl)).size).toBe(DISTINCT);
    const created = results.filter((r) => r.status === 'fulfilled' && r.value.created).length;
    expect(created).toBe(DISTINCT);

    // Every save of a URL returned the same clipping id.
    const idsByUrl = new Map<number, Set<string>>();
    results.forEach((r, i) => {
      if (r.status !== 'fulfilled') return;
      const set = idsByUrl.get(saves[i]!.n) ?? new Set();
      set.add(r.value.clipping.id);
      idsByUrl.set(saves[i]!.n, set);
    });
    expect([...idsByUrl.values()].every((s) => s.size === 1)).toBe(true);

    // Each clipping holds the last article version saved for it (a later bookmark never overwrites an article),
    // exactly one entity row and exactly its date rows (saved, published, one mentioned): nothing doubled, nothing orphaned.
    const entities = await db.entities.toArray();
    const dates = await db.dates.toArray();
    const ids = new Set(clippings.map((c) => c.id));
    expect(entities.every((e) => ids.has(e.clippingId))).toBe(true);
    expect(dates.every((d) => ids.has(d.clippingId))).toBe(true);
    for (const c of clippings) {
      const n = Number(c.canonicalUrl.split('-').pop());
      const lastArticle = saves.filter((s) => s.n === n && s.page.kind === 'article').pop()!;
      expect(c.isArticle).toBe(true);
      expect(c.title).toBe(`Story ${n} v${lastArticle.version}`);
      const mine = entities.filter((e) => e.clippingId === c.id);
      expect(mine).toHaveLength(1);
      expect(mine[0]!.mentions).toBe(lastArticle.version + 1);
      expect(dates.filter((d) => d.clippingId === c.id).map((d) => d.role).sort()).toEqual(['mentioned', 'published', 'saved']);
    }
    expect(entities).toHaveLength(DISTINCT);
    expect(dates).toHaveLength(DISTINCT * 3);
  });
});
