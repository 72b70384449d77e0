// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { openDb, type ClipmarkDB } from '@/utils/db';
import { indexClipping } from '@/utils/search';
import { fixturePage, makeClipping, put, seedExtras } from '@/fixtures/test-data';
import { ArchivePanel } from '@/components/ArchivePanel';
import { waitFor } from '@/components/test-render';

let db: ClipmarkDB;
let root: HTMLElement;
let n = 0;
const noon = (y: number, m: number, d: number) => new Date(y, m - 1, d, 12).getTime();

beforeEach(async () => {
  db = openDb(`archive-panel-${++n}`);
  await db.open();
  const seed = fixturePage('seed-page');
  const ex = seedExtras('seed');
  await put(
    db,
    [
      makeClipping({ id: 'seed', title: seed.title, text: seed.text, savedAt: noon(2024, 4, 27), publishedTime: '2024-04-26T10:00:00Z' }),
      makeClipping({ id: 'later', title: 'Drones over Israel, two weeks on', text: 'On April 13 Shoigu said nothing.', savedAt: noon(2024, 4, 27) + 60_000, publishedTime: '2024-04-27T09:00:00Z' }),
      makeClipping({ id: 'may', title: 'May story', text: 'Nothing to see.', savedAt: noon(2024, 5, 3) }),
    ],
    [],
    [...ex.entities, { clippingId: 'later', kind: 'person', canonical: 'Sergei Shoigu', key: 'sergei shoigu', surfaces: ['Shoigu'], mentions: 1 }],
    [...ex.dates, { clippingId: 'later', role: 'mentioned', value: '2024-04-13', precision: 'day', text: 'April 13' }],
  );
  for (const id of ['seed', 'later', 'may']) await indexClipping(db, id);
  root = document.createElement('div');
  document.body.appendChild(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  db.close();
});

const tab = (name: string) => [...root.querySelectorAll<HTMLButtonElement>('[role="tab"]')].find((t) => t.textContent === name)!;
const headings = (sel: string) => [...root.querySelectorAll(sel)].map((h) => h.textContent);
const listed = () => [...root.querySelectorAll('[role="tabpanel"] [role="listitem"] .clipping-title')].map((t) => t.textContent);

describe('ArchivePanel', () => {
  it('lists clippings under their saving day and month, with tabs for the views', async () => {
    const onOpen = vi.fn();
    await act(() => render(<ArchivePanel db={db} onOpen={onOpen} />, root));
    await waitFor(() => root.querySelector('h4'));
    expect(root.querySelector('[role="tablist"]')).not.toBeNull();
    expect(tab('Saved').getAttribute('aria-selected')).toBe('true');
    expect(headings('h3')).toEqual(['May 2024 (1)', 'April 2024 (2)']);
    expect(headings('h4')).toEqual(['Friday, May 3, 2024', 'Saturday, April 27, 2024']);
    const april = root.querySelectorAll('section.day')[1]!;
    expect([...april.querySelectorAll('.clipping-title')].map((t) => t.textContent)).toEqual(['Drones over Israel, two weeks on', 'Iran DM discusses cooperation with China, Russia']);
    await act(() => april.querySelector<HTMLButtonElement>('button')!.click());
    expect(onOpen).toHaveBeenCalledWith('later');
  });

  it('switches to published days with the arrow keys', async () => {
    await act(() => render(<ArchivePanel db={db} onOpen={() => {}} />, root));
    await waitFor(() => root.querySelector('h4'));
    await act(() => {
      tab("Saved").dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    });
    expect(tab('Published').getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(tab('Published'));
    await waitFor(() => headings('h4')[0] === 'Saturday, April 27, 2024');
    expect(headings('h4')).toEqual(['Saturday, April 27, 2024', 'Friday, April 26, 2024']);
  });

  it('shows the timeline of mentioned dates, and the clippings of one date', async () => {
    await act(() => render(<ArchivePanel db={db} onOpen={() => {}} view="mentioned" />, root));
    const first = await waitFor(() => root.querySelector<HTMLButtonElement>('.timeline button'));
    expect(first.textContent).toBe('April 13, 2024 — mentioned in 2 clippings');
    expect(first.querySelector('time')!.getAttribute('datetime')).toBe('2024-04-13');
    await act(() => first.click());
    await waitFor(() => root.querySelectorAll('.timeline li li').length === 2);
    expect([...root.querySelectorAll('.timeline li li .clipping-title')].map((t) => t.textContent)).toEqual(['Drones over Israel, two weeks on', 'Iran DM discusses cooperation with China, Russia']);
  });

  it('lists the most mentioned entities before anything is typed', async () => {
    await act(() => render(<ArchivePanel db={db} onOpen={() => {}} view="entity" />, root));
    const chips = await waitFor(() => {
      const list = root.querySelector('[aria-label="Most mentioned entities"]');
      return list && list.querySelectorAll('button.chip').length > 1 ? [...list.querySelectorAll('button.chip')] : null;
    });
    expect(chips[0]!.textContent).toBe('Person: Sergei Shoigu (2)');
    const counts = chips.map((c) => Number(/\((\d+)\)$/.exec(c.textContent!)![1]));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('finds an entity by last name and lists every clipping that mentions it', async () => {
    await act(() => render(<ArchivePanel db={db} onOpen={() => {}} view="entity" />, root));
    const input = root.querySelector<HTMLInputElement>('.entities input')!;
    await act(() => {
      input.value = 'shoigu';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const chip = await waitFor(() => root.querySelector<HTMLButtonElement>('button.chip-person'));
    expect(chip.textContent).toBe('Person: Sergei Shoigu (2)');
    await act(() => chip.click());
    await waitFor(() => root.querySelector('section[aria-label="Sergei Shoigu"]'));
    expect(root.querySelector('.entities .count')!.textContent).toBe('Mentioned in 2 clippings (as Sergei Shoigu, Shoigu)');
    expect(listed()).toEqual(['Drones over Israel, two weeks on', 'Iran DM discusses cooperation with China, Russia']);
  });

  it('opens straight on an entity page and follows the database as it changes', async () => {
    await act(() => render(<ArchivePanel db={db} onOpen={() => {}} entity={{ kind: 'place', key: 'damascus' }} />, root));
    expect(tab('Entities').getAttribute('aria-selected')).toBe('true');
    await waitFor(() => listed().length === 1);
    await db.entities.add({ clippingId: 'may', kind: 'place', canonical: 'Damascus', key: 'damascus', surfaces: ['Damascus'], mentions: 1 });
    await waitFor(() => listed().length === 2);
    expect(listed()[0]).toBe('May story');
  });
});
