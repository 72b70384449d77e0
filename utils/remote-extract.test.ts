import { describe, expect, it } from 'vitest';
import { createRemoteExtractor, type OffscreenPort } from '@/utils/remote-extract';
import type { ExtractResult } from '@/utils/extract';

const page = { html: '<html><body><p>x</p></body></html>', url: 'https://news.example/a', baseUrl: 'https://news.example/a' };
const ARTICLE: ExtractResult = {
  ok: true,
  article: {
    url: page.url, canonicalUrl: page.url, title: 'T', byline: null, siteName: null, lang: null, dir: null, excerpt: null,
    html: '<p>x</p>', text: 'x', wordCount: 1, readingMinutes: 1, publishedTime: null, modifiedTime: null,
  },
};

/** An offscreen document that may be closed, counted. */
function fakeOffscreen(reply: (open: boolean) => unknown = () => ARTICLE) {
  const state = { open: false, creates: 0, sends: 0 };
  const port: OffscreenPort = {
    exists: async () => state.open,
    create: async () => {
      state.creates++;
      await new Promise((r) => setTimeout(r, 5));
      if (state.open) throw new Error('Only a single offscreen document may be created.');
      state.open = true;
    },
    send: async () => {
      state.sends++;
      if (!state.open) throw new Error('Could not establish connection. Receiving end does not exist.');
      return reply(state.open);
    },
  };
  return { port, state };
}

describe('the background reads pages off their main thread', () => {
  it('opens one offscreen document for many pages asking at once, and keeps it', async () => {
    const { port, state } = fakeOffscreen();
    const read = createRemoteExtractor({ offscreen: port });
    const results = await Promise.all([read(page), read(page), read(page)]);
    expect(results).toEqual([ARTICLE, ARTICLE, ARTICLE]);
    expect(state.creates).toBe(1);
    await read(page);
    expect(state.creates).toBe(1);
  });

  it('opens it again when the browser closed it meanwhile', async () => {
    const { port, state } = fakeOffscreen();
    const read = createRemoteExtractor({ offscreen: port });
    await read(page);
    state.open = false;
    expect(await read(page)).toEqual(ARTICLE);
    expect(state.creates).toBe(2);
  });

  it('answers null (the page reads itself) on an answer that is not a result, or a document that cannot open', async () => {
    const logged: string[] = [];
    const odd = fakeOffscreen(() => ({ ok: 'yes' }));
    expect(await createRemoteExtractor({ offscreen: odd.port, log: (m) => logged.push(m) })(page)).toBeNull();
    const broken: OffscreenPort = { exists: async () => false, create: async () => { throw new Error('offscreen disabled'); }, send: async () => ARTICLE };
    expect(await createRemoteExtractor({ offscreen: broken, log: (m) => logged.push(m) })(page)).toBeNull();
    expect(logged.join('\n')).toMatch(/not an article result[\s\S]*offscreen disabled/);
  });

  it('reads locally where the background has a DOM (Firefox), and answers null where nothing can', async () => {
    expect(await createRemoteExtractor({ local: () => ARTICLE })(page)).toBe(ARTICLE);
    expect(await createRemoteExtractor({})(page)).toBeNull();
  });
});
