import { fold } from './tokenize';

/** Data shipped in public/ner/gazetteer.json (derived from npm data packages; see public/ner/README.md). */
export interface GazetteerData {
  countries: string[];
  regions: string[];
  cities: string[];
  /** One-word company names, as written ("Facebook", "Verizon"). */
  companies?: string[];
  /** Bloom filter over folded given names. */
  givenNames?: BloomData;
  /**
   * Bloom filter over folded common words: words the training corpus writes in lower case, and capitalises inside a
   * sentence under 1 time in 10 ("performance", "check"; not "senate").
   */
  commonWords?: BloomData;
}

/** A Bloom filter: `bits` bits (base64), `k` probes (see bloomProbes). */
export interface BloomData {
  bits: number;
  k: number;
  data: string;
}

/** Bloom filter probes for a folded word (double hashing over two FNV variants). */
export function bloomProbes(word: string, bits: number, k: number, out: number[]): void {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 + c, 0x5bd1e995) ^ (h2 >>> 15);
  }
  h1 >>>= 0;
  h2 = (h2 >>> 0) | 1;
  for (let i = 0; i < k; i++) out[i] = ((h1 + Math.imul(i, h2)) >>> 0) % bits;
}

function decodeBase64(s: string): Uint8Array {
  if (typeof atob === 'function') {
    const bin = atob(s);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  return new Uint8Array(Buffer.from(s, 'base64'));
}

/** Membership in a Bloom filter (none: nothing is a member). */
class Bloom {
  private readonly filter: Uint8Array | null;
  private readonly bits: number;
  private readonly k: number;
  private readonly probes: number[] = [];
  constructor(data: BloomData | undefined) {
    this.filter = data ? decodeBase64(data.data) : null;
    this.bits = data?.bits ?? 0;
    this.k = data?.k ?? 0;
  }
  has(word: string): boolean {
    if (!this.filter) return false;
    bloomProbes(word, this.bits, this.k, this.probes);
    for (let i = 0; i < this.k; i++) {
      const b = this.probes[i]! % this.bits;
      if (!(this.filter[b >>> 3]! & (1 << (b & 7)))) return false;
    }
    return true;
  }
}

export type GazType = 'country' | 'region' | 'city';
const TYPES: GazType[] = ['country', 'region', 'city'];

/** One gazetteer hit over tokens [start, end). */
export interface GazMatch {
  start: number;
  end: number;
  type: GazType;
}

export class Gazetteer {
  /** folded first token -> candidate entries (folded tokens, type), longest first. */
  private readonly index = new Map<string, { toks: string[]; type: GazType }[]>();
  private readonly single = new Map<string, GazType>();
  private readonly givenNames: Bloom;
  private readonly commonWords: Bloom;
  private readonly companies: Set<string>;

  constructor(data: GazetteerData) {
    this.givenNames = new Bloom(data.givenNames);
    this.commonWords = new Bloom(data.commonWords);
    this.companies = new Set(data.companies ?? []);
    for (const type of TYPES) {
      const list = type === 'country' ? data.countries : type === 'region' ? data.regions : data.cities;
      for (const name of list) {
        const toks = splitName(name);
        if (toks.length === 0) continue;
        if (toks.length === 1) {
          if (!this.single.has(toks[0]!)) this.single.set(toks[0]!, type);
        }
        const key = toks[0]!;
        let arr = this.index.get(key);
        if (!arr) this.index.set(key, (arr = []));
        if (!arr.some((e) => e.toks.join(' ') === toks.join(' '))) arr.push({ toks, type });
      }
    }
    for (const arr of this.index.values()) arr.sort((a, b) => b.toks.length - a.toks.length);
  }

  /** Is this folded word (probably) a given name? Bloom filter: rare false positives. */
  isGivenName(foldedWord: string): boolean {
    return foldedWord.length >= 2 && this.givenNames.has(foldedWord);
  }

  /** Is this folded word (probably) a common word, which news capitalises only at a sentence's start? */
  isCommonWord(foldedWord: string): boolean {
    return this.commonWords.has(foldedWord);
  }

  /** Is this word (exact case) a one-word company name? */
  isCompany(word: string): boolean {
    return this.companies.has(word);
  }

  /** Type of a single folded word that is a whole entry, if any. */
  typeOf(foldedWord: string): GazType | undefined {
    return this.single.get(foldedWord);
  }

  /**
   * Longest-match over capitalised token sequences. `folded` are folded token texts; `cap[i]`
   * tells whether token i starts with an upper-case letter (entries only match capitalised text,
   * except lower-case joiners like "of"/"de").
   */
  match(folded: string[], cap: boolean[]): GazMatch[] {
    const out: GazMatch[] = [];
    let i = 0;
    while (i < folded.length) {
      const cands = cap[i] ? this.index.get(folded[i]!) : undefined;
      let hit: GazMatch | undefined;
      if (cands) {
        for (const c of cands) {
          const L = c.toks.length;
          if (i + L > folded.length) continue;
          let ok = true;
          for (let k = 1; k < L; k++) {
            if (folded[i + k] !== c.toks[k]) { ok = false; break; }
          }
          if (ok && cap[i + L - 1]) { hit = { start: i, end: i + L, type: c.type }; break; }
        }
      }
      if (hit) { out.push(hit); i = hit.end; } else i++;
    }
    return out;
  }
}

/** Split a name into folded tokens the way the tokenizer would (periods kept in initialisms). */
export function splitName(name: string): string[] {
  return fold(name)
    .replace(/['\u2019]s\b/g, ' _s')
    .split(/[\s,()]+/)
    .filter(Boolean)
    .map((t) => (t === '_s' ? "'s" : t));
}
