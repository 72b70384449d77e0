import { describe, expect, it } from 'vitest';
import { asciiFolded, foldedForTokens, foldedTokens, hasToken, markAll, matcher, parseQuery, regexMatches, snippet, wordMatches } from '@/utils/search-text';
import { foldKey } from '@/utils/fold';

const text = (segs: { text: string }[] | null) => (segs ?? []).map((s) => s.text).join('');
const marks = (segs: { text: string; mark: boolean }[] | null) => (segs ?? []).filter((s) => s.mark).map((s) => s.text);

describe('snippet', () => {
  const filler = (n: number) => Array.from({ length: n }, (_, i) => `filler${i}`).join(' ');

  it('shows the first window that holds every query word, even when one word occurs often before it', () => {
    const doc = `${Array.from({ length: 40 }, () => `Damascus ${filler(30)}`).join(' ')} the Damascus strike was reported ${filler(40)}`;
    const segs = snippet(doc, matcher(parseQuery('damascus strike')));
    expect(text(segs)).toContain('Damascus strike was reported');
    expect(marks(segs)).toEqual(['Damascus', 'strike']);
  });

  it('with one word, opens at its first occurrence and marks every occurrence inside the window', () => {
    const doc = `${filler(50)} Shoigu met Shoigu's deputy ${filler(10)} Shoigu ${filler(200)} Shoigu again`;
    const segs = snippet(doc, matcher(parseQuery('shoig')))!;
    expect(text(segs).startsWith('…')).toBe(true);
    expect(marks(segs).length).toBeGreaterThanOrEqual(2);
    expect(text(segs)).not.toContain('again');
  });

  it('is null when no word occurs', () => {
    expect(snippet('nothing here', matcher(parseQuery('damascus')))).toBeNull();
  });

  it('gives the same matcher for the same words, ready to use from the start after a use stopped midway', () => {
    const a = matcher(parseQuery('damascus str'));
    const first = regexMatches('Damascus streets, Damascus', a);
    first.next();
    const b = matcher(parseQuery('damascus str'));
    expect(b).toBe(a);
    expect([...regexMatches('Damascus streets', b)].map((x) => x.index)).toEqual([0, 9]);
  });
});

describe('whole tokens', () => {
  it('a matcher marks only tokens (or tokens a prefix starts), whatever the case and accents', () => {
    const segs = snippet('Antigovernment protests; the Government and the GOVERNMENT’s gouvernement, sa santé, Asa said.', matcher(parseQuery('government sa')))!;
    expect(marks(segs)).toEqual(['Government', 'GOVERNMENT', 'sa', 'santé', 'said']);
  });

  it('hasToken agrees with the index: folded tokens, a prefix only at a token’s start, a whole word only whole', () => {
    const folded = foldKey('Antigovernment protests in Zürich; Asa said');
    const w = (q: string) => parseQuery(q)[parseQuery(q).length - 1]!;
    expect(hasToken(folded, w('zurich '))).toBe(true);
    expect(hasToken(folded, w('zur'))).toBe(true);
    expect(hasToken(folded, w('zur '))).toBe(false);
    expect(hasToken(folded, w('government '))).toBe(false);
    expect(hasToken(folded, w('sai'))).toBe(true);
    expect(hasToken(folded, w('sa '))).toBe(false);
    // a letter outside the BMP before "sa" makes it part of a token
    expect(hasToken(foldKey('𐐀sa'), w('sa'))).toBe(false);
    expect(hasToken(foldKey('sa𐐀'), w('sa '))).toBe(false);
  });
});

describe('foldedForTokens', () => {
  it('gives the same tokens as foldKey, on plain English and on texts that need normalising', () => {
    const TOKEN = /[\p{L}\p{N}\p{M}]+/gu;
    const tokens = (t: string) => [...t.matchAll(TOKEN)].map((m) => m[0]);
    for (const text of [
      'The “Government” said — in 2024 — it’s “fine”… no-break\u00a0space',
      'Zürich’s Assemblée nationale, ﬁnancial Ⅻ, soft\u00adhyphen, zero\u200bwidth',
    ]) expect(tokens(foldedForTokens(text))).toEqual(foldedTokens(text));
  });
});

describe('texts of ASCII and accented Latin letters are matched without the regex', () => {
  const all = (text: string, q: string) => {
    const m = matcher(parseQuery(q));
    return { fast: [...wordMatches(text, m)], regex: [...regexMatches(text, m)] };
  };

  it('finds what the regex finds: whole words, prefixes, the first word where two match, case, digits, punctuation', () => {
    const text =
      'Damascus, DAMASCUS-based damascene daMASCUS2 xdamascus; “Damascus’s” strike—strikes striker. Dam dam-dam 2024 20245 ' +
      'Government governments antigovernment. sa sa. Sa-said said… Asa’s 2024’s no-break\u00a0damascus €5 £2 • 30° ©dam ⓓamascus';
    for (const q of ['damascus', 'damascus ', 'dam', 'dam ', 'damascus strike', 'strike damascus', 'str', 'strike ', 'government sa', 'sa', 'sa ', '2024', '2024 ', 'dam damascus', 'damascus dam']) {
      const { fast, regex } = all(text, q);
      expect(fast, q).toEqual(regex);
    }
  });

  it('finds what the regex finds in random texts', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const pieces = ['da', 'Da', 'DAM', 'm', 'as', 'cus', 'str', 'ike', '2', '0', ' ', ' ', '-', '’', '.', ',', 'x', 'S', 'a', '\u2026', '€', '©', '\ud83d\ude00', 'é', 'Ⅻ', '\u00ad'];
    for (let t = 0; t < 300; t++) {
      const text = Array.from({ length: 40 }, () => pieces[rnd(pieces.length)]).join('');
      for (const q of ['da', 'dam', 'dam ', 'da str', 'sa', 'cus ', 'as ', 'x2', 'cus dam', 'strike']) {
        const { fast, regex } = all(text, q);
        expect(fast, `${q} in ${JSON.stringify(text)}`).toEqual(regex);
      }
    }
  });

  it('finds nothing for a query without words (a stopword alone)', () => {
    expect(parseQuery('as ')).toEqual([]);
    expect(all('as it was', 'as ')).toEqual({ fast: [], regex: [] });
  });

  it('finds what the regex finds in texts with accented letters, and in texts with letters it leaves to the regex', async () => {
    let seed = 11;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    // accented Latin letters (folded in place), and letters the regex must read: ß ø ı ǅ Greek, a combining accent,
    // the Kelvin sign, an astral letter, a feminine ordinal; signs that are not letters (Ⓐ has a lower case)
    const pieces = ['caf', 'é', 'e', 'É', 'İst', 'ist', 'ſa', 'sa', 'Ka', 'ka', 'Zü', 'zu', 'rich', 'Ā', 'ō', ' ', ' ', '-', '’', '.', '2',
      'ß', 'ø', 'ı', 'ǅ', 'ά', '\u0301', '\u212a', '\ud801\udc00', 'ª', 'Ⓐ', '€', '\u00ad'];
    for (let t = 0; t < 400; t++) {
      // half the texts only from the first pieces (the indexOf way), half with one of the others among them
      const parts = Array.from({ length: 30 }, () => pieces[rnd(21)]);
      if (t % 2) parts.splice(rnd(30), 0, pieces[21 + rnd(pieces.length - 21)]!);
      const text = parts.join('');
      if (t % 2 === 0) expect(asciiFolded(text)?.length, text).toBe(text.length);
      for (const q of ['cafe', 'cafe ', 'ist', 'ist ', 'st', 'sa', 'sa ', 'ka', 'kae', 'zurich', 'zu', 'zu ', 'e', 'ee', 'ao', 'caf ist']) {
        const { fast, regex } = all(text, q);
        expect(fast, `${q} in ${JSON.stringify(text)}`).toEqual(regex);
      }
    }
  });

  it('folds accented Latin letters in place and leaves other letters to the regex', () => {
    expect(asciiFolded('Zürich’s İstanbul — CAFÉ ſa')).toBe('zurich’s istanbul — cafe sa');
    for (const t of ['Straße', 'Ørsted', 'Kayseri’de ılık', 'ǅ', 'Αθήνα', 'cafe\u0301', '\u212aelvin', '\ud801\udc00', 'ªb']) expect(asciiFolded(t), t).toBeNull();
  });

  it('marks the same way in a text with accents (the regex) and without (indexOf)', () => {
    const m = matcher(parseQuery('zurich gov'));
    const marked = (t: string) => markAll(t, m).filter((s) => s.mark).map((s) => s.text);
    expect(marked('Zurich government, Zurichs GOV gov2 agov')).toEqual(['Zurich', 'government', 'GOV', 'gov2']);
    expect(marked('Zürich government, Zürichs GOV gov2 agov')).toEqual(['Zürich', 'government', 'GOV', 'gov2']);
  });
});
