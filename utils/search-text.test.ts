import { describe, expect, it } from 'vitest';
import { foldedForTokens, foldedTokens, hasToken, matcher, parseQuery, snippet } from '@/utils/search-text';
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

  it('gives the same matcher for the same words, ready to use from the start', () => {
    const a = matcher(parseQuery('damascus str'));
    a.exec('Damascus Damascus');
    const b = matcher(parseQuery('damascus str'));
    expect(b).toBe(a);
    expect(b.lastIndex).toBe(0);
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
