// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { browser } from 'wxt/browser';
import { openDb, type ClipmarkDB } from '@/utils/db';
import { indexClipping } from '@/utils/search';
import { earlyRecent, RECENT_LIMIT, startEarlyRecent } from '@/utils/early-recent';
import { earlyRecentList, recentListMarkup } from '@/components/EarlyRecentList';
import { recentCards } from '@/utils/archive';
import { readServed, SERVED_ID, servedPopupHtml } from '@/utils/served-popup';
import { makeClipping, put } from '@/fixtures/test-data';
import { App } from './App';
import { mountPopup } from './mount';
import { shellOf } from './shell';
import { waitFor } from '@/components/test-render';

/** The popup as it opens: static shell, the list popup-early.js shows in it, then main.tsx's mountPopup. */
const SHELL = shellOf(readFileSync(resolve(import.meta.dirname, 'index.html'), 'utf8'));
let db: ClipmarkDB;
let root: HTMLElement;
let n = 0;
const open = vi.fn();

beforeEach(async () => {
  const name = `popup-mount-${++n}`;
  db = openDb(name);
  await put(db, [
    makeClipping({ id: 'older', title: 'Whales stranded on the coast', text: 'Whales stranded on the beach.', savedAt: Date.UTC(2024, 4, 1) }),
    makeClipping({ id: 'newer', title: 'Minister resigns in Moscow', text: 'The defence minister resigned.', savedAt: Date.UTC(2024, 4, 2) }),
  ], [], [], []);
  for (const id of ['older', 'newer']) await indexClipping(db, id);
  root = document.createElement('div');
  root.id = 'app';
  root.innerHTML = SHELL;
  document.body.append(root);
  open.mockClear();
  vi.spyOn(browser.tabs, 'create').mockResolvedValue({} as never);
  // popup-early.js, as it runs before the popup's modules
  await startEarlyRecent(indexedDB, name, RECENT_LIMIT, earlyRecentList(document, open)).done;
});
afterEach(() => {
  earlyRecent()?.handOff(); // the early click listener of a test that never mounted
  render(null, root);
  root.remove();
  delete (globalThis as Record<string, unknown>).__clipmarkRecent;
  vi.restoreAllMocks();
  db.close();
});

const box = () => root.querySelector<HTMLInputElement>('[role="searchbox"]')!;
const savedTitles = () => [...root.querySelectorAll('ul[aria-label="Saved clippings"] .clipping-title')].map((b) => b.textContent);

describe('the popup before and after its code loads', () => {
  it('shows the recent list in the shell, and a click there opens the reader before the popup’s code is loaded', () => {
    expect(savedTitles()).toEqual(['Minister resigns in Moscow', 'Whales stranded on the coast']);
    (root.querySelector('li[data-clipping-id="older"] .clipping-title') as HTMLElement).click();
    expect(open).toHaveBeenCalledExactlyOnceWith('older');
  });

  it('adopts the shell: the same searchbox keeps its focus, the list stays, and a click opens the reader once', async () => {
    box().focus();
    const shellBox = box();
    const shellItem = root.querySelector('li[data-clipping-id="newer"]');
    act(() => mountPopup(root, <App db={db} />));
    expect(box()).toBe(shellBox);
    expect(document.activeElement).toBe(shellBox);
    expect(root.querySelector('li[data-clipping-id="newer"]')).toBe(shellItem);
    expect(root.querySelectorAll('[role="searchbox"]')).toHaveLength(1);
    await waitFor(() => savedTitles().length === 2);
    (root.querySelector('li[data-clipping-id="newer"] .clipping-title') as HTMLElement).click();
    // the popup's own handler, and not the early one as well
    expect(open).not.toHaveBeenCalled();
    expect(browser.tabs.create).toHaveBeenCalledOnce();
    expect(vi.mocked(browser.tabs.create).mock.calls[0]![0].url).toMatch(/reader\.html\?id=newer$/);
  });

  it('keeps what was typed into the shell before the code loaded, and searches it', async () => {
    box().focus();
    box().value = 'whale';
    act(() => mountPopup(root, <App db={db} />));
    expect(box().value).toBe('whale');
    expect(document.activeElement).toBe(box());
    const results = await waitFor(() => root.querySelectorAll('#search-results [role="listitem"]').length > 0 && root.querySelectorAll('#search-results [role="listitem"]'));
    expect([...results].map((li) => li.querySelector('.result-title')!.textContent)).toEqual(['Whales stranded on the coast']);
    expect(savedTitles()).toEqual([]);
  });

  it('works the same when the early read had not finished: the popup reads the list itself', async () => {
    earlyRecent()?.handOff(); // (its click listener, which the next tests would hear too)
    delete (globalThis as Record<string, unknown>).__clipmarkRecent;
    root.innerHTML = SHELL;
    act(() => mountPopup(root, <App db={db} />));
    await waitFor(() => savedTitles().length === 2);
    expect(savedTitles()).toEqual(['Minister resigns in Moscow', 'Whales stranded on the coast']);
  });

  it('adopts a page the background served with its list: one list, the early click wired, then the popup’s own', async () => {
    const cards = await recentCards(db, RECENT_LIMIT);
    const served = new DOMParser().parseFromString(servedPopupHtml(readFileSync(resolve(import.meta.dirname, 'index.html'), 'utf8'), 'v1', cards, recentListMarkup(cards))!, 'text/html');
    earlyRecent()?.handOff();
    delete (globalThis as Record<string, unknown>).__clipmarkRecent;
    root.innerHTML = served.getElementById('app')!.innerHTML;
    const data = served.getElementById(SERVED_ID)!;
    document.body.append(data);
    const idbNever = { open: () => { throw new Error('the database was opened'); } } as unknown as IDBFactory;
    // popup-early.js on that page
    startEarlyRecent(idbNever, 'unused', RECENT_LIMIT, earlyRecentList(document, open), { storage: localStorage, version: 'v1', served: readServed(document, 'v1') });
    expect(savedTitles()).toEqual(['Minister resigns in Moscow', 'Whales stranded on the coast']);
    (root.querySelector('li[data-clipping-id="older"] .clipping-title') as HTMLElement).click();
    expect(open).toHaveBeenCalledExactlyOnceWith('older');
    const item = root.querySelector('li[data-clipping-id="newer"]');
    act(() => mountPopup(root, <App db={db} />));
    expect(root.querySelector('li[data-clipping-id="newer"]')).toBe(item);
    await new Promise((r) => setTimeout(r, 50));
    expect(savedTitles()).toEqual(['Minister resigns in Moscow', 'Whales stranded on the coast']);
    (root.querySelector('li[data-clipping-id="newer"] .clipping-title') as HTMLElement).click();
    expect(open).toHaveBeenCalledOnce();
    expect(vi.mocked(browser.tabs.create).mock.calls[0]![0].url).toMatch(/reader\.html\?id=newer$/);
    data.remove();
  });
});
