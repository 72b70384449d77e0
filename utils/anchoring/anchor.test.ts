// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { Annotation, Selector } from '@/utils/db';
import { parseHtml, readFixture } from '@/utils/test-pages';
import { anchor, anchorAll } from './anchor';
import { describeRange } from './describe';

function page(): Document {
  return parseHtml(readFixture('seed-page'));
}

/** Select the nth occurrence of `needle` inside one text node under root. */
function select(root: Element, needle: string, nth = 0): Range {
  const walker = root.ownerDocument.createTreeWalker(root, 4);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    let i = (n as Text).data.indexOf(needle);
    while (i >= 0) {
      if (nth-- === 0) {
        const r = root.ownerDocument.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + needle.length);
        return r;
      }
      i = (n as Text).data.indexOf(needle, i + 1);
    }
  }
  throw new Error(`not found: ${needle}`);
}

/** The paragraph the range is in, and the range's offset within that paragraph's text. */
function where(range: Range): { para: string; at: number; text: string } {
  const p = (range.startContainer.parentElement as Element).closest('p, li, h1, h2')!;
  const pre = range.cloneRange();
  pre.setStart(p, 0);
  pre.setEnd(range.startContainer, range.startOffset);
  return { para: p.textContent!.slice(0, 30), at: pre.toString().length, text: range.toString() };
}

const articleP = (doc: Document, i: number) => doc.querySelectorAll('.article-body p')[i]!;

describe('anchor', () => {
  it('places a highlight on an unchanged page with the range hint', () => {
    const doc = page();
    const r = select(doc.body, 'Shoigu', 1); // "Shoigu reportedly conveyed", the second mention
    const sels = describeRange(doc.body, r);
    const a = anchor(page().body, sels)!;
    expect(a.method).toBe('range');
    expect(where(a.range)).toEqual(where(r));
  });

  it('falls back to the quote when a paragraph is inserted before it', () => {
    const doc = page();
    const r = select(doc.body, 'Shoigu', 1);
    const before = where(r);
    const sels = describeRange(doc.body, r);
    const edited = page();
    const extra = edited.createElement('p');
    extra.textContent = 'Shoigu said nothing else. A brand new paragraph about Shoigu.';
    articleP(edited, 0).after(extra);
    const a = anchor(edited.body, sels)!;
    expect(a.method).toBe('quote');
    expect(where(a.range)).toEqual(before);
  });

  it('places a quote whose words were edited with the fuzzy matcher', () => {
    const doc = page();
    const r = select(doc.body, 'both sides discussed ways to enhance military cooperation');
    const sels = describeRange(doc.body, r);
    const edited = page();
    const p = articleP(edited, 4);
    p.textContent = p.textContent!.replace('ways to enhance', 'ways of enhancing');
    const a = anchor(edited.body, sels)!;
    expect(a.method).toBe('fuzzy');
    expect(a.range.toString()).toBe('both sides discussed ways of enhancing military cooperation');
  });

  it('survives re-indented HTML and words split into markup', () => {
    const doc = page();
    const r = select(doc.body, 'Mohammad Reza Ashtiani');
    const sels = describeRange(doc.body, r);
    const edited = page();
    const p = articleP(edited, 1);
    p.innerHTML = p.innerHTML.replace('Mohammad Reza Ashtiani', '\n   <a href="#">Mohammad</a>\n\n   Reza   <b>Ash</b>tiani');
    const a = anchor(edited.body, sels)!;
    expect(a.range.toString().replace(/\s+/g, ' ').trim()).toBe('Mohammad Reza Ashtiani');
  });

  it('leaves a short highlight orphaned when its sentence is gone, though the word is elsewhere', () => {
    const doc = page();
    const r = select(doc.body, 'Shoigu', 1);
    const sels = describeRange(doc.body, r);
    const edited = page();
    articleP(edited, 2).remove();
    expect(edited.body.textContent).toContain('Shoigu');
    expect(anchor(edited.body, sels)).toBeNull();
  });

  it('leaves a one-word highlight orphaned when only its sentence is gone, not on the same word in the next sentence', () => {
    const doc = page();
    const sels = describeRange(doc.body, select(doc.body, 'Shoigu emphasized').cloneRange());
    const word = describeRange(doc.body, select(doc.body, 'Shoigu', 2));
    expect(word.find((x) => x.type === 'TextQuoteSelector')).toMatchObject({ exact: 'Shoigu' });
    const edited = page();
    const p = articleP(edited, 2);
    p.textContent = p.textContent!.replace(/ Shoigu emphasized[^.]*\./, '');
    expect(anchor(edited.body, word)).toBeNull();
    expect(anchor(edited.body, sels)).toBeNull();
  });

  it('leaves a short highlight orphaned when its paragraph is gone, though a similar phrase names it elsewhere', () => {
    const doc = page();
    const para = [...doc.querySelectorAll('.article-body p')].findIndex((e) => e.textContent!.startsWith('Ashtiani hailed'));
    const word = describeRange(doc.body, select(articleP(doc, para), 'Iran'));
    const edited = page();
    articleP(edited, para).remove();
    expect(edited.body.textContent).toContain('attack on Iran’s diplomatic premises');
    expect(anchor(edited.body, word)).toBeNull();
  });

  it('never places without a quote to check against', () => {
    const doc = page();
    const sels = describeRange(doc.body, select(doc.body, 'Damascus')).filter((s) => s.type !== 'TextQuoteSelector');
    expect(anchor(doc.body, sels)).toBeNull();
  });

  it('picks the right one of repeated phrases after the paragraph order changed', () => {
    const doc = page();
    // "the region" occurs in three paragraphs; highlight the one in "...security issues in the region and across".
    const target = select(doc.body, 'the region and across');
    const r = doc.createRange();
    r.setStart(target.startContainer, target.startOffset);
    r.setEnd(target.startContainer, target.startOffset + 'the region'.length);
    const before = where(r);
    const sels = describeRange(doc.body, r);
    const edited = page();
    const body = edited.querySelector('.article-body')!;
    const ps = [...body.querySelectorAll('p')];
    ps.reverse().forEach((p) => body.append(p));
    const a = anchor(edited.body, sels)!;
    expect(where(a.range)).toEqual(before);
  });
});

describe('anchorAll', () => {
  it('returns placed and orphaned annotations, keeping orphans', () => {
    const doc = page();
    const mk = (sels: Selector[], id: string): Annotation => ({
      id, pageUrl: 'u', clippingId: null, color: 'yellow', note: id, selectors: sels, createdAt: 0, updatedAt: 0,
    });
    const good = mk(describeRange(doc.body, select(doc.body, 'Operation True Promise')), 'good');
    const gone = mk(
      [{ type: 'TextQuoteSelector', exact: 'a sentence that was never on this page', prefix: 'x', suffix: 'y' }],
      'gone',
    );
    const res = anchorAll(page().body, [gone, good]);
    expect(res.placed.map((p) => [p.annotation.id, p.range.toString()])).toEqual([['good', 'Operation True Promise']]);
    expect(res.orphans.map((o) => o.id)).toEqual(['gone']);
  });
});
