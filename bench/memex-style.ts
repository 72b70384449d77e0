import Dexie, { type Table } from 'dexie';
import type { Clipping, EntityRow } from '../utils/db';
import { indexTerms, parseQuery } from '../utils/search-text';

/**
 * A Memex-style index, for comparison in the same run (bench/search.bench.ts): as in Memex's
 * src/search/search-index-new, one row per page carries its terms in multiEntry arrays (`*terms` for
 * the text, `*titleTerms` for the title; entity names go with the title here, as Memex has no entities),
 * visit times live in a table of their own, and a query looks each word up in both indexes, intersects,
 * sorts by the latest visit and loads the top pages. Memex matches whole terms only; this one matches
 * the last word as a prefix (startsWith on the same index), so that it answers the same queries.
 * Tokenising is Clipmark's (indexTerms), so only the storage layout differs.
 */

interface PageRow {
  url: string;
  title: string;
  text: string;
  terms: string[];
  titleTerms: string[];
}
interface VisitRow {
  url: string;
  time: number;
}

export class MemexStyleDb extends Dexie {
  pages!: Table<PageRow, string>;
  visits!: Table<VisitRow, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ pages: 'url, *terms, *titleTerms', visits: 'url, time' });
  }
}

export function memexRow(c: Clipping, entities: EntityRow[]): { page: PageRow; visit: VisitRow } {
  const titleText = [c.title, ...entities.flatMap((e) => [e.canonical, ...e.surfaces])].join(' ');
  return {
    page: { url: c.id, title: c.title, text: c.text, terms: [...new Set(indexTerms(c.text))], titleTerms: [...new Set(indexTerms(titleText))] },
    visit: { url: c.id, time: c.savedAt },
  };
}

export async function memexAdd(db: MemexStyleDb, rows: { page: PageRow; visit: VisitRow }[]): Promise<void> {
  await db.transaction('rw', db.pages, db.visits, async () => {
    await db.pages.bulkPut(rows.map((r) => r.page));
    await db.visits.bulkPut(rows.map((r) => r.visit));
  });
}

/** Every word must match (in text or title), the last one as a prefix; newest first; the top `limit` pages loaded. */
export async function memexSearch(db: MemexStyleDb, query: string, limit = 20): Promise<PageRow[]> {
  const words = parseQuery(query);
  if (!words.length) return [];
  let ids = new Set<string>();
  let first = true;
  for (const w of words) {
    const lookup = (index: 'terms' | 'titleTerms') =>
      w.prefix ? db.pages.where(index).startsWith(w.text).primaryKeys() : db.pages.where(index).equals(w.text).primaryKeys();
    const [a, b] = await Promise.all([lookup('terms'), lookup('titleTerms')]);
    const hit: Set<string> = new Set([...a, ...b]);
    ids = first ? hit : new Set([...ids].filter((id) => hit.has(id)));
    first = false;
    if (!ids.size) return [];
  }
  const visits = await db.visits.bulkGet([...ids]);
  const top = visits
    .filter((v): v is VisitRow => !!v)
    .sort((x, y) => y.time - x.time)
    .slice(0, limit)
    .map((v) => v.url);
  return (await db.pages.bulkGet(top)).filter((p): p is PageRow => !!p);
}
