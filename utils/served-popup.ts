import type { ClippingCardRow } from '@/utils/db';
import { cardsUnder, type VersionedCards } from '@/utils/recent-mirror';

/**
 * The popup page as the background serves it (utils/popup-serve.ts): the packaged popup.html with the recent list
 * already in its markup, so that the list is painted with the document, before any script of the page has run
 * (an extension page's first script runs 40-60 ms after its document starts, on these machines). The cards travel
 * with it as inert JSON, under the version of the address they were read for, so that popup-early.js hands the
 * popup's code exactly what the markup shows (its first render hydrates that markup).
 */
export const SERVED_ID = 'clipmark-recent-served';
/** A performance mark set where the list came in the served page (tests and benchmarks read it). */
export const SERVED_MARK = 'clipmark:recent-served';

const HEADING = '<h2 id="saved-heading">Recently saved</h2>';
const EARLY_SRC = 'src="/popup-early.js"';

/**
 * popup.html's text with `listMarkup` (the cards' ClippingList) after the "Recently saved" heading and the cards
 * as JSON before popup-early.js. null when the page does not have the places they go (a changed page: the
 * background then serves nothing and the packaged page loads as before).
 */
export function servedPopupHtml(template: string, version: string, cards: ClippingCardRow[], listMarkup: string): string | null {
  const heading = template.indexOf(HEADING);
  const src = template.indexOf(EARLY_SRC);
  const script = src < 0 ? -1 : template.lastIndexOf('<script', src);
  if (heading < 0 || script < heading) return null;
  const at = heading + HEADING.length;
  // `<` escaped: no text in a title can close the element early.
  const json = JSON.stringify({ version, cards } satisfies VersionedCards).replace(/</g, '\\u003c');
  const data = `<script type="application/json" id="${SERVED_ID}">${json}</script>`;
  return template.slice(0, at) + listMarkup + template.slice(at, script) + data + template.slice(script);
}

/** The cards a served page came with, if they were read for `version` (the page's own address); null otherwise. */
export function readServed(doc: Pick<Document, 'getElementById'>, version: string | null): ClippingCardRow[] | null {
  return cardsUnder(version ? doc.getElementById(SERVED_ID)?.textContent : null, version);
}
