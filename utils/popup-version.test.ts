import { describe, expect, it, vi } from 'vitest';
import { clippingsCommitted, keepPopupVersion, touchesClippings, type PopupAction } from '@/utils/popup-version';
import { openDb } from '@/utils/db';
import { makeClipping } from '@/fixtures/test-data';
import { versionOf } from '@/utils/recent-mirror';

function fakeAction(initial: string) {
  let popup = initial;
  const set = vi.fn(async (d: { popup: string }) => { popup = `chrome-extension://abc/${d.popup}`; });
  const action: PopupAction = { getPopup: async () => popup, setPopup: set };
  return { action, set, current: () => popup };
}

function committedWrites() {
  let listener = () => {};
  return { subscribe: (l: () => void) => { listener = l; }, commit: () => listener() };
}

describe('the toolbar popup\'s version', () => {
  it('is given on start where the address has none (the manifest\'s, after the browser started)', async () => {
    const a = fakeAction('chrome-extension://abc/popup.html');
    await keepPopupVersion(a.action, committedWrites().subscribe).ready;
    expect(versionOf(a.current())).toBeTruthy();
  });

  it('is kept on start where it has one (the service worker restarted), so copies made under it stay good', async () => {
    const a = fakeAction('chrome-extension://abc/popup.html?v=old');
    await keepPopupVersion(a.action, committedWrites().subscribe).ready;
    expect(a.set).not.toHaveBeenCalled();
  });

  it('is new after every committed write to the clippings, once per burst', async () => {
    const a = fakeAction('chrome-extension://abc/popup.html?v=old');
    const w = committedWrites();
    await keepPopupVersion(a.action, w.subscribe).ready;
    w.commit();
    await vi.waitFor(() => expect(a.set).toHaveBeenCalledTimes(1));
    const first = versionOf(a.current());
    expect(first).not.toBe('old');
    w.commit();
    w.commit();
    await vi.waitFor(() => expect(a.set).toHaveBeenCalledTimes(2));
    await new Promise((r) => setTimeout(r, 10));
    expect(a.set).toHaveBeenCalledTimes(2);
    expect(versionOf(a.current())).not.toBe(first);
  });

  it('tells the page the background serves of each commit at once, and of each version once the address has it', async () => {
    const a = fakeAction('chrome-extension://abc/popup.html?v=old');
    const w = committedWrites();
    const heard: string[] = [];
    const watcher = { stale: () => heard.push('stale'), current: (v: string, atStart?: boolean) => heard.push(`${atStart ? 'start ' : ''}${v}`) };
    await keepPopupVersion(a.action, w.subscribe, undefined, watcher).ready;
    expect(heard).toEqual(['start old']);
    w.commit();
    expect(heard).toEqual(['start old', 'stale']);
    await vi.waitFor(() => expect(heard).toHaveLength(3));
    expect(heard[2]).toBe(versionOf(a.current()));
    // a version that could not be set is not served
    a.set.mockRejectedValueOnce(new Error('no action'));
    w.commit();
    await new Promise((r) => setTimeout(r, 10));
    expect(heard.slice(3)).toEqual(['stale']);
  });

  it('follows writes to the clippings or their cards, not to other tables or databases', () => {
    expect(touchesClippings({ 'idb://clipmark/clippings/': 1 }, 'clipmark')).toBe(true);
    expect(touchesClippings({ 'idb://clipmark/cards/savedAt': 1 }, 'clipmark')).toBe(true);
    expect(touchesClippings({ 'idb://clipmark/annotations/': 1, 'idb://clipmark/terms/': 1 }, 'clipmark')).toBe(false);
    expect(touchesClippings({ 'idb://other/clippings/': 1 }, 'clipmark')).toBe(false);
  });

  it('hears of a committed write to the clippings of its own database only', async () => {
    const db = openDb('popup-version-1');
    const other = openDb('popup-version-2');
    // (creating a database is heard as a write to all of it: both exist before listening)
    await Promise.all([db.open(), other.open()]);
    const heard = vi.fn();
    clippingsCommitted('popup-version-1')(heard);
    try {
      await other.clippings.add(makeClipping({ id: 'elsewhere', title: 'Elsewhere', savedAt: 1 }));
      await db.dates.add({ clippingId: 'x', value: '2024-04-13', precision: 'day', text: 'April 13' } as never);
      await new Promise((r) => setTimeout(r, 20));
      expect(heard).not.toHaveBeenCalled();
      await db.clippings.add(makeClipping({ id: 'one', title: 'One', savedAt: 1 }));
      await vi.waitFor(() => expect(heard).toHaveBeenCalled());
    } finally {
      await db.delete();
      await other.delete();
    }
  });
});
