import { describe, expect, it } from 'vitest';
import { largestCandidate, sanitizeArticleHtml } from '@/utils/sanitize';
import { domFromHtml } from '@/utils/fixtures';

const BASE = 'https://news.example.com/2024/05/story';

describe('images given by their srcset alone', () => {
  it('keep their largest candidate as src (lazy-loaded pages), and no srcset', () => {
    const win = domFromHtml('').defaultView!;
    const html = sanitizeArticleHtml('<p><img alt="A" srcset="/a-320.jpg 320w, /a-1024.jpg 1024w, /a-640.jpg 640w" sizes="100vw"></p>'
      + '<p><img alt="B" srcset="b.jpg 1x, b@2x.jpg 2x"></p><p><img alt="C" src="https://img.example/c.jpg" srcset="https://img.example/c-big.jpg 2x"></p>'
      + '<p><img alt="D" srcset="javascript:alert(1) 2x"></p>', win, BASE);
    const doc = domFromHtml(html);
    const imgs = [...doc.querySelectorAll('img')];
    expect(imgs.map((i) => i.getAttribute('src'))).toEqual([
      'https://news.example.com/a-1024.jpg', 'https://news.example.com/2024/05/b@2x.jpg', 'https://img.example/c.jpg', null,
    ]);
    expect(imgs.some((i) => i.hasAttribute('srcset'))).toBe(false);
  });

  it('largestCandidate reads w and x descriptors and skips what is not a web address', () => {
    expect(largestCandidate('a.jpg 320w, b.jpg 1024w', BASE)).toBe('https://news.example.com/2024/05/b.jpg');
    expect(largestCandidate('a.jpg, b.jpg 2x', BASE)).toBe('https://news.example.com/2024/05/b.jpg');
    expect(largestCandidate('data:image/gif;base64,R0l 1x', BASE)).toBeNull();
    expect(largestCandidate('', BASE)).toBeNull();
  });
});
