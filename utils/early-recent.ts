import type { ClippingCardRow } from '@/utils/db';
import { readMirror, writeMirror } from '@/utils/recent-mirror';
import { SERVED_MARK } from '@/utils/served-popup';

/**
 * The popup's first list, read before its application code has loaded: a classic script in popup.html
 * (entrypoints/popup-early.ts) opens the database with plain IndexedDB, without Dexie, and reads the newest
 * cards from the `cards` savedAt index, while the browser is still fetching and compiling the popup's
 * modules. The popup shows these on its first render; its live query (Dexie) reads the same rows and
 * keeps the list current afterwards. Both reads happen at the same moment, so nothing stale is shown. Where the
 * popup's address carries the version its localStorage copy was written under (utils/recent-mirror.ts), that
 * copy is shown at once instead, and the database is not opened here at all; where the background served the page
 * with its list for that version (utils/served-popup.ts), the list is in the page already and its cards are used.
 */
export interface EarlyRecent {
  /** Set when the read is done: the cards, or null when it could not be done (no database yet, an error). */
  cards?: ClippingCardRow[] | null;
  done: Promise<ClippingCardRow[] | null>;
  /**
   * Called by the popup's code as it takes the page over: shows the list now if it is read and not shown yet
   * (so that the page holds what the popup's first render holds), then never touches the page again.
   */
  handOff(): void;
}

/**
 * Shows the cards in the page before the popup's code has loaded. Returns what to release at the hand-off (its
 * listeners), or false when the page is not parsed that far yet (the hand-off shows them then).
 */
export type ShowEarly = (cards: ClippingCardRow[], inPage?: boolean) => { release(): void } | false;

/** The recent list's copy in localStorage and the version of the popup's address (utils/recent-mirror.ts). */
export interface EarlyMirror {
  storage: Storage;
  version: string | null;
  /** The cards the page came with, when the background served it with its list (utils/served-popup.ts). */
  served?: ClippingCardRow[] | null;
}

const KEY = '__clipmarkRecent';
/** A performance mark set where the list was shown from the copy. */
export const FROM_COPY_MARK = 'clipmark:recent-from-copy';
/** How many clippings the popup lists as "Recently saved". */
export const RECENT_LIMIT = 50;

/** IDBIndex.getAllRecords (Chromium 141+; not yet in TypeScript's DOM types). */
type IndexWithRecords = IDBIndex & {
  getAllRecords?: (options: { count?: number; direction?: IDBCursorDirection }) => IDBRequest<{ value: ClippingCardRow }[]>;
};

/**
 * The newest `limit` cards, newest first, equal times by descending id (as Dexie's reverse savedAt read).
 * null when there is no database yet (it is never created here), no cards table, or any error.
 */
export function readRecentCards(idb: IDBFactory, name: string, limit: number): Promise<ClippingCardRow[] | null> {
  return new Promise((resolve) => {
    let req: IDBOpenDBRequest;
    try {
      req = idb.open(name);
    } catch {
      return resolve(null);
    }
    // No database yet: do not create an empty one (Dexie creates it with its schema).
    req.onupgradeneeded = () => req.transaction?.abort();
    req.onerror = (e) => {
      e.preventDefault();
      resolve(null);
    };
    req.onblocked = () => resolve(null);
    req.onsuccess = () => {
      const db = req.result;
      const done = (v: ClippingCardRow[] | null) => {
        db.close();
        resolve(v);
      };
      try {
        if (!db.objectStoreNames.contains('cards')) return done(null);
        const index = db.transaction('cards', 'readonly').objectStore('cards').index('savedAt') as IndexWithRecords;
        // One request where the browser has getAllRecords (Chromium 141+); a cursor otherwise.
        if (typeof index.getAllRecords === 'function') {
          const all = index.getAllRecords({ count: limit, direction: 'prev' });
          all.onsuccess = () => done(all.result.map((r) => r.value));
          all.onerror = (e) => {
            e.preventDefault();
            done(null);
          };
          return;
        }
        const out: ClippingCardRow[] = [];
        const cursor = index.openCursor(null, 'prev');
        cursor.onsuccess = () => {
          const c = cursor.result;
          if (c && out.length < limit) {
            out.push(c.value as ClippingCardRow);
            c.continue();
          } else done(out);
        };
        cursor.onerror = (e) => {
          e.preventDefault();
          done(null);
        };
      } catch {
        done(null);
      }
    };
  });
}

/**
 * Start the early read (popup-early.js) and leave it where the popup's code will find it. With `show`, the
 * cards are put in the page as soon as they are read, while the popup's modules are still loading; the popup's
 * code then adopts that markup (entrypoints/popup/mount.ts) rather than building it again.
 */
export function startEarlyRecent(idb: IDBFactory, name: string, limit: number, show?: ShowEarly, mirror?: EarlyMirror): EarlyRecent {
  let handedOff = false;
  let shown: { release(): void } | false = false;
  const served = mirror?.served ? mirror.served.slice(0, limit) : null;
  const tryShow = () => {
    if (!shown && show && early.cards) shown = show(early.cards, early.cards === served);
  };
  // The page came with its list, or the copy is current by the popup's address: shown now, without the database.
  const copied = served ?? (mirror ? readMirror(mirror.storage, mirror.version, limit) : null);
  const early: EarlyRecent = {
    cards: copied ?? undefined,
    done: copied ? Promise.resolve(copied) : readRecentCards(idb, name, limit).then((cards) => {
      if (cards && mirror) writeMirror(mirror.storage, mirror.version, cards);
      return cards;
    }),
    handOff() {
      if (handedOff) return;
      tryShow();
      handedOff = true;
      if (shown) shown.release();
    },
  };
  if (copied) {
    // seen by tests and benchmarks: this popup's list came with the page, or from the copy
    globalThis.performance?.mark?.(served ? SERVED_MARK : FROM_COPY_MARK);
    tryShow();
    // the next popup of this version whose page is not served (the background's worker stopped) finds the copy
    if (served && mirror) setTimeout(() => writeMirror(mirror.storage, mirror.version, served), 0);
  } else void early.done.then((cards) => {
    early.cards = cards;
    if (!handedOff) tryShow();
  });
  (globalThis as Record<string, unknown>)[KEY] = early;
  return early;
}

/** The early read, if popup-early.js ran in this page. */
export function earlyRecent(): EarlyRecent | undefined {
  return (globalThis as Record<string, unknown>)[KEY] as EarlyRecent | undefined;
}
