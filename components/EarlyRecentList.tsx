import { renderToString } from 'preact-render-to-string';
import type { ClippingCardRow } from '@/utils/db';
import type { ShowEarly } from '@/utils/early-recent';
import { ClippingList } from '@/components/ClippingList';

/** Where the popup's first render puts its "Recently saved" list (App's idle view). */
export const RECENT_SECTION = 'section[aria-labelledby="saved-heading"]';

const noOpen = () => {};

/**
 * The cards as the popup's first render lists them (buttons that open the reader), as markup: what popup-early.js
 * puts in the shell, and what the background puts in the popup page it serves (utils/popup-serve.ts).
 */
export function recentListMarkup(cards: ClippingCardRow[]): string {
  return renderToString(<ClippingList clippings={cards} onOpen={noOpen} />);
}

/**
 * popup-early.js's list: the same ClippingList the popup renders, as markup, put into the page's static shell
 * (entrypoints/popup/index.html) as soon as the cards are read, or already in the page the background served
 * (`inPage`). Clicks open the reader through one listener on the document until the popup's code takes over (it
 * adopts this markup and its own handlers replace that one). Markup without handlers, rather than a second Preact
 * render, so that no element ends with two click handlers.
 */
export function earlyRecentList(doc: Document, open: (clippingId: string) => void): ShowEarly {
  return (cards: ClippingCardRow[], inPage?: boolean) => {
    const section = doc.querySelector(RECENT_SECTION);
    if (!section) return false;
    // a page the background served has the list already (utils/served-popup.ts): only its clicks are wired here
    if (!inPage) section.insertAdjacentHTML('beforeend', recentListMarkup(cards));
    const onClick = (e: Event) => {
      const title = (e.target as Element | null)?.closest?.('.clipping-title');
      const id = title?.closest('li[data-clipping-id]')?.getAttribute('data-clipping-id');
      if (id) open(id);
    };
    doc.addEventListener('click', onClick);
    return { release: () => doc.removeEventListener('click', onClick) };
  };
}
