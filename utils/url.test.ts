import { describe, expect, it } from 'vitest';
import { canonicalUrlOf, cleanUrl, pageAccess } from '@/utils/url';
import { domFromHtml } from '@/utils/fixtures';

describe('cleanUrl', () => {
  it('removes tracking parameters and the fragment, keeps the rest', () => {
    expect(cleanUrl('https://News.example/a?id=7&utm_source=tw&utm_medium=x&fbclid=1&gclid=2#top')).toBe('https://news.example/a?id=7');
    expect(cleanUrl('https://news.example/a?utm_campaign=z')).toBe('https://news.example/a');
  });
  it('rejects what is not a web address', () => {
    expect(cleanUrl('javascript:alert(1)')).toBeNull();
    expect(cleanUrl('not a url')).toBeNull();
  });
});

describe('canonicalUrlOf', () => {
  it('prefers rel=canonical, then og:url, then the page URL', () => {
    const both = domFromHtml('<link rel="canonical" href="/story/1?utm_source=a"><meta property="og:url" content="https://x.example/og">', 'https://x.example/amp/1');
    expect(canonicalUrlOf(both, 'https://x.example/amp/1')).toBe('https://x.example/story/1');
    const og = domFromHtml('<meta property="og:url" content="https://x.example/og?fbclid=9">', 'https://x.example/p');
    expect(canonicalUrlOf(og, 'https://x.example/p')).toBe('https://x.example/og');
    expect(canonicalUrlOf(domFromHtml('<p>x</p>'), 'https://x.example/p?utm_source=1#c')).toBe('https://x.example/p');
  });
});

describe('pageAccess', () => {
  it('explains why browser pages, stores and PDFs cannot be saved', () => {
    expect(pageAccess('chrome://settings/')).toMatchObject({ ok: false, reason: 'restricted' });
    expect(pageAccess('https://chromewebstore.google.com/detail/x')).toMatchObject({ ok: false, reason: 'restricted' });
    expect(pageAccess('https://example.com/report.PDF')).toMatchObject({ ok: false, reason: 'pdf' });
    expect(pageAccess(undefined).ok).toBe(false);
    expect(pageAccess('https://news.example/a').ok).toBe(true);
    expect(pageAccess('https://chrome.google.com/search').ok).toBe(true);
  });
});

describe('where highlights are kept', () => {
  it('uses the canonical URL on the page’s own site, and never another site’s', async () => {
    const { annotationUrlOf, siteOf } = await import('@/utils/url');
    expect(siteOf('https://www.bbc.co.uk/news/1')).toBe('bbc.co.uk');
    expect(siteOf('https://amp.theguardian.com/x')).toBe('theguardian.com');
    const same = domFromHtml('<link rel="canonical" href="https://www.news.example/story">', 'https://amp.news.example/story?utm_source=x');
    expect(annotationUrlOf(same, 'https://amp.news.example/story?utm_source=x')).toBe('https://www.news.example/story');
    const other = domFromHtml('<link rel="canonical" href="https://bank.example/account">', 'https://evil.example/page');
    expect(annotationUrlOf(other, 'https://evil.example/page#x')).toBe('https://evil.example/page');
  });
});
