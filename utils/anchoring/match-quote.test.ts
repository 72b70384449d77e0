import { describe, expect, it } from 'vitest';
import { isConfident, matchExactQuote, matchFuzzyQuote, matchQuote } from './match-quote';

const text =
  'The minister met the president in the capital. Later the minister flew home to rest. ' +
  'Officials said the agreement on military cooperation would be signed next year in Moscow.';

describe('matchQuote', () => {
  it('finds a unique exact quote', () => {
    const m = matchQuote(text, 'military cooperation')!;
    expect(text.slice(m.start, m.end)).toBe('military cooperation');
    expect(m.quoteScore).toBe(1);
  });

  it('chooses between repeated phrases by their prefix and suffix', () => {
    const second = text.indexOf('the minister flew');
    const m = matchQuote(text, 'the minister', { prefix: 'in the capital. Later ', suffix: ' flew home' })!;
    expect(m.start).toBe(second);
    // Only "The minister" (capital T) sits at the very start before " met the president": a 1-edit fuzzy match.
    const first = matchQuote(text, 'the minister', { prefix: '', suffix: ' met the president' })!;
    expect(first.start).toBe(0);
    expect(first.quoteScore).toBeLessThan(1);
    // The same quote with a context found nowhere is an orphan, not the nearest "the minister".
    expect(matchQuote(text, 'the minister', { prefix: 'On Monday ', suffix: ' resigned after' })).toBeNull();
  });

  it('places an edited long quote fuzzily when the context agrees', () => {
    const quote = 'the agreement on military co-operation would be signed';
    const m = matchFuzzyQuote(text, quote, { prefix: 'Officials said ', suffix: ' next year in Moscow.' })!;
    expect(text.slice(m.start, m.end)).toBe('the agreement on military cooperation would be signed');
    expect(m.quoteScore).toBeLessThan(1);
  });

  it('refuses a short exact quote whose context has changed (orphan, not misplaced)', () => {
    expect(matchExactQuote(text, 'Moscow', { prefix: 'talks were held in ', suffix: ' on Tuesday, officials' })).toBeNull();
    expect(matchExactQuote(text, 'Moscow', { prefix: 'would be signed next year in ', suffix: '.' })).not.toBeNull();
  });

  it('refuses a quote with more than 20% edits', () => {
    expect(matchFuzzyQuote(text, 'the accord about army partnership would be signed', { prefix: 'Officials said ', suffix: ' next year' })).toBeNull();
  });

  it('isConfident accepts a long exact quote whose neighbours moved', () => {
    expect(isConfident({ start: 0, end: 40, quoteScore: 1, prefixScore: 0.1, suffixScore: 0.2, posScore: 0.5, score: 0.6 }, 40)).toBe(true);
    expect(isConfident({ start: 0, end: 10, quoteScore: 1, prefixScore: 0.1, suffixScore: 0.2, posScore: 0.5, score: 0.6 }, 10)).toBe(false);
  });
});
