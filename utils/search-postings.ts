import Dexie, { type Collection, type Table } from 'dexie';
import type { ClipmarkDB, Clipping, EntityCountRow, TermRow } from '@/utils/db';

/** The posting format (fields, weights, the HIGH namespace) and how postings are read, with a session cache. */

export const FIELD = { title: 1, body: 2, highlight: 4, note: 8, entity: 16 } as const;
const WEIGHT: [number, number][] = [
  [FIELD.title, 8],
  [FIELD.highlight, 4],
  [FIELD.note, 4],
  [FIELD.entity, 4],
  [FIELD.body, 1],
];
/** Namespace of the second posting list: terms that occur in high-weight fields. Sorts before letters. */
export const HIGH = '\u0002';
/** Namespace of head postings (search-heads.ts): sorts after HIGH and before letters. */
export const HEAD = '\u0003';
/**
 * The marker row of head postings: term HEAD_STATE, clipping id "done" once every clipping has them, or "after:" and
 * the last 2-letter prefix built while search-heads.ts's fillHeads fills them.
 */
export const HEAD_STATE = HEAD + '\u0000';
export const HEADS_DONE: TermRow = { term: HEAD_STATE, clippingId: 'done', fields: 0, score: 0 };

/** Whether every clipping's head postings are written. */
export async function headsReady(terms: Table<TermRow, [string, string]>): Promise<boolean> {
  return (await terms.get([HEAD_STATE, HEADS_DONE.clippingId])) !== undefined;
}
/** The weight of every field mask (5 bits), looked up: ranking asks it for each candidate and word. */
const WEIGHTS = Uint8Array.from({ length: 32 }, (_, fields) => WEIGHT.find(([bit]) => fields & bit)?.[1] ?? 0);
export function fieldWeight(fields: number): number {
  return WEIGHTS[fields & 31]!;
}

export interface Probe {
  /** clippingId -> OR of fields over the word's terms. */
  hits: Map<string, number>;
  complete: boolean;
}

export function range(term: string, prefix: boolean): [[string, string], [string, string]] {
  return prefix ? [[term, ''], [term + '\uffff', '']] : [[term, ''], [term, '\uffff']];
}

/*
 * Per-database session cache, for the life of the page (the popup): posting ranges already read, and the
 * recency order of clippings. Typing "damascus str" after "damascus st" reads nothing again: "damascus"
 * is cached and, once a prefix range was read completely, longer prefixes are filtered from it in memory.
 * The clipping rows that search loaded to check, rank and show are kept too, without their HTML, so the
 * next keystroke (mostly the same results) reads nothing from the database.
 * Dexie's storagemutated event (fired across extension contexts through BroadcastChannel) drops what a
 * write made stale: postings when `terms` changes, the recency order and the rows when `clippings` changes.
 */
/** What a probe keeps of a posting row. */
type Hit = Pick<TermRow, 'term' | 'clippingId' | 'fields'>;
interface CachedRange {
  term: string;
  prefix: boolean;
  limit: number;
  rows: Hit[];
  complete: boolean;
  /** Probes made of it, by the limit asked (-1: all rows, for a complete range): each keystroke asks again. */
  probes?: Map<number, Probe>;
}
interface Session {
  ranges: CachedRange[];
  recency: Promise<Overview> | null;
  sites: Promise<string[]> | null;
  rows: Map<string, SearchRow>;
  /** Characters of text held in `rows`. */
  chars: number;
  /** Range reads in flight. */
  reading: Map<string, Reading>;
  /** Ranges of the entity count table's word index read for the entity chips, by word; `named` the settled ones. */
  names: Map<string, Promise<NameRange>>;
  named: NameRange[];
  /** The most mentioned entities, by how many were read. */
  top: Map<number, Promise<EntityCountRow[]>>;
  /** The same, once read. */
  topRead: Map<number, EntityCountRow[]>;
  /** Head postings read, by prefix and count, and whether they are complete (see search-heads.ts). */
  heads: Map<string, Promise<TermRow[]>>;
  headsReady: Promise<boolean> | null;
}
/** A range read in flight: all of it, and a word's HIGH rows as soon as all are read (before its keys), else null. */
interface Reading {
  all: Promise<{ rows: Hit[]; complete: boolean }>;
  highs: Promise<Hit[] | null>;
}
interface NameRange {
  word: string;
  prefix: boolean;
  rows: EntityCountRow[];
  complete: boolean;
}
interface Overview {
  /** Clipping ids, newest saved first. */
  ids: string[];
  /** Each id's place in `ids`. */
  pos: Map<string, number>;
}
/** What search reads of a clipping: everything but the HTML. */
export type SearchRow = Omit<Clipping, 'html'>;
/** Text kept in the row cache, in characters (about 2 bytes each). */
const ROW_CACHE_CHARS = 16_000_000;
const sessions = new Map<string, Session>();
let listening = false;

function session(db: ClipmarkDB): Session {
  if (!listening) {
    listening = true;
    Dexie.on('storagemutated', (parts) => {
      for (const key of Object.keys(parts)) {
        const m = /^idb:\/\/([^/]+)\/([^/]+)/.exec(key);
        const s = m && sessions.get(m[1]!);
        if (!s) continue;
        if (m[2] === 'terms') {
          s.ranges = [];
          s.reading.clear();
          s.heads = new Map();
          s.headsReady = null;
        }
        if (m[2] === 'entities' || m[2] === 'entityCounts') {
          s.names = new Map();
          s.named = [];
          s.top = new Map();
          s.topRead = new Map();
        }
        if (m[2] === 'clippings') {
          s.recency = null;
          s.sites = null;
          s.rows = new Map();
          s.chars = 0;
        }
      }
    });
  }
  let s = sessions.get(db.name);
  if (!s) {
    s = { ranges: [], recency: null, sites: null, rows: new Map(), chars: 0, reading: new Map(), names: new Map(), named: [], top: new Map(), topRead: new Map(), heads: new Map(), headsReady: null };
    sessions.set(db.name, s);
  }
  return s;
}

/** Forget cached postings and recency order. */
export function resetSessions(db?: ClipmarkDB): void {
  if (db) sessions.delete(db.name);
  else sessions.clear();
}

/**
 * Clipping ids newest saved first, once per session: the keys of the `cards` savedAt index (keys only: 10,000
 * ids in 60-90 ms in Chromium with next to no work on the page, where reading the 10,000 cards takes 160-220 ms
 * and long tasks to deserialise them).
 */
function overview(db: ClipmarkDB): Promise<Overview> {
  const s = session(db);
  if (!s.recency) {
    const p = db.cards.orderBy('savedAt').primaryKeys().then((keys) => {
      // the index is in (savedAt, id) order: reversed, newest first and equal times by descending id
      const ids = (keys as string[]).reverse();
      return { ids, pos: new Map(ids.map((id, i) => [id, i])) };
    });
    s.recency = p;
    p.catch(() => {
      if (s.recency === p) s.recency = null;
    });
  }
  return s.recency;
}

/** Newest clippings whose rows are read ahead (without HTML): search checks words on them first when a word is broad. */
export const WARM_ROWS = 256;

/** Rows read per request while reading ahead. */
const WARM_CHUNK = 32;

/**
 * Read the newest WARM_ROWS clipping rows into the session's row cache (call when idle). In requests of WARM_CHUNK
 * rows, newest first by the session's recency order: IndexedDB answers one request after another, and one request of
 * 256 rows (130 ms in Chromium on the benchmark archive) held up every search typed while it ran.
 */
export async function warmRows(db: ClipmarkDB): Promise<void> {
  const s = session(db);
  const rows = s.rows;
  const { ids } = await overview(db);
  const want = ids.slice(0, WARM_ROWS).filter((id) => !rows.has(id));
  for (let i = 0; i < want.length; i += WARM_CHUNK) {
    const got = await db.clippings.bulkGet(want.slice(i, i + WARM_CHUNK));
    // a write meanwhile replaced the cache: these rows may be stale
    if (s.rows !== rows) return;
    for (const c of got) if (c && !rows.has(c.id)) keepRow(s, c);
  }
}

function keepRow(s: Session, c: Clipping): void {
  const { html: _html, ...row } = c;
  if (s.chars > ROW_CACHE_CHARS) {
    s.rows.clear();
    s.chars = 0;
  }
  s.rows.set(c.id, row);
  s.chars += row.text.length;
}

/** Clipping ids, newest saved first. */
export function recency(db: ClipmarkDB): Promise<string[]> {
  return overview(db).then((o) => o.ids);
}

/** Clipping ids newest saved first, and each id's place in that order. */
export function recencyOrder(db: ClipmarkDB): Promise<{ ids: string[]; pos: Map<string, number> }> {
  return overview(db);
}

/** The distinct site names of all clippings, sorted as the siteName index sorts them (its unique keys; once per session). */
export function siteNames(db: ClipmarkDB): Promise<string[]> {
  const s = session(db);
  if (!s.sites) {
    const p = db.clippings.orderBy('siteName').uniqueKeys().then((keys) => keys.filter((k): k is string => typeof k === 'string'));
    s.sites = p;
    p.catch(() => {
      if (s.sites === p) s.sites = null;
    });
  }
  return s.sites;
}

/** Posting ranges a session keeps, the most recent first. */
const RANGES_KEPT = 48;
function remember(s: Session, r: CachedRange): void {
  s.ranges.unshift(r);
  if (s.ranges.length > RANGES_KEPT) s.ranges.length = RANGES_KEPT;
}

/** The probe of a cached range: every row of a complete one (however many `limit` asks for), else its first `limit`. */
function rangeProbe(r: CachedRange, limit: number): Probe {
  const key = r.complete ? -1 : limit;
  let p = r.probes?.get(key);
  if (!p) (r.probes ??= new Map()).set(key, (p = toProbe(r.complete ? r.rows : r.rows.slice(0, limit), r.complete)));
  return p;
}

/** A probe of posting rows (any namespace with a clipping id and fields): each clipping with the OR of its rows' fields. */
export function toProbe(rows: Pick<Hit, 'clippingId' | 'fields'>[], complete: boolean): Probe {
  const hits = new Map<string, number>();
  for (const r of rows) hits.set(r.clippingId, (hits.get(r.clippingId) ?? 0) | r.fields);
  return { hits, complete };
}

/**
 * HIGH postings read for a broad word (its title, highlight, note and entity hits). The HIGH rows read with
 * a word's first postings are at least this many, so the broad step finds them in the cache. A prefix of two
 * letters reads half as many: it names most of the archive's titles, its results change with the next letter,
 * and its read is the slowest step of its keystroke (401 rows: 20-25 ms in Chromium on the benchmark archive).
 */
export function highProbeLimit(word: string, prefix: boolean): number {
  return prefix && word.length <= 2 ? 200 : 400;
}

/** A prefix this long (or a whole word) is counted before it is read; see `postings`. */
export const COUNT_FROM = 4;
/** Posting rows a counted range may have and still be read completely (one row per clipping and term). */
export const FULL_READ = 1500;

/**
 * A range from the session cache without reading: a range read before (all of it when complete, else its first
 * `limit` rows if it holds that many), or filtered from a complete shorter prefix (kept too: the next letter typed
 * is filtered from this smaller range). Null when the database has to be read.
 */
function cachedProbe(s: Session, term: string, prefix: boolean, limit: number): Probe | null {
  for (const r of s.ranges) {
    if (r.term === term && r.prefix === prefix && (r.complete || r.limit >= limit)) return rangeProbe(r, limit);
    if (r.complete && r.prefix && term.startsWith(r.term)) {
      const rows = r.rows.filter((x) => (prefix ? x.term.startsWith(term) : x.term === term));
      const derived: CachedRange = { term, prefix, limit: rows.length, rows, complete: true };
      remember(s, derived);
      return rangeProbe(derived, limit);
    }
  }
  return null;
}

/** The key of a range read in flight. */
function readKey(term: string, prefix: boolean, limit: number, fullRead: number): string {
  return `${prefix ? 'p' : 'w'}${limit}/${fullRead}:${term}`;
}

export async function postings(db: ClipmarkDB, term: string, prefix: boolean, limit: number, fullRead = FULL_READ): Promise<Probe> {
  const s = session(db);
  const cached = cachedProbe(s, term, prefix, limit);
  if (cached) return cached;
  // The same range asked for twice at once (two searches of one keystroke: results and the kind filter) is read once.
  const key = readKey(term, prefix, limit, fullRead);
  let pending = s.reading.get(key);
  if (!pending) {
    const ranges = s.ranges;
    /** The range of `t`, from its start or after the key `after`. */
    const where = (t: string, after?: [string, string]) => {
      const [lo, hi] = range(t, prefix);
      return db.terms.where('[term+clippingId]').between(after ?? lo, hi, !after, true);
    };
    const keep: Keep = (t, rows, cap, mayComplete = true) => {
      // a write between the count and the read can still leave a range incomplete
      const complete = mayComplete && rows.length <= cap;
      if (rows.length > cap) rows.length = cap;
      // not kept if a write emptied the cache meanwhile
      if (s.ranges === ranges) {
        remember(s, { term: t, prefix, limit: cap, rows, complete });
      }
      return complete;
    };
    // A whole word or a prefix of 4+ letters is also counted (keys only: a few ms), at the same time as its first
    // postings are read. In at most `fullRead` clippings, the rest of it is read next: a complete range answers every
    // longer prefix typed next from memory, and makes the word selective. More than that, and the word stays broad.
    // A short prefix is not counted: complete if its first `limit` postings are all of it (see readWord).
    const countable = (!prefix || term.replace(HIGH, '').length >= COUNT_FROM) && fullRead > 0;
    const counted = countable ? where(term).count().catch(() => Infinity) : Promise.resolve(Infinity);
    /** Whether to read on after the first `limit + 1` rows, and how many more. */
    const more = (read: number, n: number) => (read > limit && n <= fullRead && n >= read ? n - read + 1 : 0);
    let highsRead: (rows: Hit[] | null) => void = () => {};
    const highs = new Promise<Hit[] | null>((r) => (highsRead = r));
    const all: Reading['all'] = term.startsWith(HIGH)
      ? Promise.all([where(term).limit(limit + 1).toArray(), counted]).then(async ([rows, n]) => {
          const m = more(rows.length, n);
          if (!m) return { rows: rows as Hit[], complete: keep(term, rows, limit) };
          const last = rows[rows.length - 1]!;
          const whole = rows.concat(await where(term, [last.term, last.clippingId]).limit(m).toArray());
          return { rows: whole as Hit[], complete: keep(term, whole, n) };
        })
      : readWord(term, prefix, limit, fullRead, countable, counted, where, keep, highsRead);
    pending = {
      all: all.finally(() => {
        s.reading.delete(key);
        highsRead(null);
      }),
      highs,
    };
    s.reading.set(key, pending);
  }
  const { rows, complete } = await pending.all;
  return toProbe(rows, complete);
}

/** Main postings read with a word's first HIGH rows, before anything is known of its size: a small word is then read in one trip. */
export const FIRST_KEYS = 64;

type Where = (t: string, after?: [string, string]) => Collection<TermRow, [string, string]>;
/** Cache a range read; complete when at most `cap` rows (or never, `mayComplete` false). */
type Keep = <T extends Hit>(t: string, rows: T[], cap: number, mayComplete?: boolean) => boolean;

/**
 * A word of the main namespace: its postings with their fields, complete when at most `limit` (or, counted, at most
 * `fullRead`), and its HIGH rows, kept as that range too (a broad word asks for them next).
 *
 * The first trip reads the first FIRST_KEYS + 1 main keys, the first HIGH rows (highProbeLimit + 1) and, for a
 * countable word, its count, all at once. A word within FIRST_KEYS is then complete. A broad word is known without
 * reading its main keys: more than `fullRead` by its count, or, for a short prefix, more HIGH rows than its limit (a
 * HIGH posting is also a main one). Its HIGH rows are what ranks it, and reading hundreds of main keys only to learn
 * that they are too many was the slowest read of a broad keystroke (401 keys: about 20 ms in Chromium on the benchmark
 * archive). Otherwise a second trip reads on to the count or to `limit + 1`, with the HIGH rows that pair with them.
 */
async function readWord(
  term: string,
  prefix: boolean,
  limit: number,
  fullRead: number,
  countable: boolean,
  counted: Promise<number>,
  where: Where,
  keep: Keep,
  highsRead: (rows: Hit[] | null) => void,
): Promise<{ rows: Hit[]; complete: boolean }> {
  const highN = highProbeLimit(term, prefix) + 1;
  const firstN = Math.min(limit, FIRST_KEYS) + 1;
  const [keys, highs, n] = await Promise.all([where(term).limit(firstN).primaryKeys(), where(HIGH + term).limit(highN).toArray(), counted]);
  const keepHigh = (rows: TermRow[], done: boolean) => keep(HIGH + term, rows.slice(), done ? rows.length : rows.length - 1);
  if (keys.length < firstN) {
    keepHigh(highs, highs.length < highN);
    const rows = withFields(keys, highs);
    return { rows, complete: keep(term, rows, limit) };
  }
  /** How many main keys to hold in the end (one more shows the cap was passed), or 0: the word is broad. */
  const want = countable ? (n <= Math.max(limit, fullRead) ? n : 0) : highs.length === highN && highN > limit ? 0 : limit + 1;
  if (!want) {
    keepHigh(highs, highs.length < highN);
    // the HIGH rows read are postings of the word too: they prove it in those clippings
    const rows = highs.map((h) => ({ term: h.term.slice(HIGH.length), clippingId: h.clippingId, fields: h.fields }));
    keep(term, rows, limit, false);
    return { rows, complete: false };
  }
  // HIGH pairs are a subset of the main pairs in the same order: as many HIGH rows as keys cover every key
  const moreKeys = want + 1 - keys.length;
  const moreHighs = highs.length < highN ? 0 : Math.max(0, want + 1 - highs.length);
  const lastKey = keys[keys.length - 1]!;
  const lastHigh = highs[highs.length - 1];
  // The rest of the HIGH rows is asked for first (IndexedDB answers in order): once they are all read, a one-word
  // search ranks by them (earlyHighs) while the rest of the keys is still being read.
  const highs2 = moreHighs > 0 && lastHigh ? where(HIGH + term, [lastHigh.term, lastHigh.clippingId]).limit(moreHighs).toArray() : Promise.resolve([]);
  const keys2 = moreKeys > 0 ? where(term, lastKey).limit(moreKeys).primaryKeys() : Promise.resolve([]);
  keys2.catch(() => {});
  const allHighs = highs.concat(await highs2);
  highsRead(keepHigh(allHighs, highs.length < highN || allHighs.length - highs.length < moreHighs) ? allHighs : null);
  const rows = withFields(keys.concat(await keys2), allHighs);
  return { rows, complete: keep(term, rows, countable ? n : limit) };
}

/**
 * Main-namespace keys with their fields. A term has a HIGH row in a clipping exactly when it occurs there in a
 * field other than the body, with the same fields, so every other key is body only. Both lists are in key order
 * (IndexedDB compares strings by code unit, as < does): one walk pairs them.
 */
function withFields(keys: [string, string][], highs: TermRow[]): Hit[] {
  let j = 0;
  let term = '';
  let highTerm = HIGH;
  return keys.map(([t, clippingId]) => {
    if (t !== term) (term = t), (highTerm = HIGH + t);
    let h = highs[j];
    while (h && (h.term < highTerm || (h.term === highTerm && h.clippingId < clippingId))) h = highs[++j];
    return { term, clippingId, fields: h && h.term === highTerm && h.clippingId === clippingId ? h.fields : FIELD.body };
  });
}

/**
 * A word's HIGH postings (its title, highlight, note and entity hits) as soon as all of them are known, before the
 * rest of its main postings is read: from the session cache, or once the word's read (started here, or joined when in
 * flight) has read them, in its first trip or first in its second. Null when they are not all known by then, or when
 * the word's main postings are already in memory (then the plain search reads nothing either).
 */
export async function earlyHighs(db: ClipmarkDB, term: string, prefix: boolean, limit: number, fullRead = FULL_READ): Promise<Probe | null> {
  const s = session(db);
  if (cachedProbe(s, term, prefix, limit)) return null;
  const high = () => {
    const p = cachedProbe(s, HIGH + term, prefix, highProbeLimit(term, prefix));
    return p?.complete ? p : null;
  };
  // started, or joined: the next word typed is searched on these postings
  const all = postings(db, term, prefix, limit, fullRead);
  const known = high();
  if (known) return known;
  const first = s.reading.get(readKey(term, prefix, limit, fullRead))?.highs ?? all.then(() => null);
  // a failed read is the plain search's to report
  return first.then((rows) => (rows ? toProbe(rows, true) : high()), () => null);
}

/** Whether every clipping's head postings are written (search-heads.ts); read once per session. */
export function headsComplete(db: ClipmarkDB): Promise<boolean> {
  const s = session(db);
  s.headsReady ??= headsReady(db.terms).catch(() => false);
  return s.headsReady;
}

/** The first `n` head postings of a prefix (search-heads.ts), best first; read once per session. */
export function headPostings(db: ClipmarkDB, range: [[string, string], [string, string]], n: number): Promise<TermRow[]> {
  return once(session(db).heads, `${n}:${range[0][0]}`, () => db.terms.where('[term+clippingId]').between(range[0], range[1], true, true).limit(n).toArray());
}

/** Whether this page already holds a clipping's row (searchRows would answer it without reading). */
export function hasCachedRow(db: ClipmarkDB, id: string): boolean {
  return session(db).rows.has(id);
}

/** Clipping rows by id (undefined: no such clipping), from the session cache or one bulkGet of the rest. */
export async function searchRows(db: ClipmarkDB, ids: string[]): Promise<(SearchRow | undefined)[]> {
  const s = session(db);
  const missing = ids.filter((id) => !s.rows.has(id));
  if (missing.length) {
    const got = await db.clippings.bulkGet(missing);
    for (const c of got) if (c) keepRow(s, c);
  }
  return ids.map((id) => s.rows.get(id));
}

/**
 * Caches one read per key for the session: the promise is kept (two lookups at once share it) and dropped if it
 * fails; `map` is the session's map at the time, so a write that replaced it meanwhile keeps the result out.
 */
function once<K, T>(map: Map<K, Promise<T>>, key: K, read: () => Promise<T>): Promise<T> {
  let p = map.get(key);
  if (!p) {
    p = read();
    map.set(key, p);
    p.catch(() => map.delete(key));
  }
  return p;
}

/** Whether an entity's name words hold `word`, or (`prefix`) a word that starts with it. */
export function hasNameWord(words: string[], word: string, prefix: boolean): boolean {
  return prefix ? words.some((w) => w.startsWith(word)) : words.includes(word);
}

/**
 * The entity count rows with a name word equal to `word`, or starting with it (`prefix`), at most `limit` of them in
 * word order (the same row once per word it matches). Read once per session: after a complete read of "sho", the
 * rows of "shoi" and "shoigu" are filtered from it in memory.
 */
export async function entityNames(db: ClipmarkDB, word: string, prefix: boolean, limit: number): Promise<{ rows: EntityCountRow[]; complete: boolean }> {
  const s = session(db);
  for (const r of s.named) {
    if (r.word === word && r.prefix === prefix) return r;
    if (r.complete && r.prefix && word.startsWith(r.word)) return { rows: r.rows.filter((x) => hasNameWord(x.words, word, prefix)), complete: true };
  }
  const named = s.named;
  const range = await once(s.names, `${prefix ? 'p' : 'w'}${limit}:${word}`, async () => {
    const index = db.entityCounts.where('words');
    const rows = await (prefix ? index.startsWith(word) : index.equals(word)).limit(limit + 1).toArray();
    const complete = rows.length <= limit;
    if (!complete) rows.length = limit;
    const r = { word, prefix, rows, complete };
    // not kept if a write emptied the cache meanwhile
    if (s.named === named) {
      named.unshift(r);
      if (named.length > 32) named.length = 32;
    }
    return r;
  });
  return range;
}

/** The `n` entities mentioned in the most clippings, most first (the count index, read once per session). */
export function mostMentioned(db: ClipmarkDB, n: number): Promise<EntityCountRow[]> {
  const s = session(db);
  const read = s.topRead;
  return once(s.top, n, () =>
    db.entityCounts.orderBy('clippings').reverse().limit(n).toArray().then((rows) => {
      // not kept if a write emptied the cache meanwhile
      if (s.topRead === read) read.set(n, rows);
      return rows;
    }),
  );
}

/** mostMentioned's rows if this page has read them already (nothing is read). */
export function mostMentionedRead(db: ClipmarkDB, n: number): EntityCountRow[] | undefined {
  return session(db).topRead.get(n);
}
