import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from './server';

/** Pages of single-page sites for the tests, built from the fixture pages. */

/** A fixture page's body, without its scripts. */
export function articleBody(name: string): string {
  const html = readFileSync(join(FIXTURES, name, 'source.html'), 'utf8');
  return /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)![1]!.replace(/<script[\s\S]*?<\/script>/gi, '');
}

/**
 * A single-page site served at `base` (e.g. "/spa-home/") that opens on its home page (not an article) and shows a
 * story it already holds, its paragraphs hidden, by un-hiding them and pushState to `${base}story` when the first
 * link (#open0) is clicked: no node is added, so only the address change can tell Clipmark.
 */
export function spaHomePage(base: string): string {
  const hiddenStory = articleBody('seed-page').replace(/<p\b/gi, '<p hidden').replace(/<(\/?)article\b/gi, '<$1div');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Home</title></head>
    <body><ul id="home">${Array.from({ length: 20 }, (_, i) => `<li><a id="open${i}" href="${base}story">Story ${i}</a></li>`).join('')}</ul>
    <div id="story">${hiddenStory}</div>
    <script>
      document.getElementById('open0').addEventListener('click', (e) => {
        e.preventDefault();
        document.getElementById('home').setAttribute('hidden', '');
        for (const p of document.querySelectorAll('#story p[hidden]')) p.removeAttribute('hidden');
        history.pushState({}, '', '${base}story');
      });
    </script></body></html>`;
}
