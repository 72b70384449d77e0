// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { RangeSelector, TextPositionSelector, TextQuoteSelector } from '@/utils/db';
import { parseHtml, readFixture } from '@/utils/test-pages';
import { describeRange, elementFromPath, pathFromRoot } from './describe';
import { buildTextMap } from './text-range';

function selectText(root: Element, needle: string): Range {
  const walker = root.ownerDocument.createTreeWalker(root, 4);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const i = (n as Text).data.indexOf(needle);
    if (i >= 0) {
      const r = root.ownerDocument.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + needle.length);
      return r;
    }
  }
  throw new Error(`not found: ${needle}`);
}

describe('describeRange', () => {
  const doc = parseHtml(readFixture('seed-page'));
  const body = doc.body;

  it('stores the quote with ~32 characters of context, its position and a range hint', () => {
    const sels = describeRange(body, selectText(body, 'Sergei Shoigu'));
    const quote = sels.find((s) => s.type === 'TextQuoteSelector') as TextQuoteSelector;
    const pos = sels.find((s) => s.type === 'TextPositionSelector') as TextPositionSelector;
    const hint = sels.find((s) => s.type === 'RangeSelector') as RangeSelector;
    expect(quote.exact).toBe('Sergei Shoigu');
    expect(quote.prefix).toBe('g between Russian Defense Minister '.slice(-32));
    expect(quote.suffix).toBe(' and his Iranian counterpart Bri');
    const text = buildTextMap(body).text;
    expect(text.slice(pos.start, pos.end)).toBe('Sergei Shoigu');
    expect(hint.startContainer).toMatch(/^\/main\[1\]\/article\[1\]\/div\[1\]\/p\[2\]$/);
    expect(hint.startContainer).toBe(hint.endContainer);
    expect(elementFromPath(body, hint.startContainer)!.textContent).toContain('Sergei Shoigu');
  });

  it('trims whitespace around a selection and spans elements', () => {
    const p = body.querySelector('.article-body p:nth-of-type(4)')!;
    const r = doc.createRange();
    r.setStart(p.previousSibling!, 0); // whitespace text node between paragraphs
    r.setEnd(p.firstChild!, 11);
    const quote = describeRange(body, r).find((s) => s.type === 'TextQuoteSelector') as TextQuoteSelector;
    expect(quote.exact).toBe('The Iranian');
  });

  it('gives no selectors for a selection without text', () => {
    const r = doc.createRange();
    r.setStart(body, 0);
    expect(describeRange(body, r)).toEqual([]);
  });

  it('paths round-trip and vanish when the element is gone', () => {
    const li = body.querySelectorAll('aside li')[2]!;
    const path = pathFromRoot(body, li);
    expect(path).toBe('/main[1]/aside[1]/section[1]/ul[1]/li[3]');
    expect(elementFromPath(body, path)).toBe(li);
    expect(elementFromPath(body, '/main[1]/aside[1]/section[1]/ul[1]/li[9]')).toBeNull();
  });

  it('finds the same elements with the steps of earlier paths remembered (anchorAll shares them per page)', () => {
    const cache = new Map<string, Element | null>();
    const items = [...body.querySelectorAll('aside li')];
    for (const li of items) expect(elementFromPath(body, pathFromRoot(body, li), cache)).toBe(li);
    for (const li of items) expect(elementFromPath(body, pathFromRoot(body, li), cache)).toBe(li);
    expect(elementFromPath(body, '/main[1]/aside[1]/section[1]/ul[1]/li[9]', cache)).toBeNull();
    expect(elementFromPath(body, '/main[1]/aside[1]/section[1]/ul[1]/li[9]/a[1]', cache)).toBeNull();
    expect(cache.get('/main[1]/aside[1]/section[1]/ul[1]')).toBe(items[0]!.parentElement);
  });
});
