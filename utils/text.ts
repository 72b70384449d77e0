import { MAX_EMPHASIS } from '@/utils/limits';

/** Plain text of article HTML: blocks separated by blank lines, white space inside a block collapsed. */

const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'H1', 'H2',
  'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TR', 'UL', 'BR', 'TD', 'TH',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);

export function blockText(root: Node): string {
  const blocks: string[] = [];
  let current = '';
  const flush = () => {
    const t = current.replace(/\s+/g, ' ').trim();
    if (t) blocks.push(t);
    current = '';
  };
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      current += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const tag = (node as Element).tagName;
    if (tag && SKIP.has(tag)) return;
    const block = tag ? BLOCK.has(tag) : false;
    if (block) flush();
    for (let c = node.firstChild; c; c = c.nextSibling) walk(c);
    if (block) flush();
  };
  walk(root);
  flush();
  return blocks.join('\n\n');
}

/**
 * Where the text of `root`'s italic elements (em, i, cite, the outermost of nested ones: how the titles of works,
 * foreign words and emphasis are set) falls in `text`, which is `blockText(root)`: [start, end) offsets, in order.
 * Each is the first occurrence of the element's collapsed text after the previous range, which may be the same words
 * set upright just before it: the recogniser takes these only as a hint. An element that spans blocks, or holds no
 * letter, gives no range.
 */
export function emphasisRanges(root: Element | DocumentFragment, text: string): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  for (const el of root.querySelectorAll('em, i, cite')) {
    if (out.length >= MAX_EMPHASIS) break;
    const outer = el.parentElement?.closest('em, i, cite');
    if (outer && root.contains(outer)) continue;
    const t = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (!/\p{L}/u.test(t)) continue;
    const at = text.indexOf(t, from);
    if (at < 0) continue;
    out.push([at, at + t.length]);
    from = at + t.length;
  }
  return out;
}

/** Words in any script: runs of letters or digits; CJK counts one word per two characters. */
export function countWords(text: string): number {
  let n = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'’-]*/gu)) {
    const w = m[0];
    const cjk = w.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu)?.length ?? 0;
    n += cjk > 0 ? Math.max(1, Math.round(cjk / 2)) : 1;
  }
  return n;
}

export const WORDS_PER_MINUTE = 230;

export function readingMinutes(words: number): number {
  return words === 0 ? 0 : Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}
