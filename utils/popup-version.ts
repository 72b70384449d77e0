import Dexie from 'dexie';
import { newVersion, popupPath, versionOf } from '@/utils/recent-mirror';

/** The toolbar action's popup address: Chrome's MV3 `action` or Firefox MV2's `browserAction`. */
export interface PopupAction {
  getPopup(details: Record<string, never>): Promise<string>;
  setPopup(details: { popup: string }): Promise<void>;
}

/** Told of the popup's versions: the page the background serves for an address (utils/popup-serve.ts). */
export interface VersionWatcher {
  /** A write to the clippings has committed: what was made for the current version is out of date now. */
  stale(): void;
  /** The toolbar's popup address carries `version` now: set after a write, or found on start (`atStart`). */
  current(version: string, atStart?: boolean): void;
}

/**
 * The background's half of the recent list's copy (utils/recent-mirror.ts): the toolbar popup's address carries a
 * version, new after every committed write to the clippings, so that the popup never trusts a copy made before it.
 * `onCommitted` subscribes to committed writes of the clippings (see clippingsCommitted). On start, a popup address
 * without a version (the manifest's, after the browser started) is given one. Writes committed together (one burst
 * of transactions in a task) give one new version. `watcher` hears of each commit at once, and of each version once
 * the address carries it.
 */
export function keepPopupVersion(
  action: PopupAction,
  onCommitted: (listener: () => void) => void,
  log: (msg: string) => void = () => {},
  watcher?: VersionWatcher,
): { ready: Promise<void> } {
  let queued = false;
  const set = () => {
    const version = newVersion();
    return action.setPopup({ popup: popupPath(version) }).then(() => watcher?.current(version), (e: unknown) => log(`popup version: ${String(e)}`));
  };
  onCommitted(() => {
    watcher?.stale();
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      void set();
    });
  });
  const ready = action.getPopup({}).then((href) => {
    const version = versionOf(href);
    if (!version) return set();
    watcher?.current(version, true);
  }, (e: unknown) => log(`popup version: ${String(e)}`));
  return { ready };
}

/** Subscribes to the committed writes to the clippings of `dbName`, in this context (Dexie's `storagemutated`). */
export function clippingsCommitted(dbName: string): (listener: () => void) => void {
  return (listener) => Dexie.on('storagemutated', (parts) => { if (touchesClippings(parts, dbName)) listener(); });
}

/** Whether a Dexie `storagemutated` event's parts include a write to the clippings (or to their cards) of `dbName`. */
export function touchesClippings(parts: Record<string, unknown>, dbName: string): boolean {
  const clippings = `idb://${dbName}/clippings/`;
  const cards = `idb://${dbName}/cards/`;
  return Object.keys(parts).some((k) => k.startsWith(clippings) || k.startsWith(cards));
}
