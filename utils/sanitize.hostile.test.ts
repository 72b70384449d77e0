import { describe, expect, it } from 'vitest';
import { extractArticle } from '@/utils/extract';
import { sanitizeArticleHtml } from '@/utils/sanitize';
import { domFromHtml } from '@/utils/fixtures';
import { hostileHtml, hostileNames, liveConstructs, markupIn, payloadCount } from '@/fixtures/hostile/inert';

/**
 * The hostile fixture pages (fixtures/hostile): what Clipmark stores from them (html, title, byline and the other
 * metadata) carries no live payload. The same pages go through the real extension in e2e/hostile.e2e.ts.
 */

const names = hostileNames();
const URL = 'https://news.example.com/2024/05/river-plan';

describe('hostile fixture pages', () => {
  it('there are at least 20 of them, carrying many payloads', () => {
    expect(names.length).toBeGreaterThanOrEqual(20);
    const payloads = names.reduce((n, name) => n + payloadCount(name), 0);
    expect(payloads).toBeGreaterThanOrEqual(100);
  });

  it('the judge is not blind: it finds the payloads in the raw pages', () => {
    for (const name of names) {
      const doc = domFromHtml(hostileHtml(name), URL);
      const raw = liveConstructs(doc.documentElement.outerHTML, doc);
      expect(raw.length, name).toBeGreaterThan(0);
    }
  });
});

describe.each(names)('hostile page %s', (name) => {
  it('extraction stores inert html and plain-text metadata', () => {
    const doc = domFromHtml(hostileHtml(name), URL);
    const result = extractArticle(doc, { url: URL, force: true });
    if (!result.ok) {
      // A page may defeat extraction (it is then kept as a bookmark): its title must still be plain text.
      expect(result.message).toMatch(/bookmark|no text/);
      expect(markupIn(result.title), `title: ${result.title}`).toBeNull();
      expect(result.canonicalUrl).toMatch(/^https?:/);
      return;
    }
    const a = result.article;
    expect(liveConstructs(a.html, domFromHtml('')), a.html).toEqual([]);
    for (const [field, value] of Object.entries({ title: a.title, byline: a.byline, siteName: a.siteName, excerpt: a.excerpt, lang: a.lang })) {
      expect(markupIn(value), `${field}: ${value}`).toBeNull();
    }
    expect(a.url).toMatch(/^https?:/);
    expect(a.canonicalUrl).toMatch(/^https?:/);
    expect(a.publishedTime ?? '2000-01-01').toMatch(/^\d{4}-\d\d-\d\d/);
    expect(a.text).toContain('river embankment');
  });

  it('sanitizeArticleHtml on the whole page (not only what Readability keeps) leaves nothing live', () => {
    const doc = domFromHtml(hostileHtml(name), URL);
    const html = sanitizeArticleHtml(doc.documentElement.outerHTML, doc.defaultView!, URL);
    expect(liveConstructs(html, domFromHtml('')), html).toEqual([]);
  });
});
