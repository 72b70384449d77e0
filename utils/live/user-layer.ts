import type { Annotation, HighlightColor } from '@/utils/db';
import { anchorAll } from '@/utils/anchoring/anchor';
import { describeRange } from '@/utils/anchoring/describe';
import { buildTextMap, offsetsToRange, rangeToOffsets } from '@/utils/anchoring/text-range';
import type { Painter } from '@/utils/highlight';
import type { AnnotationInput } from '@/utils/protocol';

/**
 * The reader's own highlights on a page: anchored on every visit (orphans kept and reported, never painted
 * elsewhere), created from a selection, edited, deleted. Storage goes through the background (`store`).
 */

export { HIGHLIGHT_COLORS as COLORS } from '@/utils/kinds';
import { HIGHLIGHT_COLORS as COLORS } from '@/utils/kinds';

export interface AnnotationStore {
  save(a: AnnotationInput): Promise<Annotation>;
  remove(id: string): Promise<boolean>;
}

export interface PlacedHighlight {
  annotation: Annotation;
  range: Range;
  /** Offsets in the root's text: unchanged by painting, so ranges can be rebuilt after the fallback rewraps. */
  start: number;
  end: number;
}

export interface UserLayerState {
  placed: PlacedHighlight[];
  orphans: Annotation[];
}

export function createUserLayer(opts: { root: () => Element; painter: Painter; store: AnnotationStore; pageUrl: () => string }) {
  let state: UserLayerState = { placed: [], orphans: [] };
  const listeners = new Set<(s: UserLayerState) => void>();

  function repaint() {
    if (opts.painter.mode === 'wrap') {
      // Wrapping splits text nodes, which leaves old Range objects stale: unwrap, then rebuild from offsets.
      for (const c of COLORS) opts.painter.clear(`clipmark-user-${c}`);
      const map = buildTextMap(opts.root());
      state.placed = state.placed.map((p) => ({ ...p, range: offsetsToRange(map, p.start, p.end) ?? p.range }));
    }
    for (const c of COLORS) {
      const ranges = state.placed.filter((p) => p.annotation.color === c).map((p) => p.range);
      if (ranges.length) opts.painter.paint(`clipmark-user-${c}`, ranges);
      else opts.painter.clear(`clipmark-user-${c}`);
    }
    for (const l of listeners) l(state);
  }

  /** Places every annotation of the page; those that cannot be placed become orphans. */
  function load(annotations: Annotation[]): UserLayerState {
    const r = anchorAll(opts.root(), annotations);
    // anchorAll gives each range's offsets in the same text map, which is all repaint needs to rebuild ranges.
    state = {
      placed: r.placed.map((p) => ({ annotation: p.annotation, range: p.range, start: p.start, end: p.end })),
      orphans: r.orphans,
    };
    repaint();
    return state;
  }

  async function create(range: Range, color: HighlightColor, note = ''): Promise<Annotation | null> {
    if (range.collapsed || !range.toString().trim()) return null;
    const root = opts.root();
    const map = buildTextMap(root);
    const selectors = describeRange(root, range, map);
    const offsets = rangeToOffsets(map, range);
    const saved = await opts.store.save({ id: crypto.randomUUID(), pageUrl: opts.pageUrl(), color, note, selectors });
    state = { ...state, placed: [...state.placed, { annotation: saved, range: range.cloneRange(), ...offsets }] };
    repaint();
    return saved;
  }

  async function update(id: string, change: { color?: HighlightColor; note?: string }): Promise<void> {
    const cur = [...state.placed.map((p) => p.annotation), ...state.orphans].find((a) => a.id === id);
    if (!cur) return;
    const saved = await opts.store.save({ id, pageUrl: cur.pageUrl, color: change.color ?? cur.color, note: change.note ?? cur.note, selectors: cur.selectors });
    state = {
      placed: state.placed.map((p) => (p.annotation.id === id ? { ...p, annotation: saved } : p)),
      orphans: state.orphans.map((a) => (a.id === id ? saved : a)),
    };
    repaint();
  }

  async function remove(id: string): Promise<void> {
    await opts.store.remove(id);
    state = { placed: state.placed.filter((p) => p.annotation.id !== id), orphans: state.orphans.filter((a) => a.id !== id) };
    repaint();
  }

  /** The highlight under a click, if any. */
  function at(x: number, y: number): Annotation | null {
    for (const hit of opts.painter.hitTest(x, y)) {
      const m = /^clipmark-user-(\w+)$/.exec(hit.name);
      if (!m) continue;
      const same = state.placed.filter((p) => p.annotation.color === m[1]);
      const p = same[hit.index];
      if (p) return p.annotation;
    }
    return null;
  }

  function clear() {
    for (const c of COLORS) opts.painter.clear(`clipmark-user-${c}`);
    state = { placed: [], orphans: [] };
  }

  return {
    load, create, update, remove, at, clear,
    /** Paints again (after another layer cleared the page). */
    refresh: repaint,
    get state() { return state; },
    subscribe(fn: (s: UserLayerState) => void) { listeners.add(fn); return () => listeners.delete(fn); },
  };
}

export type UserLayer = ReturnType<typeof createUserLayer>;
