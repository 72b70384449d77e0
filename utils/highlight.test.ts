// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { createPainter, MARK_TAG, rangeIndexAtPoint, userPaintName } from './highlight';

function setup(html: string) {
  document.body.innerHTML = html;
  return document.body;
}

function rangeOf(node: Node, start: number, end: number, endNode: Node = node): Range {
  const r = document.createRange();
  r.setStart(node, start);
  r.setEnd(endNode, end);
  return r;
}

class FakeHighlight {
  ranges: Range[];
  constructor(...ranges: Range[]) {
    this.ranges = ranges;
  }
}

describe('createPainter with the CSS Custom Highlight API', () => {
  it('registers one Highlight per name and removes it on clear, without touching the DOM', () => {
    const body = setup('<p>Sergei Shoigu met Dong Jun in Astana.</p>');
    const before = body.innerHTML;
    const registry = new Map<string, unknown>();
    const painter = createPainter(window, { registry, Highlight: FakeHighlight });
    expect(painter.mode).toBe('highlight-api');
    const text = body.querySelector('p')!.firstChild!;
    painter.paint('clipmark-person', [rangeOf(text, 0, 13), rangeOf(text, 18, 26)]);
    const h = registry.get('clipmark-person') as FakeHighlight;
    expect(h.ranges.map((r) => r.toString())).toEqual(['Sergei Shoigu', 'Dong Jun']);
    expect(body.innerHTML).toBe(before);
    painter.paint('clipmark-person', [rangeOf(text, 18, 26)]);
    expect((registry.get('clipmark-person') as FakeHighlight).ranges).toHaveLength(1);
    painter.clear('clipmark-person');
    expect(registry.has('clipmark-person')).toBe(false);
  });

  it('hit-tests a click through caretRangeFromPoint, user highlights first', () => {
    const body = setup('<p>Sergei Shoigu met Dong Jun in Astana.</p>');
    const text = body.querySelector('p')!.firstChild!;
    const painter = createPainter(window, { registry: new Map(), Highlight: FakeHighlight });
    painter.paint('clipmark-person', [rangeOf(text, 18, 26), rangeOf(text, 0, 13)]);
    painter.paint(userPaintName('green'), [rangeOf(text, 7, 17)]);
    const caret = vi.fn((_x: number, _y: number) => rangeOf(text, 9, 9));
    (document as unknown as { caretRangeFromPoint: typeof caret }).caretRangeFromPoint = caret;
    try {
      const hits = painter.hitTest(40, 10);
      expect(caret).toHaveBeenCalledWith(40, 10);
      expect(hits.map((h) => [h.name, h.index, h.range!.toString()])).toEqual([
        ['clipmark-user-green', 0, 'Shoigu met'],
        ['clipmark-person', 1, 'Sergei Shoigu'],
      ]);
      caret.mockReturnValue(rangeOf(text, 30, 30));
      expect(painter.hitTest(90, 10)).toEqual([]);
    } finally {
      delete (document as unknown as { caretRangeFromPoint?: unknown }).caretRangeFromPoint;
    }
  });

  it('rangeIndexAtPoint ignores points in other documents', () => {
    const body = setup('<p>abc</p>');
    const other = document.implementation.createHTMLDocument('');
    other.body.innerHTML = '<p>abc</p>';
    const r = rangeOf(body.querySelector('p')!.firstChild!, 0, 3);
    expect(rangeIndexAtPoint([r], other.body.querySelector('p')!.firstChild!, 1)).toBe(-1);
    expect(rangeIndexAtPoint([r], body.querySelector('p')!.firstChild!, 1)).toBe(0);
  });
});

describe('createPainter fallback (no CSS.highlights, as in jsdom)', () => {
  it('wraps exactly the range text in inline marks and keeps the page text', () => {
    const body = setup('<p id="p">Iran and <b>China</b> met in Kazakhstan.</p>');
    const p = body.querySelector('#p')!;
    const painter = createPainter(window);
    expect(painter.mode).toBe('wrap');
    // "and China met": from the first text node into the one after <b>.
    painter.paint('clipmark-place', [rangeOf(p.firstChild!, 5, 4, p.lastChild!)]);
    const marks = [...p.querySelectorAll(MARK_TAG)];
    expect(marks.map((m) => m.textContent)).toEqual(['and ', 'China', ' met']);
    expect(marks.every((m) => m.getAttribute('data-clipmark-name') === 'clipmark-place')).toBe(true);
    expect(p.textContent).toBe('Iran and China met in Kazakhstan.');
    expect(window.getComputedStyle(marks[0]!).display).toBe('inline');
  });

  it('restores the original Text node objects and markup on clear, in any order', () => {
    const body = setup('<p id="p">Iran and <b>China</b> met in Kazakhstan.</p>');
    const p = body.querySelector('#p')!;
    const html = p.innerHTML;
    const originals = [...p.childNodes, ...p.querySelector('b')!.childNodes];
    const painter = createPainter(window, { registry: null });
    const place = [rangeOf(p.firstChild!, 0, 4), rangeOf(p.lastChild!, 8, 18)];
    painter.paint('clipmark-place', place);
    // Painted over the existing marks: overlaps "Iran".
    const t = p.querySelector(MARK_TAG)!.firstChild!;
    painter.paint(userPaintName('yellow'), [rangeOf(t, 2, 4, t.parentNode!.nextSibling!)]);
    expect(p.textContent).toBe('Iran and China met in Kazakhstan.');
    expect(p.querySelectorAll(MARK_TAG).length).toBeGreaterThan(2);
    painter.clear('clipmark-place');
    expect(p.querySelectorAll(`${MARK_TAG}[data-clipmark-name="clipmark-place"]`)).toHaveLength(0);
    expect(p.textContent).toBe('Iran and China met in Kazakhstan.');
    painter.clear(userPaintName('yellow'));
    expect(p.innerHTML).toBe(html);
    expect([...p.childNodes, ...p.querySelector('b')!.childNodes]).toEqual(originals);
    originals.forEach((n, i) => expect(n).toBe(originals[i]));
    expect(p.firstChild).toBe(originals[0]);
  });

  it('hit-tests a clicked mark by its name and range index', () => {
    const body = setup('<p>Sergei Shoigu met Dong Jun.</p>');
    const t = body.querySelector('p')!.firstChild!;
    const painter = createPainter(window);
    painter.paint('clipmark-person', [rangeOf(t, 0, 13), rangeOf(t, 18, 26)]);
    const dong = [...body.querySelectorAll(MARK_TAG)].find((m) => m.textContent === 'Dong Jun')!;
    expect(painter.hitTestPoint(dong.firstChild!, 2)).toEqual([{ name: 'clipmark-person', index: 1, range: null }]);
    expect(painter.hitTestPoint(body.querySelector('p')!, 0)).toEqual([]);
    painter.clearAll();
    expect(body.querySelectorAll(MARK_TAG)).toHaveLength(0);
  });
});
