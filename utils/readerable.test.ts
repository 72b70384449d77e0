import { describe, expect, it } from 'vitest';
import isProbablyReaderableImpl from '@mozilla/readability/Readability-readerable.js';
import { isNodeVisible, isProbablyReaderable } from '@/utils/readerable';
import { domFromHtml, loadPage, pageNames } from '@/utils/fixtures';

const readabilitys = isProbablyReaderableImpl as (doc: Document) => boolean;

describe('the loader\'s readerable check', () => {
  it('answers as Readability\'s own on every real page in the fixtures', () => {
    const names = pageNames();
    expect(names.length).toBeGreaterThan(100);
    const differ = names.filter((n) => {
      const doc = loadPage(n);
      return isProbablyReaderable(doc) !== readabilitys(doc);
    });
    expect(differ).toEqual([]);
  }, 120_000); // parses 130 real pages twice: slow when the machine is shared

  it('sees hidden nodes as Readability does: display none, hidden, aria-hidden (but for fallback images)', () => {
    const doc = domFromHtml(`<p id=a>x</p><p id=b style="color: red; display:none">x</p><p id=c hidden>x</p>
      <p id=d aria-hidden="true">x</p><p id=e aria-hidden="true" class="mwe-math-fallback-image-inline">x</p>
      <p id=f style="display: block">x</p><p id=g aria-hidden="false">x</p>`);
    const seen = Object.fromEntries([...doc.querySelectorAll('p')].map((p) => [p.id, isNodeVisible(p)]));
    expect(seen).toEqual({ a: true, b: false, c: false, d: false, e: true, f: true, g: true });
    const p = doc.getElementById('a') as HTMLElement;
    p.style.display = 'none'; // set from script: reflected in the attribute
    expect(isNodeVisible(p)).toBe(false);
  });
});
