import type { Token } from './tokenize';
import { fold, normalizeToken } from './tokenize';
import type { Gazetteer } from './gazetteer';
import { splitName } from './gazetteer';
import { COMMON_ABBREVIATIONS, EVENT_HEADS, NEWS_AGENCIES, WELL_KNOWN_ORGS, UNIVERSITIES, ORG_HEADS, PLACE_HEADS, PRODUCTS, PRODUCT_TAILS, STOP_EDGE, TITLE_WORDS } from './lexicon';
import { isPlace, NAME_HEAD_AFTER_S, type TokSpan, type NerType } from './spans';

const isCap = (t: string) => /^\p{Lu}/u.test(t);
const isAllCaps = (t: string) => /^\p{Lu}[\p{Lu}.&-]*$/u.test(t) && /\p{Lu}.*\p{Lu}|^\p{Lu}$/u.test(t);
const overlaps = (a: TokSpan, b: TokSpan) => a.s < b.e && b.s < a.e;

export function surfaceOf(toks: Token[], s: number, e: number, src: string): string {
  return normalizeToken(src.slice(toks[s]!.start, toks[e - 1]!.end)).replace(/\s+/g, ' ');
}

/** Replace whatever overlaps `sp` with `sp`. */
export function putSpan(spans: TokSpan[], sp: TokSpan): TokSpan[] {
  return spans.filter((x) => !overlaps(x, sp)).concat(sp);
}

/** All-caps datelines at the start of a paragraph: "CAIRO —", "LONDON (Reuters) -". */
export function datelines(toks: Token[], src: string, spans: TokSpan[]): TokSpan[] {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (!isAllCaps(t.text)) continue;
    const paraStart = i === 0 || /\n\s*$/.test(src.slice(toks[i - 1]!.end, t.start));
    if (!paraStart) continue;
    let j = i;
    while (j < toks.length && j - i < 4 && isAllCaps(toks[j]!.text) && toks[j]!.text.length >= 2) j++;
    if (j === i) continue;
    const next = toks[j]?.text ?? '';
    const nextNext = toks[j + 1]?.text ?? '';
    const dashNext = /^(?:—|–|-|--)$/.test(next) || (next === '(' && isCap(nextNext)) || (next === ',' && isCap(nextNext) && /^(?:—|–|-|--)$/.test(toks[j + 2]?.text ?? ''));
    if (!dashNext) continue;
    if (j - i === 1 && toks[i]!.text.length < 3) continue;
    // canonical in Title Case ("CAIRO" -> "Cairo") so it joins the other mentions of the place
    const canonical = toks.slice(i, j).map((x) => x.text.charAt(0) + x.text.slice(1).toLowerCase()).join(' ');
    spans = putSpan(spans, { s: i, e: j, type: 'LOC', fixed: true, canonical });
  }
  return spans;
}

/** News agencies and well-known organisations named anywhere (longest match), as organisations. */
const AGENCY_TOKENS = [...NEWS_AGENCIES, ...WELL_KNOWN_ORGS].map((a) => ({ toks: splitName(a), name: a })).sort((a, b) => b.toks.length - a.toks.length);
const AGENCY_FIRST = new Set(AGENCY_TOKENS.map((a) => a.toks[0]!));
export function agencies(toks: Token[], spans: TokSpan[]): TokSpan[] {
  for (let i = 0; i < toks.length; i++) {
    const c = toks[i]!.text.charCodeAt(0);
    // capitalised, or "al-" ("al-Qaeda")
    if ((c < 65 || c > 90) && c !== 97) continue;
    if (!AGENCY_FIRST.has(fold(toks[i]!.text))) continue;
    for (const a of AGENCY_TOKENS) {
      const L = a.toks.length;
      if (i + L > toks.length) continue;
      let ok = true;
      for (let k = 0; k < L; k++) if (fold(toks[i + k]!.text) !== a.toks[k]) { ok = false; break; }
      // case must match the canonical spelling's first letter (so "ap" or "fars" as words do not count)
      if (!ok || toks[i]!.text[0] !== a.name[0]) continue;
      const sp: TokSpan = { s: i, e: i + L, type: 'ORG', fixed: true };
      const inside = spans.find((x) => overlaps(x, sp));
      if (!inside || (inside.s >= sp.s && inside.e <= sp.e) || (inside.type === 'ORG' && inside.s === sp.s)) {
        if (!inside || inside.e - inside.s <= L) spans = putSpan(spans, sp);
      }
      break;
    }
  }
  return spans;
}

/** Last words of the names of laws and agreements ("Patriot Act", "Data Retention Bill", "Paris Accord"). Folded. */
const LAW_WORDS = /^(?:act|acts|bill|law|treaty|accord|accords|doctrine|amendment|protocol|convention|directive|charter)$/;

/** Initials of a name's capitalised words ("Islamic Revolution Guards Corps" -> "IRGC"). */
function initials(toks: Token[], s: number, e: number): string {
  let out = '';
  for (let i = s; i < e; i++) {
    const t = toks[i]!.text;
    if (isCap(t)) out += t.split('-').map((p) => p[0] ?? '').join('').toUpperCase();
  }
  return out;
}

/**
 * Acronyms defined in the text, "Shanghai Cooperation Organization (SCO)": the acronym becomes an alias
 * of the full name with its kind; where the tagger missed the full name, the capitalised run before the
 * bracket is taken when its initials spell the acronym.
 */
export function acronyms(toks: Token[], src: string, spans: TokSpan[], aliases: Map<string, { canonical: string; type: NerType }>): TokSpan[] {
  for (let i = 1; i + 2 < toks.length; i++) {
    if (toks[i]!.text !== '(' || toks[i + 2]!.text !== ')') continue;
    const acr = toks[i + 1]!.text;
    if (!/^\p{Lu}[\p{Lu}\p{Ll}&.]{1,9}$/u.test(acr) || !/^\p{Lu}.*\p{Lu}/u.test(acr)) continue;
    const clean = acr.replace(/[.&]/g, '');
    let full = spans.find((x) => x.e === i);
    if (!full || !initials(toks, full.s, full.e).startsWith(clean[0]!)) {
      // capitalised run before the bracket (allowing joiners)
      let s = i;
      while (s > 0 && (isCap(toks[s - 1]!.text) || (/^(?:of|and|for|on|the)$/.test(toks[s - 1]!.text) && s - 2 >= 0 && isCap(toks[s - 2]!.text)))) s--;
      while (s < i && (STOP_EDGE.has(fold(toks[s]!.text)) || TITLE_WORDS.has(fold(toks[s]!.text)) || !isCap(toks[s]!.text))) s++;
      if (s >= i) continue;
      // shrink from the left until initials match
      while (s < i - 1 && initials(toks, s, i) !== clean && initials(toks, s, i).length > clean.length) s++;
      if (initials(toks, s, i) !== clean) continue;
      full = { s, e: i, type: ORG_HEADS.has(fold(toks[i - 1]!.text)) || !full ? 'ORG' : full.type, fixed: true };
      spans = putSpan(spans, full);
    } else {
      const ini = initials(toks, full.s, full.e);
      if (ini !== clean && !(ini.startsWith(clean[0]!) && ini.length >= clean.length - 1)) continue;
    }
    if (full.type === 'MISC') continue;
    const canonical = full.canonical ?? surfaceOf(toks, full.s, full.e, src);
    aliases.set(acr, { canonical, type: full.type });
    spans = putSpan(spans, { s: i + 1, e: i + 2, type: full.type, canonical, fixed: true });
  }
  return spans;
}


/**
 * Join names split by the tagger: a person's name directly before an organisation head
 * ("Mortimer B. Zuckerman | Mind Brain Behavior Institute") is part of it; an organisation ending in a head
 * word continues through "on/of/for" + capitalised words ("Center | on Poverty and Inequality").
 */
export function joinOrgs(toks: Token[], spans: TokSpan[], gaz: Gazetteer): TokSpan[] {
  const gazPlace = (tk: Token[], s: number, e: number) => isPlace(gaz, tk, s, e);
  spans.sort((a, b) => a.s - b.s);
  const out: TokSpan[] = [];
  for (const sp of spans) {
    const prev = out[out.length - 1];
    const lastWord = fold(toks[sp.e - 1]!.text);
    // capitalised words the tagger left out between the two ("Zuckerman | Mind | Brain Behavior Institute")
    let gapCap = !!prev && prev.e <= sp.s && sp.s - prev.e <= 2;
    if (prev) for (let i = prev.e; i < sp.s && gapCap; i++) gapCap = isCap(toks[i]!.text) && !STOP_EDGE.has(fold(toks[i]!.text));
    if (prev && gapCap && prev.type === 'PER' && sp.type === 'ORG' && ORG_HEADS.has(lastWord) && !sp.fixed && !prev.fixed) {
      prev.e = sp.e;
      prev.type = 'ORG';
      continue;
    }
    // "Sam | 's | Club", "Fisherman | 's | Terminal": one name
    if (prev && prev.e + 1 === sp.s && prev.e - prev.s === 1 && toks[prev.e]!.text === "'s" && sp.e - sp.s === 1
      && NAME_HEAD_AFTER_S.has(lastWord) && !prev.fixed && !gazPlace(toks, prev.s, prev.e)) {
      prev.e = sp.e;
      prev.type = PLACE_HEADS.has(lastWord) || lastWord === 'terminal' ? 'LOC' : lastWord === 'day' ? 'MISC' : 'ORG';
      continue;
    }
    // a lone head word right after a name: "Columbia | University"
    if (prev && prev.e === sp.s && sp.e - sp.s === 1 && ORG_HEADS.has(lastWord) && isCap(toks[sp.s]!.text) && !prev.fixed && prev.type !== 'MISC') {
      prev.e = sp.e;
      prev.type = 'ORG';
      continue;
    }
    // a name right before "Bill", "Act", "Treaty": the law's name ("Data Retention | Bill"), no person
    if (prev && prev.e === sp.s && sp.e - sp.s === 1 && LAW_WORDS.test(lastWord) && isCap(toks[sp.s]!.text) && !prev.fixed) {
      prev.e = sp.e;
      prev.type = 'MISC';
      continue;
    }
    // a place right before an organisation named by its head word is part of it: "Florida | State University"
    if (prev && prev.e === sp.s && prev.type === 'LOC' && sp.type === 'ORG' && ORG_HEADS.has(lastWord) && !prev.fixed && !sp.fixed && isCap(toks[sp.s]!.text)) {
      prev.e = sp.e;
      prev.type = 'ORG';
      continue;
    }
    // a university's campus after a comma: "University of California | , | San Diego" (a city, not a country or state)
    if (prev && prev.type === 'ORG' && sp.type === 'LOC' && sp.s === prev.e + 1 && toks[prev.e]!.text === ',' && fold(toks[prev.s]!.text) === 'university'
      && !sp.fixed && !isCap(toks[sp.e]?.text ?? 'x') && gaz.match(toks.slice(sp.s, sp.e).map((t) => fold(t.text)), toks.slice(sp.s, sp.e).map((t) => isCap(t.text)))
        .every((g) => g.type === 'city')) {
      prev.e = sp.e;
      continue;
    }
    out.push({ ...sp });
  }
  out.forEach((sp, idx) => {
    if (sp.type !== 'ORG' || !ORG_HEADS.has(fold(toks[sp.e - 1]!.text))) return;
    const j = sp.e;
    // "Committee | for a Responsible Federal Budget", "Center | for the Study of Democracy"
    const article = /^(?:a|the)$/.test(toks[j + 1]?.text ?? '') ? 1 : 0;
    if (!/^(?:on|of|for)$/.test(toks[j]?.text ?? '') || !isCap(toks[j + 1 + article]?.text ?? '')) return;
    let e = j + 1 + article;
    while (e < toks.length && (isCap(toks[e]!.text) || (/^(?:and|of|the|for|&)$/.test(toks[e]!.text) && isCap(toks[e + 1]?.text ?? '')))) e++;
    for (let k = idx + 1; k < out.length && out[k]!.s < e; k++) if (out[k]!.e > e) return; // would cut another name
    sp.e = e;
  });
  // drop spans inside another (sorted by start, longest first: one sweep)
  out.sort((a, b) => a.s - b.s || b.e - a.e);
  const kept: TokSpan[] = [];
  let maxEnd = -1;
  for (const x of out) {
    if (x.e <= maxEnd) continue;
    kept.push(x);
    maxEnd = x.e;
  }
  return kept;
}

function isPlaceAll(gaz: Gazetteer, folded: string[], words: string[]): boolean {
  const g = gaz.match(folded, words.map(isCap));
  return g.length === 1 && g[0]!.start === 0 && g[0]!.end === words.length;
}

/** Kind rules on a cleaned span: organisation and place head words, operations, gazetteer places, demonyms. */
export function retype(sp: TokSpan, toks: Token[], gaz: Gazetteer): TokSpan | null {
  if (sp.fixed) return sp;
  const words = toks.slice(sp.s, sp.e).map((t) => t.text);
  const folded = words.map(fold);
  const last = folded[folded.length - 1]!.replace(/\.$/, '');
  const whole = folded.join(' ');
  if (words.length > 1 && /^(?:operation|operations)$/.test(folded[0]!)) return { ...sp, type: 'MISC' };
  // products and platforms named like companies ("Xbox Live", "Firefox")
  if (PRODUCTS.has(folded[0]!) && !ORG_HEADS.has(last)) return { ...sp, type: 'MISC' };
  // a company's name, then a word that is neither an organisation's nor a place's: its product ("Dolby Atmos", "Intel
  // Core", "Google Pay"), not the company ("Alibaba Group", "Yahoo News", "Yahoo Japan" stay)
  if (words.length >= 2 && words.length <= 3 && sp.type !== 'LOC' && gaz.isCompany(words[0]!) && !ORG_HEADS.has(last) && !PLACE_HEADS.has(last)
    && !gaz.typeOf(last) && !isPlaceAll(gaz, folded, words)) return { ...sp, type: 'MISC' };
  // an organisation's name, then a role in it: the organisation ("FSF Directors", "Apple CEO" -> "FSF", "Apple")
  const role = last.replace(/s$/, '');
  if (sp.type === 'ORG' && words.length === 2 && TITLE_WORDS.has(role) && !ORG_HEADS.has(last) && !ORG_HEADS.has(role) && isCap(words[0]!)) return { ...sp, e: sp.e - 1 };
  // one-word company names the tagger took for a place or a person ("Verizon", "Costco")
  if (words.length === 1 && sp.type !== 'ORG' && gaz.isCompany(words[0]!)) return { ...sp, type: 'ORG' };
  // inhabitants: "New Yorkers", "Londoners"
  if (sp.type === 'LOC' && /ers$/.test(last) && !gaz.typeOf(last) && !isPlaceAll(gaz, folded, words)) return { ...sp, type: 'MISC' };
  if (words.length > 1 && LAW_WORDS.test(last)) return { ...sp, type: 'MISC' };
  // events, awards and eras: "Great Depression", "Presidential Medal of Freedom", "World War II"
  const ofAt = folded.indexOf('of');
  const eventHead = ofAt > 0 ? folded[ofAt - 1]! : /^(?:[ivx]+|\d+)$/.test(last) && folded.length > 2 ? folded[folded.length - 2]! : last;
  if (words.length > 1 && EVENT_HEADS.has(eventHead)) return { ...sp, type: 'MISC' };
  if (words.length === 1 && COMMON_ABBREVIATIONS.has(whole)) return null;
  if (words.length === 1 && UNIVERSITIES.has(whole)) return { ...sp, type: 'ORG' };
  // "a Virginia Democrat": the place the politician stands for
  if (words.length > 1 && /^(?:democrats?|republicans?)$/.test(last) && isPlaceAll(gaz, folded.slice(0, -1), words.slice(0, -1))) return { ...sp, e: sp.e - 1, type: 'LOC' };
  // product names and model numbers: a last word like "Pro", or a word of letters and digits ("LGP-30", "DDR3")
  if (words.length > 1 && !ORG_HEADS.has(last) && (PRODUCT_TAILS.has(last) || words.some((w) => /\p{L}/u.test(w) && /\d/.test(w)))) {
    return { ...sp, type: 'MISC' };
  }
  // "Ammar Askar" tagged as an organisation or place: a given name, then one or two capitalised words
  if (sp.type !== 'PER' && sp.type !== 'MISC' && words.length >= 2 && words.length <= 3 && gaz.isGivenName(folded[0]!)
    && words.every((w) => /^\p{Lu}[\p{Ll}\p{M}'-]+$|^\p{Lu}\.$/u.test(w)) && !ORG_HEADS.has(last) && !PLACE_HEADS.has(last)
    && gaz.match(folded, words.map(isCap)).length === 0) return { ...sp, type: 'PER' };
  if (words.length > 1 && PLACE_HEADS.has(last) && isCap(words[words.length - 1]!)) return { ...sp, type: 'LOC' };
  const g = gaz.match(folded, words.map(isCap));
  const isPlace = g.length === 1 && g[0]!.start === 0 && g[0]!.end === words.length;
  // a country or region whose name ends in an organisation head ("Soviet Union", "United Arab Emirates")
  // or a place named with its article ("The Hague"): no organisation is named so
  if (isPlace && (g[0]!.type !== 'city' || folded[0] === 'the') && sp.type !== 'LOC') return { ...sp, type: 'LOC' };
  if (sp.type !== 'ORG' && words.length > 1 && ORG_HEADS.has(last) && isCap(words[words.length - 1]!) && !isPlace) return { ...sp, type: 'ORG' };
  if (isPlace && sp.type === 'MISC' && !/(?:ian|ese|ish|ans)$/.test(whole)) return { ...sp, type: 'LOC' };
  if (!isPlace && sp.type === 'LOC' && words.length === 1 && /(?:ian|ians|ese|ish|ean|eans|ani|i)$/.test(whole) && !gaz.typeOf(whole)) return { ...sp, type: 'MISC' };
  return sp;
}

/** Known one-word company names the tagger left untagged, written mid-sentence on their own ("on Facebook"). */
export function companies(toks: Token[], spans: TokSpan[], gaz: Gazetteer): TokSpan[] {
  const covered = new Uint8Array(toks.length);
  for (const sp of spans) for (let i = sp.s; i < sp.e; i++) covered[i] = 1;
  for (let i = 1; i < toks.length; i++) {
    const t = toks[i]!;
    if (covered[i] || !gaz.isCompany(t.text)) continue;
    const prev = toks[i - 1]!;
    const next = toks[i + 1];
    if (prev.sent !== t.sent || /^["'(\[“‘:—–-]$/.test(prev.text)) continue; // sentence start
    // part of a longer name (not after a capitalised function word: "As Mashable reports")
    if ((isCap(prev.text) && !STOP_EDGE.has(fold(prev.text))) || (next && next.sent === t.sent && isCap(next.text))) continue;
    spans = spans.concat({ s: i, e: i + 1, type: 'ORG' });
  }
  return spans;
}

/**
 * A nationality the tagger took alone, then capitalised words ending in an organisation head: one organisation
 * ("Palestinian | Authority", "Australian | Federal Police Commissioner" -> "Australian Federal Police"). Names the
 * tagger found inside it give way; the part of one past its head is kept only where it is still a name.
 */
export function demonymOrgs(toks: Token[], spans: TokSpan[], clean: (sp: TokSpan) => TokSpan[]): TokSpan[] {
  let out = spans;
  for (const d of spans.filter((sp) => sp.type === 'MISC' && sp.e - sp.s === 1)) {
    let headEnd = -1;
    for (let i = d.e; i < toks.length && toks[i]!.sent === toks[d.s]!.sent && isCap(toks[i]!.text) && i - d.e < 5; i++) {
      if (ORG_HEADS.has(fold(toks[i]!.text))) headEnd = i + 1;
    }
    if (headEnd < 0 || out.some((sp) => sp.fixed && sp.s < headEnd && sp.e > d.s)) continue;
    const next: TokSpan[] = [{ s: d.s, e: headEnd, type: 'ORG' }];
    for (const sp of out) {
      if (sp.e <= d.s || sp.s >= headEnd) next.push(sp);
      else if (sp.e > headEnd) next.push(...clean({ ...sp, s: headEnd }));
    }
    out = next.sort((a, b) => a.s - b.s);
  }
  return out;
}

/** Roles that follow the organisation they belong to: "Snapchat CEO Evan Spiegel", "Kremlin spokesman". */
const ROLE_AFTER_ORG = new Set(['ceo', 'cfo', 'coo', 'cto', 'founder', 'co-founder', 'cofounder', 'chairman', 'chairwoman', 'spokesman', 'spokeswoman', 'spokesperson']);
/** Lower-case nouns that name what an organisation is, before its name ("rescue group Project Jonah") or after it ("the Likud party"). */
const ORG_NOUNS = new Set(['group', 'company', 'firm', 'charity', 'agency', 'newspaper', 'broadcaster', 'startup', 'retailer', 'airline', 'carmaker', 'automaker', 'publisher', 'militia', 'organisation', 'organization', 'network', 'band', 'party']);
const ORG_NOUNS_AFTER = new Set(['party', 'group', 'company', 'firm', 'militia', 'charity']);
/** Lower-case nouns of places before "of" and a name ("the coast of Kaupokonui", "the city of Whangarei"). */
const PLACE_NOUNS = new Set(['city', 'town', 'village', 'coast', 'region', 'province', 'island', 'port', 'capital', 'district', 'county', 'suburb', 'neighbourhood', 'neighborhood']);

/**
 * Names known by the words around them, where the tagger left them out or took them for another kind: capitalised
 * words right before a company role and a person ("Snapchat CEO Evan Spiegel"), after or before a noun that says
 * what an organisation is ("rescue group Project Jonah", "Netanyahu's Likud party"), before "administration" (a
 * president: "the Carter administration"), and after a place noun and "of" ("the coast of Kaupokonui"). Never over
 * a place the gazetteer knows, a nationality, a title or a name a rule fixed; over a person only where the words
 * around it leave no doubt (not a given name after "the company").
 */
export function contextKinds(toks: Token[], spans: TokSpan[], gaz: Gazetteer): TokSpan[] {
  const at = new Map<number, TokSpan>();
  for (const sp of spans) for (let i = sp.s; i < sp.e; i++) at.set(i, sp);
  const out = [...spans];
  const capAt = (i: number, sent: number) => i >= 0 && i < toks.length && toks[i]!.sent === sent && isCap(toks[i]!.text)
    && !STOP_EDGE.has(fold(toks[i]!.text)) && !TITLE_WORDS.has(fold(toks[i]!.text).replace(/\.$/, ''));
  const claim = (s: number, e: number, type: NerType, overPerson = false) => {
    if (s >= e || isPlace(gaz, toks, s, e)) return;
    if (/(?:ian|ish|ese)$/.test(fold(toks[e - 1]!.text))) return; // a nationality: "the Russian group"
    const inside = out.filter((sp) => sp.s < e && sp.e > s);
    if (inside.some((sp) => sp.fixed || sp.s < s || sp.e > e || (sp.type === 'PER' && !overPerson))) return;
    for (const sp of inside) out.splice(out.indexOf(sp), 1);
    out.push({ s, e, type, fixed: true });
  };
  for (let i = 1; i < toks.length; i++) {
    const t = toks[i]!;
    const w = fold(t.text);
    if (t.text !== w && !ROLE_AFTER_ORG.has(w)) continue;
    if (ROLE_AFTER_ORG.has(w) && at.get(i + 1)?.type === 'PER' && at.get(i + 1)!.s === i + 1) {
      let s = i;
      while (i - s < 3 && capAt(s - 1, t.sent)) s--;
      claim(s, i, 'ORG', true);
    }
    // a title word may end the name when a name word comes before it: "the Islamic State group"
    const titleLast = i >= 2 && toks[i - 1]!.sent === t.sent && isCap(toks[i - 1]!.text) && TITLE_WORDS.has(fold(toks[i - 1]!.text)) && capAt(i - 2, t.sent);
    if (ORG_NOUNS_AFTER.has(w) && (capAt(i - 1, t.sent) || titleLast)) {
      let s = i - 1;
      while (i - s < 3 && capAt(s - 1, t.sent)) s--;
      claim(s, i, 'ORG', true);
    }
    if (ORG_NOUNS.has(w) && w !== 'party' && capAt(i + 1, t.sent)) {
      let e = i + 1;
      while (e - i < 5 && capAt(e, t.sent)) e++;
      // over a "person" only where it does not start with a given name ("the company Elon Musk founded")
      claim(i + 1, e, 'ORG', !gaz.isGivenName(fold(toks[i + 1]!.text)));
    }
    // "the Carter administration": a president's
    if (w === 'administration' && capAt(i - 1, t.sent) && !capAt(i - 2, t.sent)) claim(i - 1, i, 'PER', true);
    if (PLACE_NOUNS.has(w) && toks[i + 1]?.text === 'of' && capAt(i + 2, t.sent)) {
      let e = i + 2;
      while (e - i < 5 && capAt(e, t.sent)) e++;
      claim(i + 2, e, 'LOC');
    }
  }
  return out.sort((a, b) => a.s - b.s);
}
