import type { HighlightColor } from '@/utils/db';
import { MARK_TAG } from '@/utils/highlight';
import { PAINT_KINDS, type Settings } from '@/utils/settings';
import { HIGHLIGHT_CSS } from '@/utils/kinds';
import { FOCUS_HIGHLIGHT } from '@/utils/live/entity-focus';

/** The page-level styles for painted ranges: ::highlight() for the Highlight API, and the <clipmark-mark> fallback. */

export const USER_COLORS: Record<HighlightColor, string> = HIGHLIGHT_CSS;

export function highlightCss(settings: Settings): string {
  const rules: string[] = [];
  const rule = (name: string, bg: string, underline: boolean) => {
    const deco = underline ? `text-decoration: underline 2px ${bg}; text-underline-offset: 3px;` : '';
    const fill = underline ? `background-color: ${bg}66;` : `background-color: ${bg}; color: #000;`;
    rules.push(`::highlight(${name}) { ${fill} ${deco} }`);
    rules.push(`${MARK_TAG}[data-clipmark-name="${name}"] { ${fill} ${deco} display: inline; font: inherit; }`);
  };
  for (const k of PAINT_KINDS) rule(`clipmark-${k}`, settings.kinds[k].color, true);
  for (const [c, bg] of Object.entries(USER_COLORS)) rule(`clipmark-user-${c}`, bg, false);
  // The entity reached by keyboard: strong enough to find on the page, on top of its kind's colour.
  rules.push(`::highlight(${FOCUS_HIGHLIGHT}) { background-color: #1d4ed8; color: #fff; text-decoration: underline 3px #1d4ed8; }`);
  return rules.join('\n');
}

/**
 * Installs (or updates) the styles on the document without adding elements to it where the browser allows:
 * a constructed stylesheet in adoptedStyleSheets; a <style> element otherwise.
 */
export function applyHighlightCss(doc: Document, css: string, prev?: CSSStyleSheet | HTMLStyleElement): CSSStyleSheet | HTMLStyleElement {
  const win = doc.defaultView as (Window & typeof globalThis) | null;
  if (prev && 'replaceSync' in prev) {
    prev.replaceSync(css);
    return prev;
  }
  if (prev && 'textContent' in prev) {
    prev.textContent = css;
    return prev;
  }
  try {
    const sheet = new (win?.CSSStyleSheet ?? CSSStyleSheet)();
    sheet.replaceSync(css);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    return sheet;
  } catch {
    const style = doc.createElement('style');
    style.dataset.clipmark = 'highlights';
    style.textContent = css;
    (doc.head ?? doc.documentElement).append(style);
    return style;
  }
}
