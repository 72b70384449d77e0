/**
 * Functions run inside a web page by a test (Playwright's or puppeteer's `page.evaluate`): self-contained, they
 * use nothing from this module's scope.
 */

/**
 * Selects the first occurrence of `text` inside the element `within`, scrolled into view, as the keyboard would;
 * returns a point at the selection's end, for a mouse to act there.
 */
export function selectText([text, within]: readonly [string, string]): { x: number; y: number } {
  const root = document.querySelector(within)!;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const i = (n as Text).data.indexOf(text);
    if (i < 0) continue;
    (n.parentElement ?? root).scrollIntoView({ block: 'center' });
    const r = document.createRange();
    r.setStart(n, i);
    r.setEnd(n, i + text.length);
    const s = getSelection()!;
    s.removeAllRanges();
    s.addRange(r);
    const b = r.getBoundingClientRect();
    return { x: b.right - 1, y: b.top + b.height / 2 };
  }
  throw new Error(`text not found: ${text}`);
}
