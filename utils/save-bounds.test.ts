import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDb, type ClipmarkDB } from '@/utils/db';
import { createSaveService, MAX_ANALYZE_CHARS, type BrowserPort } from '@/utils/save-service';
import type { ExtractResult } from '@/utils/extract';

/** Entity recognition is bounded: a page far longer than any article is saved, without entities, instead of hanging. */

let db: ClipmarkDB;
beforeEach(async () => {
  db = openDb(`bounds-${crypto.randomUUID()}`);
  await db.open();
});
afterEach(() => db.delete());

function port(text: string): BrowserPort {
  const url = 'https://news.example/huge';
  const result: ExtractResult = {
    ok: true,
    article: {
      url, canonicalUrl: url, title: 'Huge', byline: null, siteName: null, lang: 'en', dir: null, excerpt: null,
      html: `<p>${text}</p>`, text, wordCount: text.split(' ').length, readingMinutes: 1, publishedTime: null, modifiedTime: null,
    },
  };
  return { targetTab: async () => ({ id: 1, url }), extract: async () => result, pageInfo: async () => null, setBadge: async () => undefined };
}

it.each([
  ['an ordinary long article', 100_000, true],
  ['a page beyond the bound', MAX_ANALYZE_CHARS + 1, false],
])('%s: saved; entity recognition %s', async (_what, chars, analyzed) => {
  let calls = 0;
  const svc = createSaveService({
    db, browser: port('word '.repeat(Math.ceil(chars / 5)).slice(0, chars)),
    analyze: async () => { calls++; return { entities: [{ kind: 'person', canonical: 'A B', surfaces: ['A B'], mentions: 1 }], dates: [] }; },
  });
  expect(await svc.saveTab()).toMatchObject({ ok: true, message: 'Article saved.' });
  expect(calls).toBe(analyzed ? 1 : 0);
  expect(await db.entities.count()).toBe(analyzed ? 1 : 0);
});
