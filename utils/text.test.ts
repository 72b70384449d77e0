import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { blockText, emphasisRanges } from './text';

const root = (html: string) => parseHTML(`<html><body><div id="r">${html}</div></body></html>`).document.getElementById('r')!;

describe('emphasisRanges', () => {
  it('gives where each italic element falls in the block text', () => {
    const r = root('<p>The first film, <em>A New   Hope</em>, came out in 1977.</p><p>Then <i>The Empire Strikes Back</i> and <cite>Return of the Jedi</cite>.</p>');
    const text = blockText(r);
    const ranges = emphasisRanges(r, text);
    expect(ranges.map(([s, e]) => text.slice(s, e))).toEqual(['A New Hope', 'The Empire Strikes Back', 'Return of the Jedi']);
  });

  it('counts nested italics once, finds a repeated phrase at its own place, and skips what holds no letter', () => {
    const r = root('<p>Hope is a word. <em>Hope <i>itself</i></em> and <em>Hope</em>.</p><p><em> — </em></p>');
    const text = blockText(r);
    const ranges = emphasisRanges(r, text);
    expect(ranges.map(([s, e]) => text.slice(s, e))).toEqual(['Hope itself', 'Hope']);
    expect(ranges[1]![0]).toBe(text.lastIndexOf('Hope'));
  });

  it('gives nothing for an element that spans two blocks', () => {
    const r = root('<em><p>One paragraph.</p><p>Another.</p></em>');
    expect(emphasisRanges(r, blockText(r))).toEqual([]);
  });
});
