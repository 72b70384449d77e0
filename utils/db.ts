import { DB_NAME } from '@/utils/db-name';
import Dexie, { type EntityTable, type Table } from 'dexie';
import { applyCountQueue, cardOf, cardsMirror, countEntities, entityCountsQueued, type CountQueueRow } from '@/utils/db-derived';
import { HEADS_DONE } from '@/utils/search-heads';

export { applyCountQueue, cardOf, countEntities };
export type { CountDelta, CountQueueRow } from '@/utils/db-derived';

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
 * Kept by the database itself: every write to `entities` queues its changes (countQueue), applied just after it commits
 * (see entityCountsQueued).
 */
export interface EntityCountRow {
  kind: EntityKind;
  key: string;
  /** The canonical name of its first row. */
  canonical: string;
  clippings: number;
  /**
   * The folded words of its names (canonical and every surface form seen: "sergei", "shoigu", "irgc"), indexed
   * multiEntry: the entity chips find "Shoig" -> Sergei Shoigu in one range of this index. Words are added as rows
   * bring them, and go with the row when its count reaches 0.
   */
  words: string[];
}

/** What lists show of a clipping (never its text or HTML): a copy kept in `cards` by the database itself. */
export type ClippingCardRow = Pick<
  Clipping,
  'id' | 'url' | 'title' | 'siteName' | 'byline' | 'excerpt' | 'publishedTime' | 'isArticle' | 'savedAt' | 'updatedAt'
>;

export type ClipmarkDB = Dexie & {
  clippings: EntityTable<Clipping, 'id'>;
  /** Read-only for code: written by the database with every write to `clippings` (see cardsMirror). */
  cards: EntityTable<ClippingCardRow, 'id'>;
  annotations: EntityTable<Annotation, 'id'>;
  entities: EntityTable<EntityRow, 'id'>;
  dates: EntityTable<DateRow, 'id'>;
  terms: Table<TermRow, [string, string]>;
  indexQueue: EntityTable<IndexJobRow, 'clippingId'>;
  /** Read-only for code: written from `countQueue`, which every write to `entities` fills (see entityCountsQueued). */
  entityCounts: Table<EntityCountRow, [EntityKind, string]>;
  /** Changes to `entityCounts` not yet applied (see applyCountQueue). */
  countQueue: EntityTable<CountQueueRow, 'id'>;
  /** Saved articles' images (utils/media.ts). */
  media: Table<MediaRow, [string, string]>;
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
 * Filled on upgrade (by version 4's, countEntities); kept by the database on every write (utils/db-derived.ts).
 */
export const SCHEMA_V3 = { entityCounts: '[kind+key]' } as const;

/**
 * Version 4: the words of each entity's names in `entityCounts`, indexed (multiEntry), so a chip is one range read
 * of the count table where it sampled the postings and entity rows of 16 clippings; and the counts indexed, so the
 * most mentioned names are at hand when a short prefix names too many to read. Filled by countEntities, which
 * recounts every entity (version 3's upgrade, which counted without words, is folded into this one).
 */
export const SCHEMA_V4 = { entityCounts: '[kind+key], *words, clippings' } as const;

/**
 * Version 5:
 * - `countQueue`: each write to `entities` queues its changes to the counts in its own transaction; they are applied
 *   to `entityCounts` once it commits, off the save's path (utils/db-derived.ts). Nothing to fill on upgrade.
 * - `entities` loses two indexes no query used (`key`, `[clippingId+kind+key]`): each cost a write per entity row
 *   saved.
 */
export const SCHEMA_V5 = { entities: '++id, clippingId, [kind+key]', countQueue: '++id' } as const;

/**
 * Version 6:
 * - `media`: the images of each saved article, fetched once after it is saved, so the reader page shows them offline
 *   and without asking the news site again (utils/media.ts). Keyed [clippingId+url]; nothing to fill on upgrade.
 */
export const SCHEMA_V6 = { media: '[clippingId+url], clippingId' } as const;

/** One image of a saved article: its address in the article's HTML, and the bytes fetched from it. */
export interface MediaRow {
  clippingId: string;
  url: string;
  type: string;
  bytes: number;
  data: Blob;
}

export interface OpenOptions {
  /**
   * Apply queued count changes just after the transaction that queued them commits (default). Off only in tests of
   * a queue left behind, as a stopped service worker leaves it.
   */
  applyCounts?: boolean;
}

export function openDb(name = DB_NAME, options: OpenOptions = {}): ClipmarkDB {
  const db = new Dexie(name) as ClipmarkDB;
  db.version(1).stores(SCHEMA_V1);
  db.version(2)
    .stores(SCHEMA_V2)
    .upgrade(async (tx) => {
      const cards: ClippingCardRow[] = [];
      await tx.table('clippings').each((c: Clipping) => void cards.push(cardOf(c)));
      await tx.table('cards').bulkPut(cards);
    });
  // version 3's count table is filled by version 4's upgrade (from version 2, both run: counted once, with words)
  db.version(3).stores(SCHEMA_V3);
  db.version(4)
    .stores(SCHEMA_V4)
    .upgrade((tx) => countEntities(tx.table('entities'), tx.table('entityCounts')));
  db.version(5).stores(SCHEMA_V5);
  db.version(6).stores(SCHEMA_V6);
  // A new database has every clipping's head postings (none yet): search may read them at once. One made before they
  // existed is filled in the background (fillHeads, utils/search-heads.ts).
  db.on('populate', (tx) => void tx.table('terms').put(HEADS_DONE));
  db.use(cardsMirror);
  // counts follow each write that queued changes, once it commits (and, in the background, at start: applyCountQueue)
  let scheduled = false;
  const applyCounts = () => {
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      void applyCountQueue(db).catch((e) => {
        if (db.isOpen()) console.warn('[clipmark] entity counts:', String(e));
      });
    }, 0);
  };
  db.use(entityCountsQueued(options.applyCounts === false ? () => {} : applyCounts));
  return db;
}

// Kept in its own module so content scripts can fold names without loading Dexie.
export { foldKey } from '@/utils/fold';
