import type { ClippingCardRow } from '@/utils/db';

/**
 * A copy of the popup's "Recently saved" cards in the extension's localStorage, which popup-early.js reads in one
 * or two milliseconds as popup.html starts, where opening IndexedDB and reading the cards takes 20-60 ms.
 *
 * The copy is trusted only under the version it was written for. The background gives the toolbar's popup a new
 * address (`popup.html?v=…`, action.setPopup) once every write to the clippings has committed (utils/popup-version.ts),
 * and whoever reads the cards from the database under a version writes the copy under that version. So a copy
 * made before the last save, delete or import is never shown: the popup of a newer version finds none and reads
 * the database, as it did before this copy existed. A popup opened without a version (the address the manifest
 * gives, before the background has set one; a popup.html opened in a tab) never uses or writes a copy.
 */
export const MIRROR_KEY = 'clipmark:recent-cards';
export const VERSION_PARAM = 'v';

/** The cards and the version they were read under: the copy's format, and the served popup page's (served-popup.ts). */
export interface VersionedCards {
  version: string;
  cards: ClippingCardRow[];
}

/** The cards of a VersionedCards JSON text, if they were read under `version`; null otherwise, or on anything unexpected. */
export function cardsUnder(json: string | null | undefined, version: string | null): ClippingCardRow[] | null {
  if (!version || !json) return null;
  try {
    const m = JSON.parse(json) as Partial<VersionedCards> | null;
    return m && m.version === version && Array.isArray(m.cards) ? m.cards : null;
  } catch {
    return null;
  }
}

/** The version in a popup's address, or null. */
export function versionOf(href: string): string | null {
  try {
    return new URL(href).searchParams.get(VERSION_PARAM) || null;
  } catch {
    return null;
  }
}

/** A version no earlier one can equal: the time and a random part. */
export function newVersion(now = Date.now()): string {
  return `${now.toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/** The popup's address for a version (relative to the extension's root, as action.setPopup takes it). */
export function popupPath(version: string): string {
  return `popup.html?${VERSION_PARAM}=${encodeURIComponent(version)}`;
}

/** The copy's first `limit` cards, if it was written under `version`; null otherwise, or on anything unexpected. */
export function readMirror(storage: Pick<Storage, 'getItem'> | undefined, version: string | null, limit: number): ClippingCardRow[] | null {
  if (!version || !storage) return null;
  try {
    return cardsUnder(storage.getItem(MIRROR_KEY), version)?.slice(0, limit) ?? null;
  } catch {
    return null; // a storage the browser refuses
  }
}

/** Keeps the cards read from the database under `version`; a full or missing storage only loses the copy. */
export function writeMirror(storage: Pick<Storage, 'setItem'> | undefined, version: string | null, cards: ClippingCardRow[]): void {
  if (!version || !storage) return;
  try {
    storage.setItem(MIRROR_KEY, JSON.stringify({ version, cards } satisfies VersionedCards));
  } catch {
    // quota or a storage the browser refuses: the next popup reads the database, as without a copy
  }
}
