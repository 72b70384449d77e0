import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type ClipmarkDB } from '@/utils/db';
import { fetchImages, imageSources, imagesOf, keepImages, MAX_IMAGE_BYTES } from '@/utils/media';
import { deleteClipping, restoreClipping } from '@/utils/clippings';
import { makeClipping, put } from '@/fixtures/test-data';

const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3, 4]);

/** A fake network: each address answers with its entry (status, type, body), or fails. */
function net(map: Record<string, { status?: number; type?: string; body?: Uint8Array | string } | 'fail'>) {
  const asked: string[] = [];
  const f = (async (url: string, init?: RequestInit) => {
    asked.push(url);
    expect(init?.credentials).toBe('omit');
    const e = map[url];
    if (!e || e === 'fail') throw new TypeError('Failed to fetch');
    return new Response((e.body ?? PNG) as BodyInit, { status: e.status ?? 200, headers: { 'content-type': e.type ?? 'image/png' } });
  }) as typeof fetch;
  return { f, asked };
}

let db: ClipmarkDB;
beforeEach(async () => {
  db = openDb(`media-${crypto.randomUUID()}`);
  await db.open();
});
afterEach(() => db.delete());

const html = '<p>Text</p><figure><img src="https://img.example/a.png" alt="A"><figcaption>A</figcaption></figure>'
  + '<img alt="B" src=\'https://img.example/b.jpg?w=1&amp;h=2\'><img src="data:image/gif;base64,R0lGOD"><img src="/relative.png"><img src="https://img.example/a.png">';

describe('imageSources', () => {
  it('lists an article’s images by absolute web address, once each, in order', () => {
    expect(imageSources(html)).toEqual(['https://img.example/a.png', 'https://img.example/b.jpg?w=1&h=2']);
    expect(imageSources('<p>no images</p>')).toEqual([]);
    expect(imageSources(Array.from({ length: 40 }, (_, i) => `<img src="https://i.example/${i}.png">`).join(''))).toHaveLength(24);
  });
});

describe('fetchImages', () => {
  it('keeps what is an image and within bounds; leaves out failures, other types and oversized files', async () => {
    const { f } = net({
      'https://i.example/ok.png': {},
      'https://i.example/404.png': { status: 404 },
      'https://i.example/page': { type: 'text/html', body: '<html>' },
      'https://i.example/big.png': { body: new Uint8Array(MAX_IMAGE_BYTES + 1) },
      'https://i.example/down.png': 'fail',
    });
    const rows = await fetchImages(['https://i.example/404.png', 'https://i.example/page', 'https://i.example/big.png', 'https://i.example/down.png', 'https://i.example/ok.png'], { fetch: f });
    expect(rows.map((r) => [r.url, r.type, r.bytes])).toEqual([['https://i.example/ok.png', 'image/png', PNG.length]]);
    expect(new Uint8Array(await rows[0]!.data.arrayBuffer())).toEqual(PNG);
  });
});

describe('keepImages', () => {
  it('keeps a saved article’s images, fetches each once, drops those its article lost, and none for a bookmark', async () => {
    await put(db, [makeClipping({ id: 'a', html }), makeClipping({ id: 'bm', html, isArticle: false })], [], [], []);
    const first = net({ 'https://img.example/a.png': {}, 'https://img.example/b.jpg?w=1&h=2': { type: 'image/jpeg' } });
    expect(await keepImages(db, 'a', { fetch: first.f })).toBe(2);
    expect([...(await imagesOf(db, 'a')).keys()]).toEqual(['https://img.example/a.png', 'https://img.example/b.jpg?w=1&h=2']);
    // saved again: nothing fetched twice
    const again = net({});
    expect(await keepImages(db, 'a', { fetch: again.f })).toBe(2);
    expect(again.asked).toEqual([]);
    // the article changed: the image it lost goes
    await db.clippings.update('a', { html: '<p><img src="https://img.example/a.png"></p>' });
    expect(await keepImages(db, 'a', { fetch: again.f })).toBe(1);
    expect(await keepImages(db, 'bm', { fetch: first.f })).toBe(0);
    expect(await keepImages(db, 'gone', { fetch: first.f })).toBe(0);
  });

  it('a delete takes the images, and its undo brings them back', async () => {
    await put(db, [makeClipping({ id: 'a', html })], [], [], []);
    await keepImages(db, 'a', { fetch: net({ 'https://img.example/a.png': {} }).f });
    const bundle = await deleteClipping(db, 'a');
    expect(await db.media.count()).toBe(0);
    await restoreClipping(db, bundle!);
    expect([...(await imagesOf(db, 'a')).keys()]).toEqual(['https://img.example/a.png']);
  });
});
