import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { looksEnglish } from '@/utils/ner/language';
import { readFixture } from '@/utils/test-pages';
import { extractArticle } from '@/utils/extract';

function articleText(name: string): string {
  const dom = new JSDOM(readFixture(name), { url: `https://example.com/${name}/` });
  const r = extractArticle(dom.window.document, { url: `https://example.com/${name}/`, force: true });
  if (!r.ok) throw new Error(`${name}: not an article`);
  return r.article.text;
}

describe('looksEnglish', () => {
  it('knows English news from news in other languages, by the words of the article', () => {
    for (const name of ['seed-page', 'bbc-1', 'nytimes-1', 'wapo-1', 'guardian-1']) expect(looksEnglish(articleText(name)), name).toBe(true);
    for (const name of ['lemonde-1', 'liberation-1', 'la-nacion', 'heise', 'folha', 'aktualne', 'nytimes-5', 'yahoo-4']) expect(looksEnglish(articleText(name)), name).toBe(false);
  });

  it('goes by the page’s language only where the text is too short to tell', () => {
    expect(looksEnglish('Shoigu met Dong Jun in Astana.')).toBe(true);
    expect(looksEnglish('Shoigu met Dong Jun in Astana.', 'en-GB')).toBe(true);
    expect(looksEnglish('Choïgou a rencontré Dong Jun à Astana.', 'fr')).toBe(false);
    // a French article on a site whose template says lang="en"
    expect(looksEnglish(articleText('lemonde-1'), 'en')).toBe(false);
  });
});
