// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { buildTextMap, offsetsToRange, pointToOffset, rangeToOffsets } from './text-range';

function root(html: string): Element {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
}

describe('buildTextMap', () => {
  it('collapses whitespace across nodes and drops script/style text', () => {
    const el = root('  <p>  Hello\n   <b>big</b>   world\u00a0 </p><script>var x = 1</script><style>p{}</style><p>again</p>');
    const map = buildTextMap(el);
    expect(map.text).toBe('Hello big world again');
  });

  it('drops the text of select menus, textareas, noscript and SVG styles, however deep, and of what the filter skips', () => {
    const el = root(
      '<p>Read <select><optgroup label="g"><option>menu item</option></optgroup></select> this</p>\n<textarea>draft</textarea>\n' +
        '<noscript>enable js</noscript>\n<svg><style>.a{}</style><text>drawn</text></svg>\n' +
        '<aside class="ad"><p>Buy <b>now</b></p></aside>\n<p>and <i>that</i></p>',
    );
    expect(buildTextMap(el).text).toBe('Read this drawn Buy now and that');
    const asked: Element[] = [];
    const map = buildTextMap(el, (e) => (asked.push(e), e.classList.contains('ad')));
    expect(map.text).toBe('Read this drawn and that');
    // every element at most once, and nothing inside a skipped one
    expect(asked.length).toBeGreaterThan(3);
    expect(new Set(asked).size).toBe(asked.length);
    expect(asked.filter((e) => e.closest('.ad') && !e.classList.contains('ad'))).toEqual([]);
  });

  it('reads a page nested thousands of elements deep', () => {
    const el = root('');
    let cur: Element = el;
    for (let i = 0; i < 5_000; i++) cur = cur.appendChild(document.createElement('span'));
    cur.textContent = 'deep text';
    expect(buildTextMap(el).text).toBe('deep text');
  });

  it('maps text offsets back to a Range holding the same characters', () => {
    const el = root('<p>Hello <b>big</b>\n\n world</p>');
    const map = buildTextMap(el);
    const start = map.text.indexOf('big');
    const range = offsetsToRange(map, start, map.text.indexOf('world') + 5)!;
    expect(range.toString()).toBe('big\n\n world');
    expect(rangeToOffsets(map, range)).toEqual({ start, end: map.text.length });
  });

  it('maps element-level boundary points to the next text', () => {
    const el = root('<p>one</p><p>two</p><p>three</p>');
    const map = buildTextMap(el);
    expect(pointToOffset(map, el, 1)).toBe(map.text.indexOf('two'));
    expect(pointToOffset(map, el, 3)).toBe(map.text.length);
    const r = document.createRange();
    r.selectNodeContents(el.children[1]!);
    expect(rangeToOffsets(map, r)).toEqual({ start: 3, end: 6 });
  });

  it('refuses empty or out-of-bounds spans', () => {
    const map = buildTextMap(root('<p>abc</p>'));
    expect(offsetsToRange(map, 1, 1)).toBeNull();
    expect(offsetsToRange(map, 0, 4)).toBeNull();
  });
});
