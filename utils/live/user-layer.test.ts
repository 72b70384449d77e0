// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { Annotation } from '@/utils/db';
import { createPainter } from '@/utils/highlight';
import { createUserLayer, type AnnotationStore } from '@/utils/live/user-layer';
import type { AnnotationInput } from '@/utils/protocol';

function memoryStore() {
  const rows = new Map<string, Annotation>();
  const store: AnnotationStore = {
    save: async (a: AnnotationInput) => {
      const row: Annotation = { ...a, clippingId: null, createdAt: rows.get(a.id)?.createdAt ?? 1, updatedAt: 2 };
      rows.set(a.id, row);
      return row;
    },
    remove: async (id) => rows.delete(id),
  };
  return { store, rows };
}

function page(html: string) {
  document.body.innerHTML = html;
  const painter = createPainter(window, { registry: null }); // the wrapping fallback: jsdom has no Highlight API
  return painter;
}

function rangeOf(text: string): Range {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const i = (n as Text).data.indexOf(text);
    if (i >= 0) {
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + text.length);
      return r;
    }
  }
  throw new Error(`no "${text}"`);
}

const ARTICLE = '<article><p>Defense Minister Sergei Shoigu met his Chinese counterpart Dong Jun in Astana.</p><p>The talks covered drills in the Caspian Sea.</p></article>';

describe('the reader’s highlights on a page', () => {
  it('a highlight with a note comes back on the next visit, on the same text', async () => {
    const { store, rows } = memoryStore();
    let painter = page(ARTICLE);
    const layer = createUserLayer({ root: () => document.body, painter, store, pageUrl: () => 'https://news.example/a' });
    const made = await layer.create(rangeOf('Dong Jun'), 'green', 'Chinese defence minister');
    expect(made?.note).toBe('Chinese defence minister');
    expect(document.querySelector('clipmark-mark[data-clipmark-name="clipmark-user-green"]')?.textContent).toBe('Dong Jun');

    // next visit, the page changed a little around it
    painter.clearAll();
    painter = page(ARTICLE.replace('<p>The talks', '<p>Breaking: an update was added.</p><p>The talks').replace('met his', 'met with his'));
    const again = createUserLayer({ root: () => document.body, painter, store, pageUrl: () => 'https://news.example/a' });
    const state = again.load([...rows.values()]);
    expect(state.orphans).toHaveLength(0);
    expect(state.placed[0]!.range.toString()).toBe('Dong Jun');
  });

  it('a highlight whose text is gone is an orphan: kept and reported, not painted elsewhere', async () => {
    const { store, rows } = memoryStore();
    const painter = page(ARTICLE);
    const layer = createUserLayer({ root: () => document.body, painter, store, pageUrl: () => 'https://news.example/a' });
    await layer.create(rangeOf('drills in the Caspian Sea'), 'yellow', 'exercise');
    painter.clearAll();
    const painter2 = page('<article><p>Defense Minister Sergei Shoigu met his Chinese counterpart Dong Jun in Astana.</p></article>');
    const again = createUserLayer({ root: () => document.body, painter: painter2, store, pageUrl: () => 'https://news.example/a' });
    const state = again.load([...rows.values()]);
    expect(state.placed).toHaveLength(0);
    expect(state.orphans.map((o) => o.note)).toEqual(['exercise']);
    expect(document.querySelector('clipmark-mark')).toBeNull();
  });

  it('changing the colour and deleting update the page and the store', async () => {
    const { store, rows } = memoryStore();
    const painter = page(ARTICLE);
    const layer = createUserLayer({ root: () => document.body, painter, store, pageUrl: () => 'https://news.example/a' });
    const a = await layer.create(rangeOf('Sergei Shoigu'), 'yellow');
    await layer.update(a!.id, { color: 'pink', note: 'n' });
    expect(rows.get(a!.id)).toMatchObject({ color: 'pink', note: 'n' });
    expect(document.querySelector('clipmark-mark[data-clipmark-name="clipmark-user-pink"]')?.textContent).toBe('Sergei Shoigu');
    await layer.remove(a!.id);
    expect(rows.size).toBe(0);
    expect(document.querySelector('clipmark-mark')).toBeNull();
    expect(document.body.textContent).toContain('Defense Minister Sergei Shoigu met');
  });
});
