import { describe, expect, it } from 'vitest';
import { decode, fetchLinkedPage } from '@/utils/link-fetch';

const page = '<html><head><title>T</title><script>alert(1)</script></head><body><p>Hello</p></body></html>';

function reply(body: BodyInit | null, init: ResponseInit & { url?: string } = {}): typeof fetch {
  return (async () => {
    const r = new Response(body, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, ...init });
    if (init.url) Object.defineProperty(r, 'url', { value: init.url });
    return r;
  }) as typeof fetch;
}

describe('fetchLinkedPage', () => {
  it('reads a web page, without its scripts, at the address it was redirected to', async () => {
    const r = await fetchLinkedPage('https://news.example/a', { fetch: reply(page, { url: 'https://news.example/story/a' }) });
    expect(r).toEqual({ ok: true, url: 'https://news.example/story/a', html: '<html><head><title>T</title></head><body><p>Hello</p></body></html>' });
  });

  it('refuses what is not a web page’s address, before fetching anything', async () => {
    let asked = 0;
    const f = (async () => { asked++; return new Response(page); }) as typeof fetch;
    for (const url of ['mailto:a@b.example', 'javascript:alert(1)', 'chrome://settings', 'file:///etc/passwd', 'https://news.example/report.pdf']) {
      const r = await fetchLinkedPage(url, { fetch: f });
      expect(r).toMatchObject({ ok: false, refused: true });
    }
    expect(asked).toBe(0);
  });

  it('says why a page could not be read: an error status, another kind of file, a page too large', async () => {
    expect(await fetchLinkedPage('https://news.example/gone', { fetch: reply('nope', { status: 404, statusText: 'Not Found' }) }))
      .toEqual({ ok: false, url: 'https://news.example/gone', message: 'the site answered 404 Not Found' });
    expect(await fetchLinkedPage('https://news.example/pic', { fetch: reply('GIF89a', { headers: { 'content-type': 'image/gif' } }) }))
      .toMatchObject({ ok: false, message: 'it is not a web page (image/gif)' });
    // streamed past the bound (no length announced): the rest is not read
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({ pull(c) { pulled++; c.enqueue(new Uint8Array(1000).fill(65)); } });
    expect(await fetchLinkedPage('https://news.example/huge', { fetch: reply(endless), maxBytes: 5000 }))
      .toMatchObject({ ok: false, message: expect.stringMatching(/larger than/) });
    expect(pulled).toBeLessThan(10);
    expect(await fetchLinkedPage('https://news.example/huge', { fetch: reply('x'.repeat(10), { headers: { 'content-type': 'text/html', 'content-length': '9000000000' } }) }))
      .toMatchObject({ ok: false, message: expect.stringMatching(/larger than/) });
  });

  it('gives up on a site that does not answer, and reports a network failure', async () => {
    const silent = ((_u: string, init: RequestInit) => new Promise((_r, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))) as typeof fetch;
    expect(await fetchLinkedPage('https://slow.example/', { fetch: silent, timeoutMs: 20 })).toEqual({ ok: false, url: 'https://slow.example/', message: 'the site did not answer in time' });
    const offline = (async () => { throw new TypeError('Failed to fetch'); }) as typeof fetch;
    expect(await fetchLinkedPage('https://news.example/', { fetch: offline })).toMatchObject({ ok: false, message: expect.stringMatching(/could not be fetched.*Failed to fetch/) });
  });

  it('decodes by the declared charset: the header first, else the page’s meta', () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode('<meta charset="windows-1252"><p>caf'), 0xe9, ...new TextEncoder().encode('</p>')]);
    expect(decode(latin1, 'text/html')).toContain('café');
    expect(decode(new TextEncoder().encode('<p>café</p>'), 'text/html; charset=UTF-8')).toContain('café');
    // the meta after a long inline script in the head
    const late = new Uint8Array([...new TextEncoder().encode(`<head><script>${'x'.repeat(5000)}</script><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head><p>d`), 0xe9, ...new TextEncoder().encode('clar</p>')]);
    expect(decode(late, 'text/html')).toContain('déclar');
    expect(decode(new TextEncoder().encode('<p>café</p>'), 'text/html; charset=no-such-charset')).toContain('café');
  });
});
