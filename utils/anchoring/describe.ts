import type { RangeSelector, Selector, TextPositionSelector, TextQuoteSelector } from '@/utils/db';
import { buildTextMap, elementStartOffset, rangeToOffsets, type TextMap } from './text-range';

/** Characters of context kept on each side of the quote. */
export const CONTEXT_LENGTH = 32;

/** XPath-like path of `el` relative to `root`: "/div[2]/p[3]"; the root itself is "/". */
export function pathFromRoot(root: Element, el: Element): string {
  const parts: string[] = [];
  let node: Element | null = el;
  while (node && node !== root) {
    const name = node.localName;
    let index = 1;
    for (let sib = node.previousElementSibling; sib; sib = sib.previousElementSibling) {
      if (sib.localName === name) index++;
    }
    parts.unshift(`${name}[${index}]`);
    node = node.parentElement;
  }
  if (node !== root) throw new Error('element is not inside root');
  return '/' + parts.join('/');
}

/** Inverse of pathFromRoot; null when the path no longer exists. */
export function elementFromPath(root: Element, path: string, cache?: Map<string, Element | null>): Element | null {
  let el: Element = root;
  let prefix = '';
  for (const part of path.split('/')) {
    if (!part) continue;
    // the steps already walked for another highlight's path under the same root (anchorAll: many share them)
    prefix += '/' + part;
    const known = cache?.get(prefix);
    if (known !== undefined) {
      if (!known) return null;
      el = known;
      continue;
    }
    const m = /^([^[\]]+)\[(\d+)\]$/.exec(part);
    if (!m) return null;
    const name = m[1]!;
    let want = Number(m[2]);
    let found: Element | null = null;
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
      if (c.localName === name && --want === 0) {
        found = c;
        break;
      }
    }
    cache?.set(prefix, found);
    if (!found) return null;
    el = found;
  }
  return el;
}

function containerOf(map: TextMap, charIndex: number): Element {
  const node = map.nodes[map.charNode[charIndex]!]!;
  return node.parentElement ?? map.root;
}

/** Selectors for text offsets [start, end) of an existing map (start < end, already trimmed). */
export function describeOffsets(map: TextMap, start: number, end: number): Selector[] {
  const { text } = map;
  const quote: TextQuoteSelector = {
    type: 'TextQuoteSelector',
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
    suffix: text.slice(end, end + CONTEXT_LENGTH),
  };
  const position: TextPositionSelector = { type: 'TextPositionSelector', start, end };
  const startEl = containerOf(map, start);
  const endEl = containerOf(map, end - 1);
  const hint: RangeSelector = {
    type: 'RangeSelector',
    startContainer: pathFromRoot(map.root, startEl),
    startOffset: start - elementStartOffset(map, startEl),
    endContainer: pathFromRoot(map.root, endEl),
    endOffset: end - elementStartOffset(map, endEl),
  };
  return [hint, position, quote];
}

/**
 * Describe a Range as W3C selectors relative to `root`: a RangeSelector hint,
 * a TextPositionSelector and a TextQuoteSelector with ~32 characters of context.
 * Leading/trailing whitespace of the selection is trimmed. Returns [] for a
 * range that holds no text inside root.
 */
export function describeRange(root: Element, range: Range, map: TextMap = buildTextMap(root)): Selector[] {
  let { start, end } = rangeToOffsets(map, range);
  while (start < end && map.text[start] === ' ') start++;
  while (end > start && map.text[end - 1] === ' ') end--;
  if (start >= end) return [];
  return describeOffsets(map, start, end);
}
