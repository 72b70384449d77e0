import type { Annotation, ClipmarkDB, Clipping, DateRow, EntityRow } from '@/utils/db';
import { BACKUP_FORMAT, BACKUP_VERSION, type Backup, type BackupDate, type BackupEntity } from '@/utils/backup-format';
import { indexClipping } from '@/utils/search';
import { mergeEntityRows } from '@/utils/db-derived';

/*
 * Import of a JSON backup (background only: it writes). Merges without duplicates: clippings by
 * canonicalUrl, annotations by id; where both sides have a row the newer updatedAt wins. A clipping that
 * wins brings its entities and dates with it. Every clipping touched is re-indexed for search.
 */

export class BackupError extends Error {
  override name = 'BackupError';
}

export interface ImportReport {
  clippings: { added: number; updated: number; kept: number };
  annotations: { added: number; updated: number; kept: number };
  entities: number;
  dates: number;
  reindexed: number;
}

type Check = (v: unknown) => boolean;
const str: Check = (v) => typeof v === 'string';
const num: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const bool: Check = (v) => typeof v === 'boolean';
const strOrNull: Check = (v) => v === null || typeof v === 'string';
const oneOf = (...xs: string[]): Check => (v) => typeof v === 'string' && xs.includes(v);
const strArray: Check = (v) => Array.isArray(v) && v.every(str);
const selectors: Check = (v) =>
  Array.isArray(v) &&
  v.every((s) => {
    if (!s || typeof s !== 'object') return false;
    const o = s as Record<string, unknown>;
    if (o.type === 'TextQuoteSelector') return str(o.exact) && str(o.prefix) && str(o.suffix);
    if (o.type === 'TextPositionSelector') return num(o.start) && num(o.end);
    if (o.type === 'RangeSelector') return str(o.startContainer) && num(o.startOffset) && str(o.endContainer) && num(o.endOffset);
    return false;
  });

const SHAPES: Record<'clippings' | 'annotations' | 'entities' | 'dates', Record<string, Check>> = {
  clippings: {
    id: str, url: str, canonicalUrl: str, title: str, byline: strOrNull, siteName: strOrNull, lang: strOrNull, excerpt: strOrNull,
    html: str, text: str, wordCount: num, readingMinutes: num, publishedTime: strOrNull, modifiedTime: strOrNull, isArticle: bool,
    savedAt: num, updatedAt: num,
  },
  annotations: {
    id: str, pageUrl: str, clippingId: strOrNull, color: oneOf('yellow', 'green', 'blue', 'pink', 'purple'), note: str,
    selectors, createdAt: num, updatedAt: num,
  },
  entities: { clippingId: str, kind: oneOf('person', 'organization', 'place'), canonical: str, key: str, surfaces: strArray, mentions: num },
  dates: { clippingId: str, role: oneOf('published', 'modified', 'saved', 'mentioned'), value: (v) => str(v) && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(v as string), precision: oneOf('day', 'month', 'year'), text: strOrNull },
};

/** Checks that `data` is a Clipmark backup this version understands; throws a BackupError saying what is wrong. */
export function validateBackup(data: unknown): Backup {
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new BackupError('Not a Clipmark backup: expected a JSON object.');
  const b = data as Record<string, unknown>;
  if (b.format !== BACKUP_FORMAT) throw new BackupError(`Not a Clipmark backup: "format" should be "${BACKUP_FORMAT}", found ${JSON.stringify(b.format)}.`);
  if (typeof b.version !== 'number') throw new BackupError('Backup has no version number.');
  if (b.version > BACKUP_VERSION) throw new BackupError(`Backup version ${b.version} is newer than this Clipmark understands (${BACKUP_VERSION}); update Clipmark first.`);
  if (b.version !== BACKUP_VERSION) throw new BackupError(`Unknown backup version ${b.version}.`);
  if (typeof b.exportedAt !== 'string' || Number.isNaN(Date.parse(b.exportedAt))) throw new BackupError('Backup "exportedAt" should be an ISO date.');
  for (const table of Object.keys(SHAPES) as (keyof typeof SHAPES)[]) {
    const rows = b[table];
    if (!Array.isArray(rows)) throw new BackupError(`Backup "${table}" should be a list.`);
    rows.forEach((row, i) => {
      if (!row || typeof row !== 'object') throw new BackupError(`${table}[${i}] should be an object.`);
      for (const [field, ok] of Object.entries(SHAPES[table])) {
        if (!ok((row as Record<string, unknown>)[field])) {
          throw new BackupError(`${table}[${i}].${field} is missing or invalid (found ${JSON.stringify((row as Record<string, unknown>)[field])?.slice(0, 60)}).`);
        }
      }
    });
  }
  const ids = new Set((b.clippings as Clipping[]).map((c) => c.id));
  for (const table of ['entities', 'dates'] as const) {
    (b[table] as { clippingId: string }[]).forEach((r, i) => {
      if (!ids.has(r.clippingId)) throw new BackupError(`${table}[${i}].clippingId "${r.clippingId}" names no clipping in the backup.`);
    });
  }
  return data as Backup;
}

/** Parses and validates backup text (a file's contents). */
export function parseBackup(text: string): Backup {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BackupError(`The file is not valid JSON: ${(e as Error).message}`);
  }
  return validateBackup(data);
}

/** Merges a backup into the db in one transaction and re-indexes the clippings it touched. */
export async function importBackup(db: ClipmarkDB, data: unknown): Promise<ImportReport> {
  const backup = validateBackup(data);
  const report: ImportReport = {
    clippings: { added: 0, updated: 0, kept: 0 },
    annotations: { added: 0, updated: 0, kept: 0 },
    entities: 0,
    dates: 0,
    reindexed: 0,
  };
  await db.transaction('rw', [db.clippings, db.annotations, db.entities, db.dates, db.terms, db.indexQueue], async () => {
    /** backup clipping id -> local clipping id */
    const idMap = new Map<string, string>();
    const touched = new Set<string>();
    const won = new Set<string>();
    const locals = await db.clippings.where('canonicalUrl').anyOf(backup.clippings.map((c) => c.canonicalUrl)).toArray();
    const byUrl = new Map(locals.map((c) => [c.canonicalUrl, c]));
    for (const c of backup.clippings) {
      const local = byUrl.get(c.canonicalUrl);
      if (local) {
        idMap.set(c.id, local.id);
        if (c.updatedAt > local.updatedAt) {
          await db.clippings.put({ ...c, id: local.id });
          won.add(c.id);
          report.clippings.updated++;
        } else report.clippings.kept++;
        continue;
      }
      // a different clipping already has this id: give the imported one a fresh id
      const taken = await db.clippings.get(c.id);
      const id = taken ? crypto.randomUUID() : c.id;
      idMap.set(c.id, id);
      await db.clippings.add({ ...c, id });
      won.add(c.id);
      report.clippings.added++;
    }
    for (const backupId of won) {
      const id = idMap.get(backupId)!;
      touched.add(id);
      await db.entities.where('clippingId').equals(id).delete();
      await db.dates.where('clippingId').equals(id).delete();
    }
    const entities: EntityRow[] = mergeEntityRows(backup.entities.filter((e) => won.has(e.clippingId)).map((e: BackupEntity) => ({ ...stripId(e), clippingId: idMap.get(e.clippingId)! })));
    const dates: DateRow[] = backup.dates.filter((d) => won.has(d.clippingId)).map((d: BackupDate) => ({ ...stripId(d), clippingId: idMap.get(d.clippingId)! }));
    await db.entities.bulkAdd(entities);
    await db.dates.bulkAdd(dates);
    report.entities = entities.length;
    report.dates = dates.length;

    const existing = new Map((await db.annotations.bulkGet(backup.annotations.map((a) => a.id))).filter((a): a is Annotation => !!a).map((a) => [a.id, a]));
    for (const a of backup.annotations) {
      const clippingId = a.clippingId === null ? null : (idMap.get(a.clippingId) ?? a.clippingId);
      const local = existing.get(a.id);
      if (local && local.updatedAt >= a.updatedAt) {
        report.annotations.kept++;
        continue;
      }
      await db.annotations.put({ ...a, clippingId });
      report.annotations[local ? 'updated' : 'added']++;
      if (clippingId) touched.add(clippingId);
      if (local?.clippingId) touched.add(local.clippingId);
    }
    for (const id of touched) await indexClipping(db, id);
    // Indexed here, in the import's own transaction: an index job pending or running for these is now stale.
    await db.indexQueue.bulkDelete([...touched]);
    report.reindexed = touched.size;
  });
  return report;
}

/** Local auto-increment ids never travel: rows get fresh ones here. */
function stripId<T extends object>(row: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = row as T & { id?: unknown };
  return rest as Omit<T, 'id'>;
}
