import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnalyzer, referenceDate, savedMentionCounts, toStored, type Analyzer } from '@/utils/analysis';
import { paintAnalysisInput } from '@/utils/analysis-input';
import { loadModelFromDisk } from '@/utils/ner/load-node';
import { extractArticle } from '@/utils/extract';
import { loadPage } from '@/utils/fixtures';
import { openDb, type ClipmarkDB } from '@/utils/db';
import { saveClipping } from '@/utils/clippings';

let analyzer: Analyzer;
let loads = 0;
beforeAll(() => {
  analyzer = createAnalyzer(() => { loads++; return loadModelFromDisk('public/ner'); });
});

let db: ClipmarkDB;
beforeEach(async () => { db = openDb(`an-${crypto.randomUUID()}`); await db.open(); });
afterEach(() => db.delete());

describe('the reference day of relative dates', () => {
  it('is the published date where there is one, else the day it is read, said to be a guess', () => {
    const now = Date.UTC(2026, 10, 30, 9);
    expect(paintAnalysisInput({ title: 't', text: 'x', publishedTime: '2015-03-18T10:00:00Z' }, now)).toEqual({ title: 't', text: 'x', reference: '2015-03-18T10:00:00Z' });
    expect(paintAnalysisInput({ title: 't', text: 'x', publishedTime: null }, now)).toEqual({ title: 't', text: 'x', reference: '2026-11-30', guessed: true });
  });
});

describe('an article in another language', () => {
  it('gets no entities or dates (the recogniser is English), and does not load the model for it', async () => {
    const fresh = createAnalyzer(() => { throw new Error('the model should not be loaded'); });
    const r = extractArticle(loadPage('lemonde-1'), { url: 'https://www.lemonde.fr/a', force: true });
    if (!r.ok) throw new Error(r.message);
    expect(await fresh.analyze(r.article.title, r.article.text, '2015-04-15')).toEqual({ entities: [], dates: [] });
  });
});

describe('analysis of the seed article', () => {
  it('gives spans for painting and one stored row per entity, the model loaded once', async () => {
    const r = extractArticle(loadPage('seed-page'), { url: 'http://127.0.0.1/seed-page/' });
    if (!r.ok) throw new Error(r.message);
    const ref = referenceDate(r.article.publishedTime, Date.UTC(2026, 0, 1));
    expect(ref).toBe('2024-04-26T10:00:00Z');
    const a = await analyzer.analyze(r.article.title, r.article.text, ref);
    await analyzer.analyze('x', 'y', ref);
    expect(loads).toBe(1);
    // the same article again (the page painted it, now it is saved) is not recognised twice
    expect(await analyzer.analyze(r.article.title, r.article.text, ref)).toBe(a);
    for (const s of a.entities) {
      const src = s.in === 'title' ? r.article.title : r.article.text;
      expect(src.slice(s.start, s.end)).toBe(s.text);
    }
    const stored = toStored(a);
    const shoigu = stored.entities.find((e) => e.canonical === 'Sergei Shoigu');
    expect(shoigu?.kind).toBe('person');
    expect(shoigu!.mentions).toBeGreaterThanOrEqual(2);
    expect(stored.dates.map((d) => d.value)).toEqual(expect.arrayContaining(['2024-04-01', '2024-04-13', '2024-04']));
  });

  it('the page painting and a save asking for the same article at the same moment share one recognition', async () => {
    const r = extractArticle(loadPage('bbc-1'), { url: 'http://127.0.0.1/bbc-1/' });
    if (!r.ok) throw new Error(r.message);
    const [painting, saving] = await Promise.all([1, 2].map(() => analyzer.analyze(r.article.title, r.article.text, '2024-01-01')));
    // one result, not two equal ones: recognition ran once
    expect(saving).toBe(painting);
  });

  it('takes the films a page sets in italics for no names, and keeps its analysis apart from the same text without them', async () => {
    const r = extractArticle(loadPage('wikia'), { url: 'http://127.0.0.1/wikia/' });
    if (!r.ok) throw new Error(r.message);
    const italic = (r.article.emphasis ?? []).map(([s, e]) => r.article.text.slice(s, e));
    expect(italic).toEqual(expect.arrayContaining(['The Empire Strikes Back', 'The Phantom Menace']));
    const plain = await analyzer.analyze(r.article.title, r.article.text, '2024-01-01');
    const hinted = await analyzer.analyze(r.article.title, r.article.text, '2024-01-01', r.article.emphasis);
    const works = (a: typeof plain) => a.entities.filter((x) => /Empire Strikes|Phantom Menace|Force Awakens/.test(x.text));
    expect(works(plain).length).toBeGreaterThan(0);
    expect(works(hinted)).toEqual([]);
    expect(hinted.entities.some((x) => x.kind === 'person' && x.canonical === 'George Lucas')).toBe(true);
  });

  it('relative dates fall back to the save day when the article has no date', () => {
    expect(referenceDate(null, Date.UTC(2025, 2, 3, 12))).toBe('2025-03-03');
  });

  it('counts how many saved clippings mention an entity', async () => {
    const base = { url: '', title: 't', byline: null, siteName: null, lang: null, dir: null, excerpt: null, html: '', text: '', wordCount: 0, readingMinutes: 0, publishedTime: null, modifiedTime: null };
    const e = [{ kind: 'person' as const, canonical: 'Sergei Shoigu', surfaces: ['Shoigu'], mentions: 1 }];
    await saveClipping(db, { kind: 'article', article: { ...base, canonicalUrl: 'https://a/1' }, entities: e, dates: [] });
    await saveClipping(db, { kind: 'article', article: { ...base, canonicalUrl: 'https://a/2' }, entities: e, dates: [] });
    const counts = await savedMentionCounts(db, [{ kind: 'person', canonical: 'Sergei Shoigu' }, { kind: 'place', canonical: 'Astana' }]);
    expect(counts).toEqual({ 'person:sergei shoigu': 2, 'place:astana': 0 });
  });
});
