/**
 * Anchoring benchmark: npx tsx bench/anchoring.bench.ts [--verbose] [--no-write] [--scenario NAME] [--seed N]
 *   --scenario NAME (e.g. "all edits", or every): re-anchor only in that page state, skip the timing part, write nothing
 *   (the other edits are still applied, so the random highlights and edits are the same as in a full run).
 *
 * On the real fixture pages (parsed with jsdom), creates highlights at seeded
 * random places (short, long, repeated phrases), then re-anchors them
 * (a) on the unchanged page, (b) after typical edits, and (c) times placing
 * 200 highlights on one page against baselines in the same run. Rewrites the
 * anchoring section of BENCHMARKS.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { JSDOM, VirtualConsole } from 'jsdom';
import type { Annotation } from '../utils/db';
import { anchorAll, type AnchorMethod } from '../utils/anchoring/anchor';
import { describeRange } from '../utils/anchoring/describe';
import { scoreAtOffsets } from '../utils/anchoring/match-quote';
import { buildTextMap, offsetsToRange, rangeToOffsets } from '../utils/anchoring/text-range';
import { FIXTURE_PAGES, readFixture } from '../utils/test-pages';

const VERBOSE = process.argv.includes('--verbose');
const si = process.argv.indexOf('--scenario');
const ONLY_SCENARIO = si >= 0 ? process.argv[si + 1] : null;
const WRITE = !process.argv.includes('--no-write') && !ONLY_SCENARIO;
const seedArg = process.argv.indexOf('--seed');
const SEED = seedArg >= 0 ? Number(process.argv[seedArg + 1]) : 20260427;
const ROUNDS = 3;
const TIMING_RUNS = 5;

function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    shuffle<T>(xs: T[]): T[] {
      for (let i = xs.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [xs[i], xs[j]] = [xs[j]!, xs[i]!];
      }
      return xs;
    },
  };
}
type Rng = ReturnType<typeof rng>;

function load(html: string): Document {
  const doc = new JSDOM(html, { virtualConsole: new VirtualConsole() }).window.document;
  doc.querySelectorAll('p').forEach((p, i) => p.setAttribute('data-bench-id', String(i)));
  return doc;
}

type Kind = 'short' | 'long' | 'repeated';
interface Case {
  annotation: Annotation;
  kind: Kind;
  pid: string;
  /** Offsets in the paragraph's own normalised text. */
  start: number;
  end: number;
}

const words = (text: string) => [...text.matchAll(/\S+/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, w: m[0] }));

/** Paragraphs worth highlighting in. */
function paragraphs(doc: Document): HTMLElement[] {
  return [...doc.querySelectorAll<HTMLElement>('p[data-bench-id]')].filter((p) => buildTextMap(p).text.length >= 80);
}

/** Random highlights, at most one per paragraph (so edits can avoid them), or any number when `perParagraph`. */
function makeCases(doc: Document, r: Rng, max: number, anyParagraph = false): Case[] {
  const body = doc.body;
  const bodyMap = buildTextMap(body);
  const ps = r.shuffle(paragraphs(doc));
  const cases: Case[] = [];
  const kinds: Kind[] = ['short', 'long', 'repeated'];
  for (let n = 0; cases.length < max && n < max * 4; n++) {
    const p = anyParagraph ? r.pick(ps) : ps[n];
    if (!p) break;
    const local = buildTextMap(p);
    const ws = words(local.text);
    if (ws.length < 6) continue;
    const kind = kinds[cases.length % 3]!;
    let a: number;
    let b: number;
    if (kind === 'short') {
      a = r.int(ws.length);
      b = Math.min(ws.length - 1, a + r.int(3));
    } else if (kind === 'long') {
      const len = 8 + r.int(40);
      a = r.int(Math.max(1, ws.length - len));
      b = Math.min(ws.length - 1, a + len);
    } else {
      // A phrase of 1-2 words that occurs elsewhere on the page too.
      const options: [number, number][] = [];
      for (let i = 0; i < ws.length; i++) {
        for (const k of [0, 1]) {
          if (i + k >= ws.length) continue;
          const phrase = local.text.slice(ws[i]!.start, ws[i + k]!.end);
          if (phrase.length < 3) continue;
          const first = bodyMap.text.indexOf(phrase);
          if (first >= 0 && bodyMap.text.indexOf(phrase, first + 1) >= 0) options.push([i, i + k]);
        }
      }
      if (!options.length) continue;
      [a, b] = r.pick(options);
    }
    const start = ws[a]!.start;
    const end = ws[b]!.end;
    const range = offsetsToRange(local, start, end)!;
    const selectors = describeRange(body, range, bodyMap);
    const id = `${cases.length}`;
    cases.push({
      annotation: { id, pageUrl: 'bench', clippingId: null, color: 'yellow', note: '', selectors, createdAt: 0, updatedAt: 0 },
      kind,
      pid: p.getAttribute('data-bench-id')!,
      start,
      end,
    });
  }
  return cases;
}

// ---- Edits. Each returns the expected local offsets of every case after the edit.

type Expect = Map<string, { start: number; end: number }>;
const same = (cases: Case[]): Expect => new Map(cases.map((c) => [c.annotation.id, { start: c.start, end: c.end }]));

function sentence(r: Rng, vocab: string[]): string {
  const n = 6 + r.int(14);
  const ws = Array.from({ length: n }, () => r.pick(vocab));
  return ws.join(' ').replace(/^./, (c) => c.toUpperCase()) + '.';
}

function others(doc: Document, cases: Case[]): HTMLElement[] {
  const used = new Set(cases.map((c) => c.pid));
  return paragraphs(doc).filter((p) => !used.has(p.getAttribute('data-bench-id')!));
}

function insertElsewhere(doc: Document, cases: Case[], r: Rng, vocab: string[]): Expect {
  const free = others(doc, cases);
  for (let k = 0; k < 4 && free.length; k++) {
    const p = r.pick(free);
    const np = doc.createElement('p');
    np.textContent = sentence(r, vocab) + ' ' + sentence(r, vocab);
    (r.next() < 0.5 ? p.before(np) : p.after(np));
    const q = r.pick(free);
    q.append(doc.createTextNode(' ' + sentence(r, vocab)));
    q.prepend(doc.createTextNode(sentence(r, vocab) + ' '));
  }
  return same(cases);
}

function removeElsewhere(doc: Document, cases: Case[], r: Rng): Expect {
  const free = r.shuffle(others(doc, cases));
  free.slice(0, 2).forEach((p) => p.remove());
  for (const p of free.slice(2, 6)) {
    const t = [...p.childNodes].find((n): n is Text => n.nodeType === 3 && /\.\s/.test((n as Text).data));
    if (t) t.data = t.data.slice(t.data.search(/\.\s/) + 2);
  }
  return same(cases);
}

/** Change one word within ~25 characters before or after each highlight, outside it. */
function changeWordsNear(doc: Document, cases: Case[], r: Rng, vocab: string[]): Expect {
  const out = same(cases);
  for (const c of cases) {
    const p = doc.querySelector(`[data-bench-id="${c.pid}"]`)!;
    const local = buildTextMap(p);
    const near = words(local.text).filter(
      (w) => (w.end < c.start && w.start >= c.start - 25) || (w.start > c.end && w.end <= c.end + 25),
    );
    const w = near.length ? r.pick(near) : null;
    if (!w) continue;
    const node = local.charNode[w.start]!;
    if (local.charNode[w.end - 1] !== node) continue;
    const t = local.nodes[node]!;
    let repl = r.pick(vocab);
    if (repl === w.w) repl = repl + 's';
    const from = local.charOffset[w.start]!;
    t.replaceData(from, local.charOffset[w.end - 1]! + 1 - from, repl);
    if (w.end < c.start) {
      const d = repl.length - w.w.length;
      out.set(c.annotation.id, { start: c.start + d, end: c.end + d });
    }
  }
  return out;
}

/** Replace one word strictly inside each long highlight (the fuzzy matcher's job); other highlights untouched. */
function changeWordInside(doc: Document, cases: Case[], r: Rng, vocab: string[]): Expect {
  const out = same(cases);
  for (const c of cases) {
    if (c.kind !== 'long') continue;
    const p = doc.querySelector(`[data-bench-id="${c.pid}"]`)!;
    const local = buildTextMap(p);
    const inside = words(local.text).filter((w) => w.start > c.start && w.end < c.end);
    const w = inside.length ? r.pick(inside) : null;
    if (!w || local.charNode[w.end - 1] !== local.charNode[w.start]) continue;
    const t = local.nodes[local.charNode[w.start]!]!;
    let repl = r.pick(vocab);
    if (repl === w.w) repl = repl + 's';
    const from = local.charOffset[w.start]!;
    t.replaceData(from, local.charOffset[w.end - 1]! + 1 - from, repl);
    out.set(c.annotation.id, { start: c.start, end: c.end + repl.length - w.w.length });
  }
  return out;
}

function reorderParagraphs(doc: Document, cases: Case[], r: Rng): Expect {
  const parents = new Set<Element>();
  doc.querySelectorAll('p').forEach((p) => p.parentElement && parents.add(p.parentElement));
  for (const parent of parents) {
    const ps = [...parent.children].filter((c) => c.tagName === 'P');
    if (ps.length < 2) continue;
    const anchor = doc.createComment('');
    ps[0]!.before(anchor);
    for (const p of r.shuffle(ps)) anchor.before(p);
    anchor.remove();
  }
  return same(cases);
}

/** Re-indent text, wrap words in inline markup, and wrap some paragraphs in new containers. */
function whitespaceAndMarkup(doc: Document, cases: Case[], r: Rng): Expect {
  const walker = doc.createTreeWalker(doc.body, 4);
  const texts: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
  for (const t of texts) {
    const parent = t.parentElement;
    if (!parent || /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE)$/.test(parent.tagName)) continue;
    t.data = t.data.replace(/ /g, () => r.pick([' ', '  ', '\n      ', ' \t ', ' ']));
    // Wrap one word of some text nodes in <b> or <span>.
    if (r.next() < 0.3 && parent.closest('p')) {
      const m = [...t.data.matchAll(/\S+/g)];
      if (m.length > 2) {
        const w = r.pick(m);
        const mid = t.splitText(w.index!);
        mid.splitText(w[0].length);
        const el = doc.createElement(r.pick(['b', 'span', 'em']));
        mid.before(el);
        el.append(mid);
      }
    }
  }
  for (const p of doc.querySelectorAll('p')) {
    if (r.next() < 0.2) {
      const div = doc.createElement('div');
      div.className = 'wrapper';
      p.before(div);
      div.append(p);
    }
  }
  return same(cases);
}

function vocabulary(doc: Document): string[] {
  return [...new Set(buildTextMap(doc.body).text.toLowerCase().match(/[a-z]{3,}/g) ?? [])];
}

type Scenario = 'unchanged' | 'inserted' | 'removed' | 'words near' | 'reordered' | 'whitespace+markup' | 'all edits' | 'word inside long';
const SCENARIOS: Scenario[] = ['unchanged', 'inserted', 'removed', 'words near', 'reordered', 'whitespace+markup', 'all edits', 'word inside long'];

function applyScenario(s: Scenario, doc: Document, cases: Case[], r: Rng, vocab: string[]): Expect {
  switch (s) {
    case 'unchanged':
      return same(cases);
    case 'inserted':
      return insertElsewhere(doc, cases, r, vocab);
    case 'removed':
      return removeElsewhere(doc, cases, r);
    case 'words near':
      return changeWordsNear(doc, cases, r, vocab);
    case 'reordered':
      return reorderParagraphs(doc, cases, r);
    case 'whitespace+markup':
      return whitespaceAndMarkup(doc, cases, r);
    case 'word inside long':
      return changeWordInside(doc, cases, r, vocab);
    case 'all edits': {
      insertElsewhere(doc, cases, r, vocab);
      removeElsewhere(doc, cases, r);
      const e = changeWordsNear(doc, cases, r, vocab);
      reorderParagraphs(doc, cases, r);
      whitespaceAndMarkup(doc, cases, r);
      return e;
    }
  }
}

interface Tally {
  total: number;
  correct: number;
  misplaced: number;
  orphaned: number;
  methods: Record<AnchorMethod, number>;
  byKind: Record<Kind, { total: number; correct: number }>;
}
const emptyTally = (): Tally => ({
  total: 0,
  correct: 0,
  misplaced: 0,
  orphaned: 0,
  methods: { range: 0, position: 0, quote: 0, fuzzy: 0 },
  byKind: { short: { total: 0, correct: 0 }, long: { total: 0, correct: 0 }, repeated: { total: 0, correct: 0 } },
});

function evaluate(doc: Document, cases: Case[], expect: Expect, tally: Tally, label: string) {
  const res = anchorAll(doc.body, cases.map((c) => c.annotation));
  const byId = new Map(cases.map((c) => [c.annotation.id, c]));
  tally.total += cases.length;
  for (const c of cases) tally.byKind[c.kind].total++;
  for (const o of res.orphans) {
    tally.orphaned++;
    if (VERBOSE) {
      const q = o.selectors.find((s) => s.type === 'TextQuoteSelector');
      console.log(`  orphan [${label}] ${byId.get(o.id)!.kind}: ${JSON.stringify(q)}`);
      if (q && q.type === 'TextQuoteSelector') {
        const text = buildTextMap(doc.body).text;
        const pos = o.selectors.find((s) => s.type === 'TextPositionSelector') as { start: number } | undefined;
        const want = expect.get(o.id)!; const c = byId.get(o.id)!;
        const p = doc.querySelector(`[data-bench-id="${c.pid}"]`)!;
        const pt = buildTextMap(p).text;
        console.log(`     want ${JSON.stringify(pt.slice(Math.max(0, want.start - 40), want.end + 40))}`);
        for (let i = text.indexOf(q.exact); i !== -1; i = text.indexOf(q.exact, i + 1)) {
          const m = scoreAtOffsets(text, q.exact, i, i + q.exact.length, { prefix: q.prefix, suffix: q.suffix, hint: pos?.start });
          console.log(`     cand ${i} pre ${m.prefixScore.toFixed(2)} suf ${m.suffixScore.toFixed(2)} score ${m.score.toFixed(3)} ${JSON.stringify(text.slice(i - 32, i + q.exact.length + 32))}`);
        }
      }
    }
  }
  for (const pl of res.placed) {
    const c = byId.get(pl.annotation.id)!;
    const p = doc.querySelector(`[data-bench-id="${c.pid}"]`)!;
    const want = expect.get(c.annotation.id)!;
    let ok = false;
    if (p.contains(pl.range.startContainer) && p.contains(pl.range.endContainer)) {
      const got = rangeToOffsets(buildTextMap(p), pl.range);
      ok = got.start === want.start && got.end === want.end;
    }
    if (ok) {
      tally.correct++;
      tally.methods[pl.method]++;
      tally.byKind[c.kind].correct++;
    } else {
      tally.misplaced++;
      const gotP = (pl.range.startContainer.parentElement as Element).closest('[data-bench-id]');
      const q = c.annotation.selectors.find((s) => s.type === 'TextQuoteSelector');
      if (VERBOSE) console.log(`  offsets wanted ${want.start}-${want.end} got ${JSON.stringify(p.contains(pl.range.startContainer) ? rangeToOffsets(buildTextMap(p), pl.range) : null)}`);
      if (VERBOSE && q && q.type === 'TextQuoteSelector') {
        const text = buildTextMap(doc.body).text;
        for (let i = text.indexOf(q.exact); i !== -1; i = text.indexOf(q.exact, i + 1)) {
          const m = scoreAtOffsets(text, q.exact, i, i + q.exact.length, { prefix: q.prefix, suffix: q.suffix });
          console.log(`     cand ${i} pre ${m.prefixScore.toFixed(2)} suf ${m.suffixScore.toFixed(2)} score ${m.score.toFixed(3)} ${JSON.stringify(text.slice(i - 32, i + q.exact.length + 32))}`);
        }
      }
      console.log(`  MISPLACED [${label}] ${c.kind} via ${pl.method}: wanted p${c.pid} ${JSON.stringify(buildTextMap(p).text.slice(Math.max(0, want.start - 20), want.end + 20))} got p${gotP?.getAttribute('data-bench-id')} ${JSON.stringify(gotP ? buildTextMap(gotP).text.slice(Math.max(0, rangeToOffsets(buildTextMap(gotP), pl.range).start - 20), rangeToOffsets(buildTextMap(gotP), pl.range).end + 20) : pl.range.toString())} sel ${JSON.stringify(q)}`);
    }
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function main() {
  const started = Date.now();
  const tallies = new Map<Scenario, Tally>(SCENARIOS.map((s) => [s, emptyTally()]));
  const r = rng(SEED);
  for (const name of FIXTURE_PAGES) {
    const html = readFixture(name);
    for (let round = 0; round < ROUNDS; round++) {
      const orig = load(html);
      const vocab = vocabulary(orig);
      const cases = makeCases(orig, r, 30);
      for (const s of SCENARIOS) {
        const doc = load(html);
        const expect = applyScenario(s, doc, cases, r, vocab);
        if (ONLY_SCENARIO && ONLY_SCENARIO !== 'every' && s !== ONLY_SCENARIO) continue;
        evaluate(doc, cases, expect, tallies.get(s)!, `${name} ${s}`);
      }
    }
    if (VERBOSE) console.log(`${name} done`);
  }

  if (ONLY_SCENARIO) {
    if (ONLY_SCENARIO !== 'every' && !tallies.get(ONLY_SCENARIO as Scenario)) throw new Error(`no scenario ${ONLY_SCENARIO}; one of ${SCENARIOS.join(', ')} or every`);
    for (const [s, t] of tallies) {
      if (t.total) console.log(`${s}: ${t.correct}/${t.total} placed, ${t.misplaced} misplaced, ${t.orphaned} orphaned`, JSON.stringify(t.byKind), JSON.stringify(t.methods));
    }
    return;
  }
  // (c) Time: 200 highlights on the largest page, unchanged and after all edits.
  const timingPage = 'nytimes-1';
  const html = readFixture(timingPage);
  const tr = rng(SEED + 1);
  const orig = load(html);
  const cases200 = makeCases(orig, tr, 200, true);
  const anns = cases200.map((c) => c.annotation);
  // A freshly parsed page for every run (parsing not timed): jsdom keeps every Range ever made live, which
  // slows later runs on one document, and its cloned documents are slower still.
  const freshUnchanged = () => load(html);
  const freshEdited = () => {
    const d = load(html);
    const er = rng(SEED + 2);
    // Edits that move every highlight's position but not its text.
    applyScenario('inserted', d, cases200, er, vocabulary(orig));
    applyScenario('reordered', d, cases200, er, vocabulary(orig));
    return d;
  };
  const time = (make: () => Document, fn: (d: Document) => void) => {
    fn(make()); // warm-up
    const xs: number[] = [];
    for (let i = 0; i < TIMING_RUNS; i++) {
      const d = make();
      const t = performance.now();
      fn(d);
      xs.push(performance.now() - t);
    }
    return median(xs);
  };
  let placedUnchanged = 0;
  let placedEdited = 0;
  const tUnchanged = time(freshUnchanged, (d) => void (placedUnchanged = anchorAll(d.body, anns).placed.length));
  const tEdited = time(freshEdited, (d) => void (placedEdited = anchorAll(d.body, anns).placed.length));
  const quotes = anns.map((a) => (a.selectors.find((s) => s.type === 'TextQuoteSelector') as { exact: string }).exact);
  const tIndexOf = time(freshUnchanged, (d) => {
    const map = buildTextMap(d.body);
    for (const q of quotes) {
      const i = map.text.indexOf(q);
      if (i >= 0) offsetsToRange(map, i, i + q.length);
    }
  });
  const shared = load(html);
  const tTextContent = time(() => shared, (d) => {
    const text = d.body.textContent ?? '';
    for (const q of quotes) text.indexOf(q);
  });
  const tMap = time(() => shared, (d) => void buildTextMap(d.body));
  const tRanges = time(freshUnchanged, (d) => {
    const map = buildTextMap(d.body);
    for (let i = 0; i < anns.length; i++) offsetsToRange(map, i * 20, i * 20 + 10);
  });
  const unchanged = load(html);
  const textLength = buildTextMap(unchanged.body).text.length;

  const pct = (n: number, d: number) => (d ? ((100 * n) / d).toFixed(1) : '-') + '%';
  const lines: string[] = [];
  lines.push('### Anchoring (`npx tsx bench/anchoring.bench.ts`)');
  lines.push('');
  lines.push(
    `Machine: ${os.cpus()[0]?.model ?? 'unknown'} x${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, jsdom (not a real browser), load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} (shared machine: timings are noisy). Date: ${new Date().toISOString().slice(0, 16)}Z. Seed ${SEED}.`,
  );
  lines.push('');
  lines.push(
    `Method: pages ${FIXTURE_PAGES.join(', ')} parsed with jsdom; per page ${ROUNDS} rounds of up to 30 highlights (one per paragraph, cycling short = 1-3 words, long = 9-48 words, repeated = a 1-2 word phrase that occurs elsewhere on the page), described with \`describeRange(body, range)\` and re-anchored with \`anchorAll(body, annotations)\` on a fresh parse of the page after each edit. ` +
      '"Placed" = on exactly the same characters of the same paragraph; "misplaced" = placed anywhere else (even one character off); "orphaned" = not placed (kept, shown in the popup). ' +
      'Edits: inserted = 4 new paragraphs and 8 sentences added to other paragraphs; removed = 2 other paragraphs and a sentence from 4 others; words near = one word within 25 characters before or after each highlight replaced; reordered = every run of sibling paragraphs shuffled; whitespace+markup = every space replaced by random whitespace, words wrapped in b/span/em (inside highlights too), 20% of paragraphs wrapped in a new div; all edits = all of these at once; word inside long = one word inside each long highlight replaced (short and repeated ones untouched), placed = on the edited text of the same words.',
  );
  lines.push('');
  lines.push('| page state | highlights | placed | misplaced | orphaned | short / long / repeated placed | by method (range/position/quote/fuzzy) |');
  lines.push('|---|---|---|---|---|---|---|');
  for (const [s, t] of tallies) {
    const k = t.byKind;
    lines.push(
      `| ${s} | ${t.total} | ${pct(t.correct, t.total)} | ${t.misplaced} | ${t.orphaned} | ${pct(k.short.correct, k.short.total)} / ${pct(k.long.correct, k.long.total)} / ${pct(k.repeated.correct, k.repeated.total)} | ${t.methods.range}/${t.methods.position}/${t.methods.quote}/${t.methods.fuzzy} |`,
    );
  }
  lines.push('');
  lines.push(
    `Time to place ${anns.length} highlights on ${timingPage} (${textLength.toLocaleString('en')} characters of body text), median of ${TIMING_RUNS} runs after a warm-up, each on a freshly parsed copy of the page (parsing not timed), text map built inside each run:`,
  );
  lines.push('');
  lines.push('| what | median ms | placed |');
  lines.push('|---|---|---|');
  lines.push(`| anchorAll, unchanged page | ${tUnchanged.toFixed(1)} | ${placedUnchanged}/${anns.length} |`);
  lines.push(`| anchorAll, page with paragraphs inserted and reordered | ${tEdited.toFixed(1)} | ${placedEdited}/${anns.length} |`);
  lines.push(`| baseline: text map + exact indexOf + Range, no checks | ${tIndexOf.toFixed(1)} | - |`);
  lines.push(`| baseline: body.textContent + indexOf only | ${tTextContent.toFixed(1)} | - |`);
  lines.push(`| part: building the text map alone | ${tMap.toFixed(1)} | - |`);
  lines.push(`| part: text map + constructing ${anns.length} jsdom Ranges (no matching) | ${tRanges.toFixed(1)} | - |`);
  lines.push('');
  lines.push(
    'In jsdom, Range.setStart/setEnd cost about 1 ms each (jsdom keeps every Range live and walks the tree to order boundary points), so most of anchorAll here is jsdom; the matching itself is the difference between the anchorAll rows and the "text map + Ranges" row. The 100 ms target for 200 highlights is for Chromium, which this run does not measure.',
  );
  lines.push('');
  lines.push(`Benchmark wall time ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  const section = lines.join('\n');
  console.log(section);

  if (WRITE) {
    const file = new URL('../BENCHMARKS.md', import.meta.url);
    const md = readFileSync(file, 'utf8');
    const start = '<!-- anchoring:start -->';
    const end = '<!-- anchoring:end -->';
    const a = md.indexOf(start);
    const b = md.indexOf(end);
    if (a < 0 || b < a) throw new Error('BENCHMARKS.md has no anchoring markers');
    writeFileSync(file, md.slice(0, a + start.length) + '\n' + section + '\n' + md.slice(b));
  }
  const failed = [...tallies].some(([s, t]) => t.misplaced > 0 || (s === 'unchanged' ? t.correct < t.total : t.correct < 0.95 * t.total));
  if (failed) {
    console.error('anchoring targets missed: unchanged 100%, edits >= 95% placed, 0 misplaced');
    process.exitCode = 1;
  }
}

main();
