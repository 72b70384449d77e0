import { beforeAll, describe, expect, it } from 'vitest';
import { JSDOM, VirtualConsole } from 'jsdom';
import type { Annotation } from '@/utils/db';
import { analyzeForPage, createAnalyzer, type Analyzer } from '@/utils/analysis';
import { loadModelFromDisk } from '@/utils/ner/load-node';
import { openDb } from '@/utils/db';
import { readPage } from '@/utils/fixtures';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/settings';
import { createSession, type LegendModel } from '@/utils/live/session';

let analyzer: Analyzer;
beforeAll(() => { analyzer = createAnalyzer(() => loadModelFromDisk('public/ner')); });

function setup(html: string, settings: Settings = DEFAULT_SETTINGS, url = 'http://127.0.0.1:4173/seed-page/') {
  const dom = new JSDOM(html, { url, virtualConsole: new VirtualConsole() });
  const win = dom.window as unknown as Window;
  const db = openDb(`sess-${crypto.randomUUID()}`);
  const stored: Annotation[] = [];
  const legends: (LegendModel | null)[] = [];
  const orphanLists: Annotation[][] = [];
  const session = createSession({
    win, settings, debounceMs: 20, lateTextMs: 2000,
    api: {
      analyze: (input) => analyzeForPage(analyzer, db, input),
      listAnnotations: async (pageUrl) => stored.filter((a) => a.pageUrl === pageUrl),
      saveAnnotation: async (a) => { const row = { ...a, clippingId: null, createdAt: 1, updatedAt: 1 }; stored.push(row); return row; },
      deleteAnnotation: async () => true,
    },
    ui: { legend: (m) => legends.push(m), orphans: (l) => orphanLists.push(l) },
  });
  const marks = (name: string) => [...win.document.querySelectorAll(`clipmark-mark[data-clipmark-name="${name}"]`)].map((m) => m.textContent);
  return { win, session, legends, orphanLists, stored, marks };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a page session on the seed article (jsdom, wrapping fallback)', () => {
  it('paints the article’s entities with a legend of counts, and nothing in the sidebar', async () => {
    const { session, legends, marks } = setup(readPage('seed-page'));
    await session.start();
    expect(marks('clipmark-person')).toContain('Sergei Shoigu');
    expect(marks('clipmark-organization')).toContain('Shanghai Cooperation Organization');
    expect(marks('clipmark-place')).toContain('Damascus');
    expect(marks('clipmark-date')).toContain('April 13');
    expect(marks('clipmark-place')).not.toContain('Caspian Sea');
    const legend = legends.at(-1)!;
    expect(legend.counts.person).toBeGreaterThanOrEqual(3);
    expect(session.status()).toMatchObject({ isArticle: true });
  });

  it('toggling a kind in the legend removes it from the page and brings it back', async () => {
    const { session, legends, marks } = setup(readPage('seed-page'));
    await session.start();
    session.toggleKind('place');
    expect(marks('clipmark-place')).toEqual([]);
    expect(legends.at(-1)!.enabled.place).toBe(false);
    expect(marks('clipmark-person')).toContain('Sergei Shoigu');
    session.toggleKind('place');
    expect(marks('clipmark-place')).toContain('Damascus');
  });

  it('follows a settings change without a reload, and stays off on a disabled site', async () => {
    const { session, marks, win } = setup(readPage('seed-page'));
    await session.start();
    const next = structuredClone(DEFAULT_SETTINGS);
    next.kinds.date.enabled = false;
    await session.applySettings(next);
    expect(marks('clipmark-date')).toEqual([]);
    await session.applySettings({ ...next, disabledSites: ['127.0.0.1'] });
    expect(win.document.querySelector('clipmark-mark')).toBeNull();
  });

  it('does nothing on a page that is not an article, then paints when its article text arrives late', async () => {
    const { session, marks, win } = setup('<html><head><title>Loading</title></head><body><div id="app">Loading…</div></body></html>');
    await session.start();
    expect(session.status().isArticle).toBe(false);
    const body = readPage('seed-page').match(/<body[^>]*>([\s\S]*)<\/body>/)![1]!;
    win.document.getElementById('app')!.innerHTML = body;
    for (let i = 0; i < 100 && !marks('clipmark-person').length; i++) await wait(20);
    expect(marks('clipmark-person')).toContain('Sergei Shoigu');
  });

  it('a single-page navigation to another article gets the new article’s entities', async () => {
    const { session, marks, win } = setup(readPage('seed-page'));
    await session.start();
    const other = new JSDOM(readPage('bbc-1'), { virtualConsole: new VirtualConsole() }).window.document;
    win.history.pushState({}, '', '/news/obama-guns');
    win.document.title = other.title;
    win.document.body.innerHTML = other.body.innerHTML;
    await session.navigated();
    expect(marks('clipmark-person')).toContain('Barack Obama');
    expect(marks('clipmark-person')).not.toContain('Sergei Shoigu');
  });

  it('an article container replaced without a URL change is read again', async () => {
    const seedBody = readPage('seed-page').match(/<body[^>]*>([\s\S]*)<\/body>/)![1]!;
    const { session, marks, win } = setup(`<html><head><title>x</title></head><body><div id="app">${seedBody}</div></body></html>`);
    await session.start();
    expect(marks('clipmark-person')).toContain('Sergei Shoigu');
    const other = new JSDOM(readPage('bbc-1'), { virtualConsole: new VirtualConsole() }).window.document;
    win.document.getElementById('app')!.innerHTML = other.body.innerHTML;
    session.checkDetached();
    for (let i = 0; i < 200 && !marks('clipmark-person').includes('Barack Obama'); i++) await wait(20);
    expect(marks('clipmark-person')).toContain('Barack Obama');
  });
});
