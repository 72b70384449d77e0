/**
 * Search benchmark: npx tsx bench/search.bench.ts  (node + fake-indexeddb; rewrites the search section of
 * BENCHMARKS.md). Options: --clippings N (default 10000), --no-write.
 */
import 'fake-indexeddb/auto';
import { cpus, totalmem } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { foldKey, openDb, type Clipping, type EntityRow, type TermRow } from '../utils/db';
import { indexClipping, postingsFor, prepareSearch, resetSearchCache, search } from '../utils/search';
import { foldedTokens, hasMatch, parseQuery, matcher, matchable } from '../utils/search-text';
import { fixtureNames, fixturePage, makeAnnotation, makeClipping } from '../fixtures/test-data';
import { MemexStyleDb, memexAdd, memexRow, memexSearch } from './memex-style';

const args = process.argv.slice(2);
const N = Number(args[args.indexOf('--clippings') + 1]) || 10_000;
const WRITE = !args.includes('--no-write');

// Deterministic pseudo-random numbers, so two runs index the same data.
let seed = 42;
const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;

// Twelve news pages of fixtures/pages (the queries below are about them).
const NEWS_PAGES = ['seed-page', 'bbc-1', 'cnn', 'nytimes-1', 'nytimes-2', 'wapo-1', 'wapo-2', 'guardian-1', 'lemonde-1', 'seattletimes-1', 'folha', 'medicalnewstoday'];
const pages = NEWS_PAGES.filter((n) => fixtureNames().includes(n)).map(fixturePage);
const paragraphs = pages.map((p) => p.text.split('\n').filter((s) => s.split(' ').length > 8));
const SITES = Array.from({ length: 40 }, (_, i) => `${pick(['Daily', 'Morning', 'Evening', 'Global', 'City'])} ${pick(['Ledger', 'Post', 'Times', 'Herald', 'Wire'])} ${i}`);
const PEOPLE = ['Sergei Shoigu', 'Mohammad Reza Ashtiani', 'Dong Jun', 'Barack Obama', 'Angela Merkel', 'Emmanuel Macron', 'Jeff Bezos', 'Jacinda Ardern', 'Tomáš Souček', 'Luiz Inácio Lula da Silva', 'Omar al-Bashir', 'Gary Lineker'];
const ORGS = ['Shanghai Cooperation Organization', 'United Nations', 'European Union', 'Amazon', 'Whole Foods', 'West Ham United', 'Assemblée nationale', 'BBC', 'CNN'];
const PLACES = ['Iran', 'Damascus', 'Kazakhstan', 'Sudan', 'New Zealand', 'Seattle', 'Paris', 'Prague', 'São Paulo', 'Washington', 'Tunisia', 'Alaska'];
const DAY = 86_400_000;
const T0 = Date.UTC(2022, 0, 1);

function entity(clippingId: string, kind: EntityRow['kind'], canonical: string): EntityRow {
  const last = canonical.split(' ').slice(-1)[0]!;
  return { clippingId, kind, canonical, key: foldKey(canonical), surfaces: [canonical, last], mentions: 1 + Math.floor(rnd() * 5) };
}

function makeOne(i: number): { c: Clipping; entities: EntityRow[] } {
  const p = i % pages.length;
  const paras = paragraphs[p]!;
  const words = 250 + Math.floor(rnd() * 500);
  let text = '';
  let k = Math.floor(rnd() * paras.length);
  while (text.split(' ').length < words && paras.length) text += (text ? '\n' : '') + paras[k++ % paras.length];
  const page = pages[p]!;
  const titleWords = foldedTokens(text).filter((w) => w.length > 4);
  const title = `${page.title.split(' ').slice(0, 6).join(' ')} ${pick(titleWords)} ${pick(titleWords)}`;
  const id = `bench-${i.toString(36)}`;
  const savedAt = T0 + Math.floor((i / N) * 1000 * DAY) + Math.floor(rnd() * DAY);
  const c = makeClipping({
    id,
    url: `https://news.example/${i}`,
    canonicalUrl: `https://news.example/${i}`,
    title,
    text,
    html: '',
    siteName: pick(SITES),
    savedAt,
    updatedAt: savedAt,
    publishedTime: new Date(savedAt - DAY).toISOString(),
  });
  const entities = [
    entity(id, 'person', pick(PEOPLE)),
    entity(id, 'person', pick(PEOPLE)),
    entity(id, 'organization', pick(ORGS)),
    entity(id, 'place', pick(PLACES)),
    entity(id, 'place', pick(PLACES)),
  ];
  return { c, entities };
}

const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const ms = (x: number) => x.toFixed(x < 10 ? 2 : 1);

async function main() {
  const db = openDb('bench-search');
  await db.open();
  const memex = new MemexStyleDb('bench-memex-style');
  await memex.open();
  let memexBuild = 0;
  console.log(`building ${N} clippings…`);
  let t = performance.now();
  let postings = 0;
  let postingBytes = 0;
  let words = 0;
  const BATCH = 20;
  for (let i = 0; i < N; i += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, N - i) }, (_, j) => makeOne(i + j));
    const rows: TermRow[] = [];
    for (const { c, entities } of batch) {
      words += c.wordCount;
      // the same rows indexClipping writes for a new clipping, added in bulk to keep the build short
      for (const r of postingsFor({ clipping: c, annotations: [], entities })) {
        rows.push(r);
        postingBytes += r.term.length * 2 + r.clippingId.length * 2 + 16;
      }
    }
    postings += rows.length;
    await db.transaction('rw', [db.clippings, db.entities, db.terms], async () => {
      await db.clippings.bulkAdd(batch.map((b) => b.c));
      await db.entities.bulkAdd(batch.flatMap((b) => b.entities));
      await db.terms.bulkAdd(rows);
    });
    const tm = performance.now();
    await memexAdd(memex, batch.map((b) => memexRow(b.c, b.entities)));
    memexBuild += performance.now() - tm;
    if (i % 1000 === 0) process.stdout.write(`${i} `);
  }
  const buildS = (performance.now() - t - memexBuild) / 1000;
  console.log(`\nbuilt in ${buildS.toFixed(0)} s: ${postings} postings`);

  if (process.env.PROFILE) {
    const { profile } = await import(process.env.PROFILE);
    await profile(db);
    return;
  }
  // Typing real words letter by letter; every prefix is one keystroke.
  const QUERIES = ['shoigu', 'damascus strike', 'minister', 'sanctions sudan', 'whale strandings', 'assemblée', 'obama gun laws', 'economic mobility', 'amazon halibut', 'police', 'government said', 'lula', 'people', 'cooperation china', 'renseignement'];
  const keystrokes: string[] = [];
  for (const q of QUERIES) for (let i = 1; i <= q.length; i++) keystrokes.push(q.slice(0, i));
  /** Each query is typed in a fresh popup session: nothing cached from the previous one. */
  const fresh = async (k: string) => {
    if (k.length !== 1) return;
    resetSearchCache(db);
    // what the popup does on open (SearchPanel mount), before the first keystroke arrives
    const t = performance.now();
    await prepareSearch(db);
    sessionStart.push(performance.now() - t);
  };
  const sessionStart: number[] = [];

  // A clean heap before timing: fake-indexeddb keeps the whole database in the JS heap, which a browser does not.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  // warm-up (JIT), not counted
  for (const k of keystrokes.slice(0, 10)) await search(db, k);
  resetSearchCache(db);
  const stages = new Map<string, number>();
  for (const k of keystrokes) {
    await fresh(k);
    let last = performance.now();
    await search(db, k, {}, { trace: (s) => { const now = performance.now(); stages.set(s, (stages.get(s) ?? 0) + now - last); last = now; } });
    stages.set('results', (stages.get('results') ?? 0) + performance.now() - last);
  }
  for (const k of (process.env.TRACE ?? '').split(',').filter(Boolean)) {
    resetSearchCache(db);
    let last = performance.now();
    const st: string[] = [];
    const rs = await search(db, k, {}, { trace: (s) => { const now = performance.now(); st.push(`${s} ${(now - last).toFixed(1)}`); last = now; } });
    st.push(`results ${(performance.now() - last).toFixed(1)}`);
    console.log(JSON.stringify(k), rs.length, st.join(', '));
  }
  console.log('stage totals (ms)', Object.fromEntries([...stages].map(([k, v]) => [k, Math.round(v)])));
  const times: number[] = [];
  const slow: [string, number][] = [];
  for (const k of keystrokes) {
    await fresh(k);
    t = performance.now();
    const rs = await search(db, k);
    const dt = performance.now() - t;
    times.push(dt);
    slow.push([k, dt]);
    void rs;
  }
  slow.sort((a, b) => b[1] - a[1]);
  const hitCounts = await Promise.all(QUERIES.map(async (q) => (await search(db, q, {}, { limit: 1000 })).length));
  console.log('p50', pct(times, 0.5), 'p95', pct(times, 0.95), 'slowest', slow.slice(0, 5));

  // Baseline 0: the Memex-style layout (bench/memex-style.ts), the same keystrokes and the same data.
  for (const k of keystrokes.slice(0, 10)) await memexSearch(memex, k);
  const memexTimes: number[] = [];
  const memexSlow: [string, number][] = [];
  for (const k of keystrokes) {
    t = performance.now();
    await memexSearch(memex, k);
    const dt = performance.now() - t;
    memexTimes.push(dt);
    memexSlow.push([k, dt]);
  }
  memexSlow.sort((a, b) => b[1] - a[1]);

  // Baseline 1: a full scan of the clippings table per keystroke (no index). Sampled keystrokes.
  const sample = keystrokes.filter((_, i) => i % 12 === 0).slice(0, 8);
  const scanTimes: number[] = [];
  for (const k of sample) {
    t = performance.now();
    const words = parseQuery(k);
    const checks = words.map((w) => matcher([w]));
    const found: Clipping[] = [];
    await db.clippings.each((c) => {
      const text = matchable(`${c.title}\n${c.text}`);
      if (words.length && checks.every((m) => hasMatch(text, m))) found.push(c);
    });
    found.sort((a, b) => b.savedAt - a.savedAt);
    scanTimes.push(performance.now() - t);
  }
  // Baseline 2: everything in memory (load + fold on popup open, then a scan per keystroke).
  t = performance.now();
  const all = await db.clippings.toArray();
  const folded = all.map((c) => ({ id: c.id, savedAt: c.savedAt, text: ` ${foldedTokens(`${c.title} ${c.text}`).join(' ')}` }));
  const memLoad = performance.now() - t;
  const memTimes: number[] = [];
  for (const k of keystrokes) {
    t = performance.now();
    const words = parseQuery(k);
    const found = words.length ? folded.filter((d) => words.every((w) => d.text.includes(` ${w.text}${w.prefix ? '' : ' '}`))) : [];
    found.sort((a, b) => b.savedAt - a.savedAt);
    memTimes.push(performance.now() - t);
  }

  // Indexing one 5,000-word article (with 5 highlights and 20 entities) into the 10,000-clipping db.
  const long = pages.map((p) => p.text).join('\n').split(/\s+/).slice(0, 5000).join(' ');
  const idxTimes: number[] = [];
  const cpuTimes: number[] = [];
  const saveTimes: number[] = [];
  let reindexNote = 0;
  const memexIdx: number[] = [];
  const memexReindex: number[] = [];
  let terms5k = 0;
  for (let r = 0; r < 5; r++) {
    const c = makeClipping({ id: `long-${r}`, url: `https://news.example/long-${r}`, canonicalUrl: `https://news.example/long-${r}`, title: `Long read ${r}`, text: `${long} variant${r}`, savedAt: Date.now() });
    const anns = [0, 1, 2, 3, 4].map((a) => makeAnnotation(c, c.text.slice(a * 3000 + 100, a * 3000 + 180), `note ${a}`));
    const ents = Array.from({ length: 20 }, () => entity(c.id, 'person', pick(PEOPLE)));
    t = performance.now();
    postingsFor({ clipping: c, annotations: anns, entities: ents });
    cpuTimes.push(performance.now() - t);
    t = performance.now();
    await db.transaction('rw', [db.clippings, db.annotations, db.entities], async () => {
      await db.clippings.add(c);
      await db.annotations.bulkAdd(anns);
      await db.entities.bulkAdd(ents);
    });
    const t1 = performance.now();
    const res = await indexClipping(db, c.id);
    const t2 = performance.now();
    terms5k = res.written;
    idxTimes.push(t2 - t1);
    saveTimes.push(t2 - t);
    const row = memexRow(c, ents);
    t = performance.now();
    await memexAdd(memex, [row]);
    memexIdx.push(performance.now() - t);
    // Memex rewrites the page row (and every index entry of it) when anything about the page changes
    t = performance.now();
    await memexAdd(memex, [{ ...row, page: { ...row.page, titleTerms: [...row.page.titleTerms, 'harbour'] } }]);
    memexReindex.push(performance.now() - t);
    await db.annotations.update(anns[0]!.id, { note: 'a fresh thought about the harbour' });
    t = performance.now();
    await indexClipping(db, c.id);
    reindexNote = performance.now() - t;
  }

  const cpu = cpus();
  const lines = [
    '<!-- search:start -->',
    '## Search (utils/search.ts)',
    '',
    `Command: \`npx tsx bench/search.bench.ts\` · ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${cpu.length} × ${cpu[0]?.model.trim()} · ${(totalmem() / 2 ** 30).toFixed(0)} GB · node ${process.version}`,
    '',
    '**These are node + fake-indexeddb figures** (an in-memory IndexedDB written in JavaScript, whose per-request and per-row costs differ from Chromium\'s); in-browser figures from the popup come later.',
    '',
    `Data: ${N.toLocaleString('en')} clippings generated from ${pages.length} fixture pages' texts (fixtures/pages/*; windows of 250-750 words, ${Math.round(words / N)} on average; titles, 40 sites, 3 years of save dates and 5 entities each varied), ${postings.toLocaleString('en')} posting rows (~${(postingBytes / 2 ** 20).toFixed(0)} MB of keys and fields), built in ${buildS.toFixed(0)} s.`,
    '',
    `Method: ${keystrokes.length} keystrokes typing ${QUERIES.length} queries letter by letter (${QUERIES.map((q) => `"${q}"`).join(', ')}), each a full \`search()\` returning the top 20 with snippets, after 10 warm-up keystrokes. Matches per full query: ${QUERIES.map((q, i) => `${q} ${hitCounts[i]! >= 1000 ? '1000+' : hitCounts[i]}`).join(', ')}.`,
    '',
    '| | p50 | p95 | max | note |',
    '|---|---|---|---|---|',
    `| Clipmark index, per keystroke | ${ms(pct(times, 0.5))} ms | **${ms(pct(times, 0.95))} ms** | ${ms(Math.max(...times))} ms | target p95 < 30 ms; each query typed in a fresh session whose start (prepareSearch: the recency order, ${N.toLocaleString('en')} keys) took p50 ${ms(pct(sessionStart, 0.5))} ms, off the keystroke path; slowest: ${slow.slice(0, 3).map(([k, d]) => `"${k}" ${ms(d)} ms`).join(', ')} |`,
    `| Baseline: Memex-style index (one row per clipping with multiEntry \`*terms\`, \`*titleTerms\`; bench/memex-style.ts) | ${ms(pct(memexTimes, 0.5))} ms | ${ms(pct(memexTimes, 0.95))} ms | ${ms(Math.max(...memexTimes))} ms | same keystrokes and data, last word as a prefix; built in ${(memexBuild / 1000).toFixed(0)} s; slowest: ${memexSlow.slice(0, 3).map(([k, d]) => `"${k}" ${ms(d)} ms`).join(', ')} |`,
    `| Baseline: full scan of the clippings table | ${ms(pct(scanTimes, 0.5))} ms | ${ms(pct(scanTimes, 0.95))} ms | ${ms(Math.max(...scanTimes))} ms | ${sample.length} sampled keystrokes, regex over title + text |`,
    `| Baseline: all texts in memory | ${ms(pct(memTimes, 0.5))} ms | ${ms(pct(memTimes, 0.95))} ms | ${ms(Math.max(...memTimes))} ms | but ${ms(memLoad)} ms to load and fold every clipping first, on each popup open |`,
    '',
    `Indexing one 5,000-word article (${terms5k.toLocaleString('en')} posting rows, 5 highlights with notes, 20 entities) into the ${N.toLocaleString('en')}-clipping db: \`indexClipping\` p50 ${ms(pct(idxTimes, 0.5))} ms, max ${ms(Math.max(...idxTimes))} ms over 5 articles (target < 100 ms), of which computing the postings (tokenising, folding; pure CPU) is ${ms(pct(cpuTimes, 0.5))} ms and the rest is fake-indexeddb's writes (about ${ms(((pct(idxTimes, 0.5) - pct(cpuTimes, 0.5)) * 1000) / terms5k)} µs per row); writing the clipping, annotations and entities and then indexing: p50 ${ms(pct(saveTimes, 0.5))} ms. Re-indexing after editing one note (only changed rows written): ${ms(reindexNote)} ms. Memex-style, the same article: writing its page row with its term arrays p50 ${ms(pct(memexIdx, 0.5))} ms; after a change, rewriting the row p50 ${ms(pct(memexReindex, 0.5))} ms.`,
    '<!-- search:end -->',
  ];
  const section = lines.join('\n');
  console.log(section);
  if (WRITE) {
    const file = join(import.meta.dirname, '..', 'BENCHMARKS.md');
    const md = readFileSync(file, 'utf8');
    const next = md.replace(/<!-- search:start -->[\s\S]*?<!-- search:end -->/, section);
    writeFileSync(file, next);
    console.log('BENCHMARKS.md updated');
  }
  db.close();
}

await main();
