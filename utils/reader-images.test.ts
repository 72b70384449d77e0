// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { deferImages, showImages } from '@/utils/reader-images';

const html = '<figure><img src="https://img.example/a.png" srcset="https://img.example/a-2x.png 2x" alt="A"></figure>'
  + '<picture><source srcset="https://img.example/b.webp" type="image/webp"><img src="https://img.example/b.jpg" alt="B"></picture>'
  + '<img src="https://img.example/c.png" alt="C">';

describe('the reader’s images', () => {
  it('load nothing until the kept copies are looked up, and carry no address meanwhile', () => {
    const out = deferImages(html, document);
    const root = document.createElement('div');
    root.innerHTML = out.html;
    expect(root.querySelectorAll('[src], [srcset]')).toHaveLength(0);
    // no attribute holds an image's address (Readability would make it the src, on the session's copy of the page)
    expect(out.html).not.toMatch(/img\.example/);
    expect(out.sources[0]).toEqual(['https://img.example/a.png', 'https://img.example/a-2x.png 2x']);
    expect(deferImages('<p>text</p>', document)).toEqual({ html: '<p>text</p>', sources: [] });
  });

  it('show each kept copy, and the image’s own address where none was kept', () => {
    const root = document.createElement('div');
    const d = deferImages(html, document);
    root.innerHTML = d.html;
    const kept = new Map([['https://img.example/a.png', new Blob(['a'])], ['https://img.example/b.jpg', new Blob(['b'])]]);
    let n = 0;
    const made = showImages(root, d.sources, kept, () => `blob:kept-${++n}`);
    expect(made).toEqual(['blob:kept-1', 'blob:kept-2']);
    const imgs = [...root.querySelectorAll('img')];
    expect(imgs.map((i) => i.getAttribute('src'))).toEqual(['blob:kept-1', 'blob:kept-2', 'https://img.example/c.png']);
    // the kept copy is shown, not the other sizes or formats it was not kept in
    expect(imgs[0]!.hasAttribute('srcset')).toBe(false);
    expect(root.querySelector('source')).toBeNull();
    expect(root.querySelectorAll('[data-clipmark-img]')).toHaveLength(0);
  });
});
