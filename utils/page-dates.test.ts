import { describe, expect, it } from 'vitest';
import { pageTimeSources, timesFrom, toIsoDate } from '@/utils/page-dates';

const pageTimes = (doc: Document) => timesFrom(pageTimeSources(doc));
import { domFromHtml, loadPage } from '@/utils/fixtures';

describe('toIsoDate', () => {
  it('turns instants into UTC, keeps plain dates and floating local times as the page wrote them', () => {
    expect(toIsoDate('2024-04-26T12:00:00+02:00')).toBe('2024-04-26T10:00:00Z');
    expect(toIsoDate('Fri, 26 Apr 2024 10:00:00 GMT')).toBe('2024-04-26T10:00:00Z');
    expect(toIsoDate('2024-04-26')).toBe('2024-04-26');
    expect(toIsoDate('2024-04-26 23:30')).toBe('2024-04-26T23:30:00');
    expect(toIsoDate('April 26, 2024')).toBe('2024-04-26');
    expect(toIsoDate('2024-02-30')).toBeNull();
    expect(toIsoDate('soon')).toBeNull();
  });
});

describe('the page\'s own dates (pageTimeSources, timesFrom)', () => {
  it('reads JSON-LD first (including @graph), then meta tags, then <time>', () => {
    const ld = domFromHtml(`<script type="application/ld+json">{"@graph":[{"@type":"WebSite"},{"@type":"NewsArticle","datePublished":"2024-04-26T10:00:00Z","dateModified":"2024-04-27T08:00:00+01:00"}]}</script>
      <meta property="article:published_time" content="2020-01-01T00:00:00Z">`);
    expect(pageTimes(ld)).toEqual({ publishedTime: '2024-04-26T10:00:00Z', modifiedTime: '2024-04-27T07:00:00Z' });
    const meta = domFromHtml('<script type="application/ld+json">{broken</script><meta property="article:published_time" content="2019-04-28T06:01:00-07:00">');
    expect(pageTimes(meta).publishedTime).toBe('2019-04-28T13:01:00Z');
    const time = domFromHtml('<article><time datetime="2018-03-05">March 5</time></article>');
    expect(pageTimes(time).publishedTime).toBe('2018-03-05');
  });
  it('finds the seed page’s publication time', () => {
    expect(pageTimes(loadPage('seed-page')).publishedTime).toBe('2024-04-26T10:00:00Z');
  });
});
