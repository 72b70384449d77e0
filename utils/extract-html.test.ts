import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { extractArticle } from '@/utils/extract';
import { extractFromHtml, fromBackground, isExtractResult, isOffscreenRequest } from '@/utils/extract-html';
import { loadPage } from '@/utils/fixtures';
import { htmlToRead } from '@/utils/page-html';

/** The extension document that reads pages off their main thread: another window, at another address. */
const extensionWindow = () => new JSDOM('<!doctype html><title>offscreen</title>', { url: 'http://extension.invalid/offscreen.html' }).window as unknown as Window;

const PAGES = ['seed-page', 'bbc-1', 'cnn', 'nytimes-1', 'wapo-1', 'guardian-1', 'lemonde-1', 'base-url', 'base-url-base-element', 'base-url-base-element-relative'];

describe('extractFromHtml: Readability on the page’s HTML, in another document', () => {
  const win = extensionWindow();
  for (const name of PAGES) {
    it(`${name}: the same article as read on the live page, links resolved against the page`, () => {
      const url = `http://fakehost/test/${name}/`;
      const live = loadPage(name, url);
      const expected = extractArticle(live, { url, force: true });
      const got = extractFromHtml({ html: htmlToRead(live.documentElement.outerHTML), url, baseUrl: live.baseURI }, win);
      expect(got).toEqual(expected);
      if (got.ok) expect(got.article.html).not.toContain('extension.invalid');
    });
  }

  it('sends no scripts, stylesheets or comments, but keeps JSON-LD and what looks like them in text', () => {
    const html = '<html><head><script>var a = "<p>";</script><script type="application/ld+json">{"datePublished":"2024-04-26"}</script>'
      + '<style>p { color: red }</style><!-- a comment --></head><body><p>if (a &lt;script&gt; b) &lt;!-- c</p><script src="x.js"></script></body></html>';
    expect(htmlToRead(html)).toBe('<html><head><script type="application/ld+json">{"datePublished":"2024-04-26"}</script></head>'
      + '<body><p>if (a &lt;script&gt; b) &lt;!-- c</p></body></html>');
    for (const name of ['nytimes-1', 'cnn']) {
      const live = loadPage(name, `http://fakehost/test/${name}/`).documentElement.outerHTML;
      expect(htmlToRead(live).length).toBeLessThan(live.length * 0.9);
    }
  });

  it('a relative link in the article points at the page’s site, not the extension', () => {
    const para = '<p>' + 'A long paragraph of article text that Readability keeps as the body of the story. '.repeat(10) + '</p>';
    const html = `<html><head><title>Story</title></head><body><article><h1>Story</h1>${para}<p>See <a href="/more">more</a> and <a href="#notes">notes</a>.</p>${para}</article></body></html>`;
    const r = extractFromHtml({ html, url: 'https://news.example/a/1', baseUrl: 'https://news.example/a/1' }, win);
    if (!r.ok) throw new Error(r.message);
    expect(r.article.html).toContain('href="https://news.example/more"');
    expect(r.article.html).toContain('href="https://news.example/a/1#notes"');
  });

  it('keeps the dates the page states (JSON-LD, a <time> outside the article), which Readability removes as it reads', () => {
    const para = '<p>' + 'A long paragraph of article text that Readability keeps as the body of the story. '.repeat(10) + '</p>';
    const ld = '{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"News"},{"@type":"NewsArticle","headline":"Story","dateModified":"2024-04-27T11:00:00Z"}]}';
    const withLd = `<html><head><title>Story</title><script type="application/ld+json">${ld}</script></head><body><article><h1>Story</h1>${para}${para}</article></body></html>`;
    const withTime = `<html><head><title>Story</title></head><body><div class="header"><span class="dateline">Posted <time datetime="2024-04-26">April 26</time></span></div><article><h1>Story</h1>${para}${para}</article></body></html>`;
    const page = (html: string) => ({ html, url: 'https://news.example/a/1', baseUrl: 'https://news.example/a/1' });
    for (const [html, field, value] of [[withLd, 'modifiedTime', '2024-04-27T11:00:00Z'], [withTime, 'publishedTime', '2024-04-26']] as const) {
      const r = extractFromHtml(page(html), win);
      if (!r.ok) throw new Error(r.message);
      expect(r.article[field]).toBe(value);
      const live = new JSDOM(html, { url: 'https://news.example/a/1' }).window.document;
      expect(r).toEqual(extractArticle(live, { url: 'https://news.example/a/1', force: true }));
    }
  });

  it('a page whose HTML holds no article is answered "not an article", and scripts in it never run', () => {
    const html = '<html><head><script>window.ran = true</script></head><body><p>Short.</p><img src=x onerror="window.ran = true"></body></html>';
    const r = extractFromHtml({ html, url: 'https://shop.example/', baseUrl: 'https://shop.example/' }, win);
    expect(r.ok).toBe(false);
    expect((win as unknown as { ran?: boolean }).ran).toBeUndefined();
  });

  it('broken HTML is read as a browser would read it, without an exception', () => {
    const r = extractFromHtml({ html: '<html><body><div><p>unclosed <b>bold <table><td>cell', url: 'https://x.example/', baseUrl: 'https://x.example/' }, win);
    expect(r.ok).toBe(false);
  });
});

describe('the offscreen document answers the background alone', () => {
  const ID = 'abcdefghijklmnopabcdefghijklmnop';
  const ORIGIN = `chrome-extension://${ID}/`;
  it('accepts the service worker; refuses a content script (it has a tab), another extension, or no sender', () => {
    expect(fromBackground({ id: ID, url: `${ORIGIN}background.js` }, ID, ORIGIN)).toBe(true);
    expect(fromBackground({ id: ID, url: 'https://news.example/a', tab: { id: 3 } }, ID, ORIGIN)).toBe(false);
    expect(fromBackground({ id: ID, url: `${ORIGIN}popup.html`, tab: { id: 3 } }, ID, ORIGIN)).toBe(false);
    expect(fromBackground({ id: 'other', url: 'chrome-extension://other/background.js' }, ID, ORIGIN)).toBe(false);
    expect(fromBackground(undefined, ID, ORIGIN)).toBe(false);
  });

  it('knows its request and an article result by shape', () => {
    expect(isOffscreenRequest({ type: 'clipmark:offscreen-extract', page: { html: '<p>', url: 'https://a/', baseUrl: 'https://a/' } })).toBe(true);
    expect(isOffscreenRequest({ type: 'clipmark:offscreen-extract', page: { html: 5 } })).toBe(false);
    expect(isOffscreenRequest({ id: 1, type: 'analyze', data: {} })).toBe(false);
    expect(isExtractResult({ ok: false, reason: 'not-article' })).toBe(true);
    expect(isExtractResult({ ok: true, article: { text: 'x' } })).toBe(false);
    expect(isExtractResult('yes')).toBe(false);
  });
});
