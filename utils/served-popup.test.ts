// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readServed, SERVED_ID, servedPopupHtml } from '@/utils/served-popup';
import { recentListMarkup } from '@/components/EarlyRecentList';
import { cardOf } from '@/utils/db';
import { makeClipping } from '@/fixtures/test-data';

/** The popup page the background serves: popup.html with its recent list in the markup and the cards beside it. */
const TEMPLATE = readFileSync(resolve(import.meta.dirname, '../entrypoints/popup/index.html'), 'utf8');
const cards = [
  cardOf(makeClipping({ id: 'a', title: 'Shoigu in Damascus', savedAt: Date.UTC(2024, 3, 14) })),
  cardOf(makeClipping({ id: 'b', title: 'Tricky </script><script>alert(1)</script> & <b>title</b>', savedAt: Date.UTC(2024, 3, 13) })),
];
const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

describe('the served popup page', () => {
  it('lists the cards under "Recently saved", as the popup renders them, before any script', () => {
    const doc = parse(servedPopupHtml(TEMPLATE, 'v1', cards, recentListMarkup(cards))!);
    const section = doc.querySelector('section[aria-labelledby="saved-heading"]')!;
    expect([...section.querySelectorAll('li[data-clipping-id]')].map((li) => li.getAttribute('data-clipping-id'))).toEqual(['a', 'b']);
    expect(section.querySelectorAll('.clipping-title')[1]!.textContent).toBe(cards[1]!.title);
    // the data comes before popup-early.js, which reads it; no title can add a script
    const scripts = [...doc.querySelectorAll('script')];
    expect(scripts.map((s) => s.id || s.getAttribute('src'))).toEqual([SERVED_ID, '/popup-early.js', './main.tsx']);
    expect(readServed(doc, 'v1')).toEqual(cards);
  });

  it('gives its cards only to a page of the same version', () => {
    const doc = parse(servedPopupHtml(TEMPLATE, 'v1', cards, recentListMarkup(cards))!);
    expect(readServed(doc, 'v2')).toBeNull();
    expect(readServed(doc, null)).toBeNull();
    expect(readServed(parse(TEMPLATE), 'v1')).toBeNull();
    const garbled = parse(`<script type="application/json" id="${SERVED_ID}">{"version":"v1","cards":</script>`);
    expect(readServed(garbled, 'v1')).toBeNull();
  });

  it('is not made from a page without the places the list and the data go', () => {
    expect(servedPopupHtml('<html><body>changed</body></html>', 'v1', cards, recentListMarkup(cards))).toBeNull();
    expect(servedPopupHtml(TEMPLATE.replace('src="/popup-early.js"', 'src="/other.js"'), 'v1', cards, '')).toBeNull();
  });

  it('says "Nothing saved yet" where there are no cards', () => {
    const doc = parse(servedPopupHtml(TEMPLATE, 'v1', [], recentListMarkup([]))!);
    expect(doc.querySelector('section[aria-labelledby="saved-heading"] .empty')?.textContent).toMatch(/Nothing saved yet/);
    expect(readServed(doc, 'v1')).toEqual([]);
  });
});
