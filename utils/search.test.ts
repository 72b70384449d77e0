import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDb, type ClipmarkDB } from '@/utils/db';
import { indexClipping, removeFromIndex, resetSearchCache, search, siteNames, warmSearch, type SearchResult } from '@/utils/search';
import { hasCachedRow, recency } from '@/utils/search-postings';
import { HEADS_DONE } from '@/utils/search-heads';
import { parseQuery } from '@/utils/search-text';
import { fixturePage, makeAnnotation, makeClipping, put, seedExtras } from '@/fixtures/test-data';

let db: ClipmarkDB;
let dbn = 0;
beforeEach(async () => {
  db = openDb(`search-test-${++dbn}`);
  await db.open();
});
afterEach(async () => {
  db.close();
});

const marked = (r: SearchResult) => [...r.titleSegments, ...r.snippet].filter((s) => s.mark).map((s) => s.text);
const ids = (rs: SearchResult[]) => rs.map((r) => r.id);

async function seedWorld() {
  const seed = fixturePage('seed-page');
  const seedClip = makeClipping({ id: 'seed', title: seed.title, text: seed.text, siteName: seed.siteName, publishedTime: seed.publishedTime });
  const guardian = fixturePage('guardian-1');
  const g = makeClipping({ id: 'guardian', title: guardian.title, text: guardian.text, siteName: 'the Guardian', savedAt: Date.UTC(2024, 4, 1) });
  const lemonde = fixturePage('lemonde-1');
  const lm = makeClipping({ id: 'lemonde', title: lemonde.title, text: lemonde.text, siteName: 'Le Monde.fr', savedAt: Date.UTC(2024, 4, 2) });
  const extras = seedExtras('seed');
  await put(db, [seedClip, g, lm], [], extras.entities, extras.dates);
  for (const id of ['seed', 'guardian', 'lemonde']) await indexClipping(db, id);
  return { seedClip };
}

describe('parseQuery', () => {
  it('folds case and accents, keeps the last word as a prefix and drops complete stopwords', () => {
    expect(parseQuery('The Élysée pal')).toEqual([
      { text: 'elysee', prefix: false },
      { text: 'pal', prefix: true },
    ]);
    expect(parseQuery('damascus ')).toEqual([{ text: 'damascus', prefix: false }]);
    expect(parseQuery('s')).toEqual([]);
  });
});

describe('search', () => {
  it('finds the seed clipping from "Shoig" with Shoigu marked in the snippet', async () => {
    await seedWorld();
    const rs = await search(db, 'Shoig');
    expect(ids(rs)).toEqual(['seed']);
    expect(rs[0]!.snippet.filter((s) => s.mark).map((s) => s.text)).toContain('Shoigu');
    expect(rs[0]!.snippet.map((s) => s.text).join('')).toMatch(/Sergei Shoigu/);
  });

  it('requires every word: "Damascus strike" matches only where both occur', async () => {
    await seedWorld();
    expect(ids(await search(db, 'Damascus strike'))).toEqual(['seed']);
    expect(ids(await search(db, 'Damascus whale'))).toEqual([]);
    expect(ids(await search(db, 'whale'))).toEqual(['guardian']);
    const r = (await search(db, 'Damascus strike'))[0]!;
    expect(marked(r).map((m) => m.toLowerCase())).toEqual(expect.arrayContaining(['damascus']));
    // the two words are far apart in the article: the snippet shows the rarer one, the title neither
    expect(r.snippet.map((s) => s.text).join('')).toMatch(/Damascus/);
  });

  it('folds accents and case both ways', async () => {
    await seedWorld();
    // The Le Monde text has "Assemblée"; the Guardian has "Māori".
    expect(ids(await search(db, 'assemblee'))).toContain('lemonde');
    expect(ids(await search(db, 'ASSEMBLÉE'))).toContain('lemonde');
    const maori = await search(db, 'maori');
    expect(ids(maori)).toContain('guardian');
    expect(marked(maori[0]!)).toContain('Māori');
  });

  it('a word in no clipping finds nothing', async () => {
    await seedWorld();
    expect(await search(db, 'xylophonist')).toEqual([]);
  });

  it('ranks a title match above a body match, and newer above older at equal score', async () => {
    await put(db, [
      makeClipping({ id: 'body-new', title: 'Weather report', text: 'The glacier retreated again this year.', savedAt: 3000 }),
      makeClipping({ id: 'title-old', title: 'Glacier watch', text: 'Ice and snow everywhere.', savedAt: 1000 }),
      makeClipping({ id: 'body-old', title: 'Other news', text: 'A glacier was seen.', savedAt: 2000 }),
    ]);
    for (const id of ['body-new', 'title-old', 'body-old']) await indexClipping(db, id);
    expect(ids(await search(db, 'glacier'))).toEqual(['title-old', 'body-new', 'body-old']);
    expect(ids(await search(db, 'glac'))).toEqual(['title-old', 'body-new', 'body-old']);
  });

  it('indexes highlights, notes and entity names above body text', async () => {
    const c = makeClipping({ id: 'h', title: 'Plain title', text: 'Nothing here but the word harbour and a long story.', savedAt: 1 });
    const d = makeClipping({ id: 'd', title: 'Another', text: 'The harbour was quiet.', savedAt: 2 });
    await put(db, [c, d], [makeAnnotation(c, 'the word harbour', 'remember the lighthouse keeper')]);
    await indexClipping(db, 'h');
    await indexClipping(db, 'd');
    expect(ids(await search(db, 'harbour'))).toEqual(['h', 'd']);
    const rs = await search(db, 'lighthouse');
    expect(ids(rs)).toEqual(['h']);
    expect(rs[0]!.snippet.filter((s) => s.mark).map((s) => s.text)).toEqual(['lighthouse']);
    await seedWorld();
    // "Sergei" appears in entity names; the person's full name is found by its first name.
    expect(ids(await search(db, 'sergei'))).toEqual(['seed']);
  });

  it('re-indexing after an edit replaces old postings, and deletion removes from results', async () => {
    const c = makeClipping({ id: 'x', title: 'Old title', text: 'Alpha beta.' });
    await put(db, [c]);
    await indexClipping(db, 'x');
    expect(ids(await search(db, 'alpha'))).toEqual(['x']);
    await db.clippings.put({ ...c, text: 'Gamma delta.' });
    await indexClipping(db, 'x');
    expect(ids(await search(db, 'alpha'))).toEqual([]);
    expect(ids(await search(db, 'gamma'))).toEqual(['x']);
    await db.clippings.delete('x');
    await removeFromIndex(db, 'x');
    expect(await search(db, 'gamma')).toEqual([]);
    // nothing left but the marker that says head postings are complete (a new database has them all)
    expect(await db.terms.toArray()).toEqual([HEADS_DONE]);
  });

  it('filters by entity chip, site and date range', async () => {
    await seedWorld();
    expect(ids(await search(db, 'minister', { entity: { kind: 'person', key: 'sergei shoigu' } }))).toEqual(['seed']);
    expect(ids(await search(db, '', { entity: { kind: 'person', key: 'sergei shoigu' } }))).toEqual(['seed']);
    expect(ids(await search(db, 'assemb', { site: 'the Guardian' }))).toEqual([]);
    expect(ids(await search(db, '', { from: '2024-05-01', to: '2024-05-01' }))).toEqual(['guardian']);
    expect(ids(await search(db, 'shoig', { kind: 'person' }))).toEqual(['seed']);
    expect(ids(await search(db, 'shoig', { kind: 'place' }))).toEqual([]);
  });

  it('answers broad words (past the probe limit) exactly, title hits first', async () => {
    const many = Array.from({ length: 900 }, (_, i) =>
      makeClipping({ id: `m${i}`, title: i === 5 ? 'Common ground' : `Story ${i}`, text: `common words in story ${i}${i % 100 === 0 ? ' with zebra' : ''}`, savedAt: i }),
    );
    await put(db, many);
    for (const c of many) await indexClipping(db, c.id);
    // fullRead 0: "common" (900 clippings) stays broad, as a word in more than FULL_READ clippings would
    const rs = await search(db, 'common', {}, { limit: 5, fullRead: 0 });
    expect(ids(rs)).toEqual(['m5', 'm899', 'm898', 'm897', 'm896']);
    expect(ids(await search(db, 'common zeb', {}, { fullRead: 0 }))).toEqual(['m800', 'm700', 'm600', 'm500', 'm400', 'm300', 'm200', 'm100', 'm0']);
    expect(ids(await search(db, 'co', {}, { limit: 2 }))).toEqual(['m5', 'm899']);
    // a broad short prefix that is in 900 titles: its first head postings are its results, one read
    resetSearchCache(db);
    const ranges = vi.spyOn(db.terms, 'where');
    expect(ids(await search(db, 'st', {}, { limit: 2 }))).toEqual(['m899', 'm898']);
    expect(ranges).toHaveBeenCalledTimes(1);
    // with a filter, not answered by head postings: its first postings and HIGH rows, and its first head postings
    // for the broad step, read once, in parallel; nothing read after
    ranges.mockClear();
    expect(await search(db, 'st', { from: '1970-01-01' }, { limit: 2 })).toHaveLength(2);
    expect(ranges).toHaveBeenCalledTimes(3);
    ranges.mockRestore();
    // read whole (900 <= FULL_READ), the same answers
    resetSearchCache(db);
    expect(ids(await search(db, 'common', {}, { limit: 5 }))).toEqual(['m5', 'm899', 'm898', 'm897', 'm896']);
    expect(ids(await search(db, 'common zeb'))).toEqual(['m800', 'm700', 'm600', 'm500', 'm400', 'm300', 'm200', 'm100', 'm0']);
  });

  it('knows a broad word from its count or its title postings, without reading its hundreds of postings', async () => {
    const many = Array.from({ length: 900 }, (_, i) => makeClipping({ id: `m${i}`, title: `Story ${i}`, text: `common words in story ${i}`, savedAt: i }));
    await put(db, many);
    for (const c of many) await indexClipping(db, c.id);
    /** The row limits of the reads of one search (a count reads no rows). */
    // (a date filter that every clipping passes: a word of 2-4 letters alone would be answered by head postings)
    const limits = async (q: string, fullRead?: number) => {
      resetSearchCache(db);
      const limit = vi.spyOn(db.Collection.prototype, 'limit');
      const rs = await search(db, q, { from: '1970-01-01' }, { limit: 3, fullRead });
      const asked = limit.mock.calls.map(([n]) => n).sort((a, b) => a - b);
      limit.mockRestore();
      return { ids: ids(rs), asked };
    };
    // "st": in 900 titles, more than its 200 HIGH rows read, so more than its probe limit: broad, at once; its title
    // hits from its first 200 head postings, newest first
    const st = await limits('st');
    expect(st.asked).toEqual([65, 201, 201]);
    expect(st.ids).toHaveLength(3);
    // "common", counted: in 900 clippings, past fullRead; its HIGH rows (none) and first keys were read with the count
    expect(await limits('common', 100)).toEqual({ ids: ['m899', 'm898', 'm897'], asked: [65, 401] });
    // within fullRead: read whole in a second trip, keys and (none left) HIGH rows
    expect((await limits('common')).asked).toEqual([65, 401, 836]);
  });

  it('a word of 2-4 letters alone lists its title hits first, then other high-weight hits, each newest first, exactly', async () => {
    // 300 titles with "story"; 50 newer clippings that name "Stalin" (an entity: weight below a title's); the body of all
    const many = Array.from({ length: 350 }, (_, i) =>
      makeClipping({ id: `m${String(i).padStart(3, '0')}`, title: i < 300 ? `Story ${i}` : `Item ${i}`, text: `stone words ${i}`, savedAt: i }),
    );
    const named = many.slice(300).map((c) => ({ clippingId: c.id, kind: 'person' as const, canonical: 'Joseph Stalin', key: 'joseph stalin', surfaces: ['Stalin'], mentions: 1 }));
    await put(db, many, [], named);
    for (const c of many) await indexClipping(db, c.id);
    const titles = many.slice(0, 300).reverse().map((c) => c.id);
    const entities = many.slice(300).reverse().map((c) => c.id);
    for (const q of ['st', 'sto', 'stor']) expect(ids(await search(db, q, {}, { limit: 5 })), q).toEqual(titles.slice(0, 5));
    expect(ids(await search(db, 'sta', {}, { limit: 5 }))).toEqual(entities.slice(0, 5));
    // past the 300 title hits, the entity hits, newest first
    expect(ids(await search(db, 'st', {}, { limit: 310 })).slice(295)).toEqual([...titles.slice(295), ...entities.slice(0, 10)]);
    // fewer high-weight hits than asked: the body-only hits follow (here the same for every clipping)
    const ston = await search(db, 'ston', {}, { limit: 3 });
    expect(ids(ston)).toEqual(['m349', 'm348', 'm347']);
    // a clipping deleted is gone from them at once
    await db.clippings.delete('m299');
    await removeFromIndex(db, 'm299');
    expect(ids(await search(db, 'sto', {}, { limit: 2 }))).toEqual(['m298', 'm297']);
  });

  it('two broad words: a clipping without a whole word is ruled out from the postings, never loaded', async () => {
    // "story" is in every title (a title hit everywhere); "common" in every other text, too many to read whole
    const many = Array.from({ length: 1700 }, (_, i) =>
      makeClipping({ id: `m${i}`, title: `Story ${i}`, text: `${i % 2 === 0 ? 'common' : 'rare'} words ${i}`, savedAt: i }),
    );
    await put(db, many);
    for (const c of many) await indexClipping(db, c.id);
    resetSearchCache(db);
    const rs = await search(db, 'common stor', {}, { limit: 5, fullRead: 0 });
    expect(rs).toHaveLength(5);
    expect(rs.every((r) => r.snippet.some((s) => s.mark && s.text === 'common'))).toBe(true);
    // the candidates without "common" were ruled out without reading their rows
    expect(many.filter((_, i) => i % 2 === 1 && hasCachedRow(db, `m${i}`))).toEqual([]);
  }, 60_000);

  it('reads a word found in up to FULL_READ clippings whole once, then answers longer prefixes from memory', async () => {
    const many = Array.from({ length: 900 }, (_, i) => makeClipping({ id: `m${i}`, title: `Story ${i}`, text: `damascus talks ${i}`, savedAt: i }));
    await put(db, many);
    for (const c of many) await indexClipping(db, c.id);
    expect(await search(db, 'dama', {}, { limit: 1000 })).toHaveLength(900);
    const reads = vi.spyOn(db.terms, 'where');
    for (const q of ['damas', 'damasc', 'damascus', 'damascus ']) expect(await search(db, q, {}, { limit: 1000 }), q).toHaveLength(900);
    expect(reads).not.toHaveBeenCalled();
    // past FULL_READ only the probe limit is read: the next prefix has to read again
    resetSearchCache(db);
    expect(await search(db, 'dama', {}, { limit: 1000, fullRead: 100 })).toHaveLength(900);
    reads.mockClear();
    await search(db, 'damas', {}, { fullRead: 100 });
    expect(reads).toHaveBeenCalled();
  });

  it('a word read whole past its probe limit keeps the fields of every posting (title hits first)', async () => {
    // in 900 titles but one: more postings and more title postings than the first read takes (800), so both are read on
    const many = Array.from({ length: 900 }, (_, i) =>
      makeClipping({ id: `m${i}`, title: i === 899 ? `Story ${i}` : `Damascus story ${i}`, text: `damascus talks ${i}`, savedAt: i }),
    );
    await put(db, many);
    for (const c of many) await indexClipping(db, c.id);
    const want = [...many.slice(0, 899).reverse().map((c) => c.id), 'm899'];
    const reads = vi.spyOn(db.terms, 'where');
    expect(ids(await search(db, 'dama', {}, { limit: 1000 }))).toEqual(want);
    // its head postings (fewer than the limit: body-only hits follow), then counted and read at once, then the rest of
    // the postings and of the title postings
    expect(reads).toHaveBeenCalledTimes(6);
    reads.mockClear();
    expect(ids(await search(db, 'damascus', {}, { limit: 1000 }))).toEqual(want);
    expect(reads).not.toHaveBeenCalled();
  });

  it('one word whose high-weight hits fill the page is answered from them, before the rest of its postings is read', async () => {
    // "whale" in 300 texts (read whole in a second trip), in 30 titles and named as an entity in 5 other clippings
    const many = Array.from({ length: 300 }, (_, i) =>
      makeClipping({ id: `m${String(i).padStart(3, '0')}`, title: i % 10 === 0 ? `Whale ${i}` : `Story ${i}`, text: `whale ${i % 2 ? 'strandings' : 'songs'} ${i}`, savedAt: i }),
    );
    const named = [1, 3, 297, 298, 299].map((i) => ({ clippingId: `m${String(i).padStart(3, '0')}`, kind: 'organization' as const, canonical: 'Whale Trust', key: 'whale trust', surfaces: ['Whale Trust'], mentions: 1 }));
    await put(db, many, [], named);
    for (const c of many) await indexClipping(db, c.id);
    const titles = many.filter((_, i) => i % 10 === 0).reverse().map((c) => c.id);
    const entities = ['m299', 'm298', 'm297', 'm003', 'm001'];
    const stages: string[] = [];
    const whale = await search(db, 'whale ', {}, { trace: (s) => stages.push(s) });
    // title hits newest first, as the plain way ranks them
    expect(ids(whale)).toEqual(titles.slice(0, 20));
    expect(stages).toContain('high first');
    expect(whale[0]!.snippet.filter((s) => s.mark).map((s) => s.text)).toEqual(['whale']);
    // past the high-weight hits (35 < 40): the plain way, body-only hits after them
    expect(ids(await search(db, 'whale ', {}, { limit: 40 }))).toEqual([...titles, ...entities, 'm296', 'm295', 'm294', 'm293', 'm292']);
    // the next word is searched on the postings read meanwhile, as a fresh search does
    const typed = ids(await search(db, 'whale st', {}, { limit: 40 }));
    resetSearchCache(db);
    expect(typed).toEqual(ids(await search(db, 'whale st', {}, { limit: 40 })));
  });

  it('one word with more title hits than its first read takes is answered once they are all read', async () => {
    // "damascus" in 900 texts and 500 titles: its first trip reads 401 HIGH rows, its second the other 99 (before the
    // rest of its keys)
    const many = Array.from({ length: 900 }, (_, i) => makeClipping({ id: `m${String(i).padStart(3, '0')}`, title: i % 9 < 5 ? `Damascus ${i}` : `Story ${i}`, text: `damascus talks ${i}`, savedAt: i }));
    await put(db, many);
    for (const c of many) await indexClipping(db, c.id);
    const stages: string[] = [];
    const rs = await search(db, 'damascus ', {}, { limit: 20, trace: (s) => stages.push(s) });
    expect(ids(rs)).toEqual(many.filter((_, i) => i % 9 < 5).reverse().slice(0, 20).map((c) => c.id));
    expect(stages).toContain('high first');
    // the rest of its postings was read meanwhile: the body-only hits after the 500 title hits, newest first
    expect(ids(await search(db, 'damascus ', {}, { limit: 503 })).slice(500)).toEqual(['m899', 'm898', 'm897']);
  });

  it('a broad prefix found on a clipping only in its title counts, as a title hit', async () => {
    // "st" (a short prefix, more title postings than are read) is in 270 titles ("Story"), and in the text of odd ones
    const many = Array.from({ length: 300 }, (_, i) =>
      makeClipping({ id: `m${String(i).padStart(3, '0')}`, title: i % 10 === 5 ? `Report ${i}` : `Story ${i}`, text: `whale ${i % 2 ? 'strandings' : 'songs'} ${i}`, savedAt: i }),
    );
    await put(db, many);
    for (const c of many) await indexClipping(db, c.id);
    const all = await search(db, 'whale st', {}, { limit: 300 });
    // all of them: the even ones have "st" in their title alone
    expect(ids(all).sort()).toEqual(many.map((c) => c.id));
    // every title hit above every text-only one (Report 295, 285…: "st" in the text alone)
    const titled = all.map((r) => r.titleSegments.some((s) => s.mark && s.text.toLowerCase().startsWith('st')));
    expect(titled.indexOf(false)).toBe(titled.lastIndexOf(true) + 1);
    // the first page: the newest title hits, from the head postings of "st" (its title postings, by term then
    // clipping id, would give the oldest)
    resetSearchCache(db);
    expect(ids(await search(db, 'whale st', {}, { limit: 5 }))).toEqual(['m299', 'm298', 'm297', 'm296', 'm294']);
  });

  it('checks a broad word on the text whatever its case, accents or composition', async () => {
    const forms = ['CÖMMON', 'co\u0308mmon', 'Com\u00admon'];
    const many = Array.from({ length: 900 }, (_, i) =>
      makeClipping({ id: `m${i}`, title: `Story ${i}`, text: i % 100 === 0 ? `${forms[(i / 100) % 3]} words with zebra` : `common words in story ${i}`, savedAt: i }),
    );
    many.push(makeClipping({ id: 'other', title: 'Other', text: 'uncommon zebra', savedAt: 1000 }));
    await put(db, many);
    for (const c of many) await indexClipping(db, c.id);
    expect(ids(await search(db, 'common zeb', {}, { fullRead: 0 }))).toEqual(['m800', 'm700', 'm600', 'm500', 'm400', 'm300', 'm200', 'm100', 'm0']);
  });

  it('typing letter by letter (reusing cached postings) gives what a fresh search gives', async () => {
    await seedWorld();
    for (const q of ['damascus strike', 'maori whale', 'assemblée nationale']) {
      for (let i = 1; i <= q.length; i++) {
        const typed = await search(db, q.slice(0, i));
        resetSearchCache(db);
        const fresh = await search(db, q.slice(0, i));
        expect(ids(typed), q.slice(0, i)).toEqual(ids(fresh));
      }
      resetSearchCache(db);
    }
    expect(ids(await search(db, 'damascus strik'))).toEqual(['seed']);
    expect(ids(await search(db, 'damascus '))).toEqual(['seed']);
  });

  it('keeps the rows it read for the next keystroke, without their HTML, and forgets them when a clipping changes', async () => {
    const c = makeClipping({ id: 'x', title: 'Alpha story', text: 'Alpha beta gamma.', html: '<p>Alpha beta gamma.</p>' });
    await put(db, [c]);
    await indexClipping(db, 'x');
    expect(ids(await search(db, 'alpha'))).toEqual(['x']);
    const bulkGet = vi.spyOn(db.clippings, 'bulkGet');
    const again = await search(db, 'alpha be');
    expect(ids(again)).toEqual(['x']);
    expect(bulkGet).not.toHaveBeenCalled();
    await db.clippings.update('x', { title: 'Alpha retitled', text: 'Alpha beta delta.' });
    await indexClipping(db, 'x');
    const after = await search(db, 'alpha be');
    expect(bulkGet).toHaveBeenCalled();
    expect(after[0]!.title).toBe('Alpha retitled');
    expect(after[0]!.snippet.map((s) => s.text).join('')).toContain('delta');
    bulkGet.mockRestore();
  });

  it('reads ahead the newest 256 rows in small requests, newest first, so that a search typed meanwhile is not held up', async () => {
    const many = Array.from({ length: 300 }, (_, i) => makeClipping({ id: `m${String(i).padStart(3, '0')}`, savedAt: i }));
    await put(db, many);
    const bulkGet = vi.spyOn(db.clippings, 'bulkGet');
    await warmSearch(db);
    const asked = bulkGet.mock.calls.map((c) => c[0] as string[]);
    bulkGet.mockRestore();
    expect(asked.every((ids) => ids.length <= 32)).toBe(true);
    expect(asked.flat()).toEqual(many.slice(-256).reverse().map((c) => c.id));
    // what was read ahead is not read again
    expect(hasCachedRow(db, 'm299') && hasCachedRow(db, 'm044') && !hasCachedRow(db, 'm043')).toBe(true);
  });

  it('reads the recency order and the site names from the cards as the indexes give them', async () => {
    await seedWorld();
    await put(db, [
      makeClipping({ id: 'tie-a', savedAt: Date.UTC(2024, 4, 1), siteName: 'Zeta' }),
      makeClipping({ id: 'tie-b', savedAt: Date.UTC(2024, 4, 1), siteName: null }),
    ]);
    expect(await recency(db)).toEqual((await db.clippings.orderBy('savedAt').primaryKeys()).reverse());
    expect(await siteNames(db)).toEqual((await db.clippings.orderBy('siteName').uniqueKeys()).map(String));
  });

  it('a newer keystroke aborts a stale search', async () => {
    await seedWorld();
    const ctl = new AbortController();
    ctl.abort();
    expect(await search(db, 'shoigu', {}, { signal: ctl.signal })).toEqual([]);
  });
});
