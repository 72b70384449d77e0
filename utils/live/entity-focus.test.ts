// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { PlacedEntity } from '@/utils/live/entity-layer';
import { inReadingOrder, stepEntity } from '@/utils/live/entity-focus';

function placedIn(doc: Document, text: string, items: [string, PlacedEntity['kind']][]): PlacedEntity[] {
  const p = doc.createElement('p');
  p.textContent = text;
  doc.body.append(p);
  const node = p.firstChild as Text;
  return items.map(([surface, kind]) => {
    const r = doc.createRange();
    const i = text.indexOf(surface);
    r.setStart(node, i);
    r.setEnd(node, i + surface.length);
    return { kind, label: surface, text: surface, savedCount: 0, range: r };
  });
}

describe('moving through painted entities by keyboard', () => {
  const text = 'On April 13 Sergei Shoigu met officials of the Shanghai Cooperation Organization in Damascus and Dong Jun.';
  const list = () => {
    document.body.innerHTML = '';
    // given out of order, as the layers produce them (entities first, then dates)
    return placedIn(document, text, [['Sergei Shoigu', 'person'], ['Dong Jun', 'person'], ['Shanghai Cooperation Organization', 'organization'], ['Damascus', 'place'], ['April 13', 'date']]);
  };

  it('goes through them in reading order and wraps around', () => {
    const l = list();
    expect(inReadingOrder(l).map((p) => p.text)).toEqual(['April 13', 'Sergei Shoigu', 'Shanghai Cooperation Organization', 'Damascus', 'Dong Jun']);
    let cur = stepEntity(l, null, 1);
    expect(cur?.text).toBe('April 13');
    cur = stepEntity(l, cur, 1);
    expect(cur?.text).toBe('Sergei Shoigu');
    expect(stepEntity(l, cur, -1)?.text).toBe('April 13');
    expect(stepEntity(l, stepEntity(l, null, -1), 1)?.text).toBe('April 13');
  });

  it('steps within one kind, starting from wherever the focus is', () => {
    const l = list();
    const damascus = l.find((p) => p.text === 'Damascus')!;
    expect(stepEntity(l, damascus, 1, 'person')?.text).toBe('Dong Jun');
    expect(stepEntity(l, damascus, -1, 'person')?.text).toBe('Sergei Shoigu');
    expect(stepEntity(l, null, 1, 'place')?.text).toBe('Damascus');
    expect(stepEntity(l, null, 1, 'place')).toBe(stepEntity(l, damascus, 1, 'place'));
  });

  it('finds nothing when nothing of that kind is painted', () => {
    expect(stepEntity(list().filter((p) => p.kind !== 'date'), null, 1, 'date')).toBeNull();
    expect(stepEntity([], null, 1)).toBeNull();
  });
});
