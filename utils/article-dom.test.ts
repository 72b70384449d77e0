// @vitest-environment jsdom
import { Readability } from '@mozilla/readability';
import { describe, expect, it } from 'vitest';
import { parseHtml, readFixture } from '@/utils/test-pages';
import { articleTextMap, findArticleRoot, findArticleRootInSteps, isBoilerplate, spansToRanges, textOfHtml } from './article-dom';

const squeeze = (s: string) => s.replace(/\s+/g, '');
const BOILERPLATE = 'nav, aside, footer, .site-header, .cookie-notice, .ad-slot, .share-tools, .related-news, .most-read, .newsletter-signup';

function spansOf(text: string, needle: string): { start: number; end: number }[] {
  const out = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) out.push({ start: i, end: i + needle.length });
  return out;
}

describe('seed page: Readability on a clone, mapped back to the live DOM', () => {
  const doc = parseHtml(readFixture('seed-page'));
  const before = doc.documentElement.outerHTML;
  const article = new Readability(doc.cloneNode(true) as Document).parse()!;
  const text = article.textContent!.replace(/\s+/g, ' ').trim();
  const root = findArticleRoot(doc, text)!;

  it('leaves the live document untouched and finds the article body as container', () => {
    expect(doc.documentElement.outerHTML).toBe(before);
    expect(root.classList.contains('article-body')).toBe(true);
    expect(root.closest('article')).not.toBeNull();
  });

  it('finds the same container in steps, letting the page run after reading its text and after aligning', async () => {
    const steps: string[] = [];
    const stepped = await findArticleRootInSteps(doc, text, async (step) => { steps.push(step); });
    expect(stepped).toBe(root);
    expect(steps).toEqual(['text', 'align']);
  });

  it('maps every place mention to live text inside the article, none to the sidebar or footer', () => {
    const names = ['Iran', 'China', 'Kazakhstan', 'Israel', 'Syria', 'Damascus', 'Tehran', 'Moscow', 'Beijing'];
    for (const name of names) {
      const spans = spansOf(text, name);
      expect(spans.length, name).toBeGreaterThan(0);
      const ranges = spansToRanges(root, text, spans);
      for (const r of ranges) {
        expect(r, name).not.toBeNull();
        expect(r!.toString()).toBe(name);
        const el = r!.startContainer.parentElement!;
        expect(el.closest('.article-body')).not.toBeNull();
        expect(el.closest(BOILERPLATE)).toBeNull();
      }
    }
  });

  it('produces no range outside the article, even for every word of the text', () => {
    const spans = [...text.matchAll(/\S+/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
    const ranges = spansToRanges(root, text, spans);
    const placed = ranges.filter((r): r is Range => r !== null);
    expect(placed.length).toBeGreaterThan(spans.length * 0.95);
    for (const r of placed) {
      expect(root.contains(r.commonAncestorContainer)).toBe(true);
      expect(r.startContainer.parentElement!.closest(BOILERPLATE)).toBeNull();
    }
    // The sidebar's and footer's words are not article text, and cannot be mapped onto the page from outside it.
    for (const w of ['Caspian Sea', 'Central Asia', 'Related news', 'Most read', 'Advertisement']) {
      expect(text).not.toContain(w);
      expect(articleTextMap(root).text).not.toContain(w);
    }
    const fake = `${text} Caspian Sea`;
    expect(spansToRanges(root, fake, [{ start: text.length + 1, end: fake.length }])).toEqual([null]);
  });

  it('is robust to whitespace differences in the article text', () => {
    const spaced = article.textContent!; // raw, un-normalised
    const i = spaced.indexOf('Damascus');
    const [r] = spansToRanges(root, spaced, [{ start: i, end: i + 8 }]);
    expect(r!.toString()).toBe('Damascus');
    const glued = text.replace(/\. /g, '.');
    const j = glued.indexOf('Sergei Shoigu');
    expect(spansToRanges(root, glued, [{ start: j, end: j + 13 }])[0]!.toString()).toBe('Sergei Shoigu');
  });
});

describe('boilerplate and hidden nodes', () => {
  it('skips hidden, aria-hidden, ads and share bars, and never spans across them', () => {
    const doc = parseHtml(`<body><article><div class="body">
      <p>Talks were held in Damascus.</p>
      <p hidden>Damascus hidden copy.</p>
      <p style="display:none">Damascus invisible copy.</p>
      <div aria-hidden="true">Damascus ad copy</div>
      <div class="share-bar">Share Damascus</div>
      <p>Ministers <span class="ad-slot">Advert</span>met again in Tehran.</p>
    </div></article><aside>Damascus</aside></body>`);
    const text = 'Talks were held in Damascus. Ministers met again in Tehran.';
    const root = findArticleRoot(doc, text)!;
    expect(root.className).toBe('body');
    expect(articleTextMap(root).text.trim()).toBe(text);
    const [d, crossing, t] = spansToRanges(root, text, [
      { start: text.indexOf('Damascus'), end: text.indexOf('Damascus') + 8 },
      { start: text.indexOf('Ministers'), end: text.indexOf('met') + 3 },
      { start: text.indexOf('Tehran'), end: text.indexOf('Tehran') + 6 },
    ]);
    expect(d!.startContainer.parentElement!.tagName).toBe('P');
    expect(d!.startContainer.parentElement!.hidden).toBe(false);
    expect(crossing).toBeNull(); // would paint the ad between "Ministers" and "met"
    expect(t!.toString()).toBe('Tehran');
  });

  it('does not trust class names over structure', () => {
    const doc = parseHtml('<main class="js-social-anchor"><p>a</p></main><div class="related-links">x</div>');
    expect(isBoilerplate(doc.querySelector('main')!)).toBe(false);
    expect(isBoilerplate(doc.querySelector('.related-links')!)).toBe(true);
    expect(isBoilerplate(parseHtml('<div class="header-ad">x</div>').querySelector('div')!)).toBe(true);
    expect(isBoilerplate(parseHtml('<div class="leader shadow">x</div>').querySelector('div')!)).toBe(false);
  });
});

describe.each(['bbc-1', 'cnn', 'nytimes-1', 'wapo-1'])('real page %s (Readability expected output as article text)', (name) => {
  it('maps article words onto live text inside the article container only', () => {
    const doc = parseHtml(readFixture(name));
    const text = textOfHtml(doc, readFixture(name, 'expected.html'));
    const root = findArticleRoot(doc, text)!;
    expect(root).not.toBeNull();
    expect(root).not.toBe(doc.body);
    const spans = [...text.matchAll(/\S+/g)].filter((_, i) => i % 3 === 0).map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
    const ranges = spansToRanges(root, text, spans);
    let placed = 0;
    ranges.forEach((r, i) => {
      if (!r) return;
      placed++;
      expect(squeeze(r.toString())).toBe(squeeze(text.slice(spans[i]!.start, spans[i]!.end)));
      for (let el: Element | null = r.startContainer.parentElement; el && el !== root; el = el.parentElement) {
        expect(isBoilerplate(el), `${name}: ${el.outerHTML.slice(0, 80)}`).toBe(false);
      }
    });
    expect(placed / spans.length).toBeGreaterThan(0.95);
  });
});
