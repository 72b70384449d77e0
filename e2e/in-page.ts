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

/** Texts of the ranges painted under a highlight name (the CSS Custom Highlight API registry); none without it. */
export function paintedTexts(name: string): string[] {
  const h = (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights?.get(name);
  return h ? [...h].map((r) => r.toString()) : [];
}

/** How many ranges painted under these highlight names lie in the page's header, navigation, sidebars, footer or cookie banner. */
export function paintedOutsideArticle(names: string[]): number {
  const reg = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
  const chrome = [...document.querySelectorAll('.site-header, nav, aside, footer, .cookie-notice')];
  return names.flatMap((n) => [...(reg.get(n) ?? [])]).filter((r) => chrome.some((c) => c.contains(r.commonAncestorContainer))).length;
}
