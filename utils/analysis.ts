import type { ClipmarkDB, EntityKind } from '@/utils/db';
import { foldKey } from '@/utils/db';
import type { DateInput, EntityInput } from '@/utils/clippings';
import { createRecognizer, summarizeEntities, type EntitySpan, type NerModel, type Recognizer } from '@/utils/entities';
import { findDates, type DateSpan } from '@/utils/dates';
import type { AnalysisInput } from '@/utils/analysis-input';
import { looksEnglish } from '@/utils/ner/language';

/**
 * Entities and dates of an article, for painting (spans) and for storing (one row per entity, one per date).
 * The model is loaded once, on first use, in the background; content scripts load none of it.
 */

export interface ArticleAnalysis {
  entities: EntitySpan[];
  dates: DateSpan[];
}

export interface Analyzer {
  /** `emphasis`: where the text is set in italics (ExtractedArticle.emphasis), a hint for the recogniser. */
  /** `guessed`: the reference is the day it is read (dates.ts); `lang`: the page's declared language (ner/language.ts). */
  analyze(title: string, text: string, reference: string, emphasis?: [number, number][], guessed?: boolean, lang?: string | null): Promise<ArticleAnalysis>;
}

/** 32-bit FNV-1a: a cheap key for the cache below. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The analyses of the last few articles are kept: the page painted its entities when it opened, so saving it
 * a moment later does not recognise the same text again. An analysis still running is shared too: a save that
 * loads the page script starts the page's own painting at the same moment, and both ask for the same text.
 */
export function createAnalyzer(loadModel: () => Promise<NerModel>, cacheSize = 16): Analyzer {
  let recognizer: Promise<Recognizer> | null = null;
  const cache = new Map<string, Promise<ArticleAnalysis>>();
  async function run(title: string, text: string, reference: string, emphasis?: [number, number][], guessed = false, lang: string | null = null): Promise<ArticleAnalysis> {
    // The recogniser and the date patterns are English: on another language they would mark garbage.
    if (!looksEnglish(text, lang)) return { entities: [], dates: [] };
    recognizer ??= loadModel().then(createRecognizer);
    recognizer.catch(() => { recognizer = null; });
    const r = await recognizer;
    return { entities: r.recognize(title, text, emphasis), dates: findDates(title, text, reference, { guessed }) };
  }
  return {
    analyze(title, text, reference, emphasis, guessed = false, lang = null) {
      const key = `${text.length}:${hash(text)}:${hash(title)}:${reference}:${guessed ? 'g' : ''}:${lang ?? ''}:${emphasis?.length ?? 0}:${hash(emphasis?.join() ?? '')}`;
      const hit = cache.get(key);
      if (hit) return hit;
      const p = run(title, text, reference, emphasis, guessed, lang);
      cache.set(key, p);
      p.catch(() => { if (cache.get(key) === p) cache.delete(key); });
      if (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
      return p;
    },
  };
}

// In its own module so the page script can use it without loading the recogniser.
export { referenceDate } from '@/utils/analysis-input';

/** Rows for the entities and dates tables; dates the same value and text are stored once. */
export function toStored(a: ArticleAnalysis): { entities: EntityInput[]; dates: DateInput[] } {
  const seen = new Set<string>();
  const dates: DateInput[] = [];
  for (const d of a.dates) {
    const k = `${d.value}\u0000${d.text}`;
    if (seen.has(k)) continue;
    seen.add(k);
    dates.push({ value: d.value, precision: d.precision, text: d.text });
  }
  return { entities: summarizeEntities(a.entities), dates };
}

/** How many saved clippings mention each entity, keyed "kind:folded canonical". */
export async function savedMentionCounts(db: ClipmarkDB, entities: Pick<EntitySpan, 'kind' | 'canonical'>[]): Promise<Record<string, number>> {
  const pairs = new Map<string, [string, string]>();
  for (const e of entities) {
    const key = foldKey(e.canonical);
    pairs.set(`${e.kind}:${key}`, [e.kind, key]);
  }
  const out: Record<string, number> = {};
  if (pairs.size === 0) return out;
  // one small row per entity (the database keeps the counts: utils/db-derived.ts), not every row of every entity
  const keys = [...pairs.values()] as [EntityKind, string][];
  const counts = await db.entityCounts.bulkGet(keys);
  [...pairs.keys()].forEach((k, i) => (out[k] = counts[i]?.clippings ?? 0));
  return out;
}

export interface PageAnalysis extends ArticleAnalysis {
  /** "kind:folded canonical" -> number of saved clippings that mention it. */
  savedCounts: Record<string, number>;
}

/** What a page (live or reader) asks for: spans to paint, and how often the archive already has each entity. */
export async function analyzeForPage(analyzer: Analyzer, db: ClipmarkDB, input: AnalysisInput): Promise<PageAnalysis> {
  const a = await analyzer.analyze(input.title, input.text, input.reference, input.emphasis, input.guessed, input.lang);
  return { ...a, savedCounts: await savedMentionCounts(db, a.entities) };
}
