import type { EntityKind } from '@/utils/db';
import { tokenize, fold, normalizeToken, type Token } from '@/utils/ner/tokenize';
import { tagWordsWithMargins, type NerModel } from '@/utils/ner/model';
import { bioToSpans, cleanSpan, isPlace, type TokSpan, type NerType } from '@/utils/ner/spans';
import { ORG_HEADS, PLACE_HEADS, UNIVERSITIES } from '@/utils/ner/lexicon';
import { worksIn } from '@/utils/ner/works';
import { acronyms, agencies, companies, contextKinds, datelines, demonymOrgs, joinOrgs, retype, surfaceOf } from '@/utils/ner/rules';

export type { NerModel } from '@/utils/ner/model';

/** One mention of a person, organisation or place; offsets are UTF-16 offsets into `title` or `text`. */
export interface EntitySpan {
  kind: EntityKind;
  text: string;
  canonical: string;
  start: number;
  end: number;
  in: 'title' | 'body';
}

export interface EntitySummary {
  kind: EntityKind;
  canonical: string;
  surfaces: string[];
  mentions: number;
}

export interface Recognizer {
  /** `emphasis`: where the text is set in italics (ExtractedArticle.emphasis), which tells the titles of works. */
  recognize(title: string, text: string, emphasis?: readonly (readonly [number, number])[]): EntitySpan[];
}

const KIND: Record<Exclude<NerType, 'MISC'>, EntityKind> = { PER: 'person', ORG: 'organization', LOC: 'place' };

interface Field {
  where: 'title' | 'body';
  src: string;
  toks: Token[];
  spans: TokSpan[];
}

/** Longest sentence handed to the tagger at once (very long "sentences" are split; Viterbi is linear anyway). */
const MAX_SENT = 200;

const COMPASS = /^(?:North|South|East|West|Northern|Southern|Eastern|Western|Central|Northeast|Northwest|Southeast|Southwest)$/;
const CALENDAR = /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\.?$/;

/**
 * A one-word span at the start of a sentence (or after an opening quote or bracket) whose word the same text
 * also uses in lower case ("Terminal", "Club") is a capitalised common word, not a name.
 */
function commonWordAtStart(sp: TokSpan, toks: Token[], src: string, model: NerModel): boolean {
  if (sp.e - sp.s !== 1 || isPlace(model.gazetteer, toks, sp.s, sp.e)) return false;
  const t = toks[sp.s]!;
  const prev = toks[sp.s - 1];
  const atStart = !prev || prev.sent !== t.sent || /^["'(\[“‘:—–-]$/.test(prev.text);
  if (!atStart) return false;
  const lower = t.text.toLowerCase();
  if (lower === t.text || lower.length > 40) return false;
  // the same word in lower case, as a whole word, anywhere in the text
  const known = lowerSeen.get(src)?.get(lower);
  if (known !== undefined) return known;
  const wordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  let found = false;
  for (let i = src.indexOf(lower); i >= 0 && !found; i = src.indexOf(lower, i + 1)) {
    if (!wordChar(src[i - 1]) && !wordChar(src[i + lower.length])) found = true;
  }
  let m = lowerSeen.get(src);
  if (!m) { lowerSeen.clear(); lowerSeen.set(src, (m = new Map())); }
  m.set(lower, found);
  return found;
}
/**
 * A one-word span, anywhere, whose word news writes in lower case and almost never capitalises inside a sentence
 * ("Performance", "Messages", "Check"): a heading, a button, an app's feature, not a name. A place or a company the
 * gazetteer knows stays, and an institution ("Parliament"); a surname of a full name the text gives is found again
 * from that name.
 */
function commonWord(sp: TokSpan, toks: Token[], model: NerModel): boolean {
  if (sp.e - sp.s !== 1 || sp.fixed) return false;
  const w = toks[sp.s]!.text;
  const f = fold(w);
  return /^\p{Lu}\p{Ll}+$/u.test(w) && model.gazetteer.isCommonWord(f) && !ORG_HEADS.has(f) && !model.gazetteer.isCompany(w) && !isPlace(model.gazetteer, toks, sp.s, sp.e);
}

/**
 * How sure the tagger must be of a name it found alone (TokSpan.margin, in the model's score units). Below this, a
 * span is dropped unless a rule made it, its words say what it is (a head word; a place, company or university known
 * by name), or it is no entity (a work, a product: it still keeps its words from being taken). The same words named
 * with more certainty elsewhere in the text still find it again. Chosen on fixtures/gold-dev (`npm run eval:entities
 * -- --set dev`): from 0 to 50, precision there rose from 0.810 to 0.909 and recall fell from 0.863 to 0.844; at 60
 * recall falls faster than precision rises. Depends on the model: check it again after `npm run train:ner`.
 */
const MIN_MARGIN = 50;

/** Institutions a news text names by one word after "the", besides organisation head words ("the Senate"). Folded. */
const INSTITUTIONS = new Set(['house', 'pentagon', 'kremlin', 'knesset', 'duma', 'bundestag', 'vatican', 'elysee', 'fed']);

function confident(sp: TokSpan, toks: Token[], model: NerModel): boolean {
  if (sp.margin === undefined || sp.margin >= MIN_MARGIN || sp.fixed || sp.type === 'MISC') return true;
  // what the words themselves say: a head word ("Linux Foundation", "The Times", "Western Wall"), a known place,
  // company or university
  const last = fold(toks[sp.e - 1]!.text);
  if (sp.e - sp.s > 1 && (ORG_HEADS.has(last) || PLACE_HEADS.has(last))) return true;
  // an institution named by one word after "the": "the House", "the Senate", "the Kremlin"
  if (sp.e - sp.s === 1 && toks[sp.s - 1]?.text === 'the' && (ORG_HEADS.has(last) || INSTITUTIONS.has(last))) return true;
  return isPlace(model.gazetteer, toks, sp.s, sp.e) || (sp.e - sp.s === 1 && (model.gazetteer.isCompany(toks[sp.s]!.text) || UNIVERSITIES.has(last)));
}

/** Words that follow a name and a hyphen to make an adjective ("Bush-era", "Kim-led"): no part of a name. */
const AFTER_NAME_HYPHEN = new Set(['era', 'led', 'run', 'born', 'like', 'based', 'type', 'style', 'owned', 'made', 'free', 'wide', 'long', 'backed', 'linked', 'funded', 'aligned', 'allied', 'ish']);

/**
 * A Korean given name of two syllables, the second in lower case ("Moon Jae-in", "Lee Jae-myung", "Kim Jong-un"):
 * the tokenizer splits "Jae-in" as it splits "Iranian-born", and the span ends at "Jae". A two-word span of short
 * capitalised words followed, without a space, by a hyphen and a short lower-case syllable takes the syllable back.
 */
function withHyphenedGivenName(sp: TokSpan, toks: Token[]): TokSpan {
  const dash = toks[sp.e];
  const syl = toks[sp.e + 1];
  const last = toks[sp.e - 1]!;
  if (sp.type !== 'PER' || sp.e - sp.s !== 2 || dash?.text !== '-' || !syl || dash.start !== last.end || syl.start !== dash.end) return sp;
  const short = (t: Token) => /^\p{Lu}\p{Ll}{1,3}$/u.test(t.text);
  if (!short(toks[sp.s]!) || !short(last) || !/^\p{Ll}{2,5}$/u.test(syl.text) || AFTER_NAME_HYPHEN.has(syl.text)) return sp;
  return { ...sp, e: sp.e + 2 };
}

/**
 * "The" written with a capital inside a sentence, right before a name, is part of it: "joined The Times", "the court
 * at The Hague". Only after a lower-case word, so a sentence's or a Title Case headline's "The" stays out.
 */
function withCapitalThe(sp: TokSpan, toks: Token[]): TokSpan {
  const the = toks[sp.s - 1];
  const before = toks[sp.s - 2];
  if (the?.text !== 'The' || !before || before.sent !== the.sent || !/^\p{Ll}+$/u.test(before.text)) return sp;
  return { ...sp, s: sp.s - 1 };
}

/** Per text (the last one only): lower-case word -> whether it occurs as a whole word. */
const lowerSeen = new Map<string, Map<string, boolean>>();

function tagField(model: NerModel, src: string, where: 'title' | 'body'): Field {
  const toks = tokenize(src);
  let spans: TokSpan[] = [];
  let i = 0;
  while (i < toks.length) {
    let j = i;
    while (j < toks.length && toks[j]!.sent === toks[i]!.sent && j - i < MAX_SENT) j++;
    const { labels, margins } = tagWordsWithMargins(model, toks.slice(i, j).map((t) => t.text));
    for (const sp of bioToSpans(labels, i)) spans.push({ ...sp, margin: margins.get(sp.s - i) });
    i = j;
  }
  spans = spans.flatMap((sp) => cleanSpan(sp, toks, model.gazetteer));
  spans = demonymOrgs(toks, spans, (sp) => cleanSpan(sp, toks, model.gazetteer));
  spans = spans.map((sp) => withCapitalThe(withHyphenedGivenName(sp, toks), toks));
  spans = spans.filter((sp) => !titleOfWork(sp, toks, src));
  spans = spans.filter((sp) => !commonWordAtStart(sp, toks, src, model) && !commonWord(sp, toks, model) && !(sp.e - sp.s === 1 && (CALENDAR.test(toks[sp.s]!.text) || COMPASS.test(toks[sp.s]!.text))));
  // web sites named by their domain ("SmartAsset.com") are organisations
  toks.forEach((t, i) => {
    if (t.text.includes('.') && /^\p{Lu}[\p{L}\p{N}-]*\.(?:com|org|net|io|co\.uk)$/u.test(t.text) && !spans.some((sp) => sp.s <= i && i < sp.e)) spans.push({ s: i, e: i + 1, type: 'ORG' });
  });
  spans = datelines(toks, src, spans);
  spans = agencies(toks, spans);
  spans = companies(toks, spans, model.gazetteer);
  spans = contextKinds(toks, spans, model.gazetteer);
  return { where, src, toks, spans };
}

const isCapTok = (t: string) => /^\p{Lu}/u.test(t);

/**
 * The title of a work or a product, not a name: the whole of a quoted phrase (“Job Simulator”, ‘Madden NFL 17’;
 * speech in quotes holds more than a name), or a name numbered like a sequel or a model ("Forza Motorsport 7",
 * "Gears of War 4"; not a road: "Route 66").
 */
function titleOfWork(sp: TokSpan, toks: Token[], src: string): boolean {
  const start = toks[sp.s]!.start;
  const end = toks[sp.e - 1]!.end;
  if (/[“‘"']$/.test(src.slice(Math.max(0, start - 1), start)) && /^[,.!?]?[”’"']/.test(src.slice(end, end + 2))) return true;
  const next = toks[sp.e];
  return !!next && next.sent === toks[sp.s]!.sent && /^\d{1,3}$/.test(next.text) && !PLACE_HEADS.has(fold(toks[sp.e - 1]!.text))
    && !/^(?:route|interstate|channel|studio|flight|article|chapter|section|room|gate|pier|terminal)$/i.test(toks[sp.e - 1]!.text);
}

/**
 * Which lines of a text are written in Title Case (a subheading, the title of a work, a print headline): of a short
 * line's words of four letters or more after its first, at least two and four in five are capitalised, and it is
 * not a sentence, a list (a byline, a dateline) or a credit. Returns a test by offset.
 */
function headlineLines(src: string, gaz: NerModel['gazetteer']): (offset: number) => boolean {
  const seen = new Map<number, boolean>();
  return (offset) => {
    const start = src.lastIndexOf('\n', offset - 1) + 1;
    let known = seen.get(start);
    if (known === undefined) {
      let end = src.indexOf('\n', offset);
      if (end < 0) end = src.length;
      const line = src.slice(start, end).trim();
      const words = line.split(/\s+/).filter((w) => /\p{L}/u.test(w));
      const long = words.slice(1).filter((w) => /^[\p{L}'’-]{4,}/u.test(w));
      const caps = long.filter((w) => /^\p{Lu}/u.test(w)).length;
      // not a sentence, a list of names (a byline, a dateline) or a credit
      const prose = /[.!?]["'”’)]*$/.test(line) || line.includes(',') || /^(?:credit|photo|image|illustration|picture)s?\b|\bby\b/i.test(line);
      // or a short line of capitalised words alone: a subheading ("Installer & Updater"); not a credit ("Name/Agency")
      // nor a name on its own line (a byline, a caption), which starts with a given name
      const short = words.length >= 2 && words.length <= 4 && words.every((w) => /^[\p{Lu}\p{N}]/u.test(w)) && !/[:;/]/.test(line)
        && !gaz.isGivenName(fold(words[0]!));
      known = !prose && words.length <= 20 && ((caps >= 2 && caps >= 0.8 * long.length) || short);
      seen.set(start, known);
    }
    return known;
  };
}

/** Build a recogniser from a loaded model. Pure: no I/O. */
export function createRecognizer(model: NerModel): Recognizer {
  return {
    recognize(title: string, text: string, emphasis?: readonly (readonly [number, number])[]): EntitySpan[] {
      const fields = [tagField(model, title, 'title'), tagField(model, text, 'body')];
      // names inside an italic title of a work, and that title wherever it is written, are no entity
      const works = worksIn(text, emphasis);
      if (works.titles.size) {
        const body = fields[1]!;
        body.spans = body.spans.map((sp) => (works.covers(body.toks[sp.s]!.start, body.toks[sp.e - 1]!.end) ? { ...sp, type: 'MISC', fixed: true } : sp));
      }
      const aliases = new Map<string, { canonical: string; type: NerType }>();
      for (const f of fields) {
        f.spans = joinOrgs(f.toks, f.spans, model.gazetteer);
        f.spans = acronyms(f.toks, f.src, f.spans, aliases);
        f.spans = f.spans.map((sp) => retype(sp, f.toks, model.gazetteer)).filter((x): x is TokSpan => x !== null && confident(x, f.toks, model));
      }

      // Headlines are terse and often Title Case, in the title and in the body (subheadings, titles of works, a
      // print headline kept with the article): a span there stands only when the body's prose names it too (as an
      // entity or as a word of one) or the gazetteer knows it as a place.
      const bodyWords = new Set<string>();
      const body = fields[1]!;
      const headline = headlineLines(body.src, model.gazetteer);
      const inHeadline = (sp: TokSpan) => headline(body.toks[sp.s]!.start);
      for (const sp of body.spans) {
        if (inHeadline(sp)) continue;
        bodyWords.add(surfaceOf(body.toks, sp.s, sp.e, body.src));
        for (let i = sp.s; i < sp.e; i++) bodyWords.add(body.toks[i]!.text);
      }
      const stands = (f: Field) => (sp: TokSpan) => {
        const surface = surfaceOf(f.toks, sp.s, sp.e, f.src);
        if (sp.fixed || bodyWords.has(surface) || aliases.has(surface)) return true;
        const words = f.toks.slice(sp.s, sp.e).map((t) => t.text);
        const g = model.gazetteer.match(words.map(fold), words.map(isCapTok));
        return g.length === 1 && g[0]!.start === 0 && g[0]!.end === words.length;
      };
      const head = fields[0]!;
      head.spans = head.spans.filter(stands(head));
      const standsInBody = stands(body);
      body.spans = body.spans.filter((sp) => !inHeadline(sp) || standsInBody(sp));

      // One sense per document: majority kind per surface (rule-fixed spans count double).
      const votes = new Map<string, Map<NerType, number>>();
      for (const f of fields) {
        for (const sp of f.spans) {
          const key = surfaceOf(f.toks, sp.s, sp.e, f.src);
          let v = votes.get(key);
          if (!v) votes.set(key, (v = new Map()));
          v.set(sp.type, (v.get(sp.type) ?? 0) + (sp.fixed ? 2 : 1) * (f.where === 'title' ? 0.5 : 1));
        }
      }
      const major = new Map<string, NerType>();
      for (const [k, v] of votes) major.set(k, [...v.entries()].sort((a, b) => b[1] - a[1])[0]![0]);


      // Full person names, for surname/given-name aliases.
      const people = new Map<string, string>(); // surname -> full name
      const firstNames = new Map<string, string>(); // first token -> full name
      const ambiguous = new Set<string>();
      for (const [k, t] of major) {
        if (t !== 'PER') continue;
        const parts = k.split(' ').filter((p) => isCapTok(p) && p.length > 1 && !/\.$/.test(p));
        if (parts.length < 2) continue;
        const last = parts[parts.length - 1]!;
        if (people.has(last) && people.get(last) !== k) ambiguous.add(last);
        else people.set(last, k);
        // a first name alone ("Dong" for "Dong Jun") only joins the full name where the tagger saw a person
        if (!firstNames.has(parts[0]!) || firstNames.get(parts[0]!) === k) firstNames.set(parts[0]!, k);
        else ambiguous.add(parts[0]!);
      }
      for (const a of ambiguous) { people.delete(a); firstNames.delete(a); }
      const surnames = new Set<string>();
      for (const [k, t] of major) if (t === 'PER') { const parts = k.split(' '); if (parts.length > 1) surnames.add(parts[parts.length - 1]!); }

      // Known single/multi-token surfaces, to tag the mentions the tagger missed.
      const known = new Map<string, NerType>();
      for (const [k, t] of major) if (t !== 'MISC' && k.length >= 2) known.set(k, t);
      for (const s of surnames) if (!known.has(s) || known.get(s) === 'PER') known.set(s, 'PER');
      for (const [a, v] of aliases) if (v.type !== 'MISC') known.set(a, v.type);
      const knownByFirst = new Map<string, string[][]>();
      for (const k of known.keys()) {
        const toks = k.split(' ');
        const arr = knownByFirst.get(toks[0]!) ?? [];
        arr.push(toks);
        knownByFirst.set(toks[0]!, arr);
      }
      for (const arr of knownByFirst.values()) arr.sort((a, b) => b.length - a.length);

      const out: EntitySpan[] = [];
      for (const f of fields) {
        const covered = new Uint8Array(f.toks.length);
        for (const sp of f.spans) for (let i = sp.s; i < sp.e; i++) covered[i] = 1;
        for (let i = 0; i < f.toks.length; i++) {
          if (covered[i] || !isCapTok(f.toks[i]!.text)) continue;
          const cands = knownByFirst.get(f.toks[i]!.text);
          if (!cands) continue;
          for (const c of cands) {
            if (i + c.length > f.toks.length) continue;
            let ok = true;
            for (let k = 0; k < c.length; k++) if (covered[i + k] || f.toks[i + k]!.text !== c[k]) { ok = false; break; }
            if (!ok) continue;
            const type = known.get(c.join(' '))!;
            f.spans.push({ s: i, e: i + c.length, type }); // covered[] guarantees no overlap
            for (let k = 0; k < c.length; k++) covered[i + k] = 1;
            break;
          }
        }
        for (const sp of f.spans) {
          const surface = surfaceOf(f.toks, sp.s, sp.e, f.src);
          let type: NerType = sp.fixed ? sp.type : major.get(surface) ?? sp.type;
          let canonical = sp.canonical ?? aliases.get(surface)?.canonical ?? surface;
          if (sp.e - sp.s === 1 && people.has(surface) && !sp.fixed) { type = 'PER'; canonical = people.get(surface)!; }
          else if (sp.e - sp.s === 1 && surnames.has(surface) && !sp.fixed) type = 'PER'; // shared by two people: kind only
          else if (sp.e - sp.s === 1 && type === 'PER' && firstNames.has(surface)) canonical = firstNames.get(surface)!;
          if (type === 'MISC' || works.titles.has(surface)) continue;
          const start = f.toks[sp.s]!.start;
          const end = f.toks[sp.e - 1]!.end;
          out.push({ kind: KIND[type], text: f.src.slice(start, end), canonical, start, end, in: f.where });
        }
      }
      return out.sort((a, b) => (a.in === b.in ? a.start - b.start : a.in === 'title' ? -1 : 1));
    },
  };
}

/** One row per (kind, canonical): its distinct surfaces (cleaned) and how many mentions it has. */
export function summarizeEntities(spans: EntitySpan[]): EntitySummary[] {
  const rows = new Map<string, EntitySummary>();
  for (const s of spans) {
    const key = s.kind + '\u0000' + s.canonical;
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { kind: s.kind, canonical: s.canonical, surfaces: [], mentions: 0 }));
    const surface = normalizeToken(s.text).replace(/\s+/g, ' ');
    if (!r.surfaces.includes(surface)) r.surfaces.push(surface);
    r.mentions++;
  }
  return [...rows.values()].sort((a, b) => b.mentions - a.mentions || a.canonical.localeCompare(b.canonical));
}

/** Fold for comparisons (exported for callers that key entities). */
export const foldName = (s: string): string => fold(normalizeToken(s)).replace(/\s+/g, ' ').trim();
