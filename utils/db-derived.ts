import type { DBCore, DBCoreMutateRequest, DBCoreTable, default as Dexie, EntityTable, Middleware, Table } from 'dexie';
import type { Clipping, ClippingCardRow, EntityCountRow, EntityKind, EntityRow } from '@/utils/db';
import { MIN_TERM_LENGTH, foldedTokens } from '@/utils/search-text';

/** Stores the database derives from others (cards, entity counts), how they are filled on upgrade and kept on every write, and the one-row-per-name rule for entities. */

/**
 * One entity row per clipping, kind and folded name: "São Paulo" and "Sao Paulo" in one article are one place
 * (surfaces joined, mentions added, the spelling mentioned most kept), so counting a name's rows counts clippings.
 */
export function mergeEntityRows(rows: EntityRow[]): EntityRow[] {
  const by = new Map<string, { row: EntityRow; most: number }>();
  for (const r of rows) {
    const k = `${r.clippingId}\u0000${r.kind}\u0000${r.key}`;
    const e = by.get(k);
    if (!e) by.set(k, { row: { ...r, surfaces: [...r.surfaces] }, most: r.mentions });
    else {
      const m = e.row;
      if (r.mentions > e.most) (m.canonical = r.canonical), (e.most = r.mentions);
      m.mentions += r.mentions;
      for (const x of r.surfaces) if (!m.surfaces.includes(x)) m.surfaces.push(x);
    }
  }
  return [...by.values()].map((e) => e.row);
}

/** Adds to `into` the folded words (2+ letters) of an entity row's names: its canonical name and surface forms. */
export function addNameWords(into: Set<string>, r: Pick<EntityRow, 'canonical' | 'surfaces'>): Set<string> {
  for (const name of [r.canonical, ...r.surfaces]) for (const w of foldedTokens(name)) if (w.length >= MIN_TERM_LENGTH) into.add(w);
  return into;
}

/**
 * Upgrade to version 4: count the rows of each entity and gather the words of its names, reading the rows in the
 * order they were written, 5,000 per request (139,219 rows, a 10,000-clipping archive: 3.0-4.0 s in Chromium, of
 * which the words about a tenth; a cursor took about 3.5 s without them). Once, in the background when the
 * extension is updated; a page that opens the database meanwhile waits for it.
 * Rows that earlier versions wrote twice for one clipping, kind and folded name are merged first (mergeEntityRows),
 * so that every count is a number of clippings.
 */
export async function countEntities(entities: EntityTable<EntityRow, 'id'>, counts: Table<EntityCountRow>, chunk = 5000): Promise<void> {
  const by = new Map<string, EntityCountRow>();
  const words = new Map<string, Set<string>>();
  /** clipping, kind and key -> the id of the first row; that id -> the later rows to merge into it. */
  const firstId = new Map<string, number>();
  const twins = new Map<number, EntityRow[]>();
  /** kind and key -> the id of the row whose spelling the count row keeps. */
  const spelledBy = new Map<string, number>();
  for (let after = -Infinity; ; ) {
    const rows = await entities.where(':id').above(after).limit(chunk).toArray();
    for (const e of rows) {
      const own = `${e.clippingId}\u0000${e.kind}\u0000${e.key}`;
      const k = `${e.kind}\u0000${e.key}`;
      words.set(k, addNameWords(words.get(k) ?? new Set(), e));
      const first = firstId.get(own);
      if (first !== undefined) {
        twins.set(first, [...(twins.get(first) ?? []), e]);
        continue;
      }
      firstId.set(own, e.id!);
      const c = by.get(k);
      if (c) c.clippings++;
      else {
        by.set(k, { kind: e.kind, key: e.key, canonical: e.canonical, clippings: 1, words: [] });
        spelledBy.set(k, e.id!);
      }
    }
    if (rows.length < chunk) break;
    after = rows[rows.length - 1]!.id!;
  }
  if (twins.size) {
    const firsts = await entities.bulkGet([...twins.keys()]);
    const merged = firsts.map((f) => mergeEntityRows([f!, ...twins.get(f!.id!)!])[0]!);
    await entities.bulkDelete([...twins.values()].flat().map((e) => e.id!));
    await entities.bulkPut(merged);
    // a merged row keeps the spelling mentioned most: so does its entity's count row, where that row gave the spelling
    for (const m of merged) {
      const k = `${m.kind}\u0000${m.key}`;
      if (spelledBy.get(k) === m.id) by.get(k)!.canonical = m.canonical;
    }
  }
  for (const [k, c] of by) c.words = [...words.get(k)!];
  await counts.clear();
  await counts.bulkPut([...by.values()]);
}

/** A clipping's card: what lists show of it. */
export function cardOf(c: Clipping): ClippingCardRow {
  return {
    id: c.id, url: c.url, title: c.title, siteName: c.siteName, byline: c.byline, excerpt: c.excerpt,
    publishedTime: c.publishedTime, isArticle: c.isArticle, savedAt: c.savedAt, updatedAt: c.updatedAt,
  };
}

/**
 * A middleware that keeps the store `derived` from every write to `source`, below every write path: a read-write
 * transaction on `source` also takes `derived`, and `mutate` is given each write to `source` to do and follow.
 */
function keptFrom(name: string, source: string, derived: string, mutate: (table: DBCoreTable, down: DBCore) => DBCoreTable['mutate']): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name,
    create: (down) => ({
      ...down,
      transaction: (stores, mode, options) =>
        down.transaction(mode === 'readwrite' && stores.includes(source) && !stores.includes(derived) ? [...stores, derived] : stores, mode, options),
      table: (n) => {
        const table = down.table(n);
        return n === source ? { ...table, mutate: mutate(table, down) } : table;
      },
    }),
  };
}

/** What one write to `entities` changes in one entity's count row: queued in that write's transaction (countQueue). */
export interface CountDelta {
  kind: EntityKind;
  key: string;
  canonical: string;
  /** Rows added minus rows removed. */
  n: number;
  /** Folded words of the names of the rows added. */
  words: string[];
}

export interface CountQueueRow {
  id?: number;
  deltas: CountDelta[];
}

/** Count changes gathered per entity (kind and folded name), before they are queued or applied. */
type Tally = Map<string, { kind: EntityKind; key: string; canonical: string; n: number; words: Set<string> }>;

/** The entry of an entity in a tally, made (nothing changed yet, its first spelling kept) if it has none. */
function tallyOf(t: Tally, e: Pick<EntityRow, 'kind' | 'key' | 'canonical'>) {
  const k = `${e.kind}\u0000${e.key}`;
  let d = t.get(k);
  if (!d) t.set(k, (d = { kind: e.kind, key: e.key, canonical: e.canonical, n: 0, words: new Set<string>() }));
  return d;
}

/**
 * Writes that touch `entities` also take `countQueue`, and each queues, in its own transaction, what it changes in
 * the counts of the entities it adds or removes. applyCountQueue brings them into `entityCounts` in a transaction of
 * its own: a save of a 5,000-word article names about a hundred entities, and reading and rewriting their count rows
 * (one request each) was 45-100 ms of the reader's wait in Chromium. The queue row is one request; the counts follow a
 * few milliseconds after the commit (`onQueued`, called when a transaction that queued deltas has committed), and a
 * queue left by a stopped service worker is applied at its next start. Every write is counted exactly once: the
 * apply reads, applies and deletes queue rows in one transaction.
 */
export function entityCountsQueued(onQueued: () => void): Middleware<DBCore> {
  const told = new WeakSet<object>();
  return keptFrom('EntityCounts', 'entities', 'countQueue', (table, down) =>
    async (req) => {
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
      const delta: Tally = new Map();
      const add = (r: EntityRow | undefined, n: number) => {
        if (!r) return;
        const d = tallyOf(delta, r);
        d.n += n;
        // the words of rows written: a surface form new to the entity ("Shoigu's") is found by the chips from now on
        if (n > 0) addNameWords(d.words, r);
      };
      if (req.type === 'add' || req.type === 'put') {
        const failed = new Set(Object.keys(res.failures).map(Number));
        const ok = (req.values as EntityRow[]).filter((_, i) => !failed.has(i));
        const replaced = new Set(ok.map((v) => v.id).filter((id) => id != null));
        for (const r of before) if (r && replaced.has(r.id!)) add(r, -1);
        for (const r of ok) add(r, 1);
      } else for (const r of before) add(r, -1);
      // a row replaced by one of the same entity changes no count, but may bring words
      const deltas: CountDelta[] = [...delta.values()].filter((d) => d.n !== 0 || d.words.size).map((d) => ({ ...d, words: [...d.words] }));
      if (!deltas.length) return res;
      // version 4's upgrade (from an older database) writes entities before the queue exists, and recounts every entity itself
      const idb = trans as unknown as IDBTransaction;
      if (!idb.objectStoreNames.contains('countQueue')) return res;
      await down.table('countQueue').mutate({ type: 'add', trans, values: [{ deltas } satisfies CountQueueRow] });
      if (!told.has(idb)) {
        told.add(idb);
        idb.addEventListener('complete', () => onQueued());
      }
      return res;
    });
}

/** The queued count changes, applied to `entityCounts` and removed from the queue, `batch` queue rows per transaction. Returns how many were applied. */
export async function applyCountQueue(
  db: Pick<Dexie, 'transaction'> & { countQueue: EntityTable<CountQueueRow, 'id'>; entityCounts: Table<EntityCountRow, [EntityKind, string]> },
  batch = 100,
): Promise<number> {
  let applied = 0;
  for (;;) {
    const n = await db.transaction('rw', [db.countQueue, db.entityCounts], async () => {
      const rows = await db.countQueue.limit(batch).toArray();
      if (!rows.length) return 0;
      const merged: Tally = new Map();
      for (const d of rows.flatMap((r) => r.deltas)) {
        const m = tallyOf(merged, d);
        m.n += d.n;
        for (const w of d.words) m.words.add(w);
      }
      const changes = [...merged.values()];
      const keys = changes.map((d) => [d.kind, d.key] as [EntityKind, string]);
      const now = await db.entityCounts.bulkGet(keys);
      const put: EntityCountRow[] = [];
      const del: [EntityKind, string][] = [];
      changes.forEach((d, i) => {
        const was = now[i];
        const n = (was?.clippings ?? 0) + d.n;
        const had = was?.words ?? [];
        const more = [...d.words].filter((w) => !had.includes(w));
        if (n <= 0) {
          if (was) del.push(keys[i]!);
        } else if (n !== was?.clippings || more.length) {
          put.push({ kind: d.kind, key: d.key, canonical: was?.canonical ?? d.canonical, clippings: n, words: [...had, ...more] });
        }
      });
      if (put.length) await db.entityCounts.bulkPut(put);
      if (del.length) await db.entityCounts.bulkDelete(del);
      await db.countQueue.bulkDelete(rows.map((r) => r.id!));
      return rows.length;
    });
    applied += n;
    if (n < batch) return applied;
  }
}

/** Keeps `cards` equal to `clippings`: each add, put, delete or range delete of clippings is repeated on cards. */
export const cardsMirror = keptFrom('ClippingCards', 'clippings', 'cards', (table, down) =>
  async (req) => {
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
  });

