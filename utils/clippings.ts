import { mergeEntityRows } from '@/utils/db-derived';
import type { Clipping, ClipmarkDB, DateRow, EntityRow } from '@/utils/db';
import { foldKey } from '@/utils/db';
import type { EntityTable, IDType } from 'dexie';
import type { ExtractedArticle } from '@/utils/extract';

/** The clippings repository: save (upsert by canonical URL), list, delete. Takes a db; only the background calls the writers. */

export interface EntityInput {
  kind: EntityRow['kind'];
  canonical: string;
  surfaces: string[];
  mentions: number;
}

export interface DateInput {
  value: string;
  precision: DateRow['precision'];
  text: string;
}

export type PageToSave =
  | { kind: 'article'; article: ExtractedArticle; entities?: EntityInput[]; dates?: DateInput[] }
  | { kind: 'bookmark'; url: string; canonicalUrl: string; title: string };

export interface SaveResult {
  clipping: Clipping;
  created: boolean;
}

/** Hook for work that must commit in the same transaction as the clipping (marking it for the search index). */
export type AfterSave = (db: ClipmarkDB, clipping: Clipping) => Promise<void>;

function newId(): string {
  return crypto.randomUUID();
}

function clippingFields(page: PageToSave): Omit<Clipping, 'id' | 'savedAt' | 'updatedAt'> {
  if (page.kind === 'bookmark') {
    return {
      url: page.url, canonicalUrl: page.canonicalUrl, title: page.title, byline: null, siteName: siteOf(page.url),
      lang: null, excerpt: null, html: '', text: '', wordCount: 0, readingMinutes: 0,
      publishedTime: null, modifiedTime: null, isArticle: false,
    };
  }
  const a = page.article;
  return {
    url: a.url, canonicalUrl: a.canonicalUrl, title: a.title, byline: a.byline, siteName: a.siteName ?? siteOf(a.url),
    lang: a.lang, excerpt: a.excerpt, html: a.html, text: a.text, wordCount: a.wordCount, readingMinutes: a.readingMinutes,
    publishedTime: a.publishedTime, modifiedTime: a.modifiedTime, isArticle: true,
  };
}

function siteOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

/** ISO day of a timestamp in UTC. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function dateRows(clippingId: string, c: Clipping, mentioned: DateInput[]): DateRow[] {
  const rows: DateRow[] = [{ clippingId, role: 'saved', value: isoDay(c.savedAt), precision: 'day', text: null }];
  if (c.publishedTime) rows.push({ clippingId, role: 'published', value: c.publishedTime.slice(0, 10), precision: 'day', text: null });
  if (c.modifiedTime) rows.push({ clippingId, role: 'modified', value: c.modifiedTime.slice(0, 10), precision: 'day', text: null });
  for (const d of mentioned) rows.push({ clippingId, role: 'mentioned', value: d.value, precision: d.precision, text: d.text });
  return rows;
}

/**
 * Replaces a clipping's rows (old) by new ones, writing only the difference: saving an unchanged article again
 * rewrites none of its entities and dates (with their four indexes, most of an update's cost otherwise).
 */
async function replaceRows<T extends { id?: number }>(table: EntityTable<T, 'id'>, old: T[], rows: T[], key: (r: T) => string): Promise<void> {
  const unmatched = new Map<string, T[]>();
  for (const r of old) {
    const k = key(r);
    unmatched.set(k, [...(unmatched.get(k) ?? []), r]);
  }
  const add = rows.filter((r) => {
    const same = unmatched.get(key(r));
    return !same?.pop();
  });
  const gone = [...unmatched.values()].flat().map((r) => r.id as IDType<T, 'id'>);
  if (gone.length) await table.bulkDelete(gone);
  if (add.length) await table.bulkAdd(add);
}

/**
 * Saves a page as a clipping in one transaction: saving the same canonical URL again updates the clipping
 * (keeping its id and first save time), replaces its entities and dates, and adopts highlights made on the
 * page before it was saved. A bookmark never overwrites an article already saved for the same URL.
 */
export async function saveClipping(db: ClipmarkDB, page: PageToSave, now = Date.now(), afterSave?: AfterSave): Promise<SaveResult> {
  const fields = clippingFields(page);
  return db.transaction('rw', [db.clippings, db.annotations, db.entities, db.dates, db.terms, db.indexQueue], async () => {
    const existing = await db.clippings.where('canonicalUrl').equals(fields.canonicalUrl).first();
    if (existing && existing.isArticle && !fields.isArticle) return { clipping: existing, created: false };
    const clipping: Clipping = existing
      ? { ...existing, ...fields, updatedAt: now }
      : { id: newId(), ...fields, savedAt: now, updatedAt: now };
    await db.clippings.put(clipping);

    const keepEntities = page.kind === 'bookmark' || page.entities === undefined;
    if (!keepEntities) {
      const rows = mergeEntityRows((page.kind === 'article' ? page.entities ?? [] : []).map((e) => ({
        clippingId: clipping.id, kind: e.kind, canonical: e.canonical, key: foldKey(e.canonical),
        surfaces: [...new Set(e.surfaces)], mentions: e.mentions,
      })));
      await replaceRows(db.entities, existing ? await db.entities.where('clippingId').equals(clipping.id).toArray() : [], rows,
        (e) => JSON.stringify([e.kind, e.canonical, e.surfaces, e.mentions]));
    }
    const oldDates = existing ? await db.dates.where('clippingId').equals(clipping.id).toArray() : [];
    const mentioned = page.kind === 'article' && page.dates
      ? page.dates
      : oldDates.filter((d) => d.role === 'mentioned').map((d) => ({ value: d.value, precision: d.precision, text: d.text ?? '' }));
    await replaceRows(db.dates, oldDates, dateRows(clipping.id, clipping, mentioned), (d) => JSON.stringify([d.role, d.value, d.precision, d.text]));

    await db.annotations
      .where('pageUrl').anyOf([clipping.canonicalUrl, clipping.url])
      .modify((a) => { a.clippingId = clipping.id; });
    if (afterSave) await afterSave(db, clipping);
    return { clipping, created: !existing };
  });
}

/** Newest first. */
export function listClippings(db: ClipmarkDB, limit = 200): Promise<Clipping[]> {
  return db.clippings.orderBy('savedAt').reverse().limit(limit).toArray();
}

export async function findClippingForUrl(db: ClipmarkDB, urls: string[]): Promise<Clipping | undefined> {
  const wanted = urls.filter(Boolean);
  if (wanted.length === 0) return undefined;
  return (await db.clippings.where('canonicalUrl').anyOf(wanted).first()) ?? db.clippings.where('url').anyOf(wanted).first();
}

/** Everything that belongs to a clipping, for undo and export. */
export interface ClippingBundle {
  clipping: Clipping;
  annotations: import('@/utils/db').Annotation[];
  entities: EntityRow[];
  dates: DateRow[];
  /** Its kept images (utils/media.ts): for undo only, never exported. */
  media?: import('@/utils/db').MediaRow[];
}

export async function deleteClipping(db: ClipmarkDB, id: string, beforeDelete?: (db: ClipmarkDB, id: string) => Promise<void>): Promise<ClippingBundle | null> {
  return db.transaction('rw', [db.clippings, db.annotations, db.entities, db.dates, db.terms, db.indexQueue, db.media], async () => {
    const clipping = await db.clippings.get(id);
    if (!clipping) return null;
    const bundle: ClippingBundle = {
      clipping,
      annotations: await db.annotations.where('clippingId').equals(id).toArray(),
      entities: await db.entities.where('clippingId').equals(id).toArray(),
      dates: await db.dates.where('clippingId').equals(id).toArray(),
      media: await db.media.where('clippingId').equals(id).toArray(),
    };
    if (beforeDelete) await beforeDelete(db, id);
    await db.annotations.where('clippingId').equals(id).delete();
    await db.entities.where('clippingId').equals(id).delete();
    await db.dates.where('clippingId').equals(id).delete();
    await db.media.where('clippingId').equals(id).delete();
    await db.clippings.delete(id);
    return bundle;
  });
}

/** Undo of a delete: puts the bundle back exactly as it was. */
export async function restoreClipping(db: ClipmarkDB, bundle: ClippingBundle, afterSave?: AfterSave): Promise<void> {
  await db.transaction('rw', [db.clippings, db.annotations, db.entities, db.dates, db.terms, db.indexQueue, db.media], async () => {
    await db.clippings.put(bundle.clipping);
    await db.annotations.bulkPut(bundle.annotations);
    await db.entities.bulkPut(bundle.entities);
    await db.dates.bulkPut(bundle.dates);
    if (bundle.media?.length) await db.media.bulkPut(bundle.media);
    if (afterSave) await afterSave(db, bundle.clipping);
  });
}
