import { describe, expect, it } from 'vitest';
import { fold, tokenize } from './tokenize';

const texts = (s: string) => tokenize(s).map((t) => t.text);

describe('tokenize', () => {
  it('keeps UTF-16 offsets into the original string', () => {
    const src = 'Iran’s Defense Minister met Netan\u00ADyahu.';
    for (const t of tokenize(src)) expect(src.slice(t.start, t.end).replace(/\u00AD/g, '').replace('’', "'")).toBe(t.text);
  });

  it('splits the possessive off, with straight or curly apostrophes', () => {
    expect(texts("Iran's embassy")).toEqual(['Iran', "'s", 'embassy']);
    expect(texts('Israel’s airstrike')).toEqual(['Israel', "'s", 'airstrike']);
    expect(texts("O'Brien said")).toEqual(["O'Brien", 'said']);
  });

  it('drops soft hyphens and zero-width characters inside words', () => {
    const src = 'Netan\u00ADyahu and Pu\u200Btin';
    const toks = tokenize(src);
    expect(toks.map((t) => t.text)).toEqual(['Netanyahu', 'and', 'Putin']);
    expect(src.slice(toks[0]!.start, toks[0]!.end)).toBe('Netan\u00ADyahu');
  });

  it('keeps initialisms, abbreviations and numbers whole', () => {
    expect(texts('the U.S. and Mr. Smith, Ph.D., paid $1,000 on 9/11')).toEqual(['the', 'U.S.', 'and', 'Mr.', 'Smith', ',', 'Ph.D.', ',', 'paid', '$', '1,000', 'on', '9/11']);
  });

  it('ends a sentence after a name that looks like a month abbreviation ("Dong Jun.")', () => {
    const toks = tokenize('He met Dong Jun. Then he left on Jun. 5.');
    expect(toks.map((t) => t.text)).toEqual(['He', 'met', 'Dong', 'Jun', '.', 'Then', 'he', 'left', 'on', 'Jun.', '5', '.']);
    expect(toks[5]!.sent).toBe(toks[0]!.sent + 1);
  });

  it('splits "Pakistan-based" but not "al-Qaeda" or "Coca-Cola"', () => {
    expect(texts('Pakistan-based al-Qaeda Coca-Cola')).toEqual(['Pakistan', '-', 'based', 'al-Qaeda', 'Coca-Cola']);
  });

  it('starts a new sentence at line breaks', () => {
    const toks = tokenize('CAIRO\n\nGunmen opened fire');
    expect(toks[1]!.sent).toBe(1);
  });

  it('folds diacritics and case', () => {
    expect(fold('Māori')).toBe('maori');
    expect(fold('São Paulo')).toBe('sao paulo');
  });
});
