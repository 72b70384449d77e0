import { describe, expect, it } from 'vitest';
import { isConfident, matchExactQuote, matchFuzzyQuote, matchQuote, prefixContextScore, suffixContextScore } from './match-quote';

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

  it('orphans a quote whose two copies have contexts that cannot tell them apart', () => {
    const para = 'Officials said the talks went well and ended early. ';
    const twice = `${para}Something else entirely happened in between. ${para}`;
    const ctx = { prefix: 'Officials said the ', suffix: ' went well and ended early.', hint: 0 };
    expect(matchQuote(twice, 'talks', ctx)).toBeNull();
    expect(matchQuote(para, 'talks', ctx)!.start).toBe(para.indexOf('talks'));
  });

  it('puts the edges of an edited long quote on the edited words, not short of them', () => {
    const quote = "\"One of my strengths is I have a pretty even temperament. I don't get too low when it's low,\" he said.";
    const edited = quote.replace('" he said.', '" the president said.');
    const text = `He has strengths and weaknesses". ${edited} Kenya is getting ready to welcome him.`;
    const m = matchFuzzyQuote(text, quote, { prefix: 'has strengths and weaknesses". ', suffix: ' Kenya is getting ready to welco' })!;
    expect(text.slice(m.start, m.end)).toBe(edited);
  });

  it('starts an edited quote right after its prefix when its first word changed', () => {
    const quote = 'As the report states: the birth lottery matters more in the U.S. than elsewhere.';
    const edited = quote.replace('As the report', 'As business report');
    const text = `Italy 9. Spain 10. United States. ${edited} The low ranking the U.S. received.`;
    const m = matchFuzzyQuote(text, quote, { prefix: 'Italy 9. Spain 10. United States. ', suffix: ' The low ranking the U.S. recei' })!;
    expect(text.slice(m.start, m.end)).toBe(edited);
  });

  it('places a short quote whose neighbouring word was replaced by a longer one', () => {
    // "held" -> "emphasized" right after the quote; the paragraph also lost the space before it (a block boundary).
    const page = 'Dong added that ties were strong.Iran’s Defense Minister emphasized talks with his Russian counterpart. ' +
      'The meeting between Russian Defense Minister Sergei Shoigu and his guest followed.';
    const m = matchQuote(page, 'Defense', { prefix: 'were strong. Iran’s ', suffix: ' Minister held talks with his Ru' })!;
    expect(m.start).toBe(page.indexOf('Defense Minister emphasized'));
  });

  it('scores context on aligned text: an inserted word costs its own length, unrelated text stays low', () => {
    expect(suffixContextScore(' Minister held talks with his Ru', ' Minister emphasized talks with his Russian')).toBeGreaterThan(0.65);
    expect(prefixContextScore('tens of thousands," ', 'in the tens frustrated thousands," ')).toBeGreaterThan(0.7);
    expect(prefixContextScore('ations and bolster military and ', 'market closed lower on Tuesday as ')).toBeLessThan(0.45);
    // spaces do not count: re-indented markup and block boundaries join or split words
    expect(prefixContextScore('collaboration. ', 'technical collaboration.')).toBe(1);
  });

  it('orphans a quote when a copy elsewhere is nearly as likely, even if neither context is convincing on its own', () => {
    // The highlight was on the first blurb, whose next words were edited; the second blurb is untouched.
    const page = 'Comments on international affairs. Weather Watchers consistently offer official timely comments on climates. ' +
      'Terrorist hosts essid. World Watchers consistently offer thought-provoking, timely comments on affairs.';
    const ctx = { prefix: 'e Weather Watcher Badge Weather ', suffix: ' offer thought-provoking, timely' };
    expect(matchQuote(page, 'Watchers consistently', ctx)).toBeNull();
  });
});
