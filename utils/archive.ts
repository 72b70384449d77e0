import type { ClipmarkDB, Clipping, ClippingCardRow, DatePrecision, EntityKind } from '@/utils/db';
import { matchEntities, type EntityMatch } from '@/utils/entity-match';

/** The archive: clippings by day and month of saving or publishing, mentioned dates, entities. Read-only. */

/** What an archive list shows of a clipping: part of its card row (utils/db.ts cardOf), never its text or HTML. */
export type ClippingCard = Pick<ClippingCardRow, 'id' | 'title' | 'url' | 'siteName' | 'excerpt' | 'savedAt' | 'publishedTime'>;

export interface DayGroup {
  /** "2024-04-13" */
  day: string;
  /** "Saturday, April 13, 2024" */
  label: string;
  clippings: ClippingCard[];
}

export interface MonthGroup {
  /** "2024-04" */
  month: string;
  /** "April 2024" */
  label: string;
  days: DayGroup[];
  count: number;
}

export interface ArchivePage {
  months: MonthGroup[];
  /** Pass back as `before` to get the next (older) page; null at the end. */
  next: number | string | null;
}

export interface MentionedDate {
  /** ISO day, month or year, as stored. */
  value: string;
  precision: DatePrecision;
  /** "April 13, 2024", "April 2024", "2024" */
  label: string;
  /** "April 13, 2024 — mentioned in 3 clippings" */
  summary: string;
  clippingIds: string[];
  /** The article phrases that named it ("April 13", "earlier this month"). */
  texts: string[];
}

export interface EntityView {
  kind: EntityKind;
  key: string;
  canonical: string;
  surfaces: string[];
  clippings: (ClippingCard & { mentions: number })[];
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function card(c: ClippingCard): ClippingCard {
  return { id: c.id, title: c.title, url: c.url, siteName: c.siteName, excerpt: c.excerpt, savedAt: c.savedAt, publishedTime: c.publishedTime };
}

/** The newest saved clippings, light rows only (the `cards` table: no text, no HTML). */
export function recentCards(db: ClipmarkDB, limit = 50): Promise<ClippingCardRow[]> {
  return db.cards.orderBy('savedAt').reverse().limit(limit).toArray();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The reader's local day of a timestamp, as an ISO day. */
export function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "2024-04-13" -> "April 13, 2024"; "2024-04" -> "April 2024"; "2024" -> "2024". */
export function dateLabel(value: string, weekday = false): string {
  const [y, m, d] = value.split('-').map(Number);
  if (!m) return String(y);
  if (!d) return `${MONTHS[m - 1]} ${y}`;
  const s = `${MONTHS[m - 1]} ${d}, ${y}`;
  return weekday ? `${WEEKDAYS[new Date(Date.UTC(y!, m - 1, d)).getUTCDay()]}, ${s}` : s;
}

export function group(cards: ClippingCard[], dayOf: (c: ClippingCard) => string): MonthGroup[] {
  const months: MonthGroup[] = [];
  for (const c of cards) {
    const day = dayOf(c);
    const month = day.slice(0, 7);
    let mg = months[months.length - 1];
    if (!mg || mg.month !== month) months.push((mg = { month, label: dateLabel(month), days: [], count: 0 }));
    let dg = mg.days[mg.days.length - 1];
    if (!dg || dg.day !== day) mg.days.push((dg = { day, label: dateLabel(day, true), clippings: [] }));
    dg.clippings.push(c);
    mg.count++;
  }
  return months;
}

/** Clippings by local day and month of saving, newest first, `limit` at a time (savedAt index). */
export async function archiveBySaved(db: ClipmarkDB, { limit = 200, before }: { limit?: number; before?: number } = {}): Promise<ArchivePage> {
  // the light cards, not the clippings: 200 rows without their articles' text and HTML
  const coll = before === undefined ? db.cards.orderBy('savedAt') : db.cards.where('savedAt').below(before);
  const rows = await coll.reverse().limit(limit).toArray();
  return { months: group(rows.map(card), (c) => localDay(c.savedAt)), next: rows.length === limit ? rows[rows.length - 1]!.savedAt : null };
}

/**
 * Clippings by published day (the page's own calendar day, as written in its date), newest first.
 * Clippings without a published date are left out of this view.
 */
export async function archiveByPublished(db: ClipmarkDB, { limit = 200, before }: { limit?: number; before?: string } = {}): Promise<ArchivePage> {
  const coll = before === undefined ? db.clippings.orderBy('publishedTime') : db.clippings.where('publishedTime').below(before);
  const rows = await coll.reverse().limit(limit).toArray();
  return { months: group(rows.map(card), (c) => c.publishedTime!.slice(0, 10)), next: rows.length === limit ? rows[rows.length - 1]!.publishedTime : null };
}

/**
 * The timeline of dates that articles mention, newest first: one entry per ISO value with the clippings
 * that mention it. `from`/`to` are ISO prefixes ("2024", "2024-04"), read as a range of the [role+value] index.
 */
export async function mentionedTimeline(
  db: ClipmarkDB,
  { from = '', to = '\uffff', limit = 100 }: { from?: string; to?: string; limit?: number } = {},
): Promise<MentionedDate[]> {
  const rows = await db.dates
    .where('[role+value]')
    .between(['mentioned', from], ['mentioned', to === '\uffff' ? to : `${to}\uffff`], true, true)
    .reverse()
    .toArray();
  const byValue = new Map<string, MentionedDate>();
  for (const r of rows) {
    let m = byValue.get(r.value);
    if (!m) {
      if (byValue.size >= limit) break;
      byValue.set(r.value, (m = { value: r.value, precision: r.precision, label: dateLabel(r.value), summary: '', clippingIds: [], texts: [] }));
    }
    if (!m.clippingIds.includes(r.clippingId)) m.clippingIds.push(r.clippingId);
    if (r.text && !m.texts.includes(r.text)) m.texts.push(r.text);
  }
  const out = [...byValue.values()];
  for (const m of out) m.summary = `${m.label} — mentioned in ${m.clippingIds.length} ${m.clippingIds.length === 1 ? 'clipping' : 'clippings'}`;
  return out;
}

/** Cards for clipping ids, newest saved first (missing ids skipped). */
export async function cards(db: ClipmarkDB, ids: string[]): Promise<ClippingCard[]> {
  const rows = await db.cards.bulkGet([...new Set(ids)]);
  return rows.filter((c): c is ClippingCardRow => !!c).map(card).sort((a, b) => b.savedAt - a.savedAt);
}

/** Every clipping that mentions one entity ([kind+key] index), newest saved first. */
export async function entityView(db: ClipmarkDB, kind: EntityKind, key: string): Promise<EntityView | null> {
  const rows = await db.entities.where('[kind+key]').equals([kind, key]).toArray();
  if (!rows.length) return null;
  const mentions = new Map<string, number>();
  const surfaces = new Set<string>();
  for (const r of rows) {
    mentions.set(r.clippingId, (mentions.get(r.clippingId) ?? 0) + r.mentions);
    r.surfaces.forEach((s) => surfaces.add(s));
  }
  const list = await cards(db, [...mentions.keys()]);
  return {
    kind,
    key,
    canonical: rows[0]!.canonical,
    surfaces: [...surfaces],
    clippings: list.map((c) => ({ ...c, mentions: mentions.get(c.id) ?? 0 })),
  };
}

export type EntitySuggestion = EntityMatch;

/**
 * Entity chips for what the reader is typing: "Shoigu" -> person Sergei Shoigu. Matches the start of the
 * full name (key index) and of any word of the name or its surfaces (last names, acronyms).
 */
/** The entities mentioned in the most clippings, most first: the entity view's list before anything is typed. */
export async function topEntities(db: ClipmarkDB, limit = 24): Promise<EntitySuggestion[]> {
  const rows = await db.entityCounts.orderBy('clippings').reverse().limit(limit).toArray();
  return rows.filter((r) => r.clippings > 0).map((r) => ({ kind: r.kind, key: r.key, canonical: r.canonical, clippings: r.clippings }));
}

export function suggestEntities(
  db: ClipmarkDB,
  prefix: string,
  options: { kind?: EntityKind | null; limit?: number } = {},
): Promise<EntitySuggestion[]> {
  return matchEntities(db, prefix, options);
}
