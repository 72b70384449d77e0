import Dexie from 'dexie';
import { newVersion, popupPath, versionOf } from '@/utils/recent-mirror';

/** The toolbar action's popup address: Chrome's MV3 `action` or Firefox MV2's `browserAction`. */
export interface PopupAction {
  getPopup(details: Record<string, never>): Promise<string>;
  setPopup(details: { popup: string }): Promise<void>;
}

/**
 * The background's half of the recent list's copy (utils/recent-mirror.ts): the toolbar popup's address carries a
 * version, new after every committed write to the clippings, so that the popup never trusts a copy made before it.
 * `onCommitted` subscribes to committed writes of the clippings (see clippingsCommitted). On start, a popup address
 * without a version (the manifest's, after the browser started) is given one. Writes committed together (one burst
 * of transactions in a task) give one new version.
 */
export function keepPopupVersion(
  action: PopupAction,
  onCommitted: (listener: () => void) => void,
  log: (msg: string) => void = () => {},
): { ready: Promise<void> } {
  let queued = false;
  const set = () => action.setPopup({ popup: popupPath(newVersion()) }).catch((e: unknown) => log(`popup version: ${String(e)}`));
  onCommitted(() => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      void set();
    });
  });
  const ready = action.getPopup({}).then((href) => (versionOf(href) ? undefined : set()), (e: unknown) => log(`popup version: ${String(e)}`));
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
