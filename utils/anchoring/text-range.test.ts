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
