import { describe, expect, it } from 'vitest';
import { matcher, parseQuery, snippet } from '@/utils/search-text';

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
