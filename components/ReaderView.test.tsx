// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { openDb, type ClipmarkDB } from '@/utils/db';
import { saveClipping } from '@/utils/clippings';
import { ReaderView } from '@/components/ReaderView';

let db: ClipmarkDB;
let root: HTMLElement;
beforeEach(async () => {
  db = openDb(`reader-${crypto.randomUUID()}`);
  await db.open();
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(async () => {
  render(null, root);
  root.remove();
  await db.delete();
});

async function until(check: () => boolean) {
  for (let i = 0; i < 100 && !check(); i++) await act(() => new Promise((r) => setTimeout(r, 10)));
}

describe('ReaderView', () => {
  it('shows the saved article with its entities and notes, and nothing live from the stored HTML', async () => {
    const { clipping } = await saveClipping(db, {
      kind: 'article',
      article: {
        url: 'https://news.example/a', canonicalUrl: 'https://news.example/a', title: 'Iran DM discusses cooperation', byline: 'By News Desk',
        siteName: 'The Eastern Ledger', lang: 'en', dir: null, excerpt: null, wordCount: 8, readingMinutes: 1,
        publishedTime: '2024-04-26T10:00:00Z', modifiedTime: null, text: 'Sergei Shoigu met Dong Jun in Astana.',
        html: '<p>Sergei Shoigu met Dong Jun in Astana.</p><img src="x" onerror="window.__pwned=1"><a href="javascript:window.__pwned=1">x</a>',
      },
      entities: [{ kind: 'person', canonical: 'Sergei Shoigu', surfaces: ['Shoigu'], mentions: 2 }],
      dates: [],
    });
    await db.annotations.add({
      id: 'a1', pageUrl: clipping.canonicalUrl, clippingId: clipping.id, color: 'yellow', note: 'Defence ties',
      selectors: [{ type: 'TextQuoteSelector', exact: 'Dong Jun', prefix: 'met ', suffix: ' in' }], createdAt: 1, updatedAt: 1,
    });
    act(() => render(<ReaderView db={db} clippingId={clipping.id} />, root));
    await until(() => !!root.querySelector('h1') && !!root.querySelector('.notes'));
    expect(root.querySelector('h1')!.textContent).toBe('Iran DM discusses cooperation');
    expect(root.querySelector('.article-body')!.textContent).toContain('Sergei Shoigu met Dong Jun');
    expect(root.innerHTML).not.toMatch(/onerror|javascript:/);
    expect(root.querySelector('[aria-label="People"]')!.textContent).toContain('Sergei Shoigu');
    expect(root.querySelector('.notes')!.textContent).toContain('Defence ties');
    expect(root.querySelector('a[href="https://news.example/a"]')!.textContent).toBe('Original');
  });

  it('says so when the clipping is not in the archive', async () => {
    act(() => render(<ReaderView db={db} clippingId="missing" />, root));
    await until(() => !!root.querySelector('[role=alert]'));
    expect(root.querySelector('[role=alert]')!.textContent).toMatch(/not in your archive/);
  });
});
