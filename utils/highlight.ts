import type { EntityKind, HighlightColor } from '@/utils/db';

/**
 * Paint Ranges with the CSS Custom Highlight API (no DOM rewriting). Where the
 * API is missing, wrap text in inline <clipmark-mark> elements instead, and
 * undo that exactly: text nodes we split are merged back into the original
 * Text node objects, so page scripts holding references keep working.
 */

export type PaintName = `clipmark-${EntityKind}` | 'clipmark-date' | `clipmark-user-${HighlightColor}`;

export const entityPaintName = (kind: EntityKind | 'date'): PaintName => `clipmark-${kind}`;
export const userPaintName = (color: HighlightColor): PaintName => `clipmark-user-${color}`;

export const MARK_TAG = 'clipmark-mark';

/** The parts of the Highlight API we use, so tests can inject a fake. */
export interface HighlightRegistryLike {
  set(name: string, highlight: unknown): unknown;
  delete(name: string): boolean;
}
export type HighlightCtor = new (...ranges: Range[]) => unknown;

export interface Hit {
  name: string;
  /** Index into the ranges passed to paint(name, ranges). */
  index: number;
  range: Range | null;
}

export interface Painter {
  readonly mode: 'highlight-api' | 'wrap';
  /** Replace what is painted under `name` with these ranges. */
  paint(name: string, ranges: Range[]): void;
  clear(name: string): void;
  clearAll(): void;
  /** Painted highlights under a DOM point; user highlights first, then in paint order. */
  hitTestPoint(node: Node, offset: number): Hit[];
  /** Painted highlights under viewport coordinates (a click). */
  hitTest(x: number, y: number): Hit[];
}

export interface PainterOptions {
  /** Defaults to win.CSS?.highlights and win.Highlight; pass null to force the wrapping fallback. */
  registry?: HighlightRegistryLike | null;
  Highlight?: HighlightCtor;
}

type CaretDoc = Document & {
  caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
};

/** The caret position at viewport coordinates, with whichever API the browser has. */
export function caretAtPoint(doc: Document, x: number, y: number): { node: Node; offset: number } | null {
  const d = doc as CaretDoc;
  if (typeof d.caretPositionFromPoint === 'function') {
    const p = d.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  if (typeof d.caretRangeFromPoint === 'function') {
    const r = d.caretRangeFromPoint(x, y);
    return r ? { node: r.startContainer, offset: r.startOffset } : null;
  }
  return null;
}

/** The first of `ranges` containing the point (boundaries included), or -1. */
export function rangeIndexAtPoint(ranges: Range[], node: Node, offset: number): number {
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i]!;
    try {
      if (r.startContainer.getRootNode() === node.getRootNode() && r.isPointInRange(node, offset)) return i;
    } catch {
      // a point in another document, or an offset out of bounds: not in this range
    }
  }
  return -1;
}

const userFirst = (a: Hit, b: Hit) => Number(b.name.startsWith('clipmark-user-')) - Number(a.name.startsWith('clipmark-user-'));

export function createPainter(win: Window, opts: PainterOptions = {}): Painter {
  const w = win as Window & { CSS?: { highlights?: HighlightRegistryLike }; Highlight?: HighlightCtor };
  const registry = opts.registry === undefined ? w.CSS?.highlights : opts.registry;
  const Highlight = opts.Highlight ?? w.Highlight;
  if (registry && Highlight) return apiPainter(win.document, registry, Highlight);
  return wrapPainter(win.document);
}

function apiPainter(doc: Document, registry: HighlightRegistryLike, Highlight: HighlightCtor): Painter {
  const painted = new Map<string, Range[]>();
  const hitTestPoint = (node: Node, offset: number): Hit[] => {
    const hits: Hit[] = [];
    for (const [name, ranges] of painted) {
      const index = rangeIndexAtPoint(ranges, node, offset);
      if (index >= 0) hits.push({ name, index, range: ranges[index]! });
    }
    return hits.sort(userFirst);
  };
  return {
    mode: 'highlight-api',
    paint(name, ranges) {
      const copy = ranges.map((r) => r.cloneRange());
      painted.set(name, copy);
      registry.set(name, new Highlight(...copy));
    },
    clear(name) {
      painted.delete(name);
      registry.delete(name);
    },
    clearAll() {
      for (const name of [...painted.keys()]) this.clear(name);
    },
    hitTestPoint,
    hitTest(x, y) {
      const p = caretAtPoint(doc, x, y);
      return p ? hitTestPoint(p.node, p.offset) : [];
    },
  };
}

interface Segment {
  node: Text;
  start: number;
  end: number;
  index: number;
}

/** Text-node pieces covered by a range, in document order. */
function segmentsOf(range: Range, index: number): Segment[] {
  if (range.collapsed) return [];
  const out: Segment[] = [];
  const root = range.commonAncestorContainer;
  const push = (t: Text) => {
    const start = t === range.startContainer ? range.startOffset : 0;
    const end = t === range.endContainer ? range.endOffset : t.data.length;
    if (end > start && !/^\s*$/.test(t.data.slice(start, end))) out.push({ node: t, start, end, index });
  };
  if (root.nodeType === 3) {
    push(root as Text);
    return out;
  }
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 4);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (range.intersectsNode(n)) push(n as Text);
  }
  return out;
}

function wrapPainter(doc: Document): Painter {
  const marks = new Map<string, Element[]>();
  /** Text nodes created by splitting, mapped to the page's original node they came from. */
  const origin = new WeakMap<Text, Text>();
  const group = (t: Text) => origin.get(t) ?? t;

  const split = (t: Text, offset: number): Text => {
    const right = t.splitText(offset);
    origin.set(right, group(t));
    return right;
  };

  const paint = (name: string, ranges: Range[]) => {
    clear(name);
    const segs = ranges.flatMap((r, i) => segmentsOf(r, i));
    // Merge overlaps within one node, then work from the end of each node so earlier offsets stay valid.
    const byNode = new Map<Text, Segment[]>();
    for (const s of segs) {
      const list = byNode.get(s.node) ?? [];
      list.push(s);
      byNode.set(s.node, list);
    }
    const created: Element[] = [];
    for (const [node, list] of byNode) {
      list.sort((a, b) => a.start - b.start);
      const merged: Segment[] = [];
      for (const s of list) {
        const last = merged[merged.length - 1];
        if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
        else merged.push({ ...s });
      }
      for (const s of merged.reverse()) {
        if (s.end < node.data.length) split(node, s.end);
        const piece = s.start > 0 ? split(node, s.start) : node;
        const mark = doc.createElement(MARK_TAG);
        mark.setAttribute('data-clipmark-name', name);
        mark.setAttribute('data-clipmark-index', String(s.index));
        piece.parentNode!.insertBefore(mark, piece);
        mark.appendChild(piece);
        created.push(mark);
      }
    }
    marks.set(name, created);
  };

  const clear = (name: string) => {
    const list = marks.get(name);
    if (!list) return;
    marks.delete(name);
    const parents = new Set<Node>();
    for (const mark of list) {
      const parent = mark.parentNode;
      if (!parent) continue;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      mark.remove();
      parents.add(parent);
    }
    // Merge pieces of the same original node back into it (the original is always the leftmost piece).
    for (const parent of parents) {
      let n = parent.firstChild;
      while (n) {
        const next: ChildNode | null = n.nextSibling;
        if (n.nodeType === 3 && next && next.nodeType === 3 && group(next as Text) === group(n as Text) && next !== group(n as Text)) {
          (n as Text).appendData((next as Text).data);
          next.remove();
          continue;
        }
        n = next;
      }
    }
  };

  const hitTestPoint = (node: Node, _offset: number): Hit[] => {
    const hits: Hit[] = [];
    for (let el: Element | null = node.nodeType === 1 ? (node as Element) : node.parentElement; el; el = el.parentElement) {
      if (el.localName === MARK_TAG) {
        hits.push({ name: el.getAttribute('data-clipmark-name')!, index: Number(el.getAttribute('data-clipmark-index')), range: null });
      }
    }
    return hits.sort(userFirst);
  };

  return {
    mode: 'wrap',
    paint,
    clear,
    clearAll() {
      for (const name of [...marks.keys()]) clear(name);
    },
    hitTestPoint,
    hitTest(x, y) {
      const p = caretAtPoint(doc, x, y);
      if (p) return hitTestPoint(p.node, p.offset);
      const el = doc.elementFromPoint?.(x, y);
      return el ? hitTestPoint(el, 0) : [];
    },
  };
}
