// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { openDb, type ClipmarkDB } from '@/utils/db';
import { indexClipping, resetSearchCache } from '@/utils/search';
import { createIndexQueue, markForIndex } from '@/utils/index-queue';
import { fixturePage, makeClipping, put, seedExtras } from '@/fixtures/test-data';
import { formatDay } from '@/components/ClippingList';
import { SearchPanel } from '@/components/SearchPanel';
import { waitFor } from '@/components/test-render';

let db: ClipmarkDB;
let root: HTMLElement;
let n = 0;

beforeEach(async () => {
  db = openDb(`search-panel-${++n}`);
  await db.open();
  const seed = fixturePage('seed-page');
  const ex = seedExtras('seed');
  await put(
    db,
    [
      makeClipping({ id: 'seed', title: seed.title, text: seed.text, siteName: seed.siteName, savedAt: Date.UTC(2024, 3, 27, 12) }),
      makeClipping({ id: 'whales', title: 'Māori tribes fearful over whale strandings', text: 'Whales stranded on the beach; the strike of the tide.', siteName: 'the Guardian', savedAt: Date.UTC(2024, 4, 1, 12) }),
      makeClipping({ id: 'minister', title: 'Minister resigns', text: 'The defence minister resigned in Moscow.', siteName: 'the Guardian', savedAt: Date.UTC(2024, 4, 2, 12), publishedTime: '2015-03-02T08:00:00Z' }),
    ],
    [],
    ex.entities,
    ex.dates,
  );
  for (const id of ['seed', 'whales', 'minister']) await indexClipping(db, id);
  root = document.createElement('div');
  document.body.appendChild(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  db.close();
});

const box = () => root.querySelector<HTMLInputElement>('[role="searchbox"]')!;
const items = () => [...root.querySelectorAll<HTMLElement>('[role="listitem"]')];
const titles = () => items().map((li) => li.querySelector('.result-title')!.textContent);

async function type(text: string) {
  await act(() => {
    box().value = text;
    box().dispatchEvent(new Event('input', { bubbles: true }));
  });
}
async function key(k: string) {
  await act(() => {
    box().dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
  });
}

describe('SearchPanel', () => {
  it('a clipping saved but not yet indexed: "Indexing…" shows, and the results come once its index job ran, without typing again', async () => {
    await put(db, [makeClipping({ id: 'fresh', title: 'Zanzibar ferry timetable', text: 'The ferry to Zanzibar leaves at dawn.', savedAt: Date.UTC(2024, 4, 3) })]);
    await db.transaction('rw', db.indexQueue, () => markForIndex(db, 'fresh'));
    await act(() => render(<SearchPanel db={db} onOpen={() => {}} debounceMs={0} />, root));
    await type('zanzibar');
    const hint = await waitFor(() => root.querySelector('.indexing'));
    expect(hint.textContent).toBe('Indexing a clipping just saved…');
    expect(items()).toHaveLength(0);
    const queue = createIndexQueue(db);
    await queue.drain();
    await queue.idle();
    await waitFor(() => titles().length === 1);
    expect(titles()).toEqual(['Zanzibar ferry timetable']);
    await waitFor(() => !root.querySelector('.indexing'));
  });

  it('focuses the searchbox on mount and shows results as you type, with matched words in <mark>', async () => {
    await act(() => render(<SearchPanel db={db} onOpen={() => {}} debounceMs={0} />, root));
    expect(document.activeElement).toBe(box());
    expect(root.querySelector('[role="list"]')).not.toBeNull();
    await type('Shoig');
    await waitFor(() => items().length === 1);
    const marks = [...items()[0]!.querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks).toContain('Shoigu');
    expect(items()[0]!.innerHTML).not.toContain('&lt;mark');
    // The day it was saved, written as the lists write it ("Apr 27, 2024" in English), not as digits.
    expect(items()[0]!.textContent).toContain(formatDay(Date.UTC(2024, 3, 27, 12)));
    expect(items()[0]!.textContent).not.toMatch(/\d+\/\d+\/\d{4}/);
  });

  it('typing on within the same results moves the marks with the words, and a keystroke that changes nothing leaves the list alone', async () => {
    await act(() => render(<SearchPanel db={db} onOpen={() => {}} debounceMs={0} />, root));
    const marks = () => items().map((li) => [...li.querySelectorAll('mark')].map((m) => m.textContent).join('|'));
    await type('whale');
    await waitFor(() => titles().length === 1);
    expect(marks()).toEqual(['whale|Whales']);
    const li = items()[0];
    await type('whale str');
    await waitFor(() => marks()[0] === 'whale|strandings|stranded|strike');
    expect(items()[0]).toBe(li);
    await type('whale stra');
    await waitFor(() => marks()[0] === 'whale|strandings|stranded');
    // "whale stran" finds the same clipping with the same marks: nothing in the list is touched
    const changed: MutationRecord[] = [];
    const watch = new MutationObserver((rs) => changed.push(...rs));
    watch.observe(root.querySelector('#search-results')!, { subtree: true, childList: true, characterData: true, attributes: true });
    await type('whale stran');
    await new Promise((r) => setTimeout(r, 50));
    await act(() => undefined);
    watch.disconnect();
    expect(marks()).toEqual(['whale|strandings|stranded']);
    expect(changed).toEqual([]);
  });

  it('requires every word, and says so clearly when nothing matches', async () => {
    await act(() => render(<SearchPanel db={db} onOpen={() => {}} debounceMs={0} />, root));
    await type('Damascus strike');
    await waitFor(() => titles().length === 1 && titles()[0] === 'Iran DM discusses cooperation with China, Russia');
    await type('x');
    expect((await waitFor(() => root.querySelector('[role="status"]'))).textContent).toBe('Keep typing…');
    await type('xylophonist');
    const empty = await waitFor(() => root.querySelector('[role="status"]'));
    expect(empty.textContent).toBe('No clippings match “xylophonist”.');
    expect(items()).toHaveLength(0);
  });

  it('moves through results with the arrow keys and opens the active one with Enter', async () => {
    const onOpen = vi.fn();
    await act(() => render(<SearchPanel db={db} onOpen={onOpen} debounceMs={0} />, root));
    await type('minis');
    await waitFor(() => items().length === 2);
    expect(items()[0]!.getAttribute('aria-current')).toBe('true');
    await key('ArrowDown');
    expect(items()[1]!.getAttribute('aria-current')).toBe('true');
    expect(box().getAttribute('aria-activedescendant')).toBe(items()[1]!.id);
    await key('ArrowDown');
    expect(items()[1]!.getAttribute('aria-current')).toBe('true');
    await key('ArrowUp');
    await key('Enter');
    expect(onOpen).toHaveBeenCalledWith(items()[0]!.id.replace('result-', ''));
  });

  it('offers the person chip for "Shoigu" and filters to its clippings', async () => {
    await act(() => render(<SearchPanel db={db} onOpen={() => {}} debounceMs={0} />, root));
    await type('Shoigu');
    const chip = await waitFor(() => [...root.querySelectorAll('button.chip')].find((b) => b.textContent!.includes('Sergei Shoigu')));
    expect(chip.textContent).toContain('Person: Sergei Shoigu');
    await act(() => (chip as HTMLButtonElement).click());
    expect(box().value).toBe('');
    await waitFor(() => root.querySelector('button.chip-active'));
    await waitFor(() => titles().length === 1 && titles()[0]!.startsWith('Iran DM'));
    await type('minister');
    await waitFor(() => titles().length === 1 && titles()[0]!.startsWith('Iran DM'));
  });

  it('searches at once without a debounce, and a newer keystroke wins over a stale search', async () => {
    await act(() => render(<SearchPanel db={db} onOpen={() => {}} />, root));
    // Three keystrokes in one go: the first two searches are aborted, only the last one's results show.
    await act(() => {
      for (const q of ['minis', 'minister', 'minister xylophonist']) {
        box().value = q;
        box().dispatchEvent(new Event('input', { bubbles: true }));
      }
    });
    const empty = await waitFor(() => root.querySelector('[role="status"]'));
    expect(empty.textContent).toBe('No clippings match “minister xylophonist”.');
    await new Promise((r) => setTimeout(r, 50));
    expect(items()).toHaveLength(0);
    await type('minister');
    await waitFor(() => items().length === 2);
  });

  it('reads ahead the newest rows and the site list when typing pauses, the site list at once when the filter is focused', async () => {
    const orderBy = vi.spyOn(db.clippings, 'orderBy');
    const bulkGet = vi.spyOn(db.clippings, 'bulkGet');
    /** The rows read so far: the search's (those with "minist...") and the read-ahead's (the newest, then the older ones). */
    const read = () => bulkGet.mock.calls.flatMap((c) => c[0]);
    const options = () => root.querySelectorAll('select')[1]!.querySelectorAll('option').length;
    await act(() => render(<SearchPanel db={db} onOpen={() => {}} quietMs={150} />, root));
    // typing faster than the pause: nothing read ahead, whatever the time spent typing
    for (const q of ['m', 'mi', 'min', 'mini', 'minis', 'minist']) {
      await type(q);
      await act(() => new Promise((r) => setTimeout(r, 60)));
    }
    expect(read()).toContain('minister');
    expect(read()).not.toContain('whales');
    expect(orderBy).not.toHaveBeenCalled();
    expect(options()).toBe(1);
    // the pause: the newest rows not read yet (newest first), then the sites
    await waitFor(() => options() === 3);
    expect(read()).toContain('whales');
    expect(orderBy.mock.calls.map((c) => c[0])).toEqual(['siteName']);
    render(null, root);
    orderBy.mockClear();
    bulkGet.mockRestore();

    resetSearchCache(db);
    await act(() => render(<SearchPanel db={db} onOpen={() => {}} quietMs={60_000} />, root));
    await act(() => void root.querySelectorAll('select')[1]!.dispatchEvent(new FocusEvent('focus')));
    await waitFor(() => options() === 3);
    expect(orderBy.mock.calls.map((c) => c[0])).toEqual(['siteName']);
    orderBy.mockRestore();
  });

  it('starts reading the postings of a keystroke before rendering it, and the search shares those reads', async () => {
    await act(() => render(<SearchPanel db={db} onOpen={() => {}} />, root));
    const where = vi.spyOn(db.terms, 'where');
    let rendered = -1;
    // outside act: Preact renders the keystroke after the input handler has returned
    box().value = 'minis';
    box().dispatchEvent(new Event('input', { bubbles: true }));
    rendered = where.mock.calls.length;
    await waitFor(() => items().length > 0);
    expect(titles()[0]).toBe('Minister resigns');
    expect(rendered).toBeGreaterThan(0);
    // the search after the render read nothing more for the word: the primed reads were shared
    expect(where.mock.calls.length).toBe(rendered);
    where.mockRestore();
  });

  it('filters by site and date range', async () => {
    await act(() => render(<SearchPanel db={db} onOpen={() => {}} debounceMs={0} />, root));
    await waitFor(() => root.querySelectorAll('select')[1]!.querySelectorAll('option').length === 3);
    await type('minister');
    await waitFor(() => items().length === 2);
    await act(() => {
      const site = root.querySelectorAll('select')[1]!;
      site.value = 'the Guardian';
      site.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await waitFor(() => items().length === 1 && titles()[0] === 'Minister resigns');
    await act(() => {
      const from = root.querySelector<HTMLInputElement>('input[type="date"]')!;
      from.value = '2024-06-01';
      from.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await waitFor(() => root.querySelector('[role="status"]'));
  });

  it('shows more results when asked, and the first page again for a new search', async () => {
    await act(() => render(<SearchPanel db={db} onOpen={() => {}} debounceMs={0} limit={1} />, root));
    await type('minister');
    await waitFor(() => items().length === 1);
    const more = () => [...root.querySelectorAll('button')].find((b) => b.textContent === 'More results');
    await act(() => more()!.click());
    await waitFor(() => items().length === 2);
    expect(more()).toBeDefined(); // as many as asked for: there may be more
    await act(() => more()!.click());
    await waitFor(() => !more()); // fewer than asked for: all are shown
    expect(items()).toHaveLength(2);
    await type('ministe');
    await waitFor(() => items().length === 1);
  });

  it('filters the date range on the day saved, or on the day published when asked', async () => {
    await act(() => render(<SearchPanel db={db} onOpen={() => {}} debounceMs={0} />, root));
    await type('minister');
    await waitFor(() => items().length === 2);
    const dates = root.querySelectorAll<HTMLInputElement>('input[type="date"]');
    await act(() => {
      for (const d of dates) {
        d.value = d === dates[0] ? '2015-01-01' : '2015-12-31';
        d.dispatchEvent(new Event('input', { bubbles: true }));
      }
    });
    // saved in 2024: nothing saved in 2015
    await waitFor(() => root.querySelector('[role="status"]')?.textContent === 'No clippings match “minister” with these filters.');
    await act(() => {
      const field = [...root.querySelectorAll('select')].find((s) => s.closest('label')?.textContent?.startsWith('Dates'))!;
      field.value = 'published';
      field.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await waitFor(() => items().length === 1 && titles()[0] === 'Minister resigns');
  });
});
