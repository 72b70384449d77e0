import { renderToString } from 'preact-render-to-string';
import { App } from './App';

/**
 * The popup's static shell: what its first render shows (the header, "Looking at this page…", the tabs, the
 * focused searchbox, the filters, an empty "Recently saved"), written into index.html by `npm run shell`. The
 * browser paints it and focuses the searchbox before any script has loaded; popup-early.js adds the recent list,
 * and main.tsx's hydrate() adopts the markup. A unit test (shell.test.ts) fails when index.html is out of date.
 */
export function popupShell(): string {
  // The first render reads nothing from the database (its reads start in effects, which a string render never runs).
  return renderToString(<App db={null as never} />);
}

const START = '<div id="app">';
const END = '</div><!-- /app -->';

/** The shell in index.html's text. */
export function shellOf(html: string): string {
  const a = html.indexOf(START);
  const b = html.indexOf(END);
  if (a < 0 || b < a) throw new Error(`index.html has no ${START}…${END}`);
  return html.slice(a + START.length, b);
}

/** index.html's text with `shell` in place of the one it has. */
export function withShell(html: string, shell: string): string {
  return html.slice(0, html.indexOf(START) + START.length) + shell + html.slice(html.indexOf(END));
}
