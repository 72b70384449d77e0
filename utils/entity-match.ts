import { foldKey, type ClipmarkDB, type EntityCountRow, type EntityKind } from '@/utils/db';
import { FIELD, HIGH, HIGH_PROBE_LIMIT, entitiesOf, entityClippings, postings } from '@/utils/search-postings';
import { hasMatch, matchable, matcher, parseQuery } from '@/utils/search-text';

export interface EntityMatch {
  kind: EntityKind;
  key: string;
  canonical: string;
  surfaces: string[];
  /** How many clippings mention it. */
  clippings: number;
}

/**
 * Entities whose canonical name or a surface form contains every word of `query` (the last as a prefix):
 * "Shoig" -> Sergei Shoigu. Full-name prefixes come from the entity count table (one row per entity, with its count);
 * last names and other surfaces from the ENTITY bit of the HIGH postings, sampling a few clippings' entities.
 */
export async function matchEntities(
  db: ClipmarkDB,
  query: string,
  { kind = null, limit = 8 }: { kind?: EntityKind | null; limit?: number } = {},
): Promise<EntityMatch[]> {
  const words = parseQuery(query);
  if (!words.length) return [];
  const folded = foldKey(query);
  // Started first: it needs no postings.
  const byKey = namesStarting(db, folded, kind);
  const probes = await Promise.all(words.map((w) => postings(db, HIGH + w.text, w.prefix, HIGH_PROBE_LIMIT)));
  probes.sort((a, b) => a.hits.size - b.hits.size);
  const sample = [...probes[0]!.hits].filter(([, f]) => f & FIELD.entity).slice(0, SAMPLE).map(([id]) => id);
  const [named, perClipping] = await Promise.all([byKey, entitiesOf(db, sample)]);
  const checks = words.map((w) => matcher([w]));
  const matches = (names: string[]) => checks.every((re) => hasMatch(matchable(names.join('\n')), re));
  interface Found { kind: EntityKind; key: string; canonical: string; surfaces: Set<string>; seen: number; clippings: number | null }
  const found = new Map<string, Found>();
  // a full name that starts with the query: its count is at hand
  for (const c of named) if (matches([c.canonical])) found.set(`${c.kind}\u0000${c.key}`, { ...c, surfaces: new Set(), seen: 0 });
  for (const e of perClipping.flat()) {
    if (kind && e.kind !== kind) continue;
    if (!matches([e.canonical, ...e.surfaces])) continue;
    const id = `${e.kind}\u0000${e.key}`;
    const f = found.get(id) ?? { kind: e.kind, key: e.key, canonical: e.canonical, surfaces: new Set<string>(), seen: 0, clippings: null };
    e.surfaces.forEach((s) => f.surfaces.add(s));
    f.seen++;
    found.set(id, f);
  }
  // full names first (most mentioned first), then names matched in the sample (most seen there first)
  const top = [...found.values()]
    .sort((a, b) => Number(b.clippings !== null) - Number(a.clippings !== null) || (b.clippings ?? 0) - (a.clippings ?? 0) || b.seen - a.seen || a.key.localeCompare(b.key))
    .slice(0, limit);
  const counts = await Promise.all(top.map((f) => f.clippings ?? entityClippings(db, f.kind, f.key)));
  return top
    .map((f, i) => ({ kind: f.kind, key: f.key, canonical: f.canonical, surfaces: [...f.surfaces], clippings: counts[i]! }))
    .sort((a, b) => b.clippings - a.clippings || a.key.localeCompare(b.key));
}

const KINDS: EntityKind[] = ['person', 'organization', 'place'];

/** Entities whose folded full name starts with `folded`: a range of the count table per kind (distinct names, counted). */
async function namesStarting(db: ClipmarkDB, folded: string, kind: EntityKind | null): Promise<EntityCountRow[]> {
  const rows = await Promise.all(
    (kind ? [kind] : KINDS).map((k) => db.entityCounts.where('[kind+key]').between([k, folded], [k, folded + '\uffff'], true, true).limit(KEY_PREFIXES).toArray()),
  );
  return rows.flat();
}

/** Clippings whose entities are looked at for names the query matches in a surface form only ("IRGC"). */
const SAMPLE = 16;
/** Full names starting with the query that are looked at, per kind. */
const KEY_PREFIXES = 24;

/** Clippings that mention an entity of `kind` whose name contains every query word. */
export async function clippingsNamingEntity(db: ClipmarkDB, query: string, kind: EntityKind): Promise<Set<string>> {
  const matches = await matchEntities(db, query, { kind, limit: 20 });
  const rows = await Promise.all(matches.map((m) => db.entities.where('[kind+key]').equals([m.kind, m.key]).toArray()));
  return new Set(rows.flat().map((r) => r.clippingId));
}
