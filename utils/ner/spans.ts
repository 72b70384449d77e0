import type { Token } from './tokenize';
import { fold } from './tokenize';
import type { Gazetteer } from './gazetteer';
import { TITLE_WORDS, STOP_EDGE, ORG_HEADS, ROLE_HEADS, PLACE_HEADS } from './lexicon';

export const NAME_HEAD_AFTER_S = new Set([...ORG_HEADS, ...PLACE_HEADS, 'terminal', 'market', 'day', 'store', 'stores', 'restaurant', 'bar', 'cafe', 'hall', 'garden', 'gardens', 'inn']);

/** Is tokens [s, e) exactly one gazetteer place? */
export function isPlace(gaz: Gazetteer | undefined, toks: Token[], s: number, e: number): boolean {
  if (!gaz) return false;
  const words = toks.slice(s, e).map((t) => t.text);
  const m = gaz.match(words.map(fold), words.map((w) => /^\p{Lu}/u.test(w)));
  return m.length === 1 && m[0]!.start === 0 && m[0]!.end === words.length;
}

export type NerType = 'PER' | 'ORG' | 'LOC' | 'MISC';

/** A span over tokens [s, e) of one field. */
export interface TokSpan {
  s: number;
  e: number;
  type: NerType;
  /** Canonical name when known (aliases, acronyms); otherwise the cleaned surface. */
  canonical?: string;
  /** Set by rules that should not be overridden by the tagger's kind. */
  fixed?: boolean;
  /** How much the tagger's best path loses with this span's words tagged O (model.ts tagWordsWithMargins). */
  margin?: number;
}

/** BIO labels -> spans (an I- without a matching B- opens a span). */
export function bioToSpans(labels: string[], offset: number): TokSpan[] {
  const out: TokSpan[] = [];
  let cur: TokSpan | null = null;
  labels.forEach((l, i) => {
    const type = l.slice(2) as NerType;
    if (l === 'O' || l.startsWith('B-') || !cur || cur.type !== type) {
      if (cur) out.push(cur);
      cur = l === 'O' ? null : { s: offset + i, e: offset + i + 1, type };
    } else cur.e = offset + i + 1;
  });
  if (cur) out.push(cur);
  return out;
}

const isCap = (t: string) => /^[\p{Lu}\p{N}]/u.test(t) || /^(?:al|el|bin|ibn|ul|ad|ash|as|at|az)-\p{Lu}/u.test(t);
const isSeparator = (t: string) => /^(?:'s|'|"|\(|\)|\[|\]|—|–|--|-|\/|,|;|:|\||!|\?|•|·)$/.test(t) || t === '.';
/** Lower-case words allowed inside names ("Bank of England", "Osama bin Laden", "al-Bashir"). */
const JOINERS = new Set(['of', 'the', 'and', 'for', 'on', 'de', 'del', 'da', 'di', 'du', 'la', 'le', 'van', 'von', 'der', 'den', 'bin', 'ibn', 'al', 'el', 'y', '&', 'in', 'at']);

/**
 * Clean one span: split at possessives, quotes, dashes, slashes and brackets; trim edge words that are
 * not part of a name (lower-case words, function words, punctuation); strip titles before person names.
 */
export function cleanSpan(sp: TokSpan, toks: Token[], gaz?: Gazetteer): TokSpan[] {
  const pieces: TokSpan[] = [];
  let s = sp.s;
  for (let i = sp.s; i <= sp.e; i++) {
    // "Sam's Club", "Fisherman's Terminal": a one-word name, 's, then a lone head word is one name
    if (i < sp.e && toks[i]!.text === "'s" && i - s === 1 && i + 2 === sp.e && isCap(toks[i + 1]!.text)
      && NAME_HEAD_AFTER_S.has(fold(toks[i + 1]!.text)) && !isPlace(gaz, toks, s, i)) continue;
    if (i === sp.e || isSeparator(toks[i]!.text)) {
      if (i > s) pieces.push({ ...sp, s, e: i });
      s = i + 1;
    }
  }
  const out: TokSpan[] = [];
  for (const p of pieces) {
    let { s: a, e: b } = p;
    const edgeBad = (i: number) => {
      const t = toks[i]!.text;
      const f = fold(t);
      return !isCap(t) || STOP_EDGE.has(f) || /^\W+$/u.test(t);
    };
    while (a < b && edgeBad(a)) a++;
    while (b > a && edgeBad(b - 1)) b--;
    if (a >= b) continue;
    // no lower-case word inside a name except joiners
    let ok = true;
    for (let i = a; i < b; i++) {
      const t = toks[i]!.text;
      if (!isCap(t) && !JOINERS.has(fold(t)) && !/^(?:al|el|bin|ibn|da|de|van|von)-/.test(t) && t !== "'s") ok = false;
    }
    if (!ok) {
      // keep the longest capitalised run
      let best: [number, number] = [a, a];
      let runStart = a;
      for (let i = a; i <= b; i++) {
        if (i === b || !isCap(toks[i]!.text)) {
          if (i - runStart > best[1] - best[0]) best = [runStart, i];
          runStart = i + 1;
        }
      }
      [a, b] = best;
      if (a >= b) continue;
    }
    // titles and roles are not part of a name
    let type = p.type;
    if (type === 'PER' || type === 'ORG' || type === 'LOC') {
      let c = a;
      while (c < b && TITLE_WORDS.has(fold(toks[c]!.text).replace(/\.$/, ''))) c++;
      if (c === b) {
        if (type === 'PER' || !ORG_HEADS.has(fold(toks[b - 1]!.text))) continue; // only titles: "Defense Minister"
      } else if (c > a && /^(?:of|at|for)$/.test(toks[c]!.text)) {
        // "CEO of Vidyard", "professor at Harvard": the role's organisation or place, never a person
        a = c;
        while (a < b && edgeBad(a)) a++;
        if (a >= b) continue;
        type = isPlace(gaz, toks, a, b) ? 'LOC' : 'ORG';
        out.push({ ...p, s: a, e: b, type, fixed: true });
        continue;
      } else if (type === 'PER') a = c;
      else if (c > a && b - c >= 2 && ROLE_HEADS.has(fold(toks[c - 1]!.text).replace(/\.$/, '')) && !ORG_HEADS.has(fold(toks[b - 1]!.text))) {
        // "Brigadier General Mohammad Reza Ashtiani" tagged as an organisation: a role, then a name
        a = c;
        type = 'PER';
      }
    }
    // "Kroger and Costco", "News Corporation and Fairfax": two names, unless one name runs through the "and": an
    // organisation head after it ("World Travel and Tourism Council"), "of" or "for" before it ("Department of
    // Health and Human Services"), or a known place ("Trinidad and Tobago")
    const and = toks.slice(a, b).findIndex((t) => t.text === 'and');
    if (and > 0 && a + and < b - 1 && !toks.slice(a + and + 1, b).some((t) => ORG_HEADS.has(fold(t.text)))
      && !toks.slice(a, a + and).some((t) => t.text === 'of' || t.text === 'for') && !isPlace(gaz, toks, a, b)) {
      out.push({ ...p, s: a, e: a + and, type }, { ...p, s: a + and + 1, e: b, type });
      continue;
    }
    // "Senator Mitch McConnell of Kentucky": a person, then the place they stand for
    const of = toks.slice(a, b).findIndex((t) => t.text === 'of');
    if (of >= 2 && of <= 3 && a + of < b - 1 && gaz?.isGivenName(fold(toks[a]!.text)) && isPlace(gaz, toks, a + of + 1, b)
      && toks.slice(a, a + of).every((t) => /^\p{Lu}\p{Ll}[\p{L}\p{M}'’-]*$/u.test(t.text) && !ORG_HEADS.has(fold(t.text)))) {
      out.push({ ...p, s: a, e: a + of, type: 'PER' }, { ...p, s: a + of + 1, e: b, type: 'LOC' });
      continue;
    }
    out.push({ ...p, s: a, e: b, type });
  }
  return out;
}
