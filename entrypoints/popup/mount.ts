import { hydrate, render, type VNode } from 'preact';
import { earlyRecent } from '@/utils/early-recent';

/**
 * Start the popup's code on its page. The page already shows the static shell and, often, the recent list that
 * popup-early.js put in it: hydrate() adopts that markup (same elements, so the focused searchbox keeps its
 * focus) and attaches the handlers. Keys typed before this code loaded are in the shell's searchbox: then the
 * shell is replaced, and the typed words are put in the popup's own searchbox and searched.
 */
export function mountPopup(root: HTMLElement, app: VNode): void {
  const typed = root.querySelector<HTMLInputElement>('input[role="searchbox"]')?.value ?? '';
  // The list read early is in the page now if it is read at all, as the first render below will have it.
  earlyRecent()?.handOff();
  if (!typed) return hydrate(app, root);
  root.replaceChildren();
  render(app, root);
  const box = root.querySelector<HTMLInputElement>('input[role="searchbox"]');
  if (!box) return;
  box.value = typed;
  box.dispatchEvent(new Event('input', { bubbles: true }));
}
