import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';

/** Render into a fresh container attached to the document; returns it and a cleanup. */
export function mount(ui: ComponentChild): { root: HTMLElement; rerender: (ui: ComponentChild) => void; unmount: () => void } {
  const root = document.createElement('div');
  document.body.append(root);
  act(() => render(ui, root));
  return {
    root,
    rerender: (next) => act(() => render(next, root)),
    unmount: () => {
      act(() => render(null, root));
      root.remove();
    },
  };
}

export function click(el: Element | null | undefined): void {
  if (!el) throw new Error('nothing to click');
  act(() => (el as HTMLElement).click());
}

export function key(el: Element | null | undefined, k: string, init: KeyboardEventInit = {}): void {
  if (!el) throw new Error('no element for key');
  act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init }));
  });
}

/** A button by its accessible name (aria-label, else text). */
export function button(root: ParentNode, name: string | RegExp): HTMLButtonElement | undefined {
  return [...root.querySelectorAll('button')].find((b) => {
    const n = (b.getAttribute('aria-label') ?? b.textContent ?? '').trim();
    return typeof name === 'string' ? n === name : name.test(n);
  });
}

/** Poll `fn` (letting Preact render and promises settle between tries) until it gives a truthy value. */
export async function waitFor<T>(fn: () => T | null | undefined | false, ms = 3000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('waitFor timed out');
    await act(() => new Promise((r) => setTimeout(r, 10)));
  }
}
