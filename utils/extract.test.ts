import { describe, expect, it } from 'vitest';
import { extractArticle, extractArticleInSteps } from '@/utils/extract';
import { blockText } from '@/utils/text';
import { domFromHtml, expectedMetadata, loadPage, readPage } from '@/utils/fixtures';

const NEWS_PAGES = [
  'seed-page', 'bbc-1', 'cnn', 'nytimes-1', 'wapo-1', 'guardian-1', 'ars-1', 'medicalnewstoday', 'telegraph',
  'theverge', 'yahoo-1', 'herald-sun-1', 'lemonde-1', 'salon-1', 'buzzfeed-1',
];

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('extractArticle on real news pages', () => {
  for (const name of NEWS_PAGES) {
    it(`${name}: title, byline and text agree with Readability's expected output`, () => {
      const expected = expectedMetadata(name);
      const result = extractArticle(loadPage(name), { url: `http://fakehost/test/${name}/`, force: true });
      if (!result.ok) throw new Error(`${name}: ${result.message}`);
      expect(result.article.title).toBe(squash(String(expected.title)));
      expect(result.article.byline).toBe(expected.byline ? squash(String(expected.byline)) : null);
      const expectedText = blockText(domFromHtml(readPage(name, 'expected.html')).body);
      expect(squash(result.article.text)).toBe(squash(expectedText));
      expect(result.article.wordCount).toBeGreaterThan(100);
    });
  }

  it('the seed page: site, language, published date, canonical URL and reading time', () => {
    const result = extractArticle(loadPage('seed-page'), { url: 'http://localhost:4000/seed-page/?utm_source=x' });
    if (!result.ok) throw new Error(result.message);
    const a = result.article;
    expect(a.title).toBe('Iran DM discusses cooperation with China, Russia');
    expect(a.byline).toBe('By News Desk');
    expect(a.siteName).toBe('The Eastern Ledger');
    expect(a.lang).toBe('en');
    expect(a.publishedTime).toBe('2024-04-26T10:00:00Z');
    expect(a.text).toContain('Sergei Shoigu');
    expect(a.text).not.toContain('We use cookies');
    expect(a.canonicalUrl).not.toContain('utm_source');
    expect(a.readingMinutes).toBeGreaterThanOrEqual(1);
  });

  it('never touches the live document', () => {
    const doc = loadPage('bbc-1');
    const before = doc.documentElement.outerHTML;
    extractArticle(doc, { url: 'http://fakehost/test/bbc-1/' });
    expect(doc.documentElement.outerHTML).toBe(before);
  });
});

describe('pages that are not articles', () => {
  it('a short page gives a clear "not an article" result, not a throw', () => {
    const doc = domFromHtml('<html><head><title>Log in</title></head><body><form><input name=u></form><p>Sign in to continue.</p></body></html>');
    const r = extractArticle(doc, { url: 'https://example.com/login' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe('not-article');
      expect(r.title).toBe('Log in');
      expect(r.message).toMatch(/not look like an article/);
    }
  });

  it('an empty page says it has no text', () => {
    const r = extractArticle(domFromHtml('<html><body></body></html>'), { url: 'https://example.com/' });
    expect(r).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('a huge page is refused quickly with a clear message', () => {
    const html = '<html><body><article>' + '<p>word </p>'.repeat(3000) + '</article></body></html>';
    const r = extractArticle(domFromHtml(html), { url: 'https://example.com/big', maxElements: 1000 });
    expect(r).toMatchObject({ ok: false, reason: 'too-large' });
  });
});

describe('sanitised article HTML', () => {
  it('keeps text and links, drops scripts, handlers and javascript: URLs', () => {
    const body = '<p>' + 'Long enough paragraph of article text for Readability to keep it. '.repeat(12) + '</p>';
    const html = `<html><head><title>T</title></head><body><article><h1>T</h1>${body}
      <p>Read <a href="javascript:alert(1)">this</a> and <a href="/more">more</a>
      <img src=x onerror="alert(1)"><svg><script>alert(1)</script></svg></p>${body}</article></body></html>`;
    const r = extractArticle(domFromHtml(html, 'https://news.example/a/1'), { url: 'https://news.example/a/1', force: true });
    if (!r.ok) throw new Error(r.message);
    expect(r.article.html).not.toMatch(/script|onerror|javascript:/i);
    expect(r.article.html).toContain('href="https://news.example/more"');
  });
});

describe('extractArticleInSteps (painting lets the page run between the heavy steps)', () => {
  it('gives what extractArticle gives, pausing once between Readability and the text', async () => {
    const url = 'http://localhost:4000/seed-page/';
    let pauses = 0;
    const stepped = await extractArticleInSteps(loadPage('seed-page'), { url }, async () => { pauses++; });
    expect(stepped).toEqual(extractArticle(loadPage('seed-page'), { url }));
    expect(pauses).toBe(1);
  });

  it('a page that is not an article is answered without a pause', async () => {
    let pauses = 0;
    const doc = domFromHtml('<html><body><p>Short.</p></body></html>');
    const r = await extractArticleInSteps(doc, { url: 'http://localhost/' }, async () => { pauses++; });
    expect(r.ok).toBe(false);
    expect(pauses).toBe(0);
  });
});
