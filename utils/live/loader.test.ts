import { afterEach, describe, expect, it, vi } from 'vitest';
import { JSDOM, VirtualConsole } from 'jsdom';
import { startLoader, type LoaderExtension } from '@/utils/live/loader';
import { setPageApi, takeLoaderHandoff, PAGE_API_KEY, type PageApi } from '@/utils/page-api';
import { LOADER_KEY, type LoaderBridge } from '@/utils/loader-bridge';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/settings-model';
import type { PageStart } from '@/utils/protocol';

const ARTICLE = `<html><head><title>Talks in Damascus</title></head><body><nav><a href="/">Home</a></nav><article>${
  '<p>Sergei Shoigu met officials in Damascus on April 13, in talks that went on for most of the day and well into the night, aides to both delegations said afterwards.</p>'.repeat(12)
}</article></body></html>`;
const SHOP = `<html><head><title>Shop</title></head><body><ul>${'<li><a href="/p">Kettle</a> <span>€20</span></li>'.repeat(30)}</ul></body></html>`;

const fakeApi = { selectionMade: vi.fn(), extract: vi.fn(), status: vi.fn(), paintNow: vi.fn(), navigated: vi.fn(), highlightSelection: vi.fn(async () => true) } as unknown as PageApi;

function setup(html: string, settings: Partial<Settings> = {}, highlights: number | null = null, url = 'https://news.example/story') {
  const dom = new JSDOM(html, { url, virtualConsole: new VirtualConsole() });
  const win = dom.window as unknown as Window;
  const calls: string[] = [];
  const ext: LoaderExtension = {
    pageStart: vi.fn(async (d): Promise<PageStart> => { calls.push(`pageStart ${d.article}`); return { settings: { ...DEFAULT_SETTINGS, ...settings }, highlights }; }),
    injectPage: vi.fn(async () => { calls.push('injectPage'); setPageApi(Promise.resolve(fakeApi)); return true; }),
    extractHtml: vi.fn(async (d) => { calls.push(`extractHtml ${d.url}`); return null; }),
  };
  const connect = vi.fn(() => ext);
  const loader = startLoader(win, { connect, lateTextMs: 10, watchMs: 2_000 });
  const bridge = (win as unknown as Record<string, LoaderBridge>)[LOADER_KEY]!;
  return { dom, win, calls, ext, connect, loader, bridge };
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>)[PAGE_API_KEY];
  takeLoaderHandoff();
});

describe('the always-injected loader', () => {
  it('on a page that is not an article, touches no extension API, and still answers the popup', async () => {
    const { connect, loader, bridge } = setup(SHOP);
    await loader.settled;
    expect(connect).not.toHaveBeenCalled();
    expect(bridge.pageUrl()).toBe('https://news.example/story');
    expect(await bridge.info()).toMatchObject({ title: 'Shop', readerable: false, counts: null, highlights: 0 });
    expect(connect).not.toHaveBeenCalled();
    loader.stop();
  });

  it('on an article, asks for the settings, then the page script and the article read elsewhere, and hands both over', async () => {
    const { calls, loader, bridge } = setup(ARTICLE);
    await loader.settled;
    expect(calls).toEqual(['pageStart true', 'injectPage', 'extractHtml https://news.example/story']);
    // the page script lists its highlights itself: the background is given no address to look them up for
    expect(bridge.pageUrl()).toBeNull();
    const handoff = takeLoaderHandoff();
    expect(handoff?.readerable).toBe(true);
    expect(handoff?.extraction?.url).toBe('https://news.example/story');
    loader.stop();
  });

  it('stays off on a disabled site: no page script, not even when the reader selects text', async () => {
    const { calls, loader, win, dom, bridge } = setup(ARTICLE, { disabledSites: ['news.example'] });
    await loader.settled;
    expect(calls).toEqual(['pageStart true']);
    expect(bridge.pageUrl()).toBeNull(); // nothing for the background to bring in
    const p = win.document.querySelector('p')!;
    win.getSelection()!.selectAllChildren(p);
    win.document.dispatchEvent(new dom.window.MouseEvent('mouseup'));
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toEqual(['pageStart true']);
    loader.stop();
  });

  it('paints nothing automatically where painting is off, but brings the page script for the page\'s highlights', async () => {
    const none = setup(ARTICLE, { autoHighlight: false }, 0);
    await none.loader.settled;
    expect(none.calls).toEqual(['pageStart true']);
    none.loader.stop();
    const some = setup(ARTICLE, { autoHighlight: false }, 2);
    await some.loader.settled;
    expect(some.calls).toEqual(['pageStart true', 'injectPage']);
    expect(takeLoaderHandoff()?.readerable).toBe(false);
    some.loader.stop();
  });

  it('a selection on a page that is not an article brings in the page script and shows its toolbar', async () => {
    const { calls, loader, win, dom } = setup(SHOP);
    await loader.settled;
    win.getSelection()!.selectAllChildren(win.document.querySelector('li')!);
    win.document.dispatchEvent(new dom.window.MouseEvent('mouseup'));
    await vi.waitFor(() => expect(fakeApi.selectionMade).toHaveBeenCalled());
    expect(calls).toEqual(['pageStart false', 'injectPage']);
    loader.stop();
  });

  it('the context menu\'s "with this passage highlighted": the page script highlights the selection; nothing without one or where Clipmark is off', async () => {
    const { calls, loader, win, bridge } = setup(SHOP);
    await loader.settled;
    expect(await bridge.highlightSelection()).toBe(false);
    expect(calls).toEqual([]);
    win.getSelection()!.selectAllChildren(win.document.querySelector('li')!);
    expect(await bridge.highlightSelection()).toBe(true);
    expect(calls).toEqual(['pageStart false', 'injectPage']);
    expect(fakeApi.highlightSelection).toHaveBeenCalledTimes(1);
    loader.stop();
    delete (globalThis as Record<string, unknown>)[PAGE_API_KEY];
    const off = setup(SHOP, { disabledSites: ['news.example'] });
    await off.loader.settled;
    off.win.getSelection()!.selectAllChildren(off.win.document.querySelector('li')!);
    expect(await off.bridge.highlightSelection()).toBe(false);
    expect(off.calls).toEqual(['pageStart false']);
    expect(fakeApi.highlightSelection).toHaveBeenCalledTimes(1);
    off.loader.stop();
  });

  it('an article whose text arrives late is found when the page settles', async () => {
    const { calls, loader, win } = setup('<html><head><title>Loading</title></head><body><div id="app">Loading…</div></body></html>');
    await loader.settled;
    expect(calls).toEqual([]);
    win.document.getElementById('app')!.innerHTML = new JSDOM(ARTICLE).window.document.body.innerHTML;
    await vi.waitFor(() => expect(calls).toEqual(['pageStart true', 'injectPage', 'extractHtml https://news.example/story']));
    loader.stop();
  });

  it('an address change seen by the background: ignored where this page\'s address is the same, looked at where it changed', async () => {
    const { calls, loader, bridge, win } = setup(ARTICLE.replace(/<p>/g, '<p hidden>').replace(/<(\/?)article>/g, '<$1div>'));
    await loader.settled;
    expect(calls).toEqual([]);
    expect(await bridge.navigated()).toBeNull();
    for (const p of win.document.querySelectorAll('p')) p.removeAttribute('hidden'); // no node added: no late-text look
    win.history.pushState({}, '', '/story-2');
    expect(await bridge.navigated()).toBe(true);
    expect(calls).toEqual(['pageStart true', 'injectPage', 'extractHtml https://news.example/story-2']);
    expect(await bridge.navigated()).toBeNull();
    loader.stop();
  });

  it('the popup\'s "paint now" on a page that is not an article loads the page script and asks it to paint', async () => {
    const { calls, loader, bridge } = setup(SHOP);
    await loader.settled;
    (fakeApi.paintNow as ReturnType<typeof vi.fn>).mockResolvedValue(true);
    expect(await bridge.paintNow()).toBe(true);
    expect(calls).toEqual(['injectPage']);
    loader.stop();
  });
});
