import type { ClipmarkDB, EntityCountRow, EntityKind } from '@/utils/db';
import { entityNames, hasNameWord, mostMentioned, mostMentionedRead } from '@/utils/search-postings';
import { matchesAsPrefix, parseQuery, type QueryWord } from '@/utils/search-text';

export interface EntityMatch {
  kind: EntityKind;
  key: string;
  canonical: string;
  /** How many clippings mention it. */
  clippings: number;
}

/** Count rows read for the word a chip lookup starts from; the most mentioned of those that match are shown. */
export const NAME_CANDIDATES = 300;
/** When that is not all of them: the most mentioned entities of the archive looked at too. */
export const MOST_MENTIONED = 500;

/**
 * Entities with a name word for every word of `query` (the last as a prefix): "Shoig" -> Sergei Shoigu, "irgc" ->
 * the Islamic Revolution Guards Corps where an article called it so. One range of the count table's word index
 * (`entityCounts.words`: the folded words of each entity's canonical name and surface forms), from the query's most
 * selective word; the other words are checked on the rows read. Each row carries its number of clippings.
 * A range longer than NAME_CANDIDATES (a prefix of two letters in a large archive) is cut in word order: the
 * MOST_MENTIONED most mentioned entities of the archive (read once per popup session) are matched too, so the
 * names the archive mentions most are not lost to the alphabet.
 */
export async function matchEntities(
  db: ClipmarkDB,
  query: string,
  { kind = null, limit = 8 }: { kind?: EntityKind | null; limit?: number } = {},
): Promise<EntityMatch[]> {
  const words = parseQuery(query);
  if (!words.length) return [];
  // Once this page has read the most mentioned entities: where the `limit`-th of their matches is in more clippings
  // than the least mentioned of them, no other entity can be among the first `limit`, and nothing is read. (A short
  // prefix names hundreds of entities: its range of the word index was the slowest read of its keystroke.)
  const top = mostMentionedRead(db, MOST_MENTIONED);
  if (top) {
    const found = rank(top, words, kind);
    const all = top.length < MOST_MENTIONED;
    if (all || (found.length >= limit && found[limit - 1]!.clippings > top[top.length - 1]!.clippings)) return found.slice(0, limit);
  }
  // a whole word before a prefix, a longer one before a shorter
  const from = [...words].sort((a, b) => Number(matchesAsPrefix(a)) - Number(matchesAsPrefix(b)) || b.text.length - a.text.length)[0]!;
  const range = await entityNames(db, from.text, matchesAsPrefix(from), NAME_CANDIDATES);
  const rows = range.complete ? range.rows : [...(await mostMentioned(db, MOST_MENTIONED)), ...range.rows];
  return rank(rows, words, kind).slice(0, limit);
}

/** The entities of `rows` (once each) of `kind` with a name word for every query word, most mentioned first. */
function rank(rows: EntityCountRow[], words: QueryWord[], kind: EntityKind | null): EntityMatch[] {
  const seen = new Set<string>();
  const found: EntityMatch[] = [];
  for (const r of rows) {
    const id = `${r.kind}\u0000${r.key}`;
    if (seen.has(id) || (kind && r.kind !== kind) || !words.every((w) => hasNameWord(r.words, w.text, matchesAsPrefix(w)))) continue;
    seen.add(id);
    found.push({ kind: r.kind, key: r.key, canonical: r.canonical, clippings: r.clippings });
  }
  return found.sort((a, b) => b.clippings - a.clippings || a.key.localeCompare(b.key));
}

/** Clippings that mention an entity of `kind` whose name contains every query word. */
export async function clippingsNamingEntity(db: ClipmarkDB, query: string, kind: EntityKind): Promise<Set<string>> {
  const matches = await matchEntities(db, query, { kind, limit: 20 });
  const rows = await Promise.all(matches.map((m) => db.entities.where('[kind+key]').equals([m.kind, m.key]).toArray()));
  return new Set(rows.flat().map((r) => r.clippingId));
}
