import type { SaveOutcome } from '@/utils/protocol';

/**
 * What a save made without the popup (the keyboard shortcut, the context menu) tells the reader: a short notice on
 * the page they are on, or, where the browser lets no extension into the page (its own pages, extension stores),
 * the toolbar badge and its tooltip. The popup shows its own saves' outcomes itself.
 */

export const NOTICE_HOST_ID = 'clipmark-notice';

/**
 * Shows one notice in the page, above everything, in a shadow root (the page's CSS cannot reach it, nor ours leak). It is run
 * in the tab by scripting.executeScript, so it is self-contained: it may use nothing from outside. A notice replaces
 * the one before; it goes after a few seconds, or on a click. Announced to screen readers (status; alert on failure).
 */
export function pageNotice(message: string, ok: boolean): void {
  const doc = document;
  doc.getElementById('clipmark-notice')?.remove();
  // an element of its own on <html>, as the page UI: a page's rules for its divs, or a transform on its body (which
  // would make "fixed" scroll with it), do not reach it
  const host = doc.createElement('clipmark-notice');
  host.id = 'clipmark-notice';
  host.setAttribute('style', 'all:initial!important;display:block!important;position:fixed!important;top:16px!important;right:16px!important;'
    + 'z-index:2147483647!important;visibility:visible!important;opacity:1!important;transform:none!important');
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = [
    '.n{box-sizing:border-box;max-width:min(380px,calc(100vw - 32px));padding:10px 14px;border-radius:8px;cursor:pointer;',
    'font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;background:#fff;color:#111827;',
    `box-shadow:0 4px 18px rgba(0,0,0,.22);border-left:4px solid ${ok ? '#15803d' : '#b91c1c'}}`,
    '.t{display:block;font-weight:600;margin-bottom:2px}',
    '@media (prefers-color-scheme:dark){.n{background:#1f2937;color:#f9fafb}}',
  ].join('');
  const box = doc.createElement('div');
  box.className = 'n';
  box.setAttribute('role', ok ? 'status' : 'alert');
  root.append(style, box);
  doc.documentElement.append(host);
  const close = () => host.remove();
  box.addEventListener('click', close);
  // filled once in the page, so that assistive technology hears the live region change
  setTimeout(() => {
    const title = doc.createElement('span');
    title.className = 't';
    title.textContent = 'Clipmark';
    box.append(title, doc.createTextNode(message));
  }, 50);
  setTimeout(close, ok ? 5_000 : 10_000);
}

export interface NoticePort {
  /** Runs pageNotice in the tab's top frame; false where the browser refuses. */
  showInPage(tabId: number, message: string, ok: boolean): Promise<boolean>;
  setBadge(tabId: number, text: string, title: string): Promise<void>;
}

/** Tells the reader how a save made from the shortcut or the menu went. Never throws. */
export async function announceSave(port: NoticePort, tabId: number | undefined, outcome: SaveOutcome): Promise<void> {
  if (tabId == null) return;
  const message = outcome.ok && !outcome.message.includes(outcome.clipping.title) && outcome.clipping.title
    ? `${outcome.message} “${outcome.clipping.title.slice(0, 120)}”`
    : outcome.message;
  const shown = await port.showInPage(tabId, message, outcome.ok).catch(() => false);
  // where no notice can be shown (the browser's or Clipmark's own pages), the toolbar badge says how it went, until the
  // tab loads again or is saved: a failure must not go unseen, nor a link saved from there
  if (!shown) await port.setBadge(tabId, outcome.ok ? '✓' : '!', `Clipmark: ${message}`).catch(() => undefined);
}
