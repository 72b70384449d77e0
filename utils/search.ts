import { type Annotation, type ClipmarkDB, type Clipping, type EntityKind, type EntityRow, type TermRow } from '@/utils/db';
import { MOST_MENTIONED, clippingsNamingEntity } from '@/utils/entity-match';
import { addHeads, hasHeads, headRange, headRows } from '@/utils/search-heads';
import { FIELD, HIGH, earlyHighs, fieldWeight, headPostings, headsComplete, highProbeLimit, hasCachedRow, mostMentioned, postings, recency, recencyOrder, resetSessions, searchRows, siteNames, toProbe, warmRows, type Probe, type SearchRow } from '@/utils/search-postings';

export { siteNames };
import {
  foldedForTokens,
  hasToken,
  indexTerms,
  matchesAsPrefix,
  matchable,
  matcher,
  markAll,
  parseQuery,
  prepareMatchers,
  snippet,
  type Matcher,
  type QueryWord,
  type Segment,
} from '@/utils/search-text';


/*
 * The search index: one compact posting row per (term, clipping) in `terms`, keyed [term+clippingId]
 * (format and reads in search-postings.ts; tokenising, query parsing and snippets in search-text.ts).
 *
 * How this differs from Memex (src/search/search-index-new: each page row carries `*terms`,
 * `*titleTerms`, `*urlTerms` multiEntry arrays, looked up with where(index).equals(term) per index and
 * intersected; rank = a 1 / 1.1 / 1.2 multiplier for content / url / title, then time):
 * - Postings live apart from the clipping. Memex rewrites the whole page row and all its multiEntry keys
 *   on every change; indexClipping diffs old postings against new and writes only what changed, so
 *   adding a note rewrites a handful of rows, not the article.
 * - One row per term holds a field bit mask (title, body, highlight, note, entity) and a weighted count:
 *   one range read per word gives every field, where Memex needs three lookups per term, and highlights,
 *   notes and entity names are searchable with the article (Memex searches annotations separately).
 * - Prefix matching on the last word is one key range ([p, p\uffff]) of the same primary key; Memex
 *   matches whole terms only.
 * - Bounded work per keystroke. A whole word or a prefix of 4+ letters whose first rows are not all of it is
 *   counted, and read whole when it is in at most FULL_READ clippings (then every longer prefix typed next is
 *   answered from memory). A word read past its probe limit otherwise is "broad" (known from its count or its
 *   HIGH rows, without reading its main postings). Candidates come from the complete (selective) words; a broad
 *   word is resolved through a second small namespace of postings (HIGH + term: title, highlight, note and entity
 *   terms only) and otherwise checked on the title and text of the few clippings that are loaded to be shown.
 *   Every title/highlight/entity hit outranks any body-only hit. A word of 2-4 letters alone, the broadest typed,
 *   is answered by a third namespace that is ordered by weight then recency (head postings, search-heads.ts): its
 *   first results exactly, in one short read. Where a broad word's high-weight hits are more than it reads
 *   (200-400), those read rank it: for a prefix of 2-4 letters its first head postings (the newest title hits),
 *   for a longer word its first HIGH rows, in term then clipping order (not the newest). Any other word alone
 *   whose HIGH postings are all read and fill the page is answered from them while the rest of its postings is
 *   still being read (kept for the next word typed).
 * - A per-page session cache (popup): ranges read once are reused while typing, and a longer prefix is
 *   filtered from a shorter one read completely; clipping rows read to verify and show are kept without
 *   their HTML; Dexie's storagemutated event clears it on writes.
 *   Nothing is rebuilt when the popup opens: prepareSearch only reads the light `cards` rows' keys (recency order
 *   and site names).
 * - Ranking: sum over query words of the best field weight, then newer savedAt. Snippets are structured
 *   segments ({text, mark}), never HTML.
 */

/** Postings read per word before the word counts as broad. */
export const PROBE_LIMIT = 800;
/** A short prefix is rarely complete within the limit: read less of it ("st" -> 200 rows). */
export function probeLimit(w: QueryWord): number {
  if (!w.prefix) return PROBE_LIMIT;
  return w.text.length <= 2 ? 200 : w.text.length === 3 ? 400 : PROBE_LIMIT;
}
/** Candidates at most this many are ranked by loading them; more, by the session's recency order. */
const LOAD_TO_RANK = 64;
/** How far a broad query walks the savedAt index before it stops looking for more results. */
const SCAN_LIMIT = 1500;

/**
 * Read ahead what the first keystrokes need (call once the popup is idle; nothing is rebuilt): the accent
 * table, the session's recency order (keys only), which every broad query ranks by, and the most mentioned
 * entities, from which the entity chips of a short prefix are mostly answered (entity-match.ts).
 */
export async function prepareSearch(db: ClipmarkDB): Promise<void> {
  prepareMatchers();
  await Promise.all([recency(db), headsComplete(db), mostMentioned(db, MOST_MENTIONED)]);
}

/**
 * Read the newest clippings' rows into the session (broad words are checked on them first). Call when typing
 * pauses: IndexedDB answers one request after another, and these 256 rows would hold up the reads of the searches
 * typed meanwhile.
 */
export function warmSearch(db: ClipmarkDB): Promise<void> {
  return warmRows(db);
}

/** The first postings of each query word (shared with a search of the same words started meanwhile). */
function probeWords(db: ClipmarkDB, words: QueryWord[], fullRead?: number): Promise<Probe[]> {
  return Promise.all(words.map((w) => postings(db, w.text, w.prefix, probeLimit(w), fullRead)));
}

/** Whether a search of these words is answered by head postings first (one word of 2-4 letters typed, no filter). */
function headsAnswer(words: QueryWord[], filtered: boolean): boolean {
  return words.length === 1 && hasHeads(words[0]!.text, words[0]!.prefix) && !filtered;
}

/**
 * Start reading what a search of `query` reads first, before the page renders the keystroke: IndexedDB works while
 * the page renders, and the search started after the render finds these reads in flight (they are shared).
 * `filtered`: the search has a filter (entity, kind, site or dates).
 */
export function primeSearch(db: ClipmarkDB, query: string, { limit = 20, filtered = false }: { limit?: number; filtered?: boolean } = {}): void {
  const words = parseQuery(query);
  if (!words.length) return;
  const heads = headsAnswer(words, filtered);
  // head postings where they are complete (known once per session: the first keystroke reads both)
  if (heads) void headsComplete(db).then((ok): Promise<unknown> => (ok ? headPostings(db, headRange(words[0]!.text), limit) : probeWords(db, words))).catch(() => {});
  else {
    void probeWords(db, words).catch(() => {});
    if (words.some(sampledByHeads)) void headsComplete(db).then((ok): unknown => ok && Promise.all(words.map((w) => headSample(db, w)))).catch(() => {});
  }
}

/** Whether a word's high-weight hits are sampled from its head postings when it is broad (a prefix of 2-4 letters). */
function sampledByHeads(w: QueryWord): boolean {
  return hasHeads(w.text, w.prefix);
}

/**
 * The high-weight hits of a short prefix for the broad step, from its head postings (call once they are complete): the
 * first ones by weight then recency, the same size as the HIGH read it replaces, which (by term, then clipping id) gives
 * an arbitrary sample of them where there are more. The newest title hits rank first, and are the rows most likely
 * read already. Null for a word without head postings.
 */
function headSample(db: ClipmarkDB, w: QueryWord): Promise<Probe> | null {
  if (!sampledByHeads(w)) return null;
  const n = highProbeLimit(w.text, w.prefix);
  return headPostings(db, headRange(w.text), n + 1).then((rows) => toProbe(rows.slice(0, n), rows.length <= n));
}

/** Forget what this page cached for search (a new popup session starts with nothing). */
export function resetSearchCache(db?: ClipmarkDB): void {
  resetSessions(db);
}

export interface SearchFilters {
  /** An entity chip: only clippings that mention this entity. */
  entity?: { kind: EntityKind; key: string } | null;
  /** Only clippings where the query words name an entity of this kind (ignored with an empty query). */
  kind?: EntityKind | null;
  /** Clipping.siteName, exactly. */
  site?: string | null;
  /** Inclusive ISO days ("2024-04-01"); on savedAt (UTC day) or publishedTime. */
  from?: string | null;
  to?: string | null;
  dateField?: 'saved' | 'published';
}

export interface SearchOptions {
  limit?: number;
  /** A newer keystroke aborts this search; it then resolves to []. */
  signal?: AbortSignal;
  /** Postings a word may have and still be read whole (default FULL_READ; 0: every word past its probe limit stays broad). */
  fullRead?: number;
  /** Called with a label after each stage (benchmarks). */
  trace?: (stage: string) => void;
}

export interface SearchResult {
  id: string;
  title: string;
  url: string;
  siteName: string | null;
  savedAt: number;
  publishedTime: string | null;
  score: number;
  titleSegments: Segment[];
  snippet: Segment[];
}

// ---------------------------------------------------------------- indexing

interface Sources {
  clipping: Clipping;
  annotations: Annotation[];
  entities: EntityRow[];
}

/** The posting rows of one clipping (all three namespaces: main, HIGH and head, see search-heads.ts). Pure. */
export function postingsFor({ clipping, annotations, entities }: Sources): TermRow[] {
  const acc = new Map<string, { fields: number; score: number }>();
  const add = (text: string | null | undefined, field: number) => {
    if (!text) return;
    const w = fieldWeight(field);
    for (const t of indexTerms(text)) {
      const p = acc.get(t);
      if (p) {
        p.fields |= field;
        p.score = Math.min(p.score + w, 65535);
      } else acc.set(t, { fields: field, score: w });
    }
  };
  add(clipping.title, FIELD.title);
  add(clipping.text, FIELD.body);
  for (const a of annotations) {
    for (const s of a.selectors) if (s.type === 'TextQuoteSelector') add(s.exact, FIELD.highlight);
    add(a.note, FIELD.note);
  }
  for (const e of entities) {
    add(e.canonical, FIELD.entity);
    for (const s of e.surfaces) add(s, FIELD.entity);
  }
  const rows: TermRow[] = [];
  const heads = new Map<string, number>();
  for (const [term, p] of acc) {
    rows.push({ term, clippingId: clipping.id, fields: p.fields, score: p.score });
    if (p.fields & ~FIELD.body) {
      rows.push({ term: HIGH + term, clippingId: clipping.id, fields: p.fields, score: p.score });
      addHeads(heads, term, p.fields);
    }
  }
  return rows.concat(headRows(clipping.id, clipping.savedAt, heads));
}

/** What changes between a clipping's stored postings and its new ones: rows to put, keys to delete. Pure. */
export function diffPostings(clippingId: string, old: TermRow[], next: TermRow[]): { put: TermRow[]; del: [string, string][] } {
  const before = new Map(old.map((r) => [r.term, r]));
  const put = next.filter((r) => {
    const o = before.get(r.term);
    return !o || o.fields !== r.fields || o.score !== r.score;
  });
  const keep = new Set(next.map((r) => r.term));
  const del = old.filter((r) => !keep.has(r.term)).map((r) => [r.term, clippingId] as [string, string]);
  return { put, del };
}

/** The stored postings of a clipping and the ones it should have now (none when it no longer exists). */
export async function readPostings(db: ClipmarkDB, clippingId: string): Promise<{ old: TermRow[]; next: TermRow[] }> {
  const [clipping, old, annotations, entities] = await Promise.all([
    db.clippings.get(clippingId),
    db.terms.where('clippingId').equals(clippingId).toArray(),
    db.annotations.where('clippingId').equals(clippingId).toArray(),
    db.entities.where('clippingId').equals(clippingId).toArray(),
  ]);
  return { old, next: clipping ? postingsFor({ clipping, annotations, entities }) : [] };
}

/**
 * (Re)index one clipping from the db, in one transaction: only changed rows are written; a clipping that no
 * longer exists is removed from the index. The background does this in an index job after the save
 * (utils/index-queue.ts); imports and tests call it directly.
 */
export async function indexClipping(db: ClipmarkDB, clippingId: string): Promise<{ written: number; deleted: number }> {
  return db.transaction('rw', [db.clippings, db.annotations, db.entities, db.terms], async () => {
    const { old, next } = await readPostings(db, clippingId);
    const { put, del } = diffPostings(clippingId, old, next);
    if (del.length) await db.terms.bulkDelete(del);
    if (put.length) await (old.length ? db.terms.bulkPut(put) : db.terms.bulkAdd(put));
    return { written: put.length, deleted: del.length };
  });
}

/** Drop every posting of a clipping (call when it is deleted). */
export async function removeFromIndex(db: ClipmarkDB, clippingId: string): Promise<void> {
  await db.transaction('rw', db.terms, async () => {
    const keys = await db.terms.where('clippingId').equals(clippingId).primaryKeys();
    await db.terms.bulkDelete(keys);
  });
}

// ---------------------------------------------------------------- querying
interface Cand {
  score: number;
  /** Indexes of broad words still to be found in the body text. */
  pending: number[];
  /** Union of the fields the words matched in (known ones). */
  fields: number;
}

function intersect(a: Set<string> | null, b: Iterable<string>): Set<string> {
  const bs = b instanceof Set ? (b as Set<string>) : new Set(b);
  if (!a) return bs;
  return new Set([...a].filter((x) => bs.has(x)));
}

function dayStart(iso: string): number {
  return Date.parse(`${iso.length === 4 ? `${iso}-01-01` : iso.length === 7 ? `${iso}-01` : iso}T00:00:00Z`);
}
function dayEnd(iso: string): number {
  if (iso.length === 4) return Date.parse(`${+iso + 1}-01-01T00:00:00Z`) - 1;
  if (iso.length === 7) {
    const [y, m] = iso.split('-').map(Number) as [number, number];
    return Date.UTC(y, m, 1) - 1;
  }
  return Date.parse(`${iso}T00:00:00Z`) + 86_400_000 - 1;
}

/**
 * Search as you type. Every word must match (the last one as a prefix), ranked by field weights then
 * newer savedAt, each result with its title and a snippet as marked segments.
 */
export async function search(
  db: ClipmarkDB,
  query: string,
  filters: SearchFilters = {},
  options: SearchOptions = {},
): Promise<SearchResult[]> {
  const limit = options.limit ?? 20;
  const aborted = () => options.signal?.aborted === true;
  const words = parseQuery(query);

  let allowed: Set<string> | null = null;
  if (filters.entity) {
    const rows = await db.entities.where('[kind+key]').equals([filters.entity.kind, filters.entity.key]).toArray();
    allowed = intersect(allowed, rows.map((r) => r.clippingId));
  }
  if (filters.site) allowed = intersect(allowed, await db.clippings.where('siteName').equals(filters.site).primaryKeys());
  if (filters.kind && words.length) allowed = intersect(allowed, await clippingsNamingEntity(db, query, filters.kind));
  const saved = (filters.dateField ?? 'saved') === 'saved';
  const from = filters.from || null;
  const to = filters.to || null;
  if (!words.length && !allowed && !from && !to) return [];
  if (aborted()) return [];

  const rowOk = (c: SearchRow) => {
    if (filters.site && c.siteName !== filters.site) return false;
    if (saved) return (!from || c.savedAt >= dayStart(from)) && (!to || c.savedAt <= dayEnd(to));
    const p = c.publishedTime?.slice(0, 10) ?? null;
    if ((from || to) && !p) return false;
    return (!from || p! >= from) && (!to || p!.slice(0, to.length) <= to);
  };

  const trace = options.trace ?? (() => {});
  trace('filters');
  let headsRead: Probe | null = null;
  if (headsAnswer(words, !!allowed || !!from || !!to) && (await headsComplete(db))) {
    // One word of 2-4 letters and no filter: its first head postings are its first results, in order, when there are
    // `limit` of them (fewer: every high-weight hit is there, and body-only hits come after them; read on below).
    const top = await headPostings(db, headRange(words[0]!.text), limit);
    if (aborted()) return [];
    // fewer: these are all of its high-weight hits, the broad step's sample below
    if (top.length < limit) headsRead = toProbe(top, true);
    else {
      const rows = await searchRows(db, top.map((h) => h.clippingId));
      trace('heads');
      if (aborted()) return [];
      const picked: Picked[] = [];
      top.forEach((h, i) => rows[i] && picked.push({ c: rows[i]!, score: fieldWeight(h.fields), fields: h.fields }));
      // equal weight and time: by descending id, as the recency order
      picked.sort((a, b) => b.score - a.score || b.c.savedAt - a.c.savedAt || (a.c.id < b.c.id ? 1 : a.c.id > b.c.id ? -1 : 0));
      return toResults(db, picked, words);
    }
  }
  if (words.length === 1 && !allowed && !from && !to) {
    // One word and no filter: when its high-weight hits are all known and fill the page, they are its first results
    // (every one outranks a body-only hit), ranked in memory, while the rest of its postings is still being read.
    const w = words[0]!;
    const high = await earlyHighs(db, w.text, w.prefix, probeLimit(w), options.fullRead);
    if (aborted()) return [];
    if (high && high.hits.size >= limit) {
      const { pos } = await recencyOrder(db);
      const top = [...high.hits]
        .filter(([id]) => pos.has(id))
        .sort((a, b) => fieldWeight(b[1]) - fieldWeight(a[1]) || pos.get(a[0])! - pos.get(b[0])!)
        .slice(0, limit);
      const rows = await searchRows(db, top.map(([id]) => id));
      trace('high first');
      if (aborted()) return [];
      // a clipping deleted meanwhile: the plain way below fills the page
      if (rows.every(Boolean)) return toResults(db, top.map(([, fields], i) => ({ c: rows[i]!, score: fieldWeight(fields), fields })), words);
    }
  }
  const probing = probeWords(db, words, options.fullRead);
  probing.catch(() => {});
  // read with the probes: the head postings of short prefixes, in case they are broad
  const samples = headsRead ? [Promise.resolve(headsRead)] : words.some(sampledByHeads) && (await headsComplete(db)) ? words.map((w) => headSample(db, w)) : [];
  for (const p of samples) p?.catch(() => {});
  const probes = await probing;
  trace('probes');
  if (aborted()) return [];
  const broad = words.map((_, i) => i).filter((i) => !probes[i]!.complete);
  const high = new Map<number, Map<string, number>>();
  const highs = await Promise.all(broad.map((i) => samples[i] ?? postings(db, HIGH + words[i]!.text, words[i]!.prefix, highProbeLimit(words[i]!.text, words[i]!.prefix), options.fullRead)));
  broad.forEach((i, j) => high.set(i, highs[j]!.hits));

  /** Score a clipping on the broad words: from HIGH postings, or pending a check on the title and text. */
  const scoreBroad = (id: string, c: Cand) => {
    for (const i of broad) {
      const f = high.get(i)!.get(id);
      if (f !== undefined) {
        c.score += fieldWeight(f);
        c.fields |= f;
      } else {
        // the first postings read for the word prove it for the clippings they name, with the fields they know (a
        // title hit that the head postings read did not reach); the others are checked on the title and text
        const seen = probes[i]!.hits.get(id);
        c.score += seen === undefined ? 1 : fieldWeight(seen);
        if (seen !== undefined) c.fields |= seen;
        else c.pending.push(i);
      }
    }
    return c;
  };

  const cands = new Map<string, Cand>();
  let rest = false;
  const selective = words.map((_, i) => i).filter((i) => probes[i]!.complete);
  if (selective.length) {
    selective.sort((a, b) => probes[a]!.hits.size - probes[b]!.hits.size);
    for (const [id] of probes[selective[0]!]!.hits) {
      if (allowed && !allowed.has(id)) continue;
      let score = 0;
      let fields = 0;
      let ok = true;
      for (const i of selective) {
        const f = probes[i]!.hits.get(id);
        if (f === undefined) {
          ok = false;
          break;
        }
        score += fieldWeight(f);
        fields |= f;
      }
      if (ok) cands.set(id, scoreBroad(id, { score, pending: [], fields }));
    }
  } else if (allowed) {
    for (const id of allowed) cands.set(id, scoreBroad(id, { score: 0, pending: [], fields: 0 }));
  } else {
    // Only broad words (or only a date range): clippings with a high-field hit rank first, the rest follow
    // newest first with every word checked on the text.
    for (const i of broad) for (const id of high.get(i)!.keys()) if (!cands.has(id)) cands.set(id, scoreBroad(id, { score: 0, pending: [], fields: 0 }));
    rest = true;
  }

  trace('high');
  /**
   * A broad word not proven by the postings read is checked on the clipping's folded title and text, token by token as
   * the index sees them (indexOf, no regex). Its candidate was scored as a body hit: returns what a title hit adds to
   * that, or -1 when a word is in neither. (A word found only in one of the reader's notes is not seen here: that needs
   * the HIGH postings, which a broad word has read only in part.)
   */
  const verify = (c: SearchRow, pending: number[]): number => {
    let gain = 0;
    for (const i of pending) {
      if (hasToken(foldedTitle(c), words[i]!)) gain += TITLE_WEIGHT - 1;
      else if (!hasToken(foldedText(c), words[i]!)) return -1;
    }
    return gain;
  };
  let regained = false;

  const picked: Picked[] = [];
  // Ranking happens in memory: score, then newer first. Few candidates: load them and sort by savedAt;
  // many: sort by their position in the session's recency order, then load only what is shown.
  const few = !rest && cands.size <= LOAD_TO_RANK;
  const { ids: order, pos: orderPos } = few ? { ids: [], pos: new Map<string, number>() } : await recencyOrder(db);
  if (aborted()) return [];
  let pos = orderPos;
  const loaded = new Map<string, SearchRow>();
  if (few) {
    pos = new Map();
    const rows = await searchRows(db, [...cands.keys()]);
    for (const c of rows) if (c) (pos.set(c.id, -c.savedAt), loaded.set(c.id, c));
  }
  /**
   * A whole word still to be checked on a clipping whose row is not in memory is looked up in the postings
   * first ([word, clippingId]: a small row, where the clipping's is its whole text and HTML). A clipping without
   * it is never loaded; with it, the word needs no check on the text. Prefixes cannot be looked up this way.
   */
  const whole = words.map((w) => !matchesAsPrefix(w));
  const screen = async (batch: string[], cand: (id: string) => Cand) => {
    const asks: [string, number][] = [];
    for (const id of batch) if (!loaded.has(id) && !hasCachedRow(db, id)) for (const i of cand(id).pending) if (whole[i]) asks.push([id, i]);
    const absent = new Set<string>();
    const proven = new Set<string>();
    if (!asks.length) return { absent, proven };
    const found = await db.terms.bulkGet(asks.map(([id, i]) => [words[i]!.text, id] as [string, string]));
    asks.forEach(([id, i], j) => (found[j] ? proven.add(`${i}:${id}`) : absent.add(id)));
    return { absent, proven };
  };
  /** Load rows in order, 32 at a time, keeping those that pass the filters and the body checks. */
  const take = async (ids: string[], cand: (id: string) => Cand, stopAfter = Infinity) => {
    // Rows that need no check (every word proven by the postings, no site or date filter) all pass: the first batch
    // is the page, no more. Otherwise 32 rows first. A batch that did not fill the page doubles the next (fewer round
    // trips on long scans).
    const sure = !filters.site && !from && !to && ids.slice(0, limit - picked.length).every((id) => !cand(id).pending.length);
    for (let i = 0, size = sure ? limit - picked.length : 32; i < ids.length && i < stopAfter && picked.length < limit; i += size, size = Math.min(Math.max(size * 2, 32), 256)) {
      const next = ids.slice(i, Math.min(i + size, stopAfter));
      const { absent, proven } = await screen(next, cand);
      const batch = next.filter((id) => !absent.has(id));
      const rows = batch.every((id) => loaded.has(id)) ? batch.map((id) => loaded.get(id)) : await searchRows(db, batch);
      if (aborted()) return;
      for (const c of rows) {
        if (!c || !rowOk(c)) continue;
        const k = cand(c.id);
        const gain = verify(c, k.pending.filter((w) => !proven.has(`${w}:${c.id}`)));
        if (gain > 0) regained = true;
        if (gain >= 0) picked.push({ c, score: k.score + gain, fields: gain ? k.fields | FIELD.title : k.fields });
        if (picked.length >= limit) return;
      }
    }
  };
  const ranked = [...cands.keys()]
    .filter((id) => pos.has(id))
    .sort((a, b) => cands.get(b)!.score - cands.get(a)!.score || pos.get(a)! - pos.get(b)!);
  await take(ranked, (id) => cands.get(id)!);
  if (rest && picked.length < limit) {
    const restCand: Cand = { score: words.length, pending: words.map((_, i) => i), fields: FIELD.body };
    // the first SCAN_LIMIT clippings in recency order that are not candidates already
    const others: string[] = [];
    for (const id of order) {
      if (others.length >= SCAN_LIMIT) break;
      if (!cands.has(id)) others.push(id);
    }
    await take(others, () => restCand, SCAN_LIMIT);
  }
  trace('rank');
  if (aborted()) return [];
  // title hits found on the rows loaded rank as title hits among the results shown
  if (regained) picked.sort((a, b) => b.score - a.score || (pos.get(a.c.id) ?? 0) - (pos.get(b.c.id) ?? 0));
  return toResults(db, picked, words);
}

const TITLE_WEIGHT = fieldWeight(FIELD.title);

/** A clipping chosen for the results, with its score and the fields its words matched in. */
interface Picked {
  c: SearchRow;
  score: number;
  fields: number;
}

/** The results of the clippings picked, in their order, titles and snippets marked for the query words. */
function toResults(db: ClipmarkDB, picked: Picked[], words: QueryWord[]): Promise<SearchResult[]> {
  const m = words.length ? matcher(words) : null;
  return Promise.all(picked.map(({ c, score, fields }) => toResult(db, c, score, m, fields)));
}

// Per row object (rows are cached for the popup session): the text as the matchers and as the index see it.
const matchables = new WeakMap<SearchRow, string>();
const foldeds = new WeakMap<SearchRow, string>();
function matchableText(c: SearchRow): string {
  let t = matchables.get(c);
  if (t === undefined) matchables.set(c, (t = matchable(c.text)));
  return t;
}
const foldedTitles = new WeakMap<SearchRow, string>();
function foldedTitle(c: SearchRow): string {
  let t = foldedTitles.get(c);
  if (t === undefined) foldedTitles.set(c, (t = foldedForTokens(c.title)));
  return t;
}
function foldedText(c: SearchRow): string {
  let t = foldeds.get(c);
  if (t === undefined) foldeds.set(c, (t = foldedForTokens(c.text)));
  return t;
}

async function toResult(db: ClipmarkDB, c: SearchRow, score: number, m: Matcher | null, fields: number): Promise<SearchResult> {
  let segs: Segment[] | null = null;
  if (m) {
    segs = snippet(matchableText(c), m);
    // the reader's own words, when a word matched only there
    if (!segs && fields & (FIELD.highlight | FIELD.note)) {
      const notes = await db.annotations.where('clippingId').equals(c.id).toArray();
      for (const a of notes) {
        const quote = a.selectors.find((s) => s.type === 'TextQuoteSelector');
        const text = [quote?.type === 'TextQuoteSelector' ? `“${quote.exact}”` : '', a.note].filter(Boolean).join(' — ');
        segs = snippet(matchable(text), m);
        if (segs) break;
      }
    }
  }
  const plain = (c.excerpt || c.text).slice(0, 180);
  return {
    id: c.id,
    title: c.title,
    url: c.url,
    siteName: c.siteName,
    savedAt: c.savedAt,
    publishedTime: c.publishedTime,
    score,
    titleSegments: m ? markAll(c.title, m) : [{ text: c.title, mark: false }],
    snippet: segs ?? (plain ? [{ text: plain, mark: false }] : []),
  };
}
