import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { cardOf, foldKey, openDb, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_V6, type Annotation, type Clipping, type DateRow, type EntityRow, type IndexJobRow, type TermRow } from '@/utils/db';
import { suggestEntities } from '@/utils/archive';
import { findClippingForUrl, listClippings } from '@/utils/clippings';
import { mergeEntityRows } from '@/utils/db-derived';
import { extractArticle } from '@/utils/extract';
import { createIndexQueue } from '@/utils/index-queue';
import { indexClipping, search } from '@/utils/search';
import { fillHeads, HEADS_DONE, headTerm } from '@/utils/search-heads';
import { HIGH } from '@/utils/search-postings';
import { loadPage, pageNames } from '@/utils/fixtures';

/**
 * Schema upgrades lose nothing. For every released schema version there is a case: a builder that creates a database
 * exactly as that version did (its own store definitions, rows in its own shape, real data from the fixture pages)
 * and the rows the current schema must then hold. Adding schema version N to utils/db.ts means adding its case here;
 * the first test fails until that is done.
 */

interface Snapshot {
  clippings: Clipping[];
  annotations: Annotation[];
  entities: EntityRow[];
  dates: DateRow[];
  terms: TermRow[];
  /** Version 2 on. */
  indexQueue: IndexJobRow[];
}

interface UpgradeCase {
  version: number;
  /** Creates and fills a database with that version's schema; returns what it wrote. */
  build(name: string): Promise<Snapshot>;
  /** What the current schema must hold after opening that database (the upgrade's own transformation, if any). */
  expected(written: Snapshot): Snapshot;
}

const PAGES = pageNames().filter((_, i) => i % 8 === 0);

/**
 * Rows of a database created by schema version 1 or 2, built from real fixture pages (through the current
 * extractor, stored in that version's shape). Version 2 adds `indexQueue` (one clipping still waiting for its postings)
 * and `cards` (a light copy of every clipping).
 */
async function buildAt(version: 1 | 2 | 3 | 4 | 5 | 6, name: string): Promise<Snapshot> {
  const db = new Dexie(name);
  db.version(1).stores(SCHEMA_V1);
  if (version >= 2) db.version(2).stores(SCHEMA_V2);
  if (version >= 3) db.version(3).stores(SCHEMA_V3);
  if (version >= 4) db.version(4).stores(SCHEMA_V4);
  if (version >= 5) db.version(5).stores(SCHEMA_V5);
  if (version >= 6) db.version(6).stores(SCHEMA_V6);
  await db.open();
  const snap: Snapshot = { clippings: [], annotations: [], entities: [], dates: [], terms: [], indexQueue: [] };
  let t = Date.UTC(2024, 0, 1);
  let twinned = false;
  for (const [i, page] of PAGES.entries()) {
    const url = `https://site-${i}.example/${page}/`;
    const r = extractArticle(loadPage(page, url), { url, force: true });
    t += 86_400_000;
    const id = `v1-${page}`;
    const base = { id, url, savedAt: t, updatedAt: t + 1 };
    const c: Clipping = r.ok
      ? {
          ...base, canonicalUrl: r.article.canonicalUrl, title: r.article.title, byline: r.article.byline, siteName: r.article.siteName,
          lang: r.article.lang, excerpt: r.article.excerpt, html: r.article.html, text: r.article.text, wordCount: r.article.wordCount,
          readingMinutes: r.article.readingMinutes, publishedTime: r.article.publishedTime, modifiedTime: r.article.modifiedTime, isArticle: true,
        }
      : {
          ...base, canonicalUrl: r.canonicalUrl, title: r.title, byline: null, siteName: null, lang: null, excerpt: null, html: '', text: '',
          wordCount: 0, readingMinutes: 0, publishedTime: null, modifiedTime: null, isArticle: false,
        };
    snap.clippings.push(c);
    const names = [...new Set(c.text.match(/\b[A-Z][a-z]+ [A-Z][a-z]+\b/g) ?? [])].slice(0, 4);
    names.forEach((n, k) => snap.entities.push({
      clippingId: id, kind: (['person', 'organization', 'place'] as const)[k % 3]!, canonical: n, key: foldKey(n), surfaces: [n], mentions: k + 1,
    }));
    // Before version 3 a clipping could hold two rows for one name spelt two ways that fold alike.
    if (version < 3 && !twinned && names.length) {
      twinned = true;
      const n = names[0]!.toUpperCase();
      snap.entities.push({ clippingId: id, kind: 'person', canonical: n, key: foldKey(n), surfaces: [n], mentions: 5 });
    }
    snap.dates.push({ clippingId: id, role: 'saved', value: new Date(t).toISOString().slice(0, 10), precision: 'day', text: null });
    if (c.publishedTime) snap.dates.push({ clippingId: id, role: 'published', value: c.publishedTime.slice(0, 10), precision: 'day', text: null });
    snap.dates.push({ clippingId: id, role: 'mentioned', value: '2023-11', precision: 'month', text: 'last November' });
    if (c.text.length > 60 && i % 2 === 0) {
      snap.annotations.push({
        id: `a-${page}`, pageUrl: c.canonicalUrl, clippingId: id, color: 'yellow', note: `note on ${page} — ünïcödé ✓`,
        selectors: [
          { type: 'TextQuoteSelector', exact: c.text.slice(10, 50), prefix: c.text.slice(0, 10), suffix: c.text.slice(50, 60) },
          { type: 'TextPositionSelector', start: 10, end: 50 },
        ],
        createdAt: t, updatedAt: t,
      });
    }
    // title words: a main posting and a HIGH one (a title is a high-weight field)
    for (const word of new Set(foldKey(c.title).split(/\W+/).filter((w) => w.length > 2))) {
      snap.terms.push({ term: word, clippingId: id, fields: 1, score: 3 });
      snap.terms.push({ term: HIGH + word, clippingId: id, fields: 1, score: 3 });
    }
  }
  // A highlight on a page never saved.
  snap.annotations.push({
    id: 'a-unsaved', pageUrl: 'https://unsaved.example/x', clippingId: null, color: 'pink', note: '',
    selectors: [{ type: 'TextQuoteSelector', exact: 'quoted', prefix: '', suffix: '' }], createdAt: t, updatedAt: t,
  });
  await db.table('clippings').bulkAdd(snap.clippings);
  await db.table('annotations').bulkAdd(snap.annotations);
  const entityIds = await db.table('entities').bulkAdd(snap.entities, { allKeys: true });
  snap.entities.forEach((e, k) => { e.id = entityIds[k] as number; });
  const dateIds = await db.table('dates').bulkAdd(snap.dates, { allKeys: true });
  snap.dates.forEach((d, k) => { d.id = dateIds[k] as number; });
  await db.table('terms').bulkAdd(snap.terms);
  if (version >= 2) {
    snap.indexQueue.push({ clippingId: snap.clippings[0]!.id, token: 'token-1', queuedAt: t });
    await db.table('indexQueue').bulkAdd(snap.indexQueue);
    // a version 2 database keeps a card per clipping (written by openDb's middleware, which raw Dexie here lacks)
    await db.table('cards').bulkAdd(snap.clippings.map(cardOf));
  }
  if (version >= 3) {
    // a version 3 database counts each entity's rows, version 4 with their name words (written by openDb's middleware,
    // which raw Dexie here lacks)
    const counts = recount(snap.entities);
    await db.table('entityCounts').bulkAdd(version >= 4 ? counts : counts.map(({ words: _, ...c }) => c));
  }
  db.close();
  return snap;
}

/**
 * The head postings that databases made before them are given in the background (fillHeads), worked out the plain way:
 * for each clipping and each prefix of 2, 3 and 4 letters of its HIGH terms, one row with the fields of those terms
 * together (titles only here: weight 8).
 */
function headsOf(s: Pick<Snapshot, 'clippings' | 'terms'>): TermRow[] {
  const savedAt = new Map(s.clippings.map((c) => [c.id, c.savedAt]));
  const acc = new Map<string, TermRow & { p: string }>();
  for (const r of s.terms) {
    if (!r.term.startsWith(HIGH)) continue;
    const word = r.term.slice(HIGH.length);
    for (const k of [2, 3, 4].filter((k) => word.length >= k)) {
      const p = word.slice(0, k);
      const was = acc.get(`${r.clippingId} ${p}`);
      acc.set(`${r.clippingId} ${p}`, { p, term: '', clippingId: r.clippingId, fields: (was?.fields ?? 0) | r.fields, score: 0 });
    }
  }
  return [...acc.values()].map(({ p, clippingId, fields }) => ({ term: headTerm(p, fields, savedAt.get(clippingId)!), clippingId, fields, score: fields & 1 ? 8 : 4 }));
}

/** One case per released schema version. */
const CASES: UpgradeCase[] = [
  // Version 1 had no index queue: its clippings were indexed as they were saved, so none is pending after the upgrade.
  // Versions 1 and 2 could hold two rows for one name in one clipping: the upgrade (version 4's count) merges them into the first.
  { version: 1, build: (name) => buildAt(1, name), expected: (s) => ({ ...s, entities: mergeEntityRows(s.entities) }) },
  { version: 2, build: (name) => buildAt(2, name), expected: (s) => ({ ...s, entities: mergeEntityRows(s.entities) }) },
  { version: 3, build: (name) => buildAt(3, name), expected: (s) => s },
  { version: 4, build: (name) => buildAt(4, name), expected: (s) => s },
  { version: 5, build: (name) => buildAt(5, name), expected: (s) => s },
  { version: 6, build: (name) => buildAt(6, name), expected: (s) => s },
];

type Count = { kind: string; key: string; canonical: string; clippings: number; words: string[] };

/** Each entity's number of rows and the words (2+ letters, folded, sorted) of all its names, counted the plain way. */
function recount(entities: EntityRow[]): Count[] {
  const n = new Map<string, Count>();
  for (const e of entities) {
    const k = JSON.stringify([e.kind, e.key]);
    const words = [e.canonical, ...e.surfaces].flatMap((s) => foldKey(s).split(/[^\p{L}\p{N}\p{M}]+/u)).filter((w) => w.length >= 2);
    const was = n.get(k);
    n.set(k, {
      kind: e.kind, key: e.key, canonical: was?.canonical ?? e.canonical, clippings: (was?.clippings ?? 0) + 1,
      words: [...new Set([...(was?.words ?? []), ...words])].sort(),
    });
  }
  return [...n.values()].sort((a, b) => (a.kind + a.key < b.kind + b.key ? -1 : 1));
}

function sorted(s: Snapshot): Snapshot {
  const byKey = <T>(rows: T[], key: (r: T) => string | number) => rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return {
    clippings: byKey(s.clippings, (r) => r.id),
    annotations: byKey(s.annotations, (r) => r.id),
    entities: byKey(s.entities, (r) => r.id!),
    dates: byKey(s.dates, (r) => r.id!),
    terms: byKey(s.terms, (r) => `${r.term}\u0000${r.clippingId}`),
    indexQueue: byKey(s.indexQueue, (r) => r.clippingId),
  };
}

async function snapshot(db: Dexie): Promise<Snapshot> {
  return sorted({
    clippings: await db.table('clippings').toArray(),
    annotations: await db.table('annotations').toArray(),
    entities: await db.table('entities').toArray(),
    dates: await db.table('dates').toArray(),
    terms: await db.table('terms').toArray(),
    indexQueue: await db.table('indexQueue').toArray(),
  });
}

const opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

describe('schema upgrades', () => {
  it('there is an upgrade case for every schema version up to the current one', async () => {
    const current = openDb(`verno-${crypto.randomUUID()}`);
    opened.push(current);
    await current.open();
    expect(current.verno).toBeGreaterThanOrEqual(1);
    const versions = CASES.map((c) => c.version);
    for (let v = 1; v <= current.verno; v++) expect(versions, `no upgrade case for schema version ${v}`).toContain(v);
  });

  it.each(CASES)('a database created by schema version $version, filled from the fixture pages, opens under the current schema with nothing lost', { timeout: 120_000 }, async (c) => {
    const name = `upgrade-v${c.version}-${crypto.randomUUID()}`;
    const written = await c.build(name);
    expect(written.clippings.length).toBe(PAGES.length);
    expect(written.clippings.filter((x) => x.isArticle).length).toBeGreaterThan(PAGES.length / 2);
    expect(written.entities.length).toBeGreaterThan(20);
    expect(written.annotations.length).toBeGreaterThan(5);

    const db = openDb(name);
    opened.push(db);
    await db.open();
    const after = await snapshot(db);
    const want = sorted(c.expected(structuredClone(written)));
    expect(after.clippings).toEqual(want.clippings);
    expect(after.annotations).toEqual(want.annotations);
    expect(after.entities).toEqual(want.entities);
    expect(after.dates).toEqual(want.dates);
    expect(after.terms).toEqual(want.terms);
    expect(after.indexQueue).toEqual(want.indexQueue);

    // Every clipping has its card (version 2), and nothing else does.
    expect(await db.cards.orderBy('id').toArray()).toEqual(want.clippings.map(cardOf));
    // Every entity has its count (version 3) and the words of its names (version 4).
    const kept = (await db.entityCounts.toArray()).map((r) => ({ ...r, words: [...r.words].sort() }));
    expect(kept.sort((a, b) => (a.kind + a.key < b.kind + b.key ? -1 : 1))).toEqual(recount(want.entities));
    expect(recount(want.entities).some((c) => c.clippings > 1)).toBe(true);
    if (c.version < 3) expect(want.entities.length).toBe(written.entities.length - 1);
    // Version 5: entity rows keep only the indexes that queries use; nothing waits in the count queue.
    const idb = db.backendDB();
    expect([...idb.transaction('entities').objectStore('entities').indexNames].sort()).toEqual(['[kind+key]', 'clippingId']);
    expect(await db.countQueue.count()).toBe(0);

    // And the current code can use it: list, find by URL, entity and date index lookups.
    expect(await listClippings(db, 1000)).toHaveLength(PAGES.length);
    for (const clip of want.clippings) expect((await findClippingForUrl(db, [clip.canonicalUrl]))?.id).toBe(clip.id);
    const e = want.entities[0]!;
    expect((await db.entities.where('[kind+key]').equals([e.kind, e.key]).toArray()).map((r) => r.clippingId)).toContain(e.clippingId);
    // the entity chips find it by the last word of its name
    expect((await suggestEntities(db, e.key.split(' ').at(-1)!, { limit: 50 })).map((m) => m.key)).toContain(e.key);
    expect(await db.dates.where('[role+value]').between(['mentioned', '2023-11'], ['mentioned', '2023-11\uffff']).count()).toBe(PAGES.length);
    // None of these databases had head postings: the background writes them (fillHeads), then marks them complete.
    expect(await fillHeads(db)).toBeGreaterThan(0);
    expect(sorted({ ...after, terms: await db.terms.toArray() }).terms).toEqual(sorted({ ...want, terms: [...want.terms, ...headsOf(want), HEADS_DONE] }).terms);
    expect(await fillHeads(db)).toBe(0);
    // a one-word query of 2-4 letters is answered by the head postings: the newest title hits first
    const first = want.clippings.find((x) => x.isArticle && foldKey(x.title).split(/\W+/).some((w) => w.length > 3))!;
    const word = foldKey(first.title).split(/\W+/).find((w) => w.length > 3)!.slice(0, 4);
    const titled = want.clippings.filter((x) => foldKey(x.title).split(/\W+/).some((w) => w.length > 2 && w.startsWith(word)));
    const found = await search(db, word, {}, { limit: 1 });
    expect(found.map((r) => r.id)).toEqual([titled.sort((a, b) => b.savedAt - a.savedAt)[0]!.id]);
    // What was waiting for the search index is indexed by the next start's drain.
    const queue = createIndexQueue(db);
    await queue.drain();
    await queue.idle();
    expect(await db.indexQueue.count()).toBe(0);
    for (const job of want.indexQueue) expect(await indexClipping(db, job.clippingId)).toEqual({ written: 0, deleted: 0 });
  });
});
