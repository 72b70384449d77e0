import type { SaveOutcome } from '@/utils/protocol';

/**
 * The context menu (product part 4: page, selection, link). On a page: save it. On a selection: highlight the passage,
 * then save the page with it. On a link: save the linked page without opening it. Each outcome is told to the reader
 * on the page they are on (utils/save-notice.ts), since a menu has no popup to show it in.
 */

export const MENU_ITEMS = [
  { id: 'clipmark-save', title: 'Save page to Clipmark', contexts: ['page'] },
  { id: 'clipmark-save-selection', title: 'Save page to Clipmark with this passage highlighted', contexts: ['selection'] },
  { id: 'clipmark-save-link', title: 'Save linked page to Clipmark', contexts: ['link'] },
] as const;

export type MenuItemId = (typeof MENU_ITEMS)[number]['id'];

/** The parts of contextMenus.OnClickData read here (linkText: Firefox only). */
export interface MenuClick {
  menuItemId: string | number;
  linkUrl?: string;
  linkText?: string;
  selectionText?: string;
}

export interface MenuActions {
  saveTab(tabId: number): Promise<SaveOutcome>;
  saveLink(url: string, text?: string): Promise<SaveOutcome>;
  /** Highlights the tab's selection; false where there is none or Clipmark is off there, null where the page cannot be reached. */
  highlightSelection(tabId: number): Promise<boolean | null>;
  announce(tabId: number | undefined, outcome: SaveOutcome): Promise<void>;
}

/** Carries out one menu click and tells the reader its outcome; null for an item that is not Clipmark's. */
export async function menuClicked(info: MenuClick, tabId: number | undefined, act: MenuActions): Promise<SaveOutcome | null> {
  const id = String(info.menuItemId);
  let outcome: SaveOutcome;
  if (id === 'clipmark-save-link') {
    if (!info.linkUrl) return null;
    outcome = await act.saveLink(info.linkUrl, info.linkText ?? info.selectionText);
  } else if (id === 'clipmark-save' || id === 'clipmark-save-selection') {
    if (tabId == null) return null;
    const highlighted = id === 'clipmark-save-selection' ? await act.highlightSelection(tabId).catch(() => null) : false;
    outcome = await act.saveTab(tabId);
    if (outcome.ok && id === 'clipmark-save-selection') {
      outcome = { ...outcome, message: `${outcome.message}${highlighted ? ' The passage is highlighted.' : ' The passage could not be highlighted here.'}` };
    }
  } else return null;
  await act.announce(tabId, outcome);
  return outcome;
}
