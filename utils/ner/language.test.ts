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

  it('goes by the page’s language where the words cannot tell: clipped English briefs and lists', () => {
    const brief = Array.from({ length: 12 }, () => 'Tokyo: markets up. Zelensky visits Kyiv. NATO summit opens Tuesday. Fed holds rates.').join(' ');
    expect(looksEnglish(brief, 'en')).toBe(true);
    expect(looksEnglish(brief, null)).toBe(true);
    expect(looksEnglish(brief, 'fr')).toBe(false);
    // Chinese without a lang attribute, Italian and Dutch news
    expect(looksEnglish('北京时间周一上午，国务院新闻办公室举行发布会，介绍经济运行情况。'.repeat(10), null)).toBe(false);
    expect(looksEnglish('Il governo ha approvato la legge di bilancio, che sarà discussa in parlamento nei prossimi giorni. Secondo il ministro non sono previsti nuovi tagli per la sanità e per la scuola della regione.'.repeat(3), 'en')).toBe(false);
    expect(looksEnglish('Het kabinet heeft de begroting goedgekeurd, die de komende dagen in de Kamer wordt besproken. Volgens de minister zijn er geen nieuwe bezuinigingen op de zorg en het onderwijs.'.repeat(3), null)).toBe(false);
  });

  it('goes by the page’s language only where the text is too short to tell', () => {
    expect(looksEnglish('Shoigu met Dong Jun in Astana.')).toBe(true);
    expect(looksEnglish('Shoigu met Dong Jun in Astana.', 'en-GB')).toBe(true);
    expect(looksEnglish('Choïgou a rencontré Dong Jun à Astana.', 'fr')).toBe(false);
    // a French article on a site whose template says lang="en"
    expect(looksEnglish(articleText('lemonde-1'), 'en')).toBe(false);
  });
});
