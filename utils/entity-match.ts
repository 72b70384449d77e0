import { foldKey, type ClipmarkDB, type EntityKind, type EntityRow } from '@/utils/db';
import { FIELD, HIGH, postings } from '@/utils/search-postings';
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
 * "Shoig" -> Sergei Shoigu. Full-name prefixes come from the entities' key index; last names and other
 * surfaces from the ENTITY bit of the HIGH postings, sampling a few clippings' entities.
 */
export async function matchEntities(
  db: ClipmarkDB,
  query: string,
  { kind = null, limit = 8 }: { kind?: EntityKind | null; limit?: number } = {},
): Promise<EntityMatch[]> {
  const words = parseQuery(query);
  if (!words.length) return [];
  const folded = foldKey(query);
  const probes = await Promise.all(words.map((w) => postings(db, HIGH + w.text, w.prefix, 400)));
  probes.sort((a, b) => a.hits.size - b.hits.size);
  const sample = [...probes[0]!.hits].filter(([, f]) => f & FIELD.entity).slice(0, 40).map(([id]) => id);
  const [byKey, ...perClipping] = await Promise.all([
    db.entities.where('key').startsWith(folded).limit(200).toArray(),
    ...sample.map((id) => db.entities.where('clippingId').equals(id).toArray()),
  ]);
  const checks = words.map((w) => matcher([w]));
  const found = new Map<string, { row: EntityRow; surfaces: Set<string>; seen: number; exact: boolean }>();
  for (const e of [...byKey!, ...perClipping.flat()]) {
    if (kind && e.kind !== kind) continue;
    const names = matchable([e.canonical, ...e.surfaces].join('\n'));
    if (!checks.every((re) => hasMatch(names, re))) continue;
    const id = `${e.kind}\u0000${e.key}`;
    const f = found.get(id) ?? { row: e, surfaces: new Set<string>(), seen: 0, exact: e.key.startsWith(folded) };
    e.surfaces.forEach((s) => f.surfaces.add(s));
    f.seen++;
    found.set(id, f);
  }
  const top = [...found.values()]
    .sort((a, b) => Number(b.exact) - Number(a.exact) || b.seen - a.seen || a.row.key.localeCompare(b.row.key))
    .slice(0, limit);
  const counts = await Promise.all(
    top.map(async (f) => new Set((await db.entities.where('[kind+key]').equals([f.row.kind, f.row.key]).toArray()).map((r) => r.clippingId)).size),
  );
  return top
    .map((f, i) => ({ kind: f.row.kind, key: f.row.key, canonical: f.row.canonical, surfaces: [...f.surfaces], clippings: counts[i]! }))
    .sort((a, b) => b.clippings - a.clippings || a.key.localeCompare(b.key));
}

/** Clippings that mention an entity of `kind` whose name contains every query word. */
export async function clippingsNamingEntity(db: ClipmarkDB, query: string, kind: EntityKind): Promise<Set<string>> {
  const matches = await matchEntities(db, query, { kind, limit: 20 });
  const rows = await Promise.all(matches.map((m) => db.entities.where('[kind+key]').equals([m.kind, m.key]).toArray()));
  return new Set(rows.flat().map((r) => r.clippingId));
}
