import { describe, expect, it } from 'vitest';
import { MENU_ITEMS, menuClicked, type MenuActions } from '@/utils/menus';
import type { SaveOutcome } from '@/utils/protocol';

const saved = (message: string): SaveOutcome => ({ ok: true, created: true, message, clipping: { id: 'c1', title: 'A story', canonicalUrl: 'https://news.example/a', isArticle: true, savedAt: 1 } });

function actions(opts: { highlight?: boolean | null } = {}) {
  const calls: string[] = [];
  const told: [number | undefined, SaveOutcome][] = [];
  const act: MenuActions = {
    saveTab: async (id) => (calls.push(`saveTab ${id}`), saved('Article saved.')),
    saveLink: async (url, text) => (calls.push(`saveLink ${url} ${text}`), saved('Article saved.')),
    highlightSelection: async (id) => (calls.push(`highlight ${id}`), 'highlight' in opts ? opts.highlight! : true),
    announce: async (id, o) => void told.push([id, o]),
  };
  return { act, calls, told };
}

describe('the context menu', () => {
  it('offers saving on pages, selections and links', () => {
    expect(MENU_ITEMS.map((m) => m.contexts[0])).toEqual(['page', 'selection', 'link']);
  });

  it('saves the page, and tells the reader on it', async () => {
    const { act, calls, told } = actions();
    await menuClicked({ menuItemId: 'clipmark-save' }, 4, act);
    expect(calls).toEqual(['saveTab 4']);
    expect(told).toEqual([[4, saved('Article saved.')]]);
  });

  it('highlights the selection first, then saves the page with it', async () => {
    const { act, calls, told } = actions();
    const out = await menuClicked({ menuItemId: 'clipmark-save-selection', selectionText: 'a passage' }, 4, act);
    expect(calls).toEqual(['highlight 4', 'saveTab 4']);
    expect(out).toMatchObject({ ok: true, message: 'Article saved. The passage is highlighted.' });
    expect(told[0]![1]).toBe(out);
  });

  it('still saves the page where the passage cannot be highlighted, and says so', async () => {
    for (const highlight of [false, null]) {
      const { act, calls } = actions({ highlight });
      const out = await menuClicked({ menuItemId: 'clipmark-save-selection' }, 4, act);
      expect(calls).toEqual(['highlight 4', 'saveTab 4']);
      expect(out).toMatchObject({ ok: true, message: 'Article saved. The passage could not be highlighted here.' });
    }
  });

  it('saves a link’s page without opening it, with the link’s text', async () => {
    const { act, calls, told } = actions();
    await menuClicked({ menuItemId: 'clipmark-save-link', linkUrl: 'https://news.example/b', linkText: 'B story' }, 4, act);
    expect(calls).toEqual(['saveLink https://news.example/b B story']);
    expect(told).toHaveLength(1);
  });

  it('ignores items that are not its own, and clicks without a tab or a link', async () => {
    const { act, calls, told } = actions();
    expect(await menuClicked({ menuItemId: 'other-extension-item' }, 4, act)).toBeNull();
    expect(await menuClicked({ menuItemId: 'clipmark-save' }, undefined, act)).toBeNull();
    expect(await menuClicked({ menuItemId: 'clipmark-save-link' }, 4, act)).toBeNull();
    expect(calls).toEqual([]);
    expect(told).toEqual([]);
  });
});
