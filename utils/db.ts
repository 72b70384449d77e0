import { DB_NAME } from '@/utils/db-name';
import Dexie, { type DBCore, type DBCoreMutateRequest, type EntityTable, type Middleware, type Table } from 'dexie';

/** The only module that knows Dexie's schema. Only the background writes; extension pages read. */

export type EntityKind = 'person' | 'organization' | 'place';
export type DatePrecision = 'day' | 'month' | 'year';
export type DateRole = 'published' | 'modified' | 'saved' | 'mentioned';

export interface Clipping {
  id: string;
  /** The URL the reader saved it from. */
  url: string;
  /** One clipping per canonical URL: saving again updates it. */
  canonicalUrl: string;
  title: string;
  byline: string | null;
  siteName: string | null;
  lang: string | null;
  excerpt: string | null;
  /** Sanitised article HTML (empty for a bookmark-style clipping). */
  html: string;
  text: string;
  wordCount: number;
  readingMinutes: number;
  publishedTime: string | null;
  modifiedTime: string | null;
  /** false: the page was not an article and was kept as a bookmark (title + URL). */
  isArticle: boolean;
  savedAt: number;
  updatedAt: number;
}

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}
/** A hint only: XPath-like paths into the article root, checked against the quote before use. */
export interface RangeSelector {
  type: 'RangeSelector';
  startContainer: string;
  startOffset: number;
  endContainer: string;
  endOffset: number;
}
export type Selector = TextQuoteSelector | TextPositionSelector | RangeSelector;

export type HighlightColor = 'yellow' | 'green' | 'blue' | 'pink' | 'purple';

export interface Annotation {
  id: string;
  /** Canonical URL of the page the highlight was made on; kept for pages never saved. */
  pageUrl: string;
  /** Set once the page is saved as a clipping. */
  clippingId: string | null;
  color: HighlightColor;
  note: string;
  selectors: Selector[];
  createdAt: number;
  updatedAt: number;
}

export interface EntityRow {
  id?: number;
  clippingId: string;
  kind: EntityKind;
  canonical: string;
  /** Folded canonical name (lower case, no accents): what entity queries use. */
  key: string;
  surfaces: string[];
  mentions: number;
}

export interface DateRow {
  id?: number;
  clippingId: string;
  role: DateRole;
  /** ISO day, month or year: "2024-04-13", "2024-04", "2024". Sorts and ranges as text. */
  value: string;
  precision: DatePrecision;
  /** Surface text for mentioned dates ("earlier this month"). */
  text: string | null;
}

/** Search postings: one row per (term, clipping). */
export interface TermRow {
  term: string;
  clippingId: string;
  /** Bit mask of the fields the term occurs in (see utils/search.ts). */
  fields: number;
  /** Weighted occurrence count used for ranking. */
  score: number;
}

/**
 * A clipping whose search postings are out of date. Written in the same transaction as the change (a save, a
 * highlight, an undo), so it survives the service worker being stopped; the index job deletes it once the
 * postings are written, provided `token` is still the one it started from (a newer change writes a new token).
 */
export interface IndexJobRow {
  clippingId: string;
  token: string;
  queuedAt: number;
}

/**
 * One row per entity: how many entity rows (one per clipping that mentions it) it has, and a spelling of its name.
 * Kept by the database itself (see entityCountsKept).
 */
export interface EntityCountRow {
  kind: EntityKind;
  key: string;
  /** The canonical name of its first row. */
  canonical: string;
  clippings: number;
}

/** What lists show of a clipping (never its text or HTML): a copy kept in `cards` by the database itself. */
export type ClippingCardRow = Pick<
  Clipping,
  'id' | 'url' | 'title' | 'siteName' | 'byline' | 'excerpt' | 'publishedTime' | 'isArticle' | 'savedAt' | 'updatedAt'
>;

export function cardOf(c: Clipping): ClippingCardRow {
  return {
    id: c.id, url: c.url, title: c.title, siteName: c.siteName, byline: c.byline, excerpt: c.excerpt,
    publishedTime: c.publishedTime, isArticle: c.isArticle, savedAt: c.savedAt, updatedAt: c.updatedAt,
  };
}

export type ClipmarkDB = Dexie & {
  clippings: EntityTable<Clipping, 'id'>;
  /** Read-only for code: written by the database with every write to `clippings` (see cardsMirror). */
  cards: EntityTable<ClippingCardRow, 'id'>;
  annotations: EntityTable<Annotation, 'id'>;
  entities: EntityTable<EntityRow, 'id'>;
  dates: EntityTable<DateRow, 'id'>;
  terms: Table<TermRow, [string, string]>;
  indexQueue: EntityTable<IndexJobRow, 'clippingId'>;
  /** Read-only for code: written by the database with every write to `entities` (see entityCountsKept). */
  entityCounts: Table<EntityCountRow, [EntityKind, string]>;
};

export { DB_NAME };

/** Version 1 is the first released schema; every later change is a new version with an upgrade and a test. */
export const SCHEMA_V1 = {
  clippings: 'id, &canonicalUrl, url, savedAt, publishedTime, siteName',
  annotations: 'id, pageUrl, clippingId, createdAt',
  entities: '++id, clippingId, key, [kind+key], [clippingId+kind+key]',
  dates: '++id, clippingId, value, [role+value]',
  terms: '[term+clippingId], clippingId',
} as const;

/**
 * Version 2:
 * - `indexQueue`: search postings are built after the save commits; it says which clippings still need them.
 *   Nothing to fill on upgrade: every clipping of version 1 was indexed when it was saved.
 * - `cards`: a light copy of each clipping for lists, so that showing the newest 50 does not read 50
 *   articles' text and HTML. Filled from `clippings` on upgrade (a cursor over clippings; only the small cards in memory).
 */
export const SCHEMA_V2 = { indexQueue: 'clippingId', cards: 'id, savedAt' } as const;

/**
 * Version 3: `entityCounts`, how many clippings mention each entity, so that a chip or a tooltip reads one small
 * row where it counted every row of the entity (in Chromium about 15-20 ms per thousand, on every keystroke).
 * Filled on upgrade from the keys of the entities' [kind+key] index (keys only, no rows read).
 */
export const SCHEMA_V3 = { entityCounts: '[kind+key]' } as const;

/**
 * Upgrade to version 3: count the rows of each entity, reading them in the order they were written, 5,000 per
 * request (139,219 rows, a 10,000-clipping archive: 2.7-2.9 s in Chromium, where a cursor took about 3.5 s). Once,
 * in the background when the extension is updated; a page that opens the database meanwhile waits for it.
 */
export async function countEntities(entities: Table<EntityRow, number>, counts: Table<EntityCountRow>, chunk = 5000): Promise<void> {
  const by = new Map<string, EntityCountRow>();
  for (let after = -Infinity; ; ) {
    const rows = await entities.where(':id').above(after).limit(chunk).toArray();
    for (const e of rows) {
      const k = `${e.kind}\u0000${e.key}`;
      const c = by.get(k);
      if (c) c.clippings++;
      else by.set(k, { kind: e.kind, key: e.key, canonical: e.canonical, clippings: 1 });
    }
    if (rows.length < chunk) break;
    after = rows[rows.length - 1]!.id!;
  }
  await counts.bulkPut([...by.values()]);
}

/** Writes that touch `entities` also take `entityCounts`, and each adjusts the counts of the entities it adds or removes. */
const entityCountsKept: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'EntityCounts',
  create: (down) => ({
    ...down,
    transaction: (stores, mode, options) =>
      down.transaction(mode === 'readwrite' && stores.includes('entities') && !stores.includes('entityCounts') ? [...stores, 'entityCounts'] : stores, mode, options),
    table: (name) => {
      const table = down.table(name);
      if (name !== 'entities') return table;
      return {
        ...table,
        mutate: async (req) => {
          const trans = req.trans;
          // the rows this write replaces or removes, read before it
          let before: EntityRow[] = [];
          if (req.type === 'delete') before = await table.getMany({ trans, keys: req.keys });
          else if (req.type === 'deleteRange') before = (await table.query({ trans, query: { index: table.schema.primaryKey, range: req.range }, values: true })).result;
          else if (req.type === 'put') {
            const keys = (req.keys ?? (req.values as EntityRow[]).map((v) => v.id)).filter((k) => k != null);
            if (keys.length) before = await table.getMany({ trans, keys });
          }
          const res = await table.mutate(req);
          const delta = new Map<string, { kind: EntityKind; key: string; canonical: string; n: number }>();
          const add = (r: EntityRow | undefined, n: number) => {
            if (!r) return;
            const k = `${r.kind}\u0000${r.key}`;
            const d = delta.get(k);
            if (d) d.n += n;
            else delta.set(k, { kind: r.kind, key: r.key, canonical: r.canonical, n });
          };
          if (req.type === 'add' || req.type === 'put') {
            const failed = new Set(Object.keys(res.failures).map(Number));
            const ok = (req.values as EntityRow[]).filter((_, i) => !failed.has(i));
            const replaced = new Set(ok.map((v) => v.id).filter((id) => id != null));
            for (const r of before) if (r && replaced.has(r.id!)) add(r, -1);
            for (const r of ok) add(r, 1);
          } else for (const r of before) add(r, -1);
          const changes = [...delta.values()].filter((d) => d.n !== 0);
          if (!changes.length) return res;
          const counts = down.table('entityCounts');
          const keys = changes.map((d) => [d.kind, d.key]);
          const now = (await counts.getMany({ trans, keys })) as (EntityCountRow | undefined)[];
          const put: EntityCountRow[] = [];
          const del: unknown[] = [];
          changes.forEach((d, i) => {
            const n = (now[i]?.clippings ?? 0) + d.n;
            if (n > 0) put.push({ kind: d.kind, key: d.key, canonical: now[i]?.canonical ?? d.canonical, clippings: n });
            else del.push(keys[i]);
          });
          if (put.length) await counts.mutate({ type: 'put', trans, values: put });
          if (del.length) await counts.mutate({ type: 'delete', trans, keys: del });
          return res;
        },
      };
    },
  }),
};

/**
 * Keeps `cards` equal to `clippings` below every write path: a read-write transaction on clippings also
 * takes cards, and each add, put, delete or range delete of clippings is repeated on cards in it.
 */
const cardsMirror: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'ClippingCards',
  create: (down) => ({
    ...down,
    transaction: (stores, mode, options) =>
      down.transaction(mode === 'readwrite' && stores.includes('clippings') && !stores.includes('cards') ? [...stores, 'cards'] : stores, mode, options),
    table: (name) => {
      const table = down.table(name);
      if (name !== 'clippings') return table;
      return {
        ...table,
        mutate: async (req) => {
          const res = await table.mutate(req);
          let mirror: DBCoreMutateRequest | null = null;
          if (req.type === 'add' || req.type === 'put') {
            const values = (req.values as Clipping[]).filter((_, i) => !res.failures[i]).map(cardOf);
            if (values.length) mirror = { type: 'put', trans: req.trans, values };
          } else if (req.type === 'delete') {
            if (req.keys.length) mirror = { type: 'delete', trans: req.trans, keys: req.keys };
          } else mirror = { type: 'deleteRange', trans: req.trans, range: req.range };
          if (mirror) await down.table('cards').mutate(mirror);
          return res;
        },
      };
    },
  }),
};

export function openDb(name = DB_NAME): ClipmarkDB {
  const db = new Dexie(name) as ClipmarkDB;
  db.version(1).stores(SCHEMA_V1);
  db.version(2)
    .stores(SCHEMA_V2)
    .upgrade(async (tx) => {
      const cards: ClippingCardRow[] = [];
      await tx.table('clippings').each((c: Clipping) => void cards.push(cardOf(c)));
      await tx.table('cards').bulkPut(cards);
    });
  db.version(3)
    .stores(SCHEMA_V3)
    .upgrade((tx) => countEntities(tx.table('entities'), tx.table('entityCounts')));
  db.use(cardsMirror);
  db.use(entityCountsKept);
  return db;
}

// Kept in its own module so content scripts can fold names without loading Dexie.
export { foldKey } from '@/utils/fold';
