/**
 * A root's visible text as one string, with a map back to DOM text nodes.
 *
 * The text is whitespace-normalised: every run of whitespace (spaces, newlines,
 * tabs, NBSP) across node boundaries becomes one ' ', and leading whitespace is
 * dropped. Selectors store offsets into this text, so re-indenting the HTML or
 * splitting a text node into <b>/<span> pieces does not move a highlight.
 * Script, style, noscript, template, textarea and select contents are not text
 * a reader reads in the page, and are skipped.
 */

const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'SELECT']);
/** The characters JavaScript's \s matches, by code (faster than a regex per character). */
export function isSpace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

export interface TextMap {
  root: Element;
  /** Normalised text of the root. */
  text: string;
  /** Accepted text nodes in document order. */
  nodes: Text[];
  /** nodeStart[i]: offset in `text` of the first kept character of nodes[i]. */
  nodeStart: number[];
  /** Whether the character before nodes[i] (in normalised text) was a space, or i is first. */
  nodePrevSpace: boolean[];
  /** For each character of `text`: index into `nodes` and offset in that node's data. */
  charNode: Int32Array;
  charOffset: Int32Array;
  nodeIndex: Map<Text, number>;
}

/** Optional extra filter: return true to skip an element and its subtree. */
export type ElementFilter = (el: Element) => boolean;

export function buildTextMap(root: Element, skip?: ElementFilter): TextMap {
  const doc = root.ownerDocument;
  const nodes: Text[] = [];
  // Text nodes only, walked natively: a filter function would be called from the walker for every element and
  // text node of the page (measured: 9-20 ms of a news page's 5,000 nodes in Chromium, against under 1 ms). Whether a
  // text node lies in a skipped element is asked of its ancestors instead, each element once.
  const skipped = new Map<Node, boolean>();
  const chain: Element[] = [];
  const isSkipped = (from: Node | null): boolean => {
    // up to the nearest ancestor already known (or the root), then down again: no recursion on deep pages
    let el = from;
    let known = false;
    while (el && el !== root && el.nodeType === 1) {
      const v = skipped.get(el);
      if (v !== undefined) {
        known = v;
        break;
      }
      chain.push(el as Element);
      el = el.parentNode;
    }
    while (chain.length) {
      const e = chain.pop()!;
      known = known || SKIP_TAGS.has(e.tagName) || SKIP_TAGS.has(e.tagName.toUpperCase()) || (!!skip && skip(e));
      skipped.set(e, known);
    }
    return known;
  };
  const walker = doc.createTreeWalker(root, 0x4 /* SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (!isSkipped(n.parentNode)) nodes.push(n as Text);

  let total = 0;
  for (const n of nodes) total += n.data.length;
  const charNode = new Int32Array(total);
  const charOffset = new Int32Array(total);
  const nodeStart: number[] = [];
  const nodePrevSpace: boolean[] = [];
  const parts: string[] = [];
  let len = 0;
  let prevSpace = true;
  for (let i = 0; i < nodes.length; i++) {
    const data = nodes[i]!.data;
    nodeStart.push(len);
    nodePrevSpace.push(prevSpace);
    // Runs of non-space characters go into the text as one slice, not a character at a time.
    let run = -1;
    for (let j = 0; j < data.length; j++) {
      if (isSpace(data.charCodeAt(j))) {
        if (run >= 0) parts.push(data.slice(run, j));
        run = -1;
        if (prevSpace) continue;
        parts.push(' ');
        prevSpace = true;
      } else {
        if (run < 0) run = j;
        prevSpace = false;
      }
      charNode[len] = i;
      charOffset[len] = j;
      len++;
    }
    if (run >= 0) parts.push(data.slice(run));
  }
  const nodeIndex = new Map<Text, number>();
  nodes.forEach((n, i) => nodeIndex.set(n, i));
  return {
    root,
    text: parts.join(''),
    nodes,
    nodeStart,
    nodePrevSpace,
    charNode: charNode.subarray(0, len),
    charOffset: charOffset.subarray(0, len),
    nodeIndex,
  };
}

/** Offset in map.text of a (text node index, offset in its data) point. */
function offsetInNode(map: TextMap, i: number, rawOffset: number): number {
  const data = map.nodes[i]!.data;
  let prevSpace = map.nodePrevSpace[i]!;
  let n = map.nodeStart[i]!;
  const end = Math.min(rawOffset, data.length);
  for (let j = 0; j < end; j++) {
    if (isSpace(data.charCodeAt(j))) {
      if (!prevSpace) n++;
      prevSpace = true;
    } else {
      n++;
      prevSpace = false;
    }
  }
  return n;
}

/** Index of the first mapped text node at or after a boundary point, or nodes.length. */
function firstNodeAtOrAfter(map: TextMap, container: Node, offset: number): number {
  // Node that follows the boundary point, in document order.
  let next: Node | null;
  if (container.nodeType === 3) {
    next = container;
  } else if (offset < container.childNodes.length) {
    next = container.childNodes[offset]!;
  } else {
    next = container;
    while (next && next !== map.root && !next.nextSibling) next = next.parentNode;
    next = next && next !== map.root ? next.nextSibling : null;
    if (!next) return map.nodes.length;
  }
  // Binary search over nodes in document order.
  let lo = 0;
  let hi = map.nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const n = map.nodes[mid]!;
    const pos = n === next ? 0 : next.compareDocumentPosition(n);
    // n precedes `next`: go right.
    if (pos & 0x02) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Offset in map.text of a DOM boundary point inside the root. */
export function pointToOffset(map: TextMap, container: Node, offset: number): number {
  if (container.nodeType === 3) {
    const i = map.nodeIndex.get(container as Text);
    if (i !== undefined) return offsetInNode(map, i, offset);
  }
  const i = firstNodeAtOrAfter(map, container, container.nodeType === 3 ? 0 : offset);
  return i < map.nodes.length ? map.nodeStart[i]! : map.text.length;
}

/** A Range's [start, end) in map.text, clamped to the root. */
export function rangeToOffsets(map: TextMap, range: Range): { start: number; end: number } {
  const root = map.root;
  let start = 0;
  let end = map.text.length;
  if (root.contains(range.startContainer)) start = pointToOffset(map, range.startContainer, range.startOffset);
  else if (range.comparePoint(root, 0) < 0) start = map.text.length;
  if (root.contains(range.endContainer)) end = pointToOffset(map, range.endContainer, range.endOffset);
  else if (range.comparePoint(root, root.childNodes.length) > 0) end = 0;
  return { start, end: Math.max(start, end) };
}

/** The DOM Range covering map.text[start, end). Null if the span is empty or out of bounds. */
export function offsetsToRange(map: TextMap, start: number, end: number): Range | null {
  if (start < 0 || end > map.text.length || start >= end) return null;
  const doc = map.root.ownerDocument;
  const range = doc.createRange();
  const sNode = map.nodes[map.charNode[start]!]!;
  const eNode = map.nodes[map.charNode[end - 1]!]!;
  range.setStart(sNode, map.charOffset[start]!);
  range.setEnd(eNode, map.charOffset[end - 1]! + 1);
  return range;
}

/** Offset in map.text where an element's text begins (used to resolve range hints). */
export function elementStartOffset(map: TextMap, el: Node): number {
  return pointToOffset(map, el, 0);
}

/** Collapse whitespace the way buildTextMap does (for text that did not come from a map). */
export function normalizeWhitespace(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/^ /, '');
}
