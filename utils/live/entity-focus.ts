import type { PlacedEntity } from '@/utils/live/entity-layer';
import type { PaintKind } from '@/utils/settings';

/**
 * Moving through the entities painted on a page by keyboard (the legend's "next" buttons and
 * Alt+Shift+N / Alt+Shift+P), so that what hovering shows can also be reached without a mouse.
 */

export const FOCUS_HIGHLIGHT = 'clipmark-focus';
export const NEXT_ENTITY_SHORTCUT = { altKey: true, shiftKey: true, code: 'KeyN' } as const;
export const PREVIOUS_ENTITY_SHORTCUT = { altKey: true, shiftKey: true, code: 'KeyP' } as const;

/** The same entities in reading order (headline and body interleave as they do on the page). */
export function inReadingOrder(list: readonly PlacedEntity[]): PlacedEntity[] {
  return [...list].sort((a, b) => {
    try {
      return a.range.compareBoundaryPoints(0 /* START_TO_START */, b.range);
    } catch {
      return 0; // ranges in different documents (a replaced article): keep their order
    }
  });
}

/**
 * The entity after (dir 1) or before (dir -1) `current` in reading order, of `kind` if given; wraps around.
 * When `current` is not in the list (another kind, or gone after a repaint), the nearest one in that
 * direction from where it was; with no current, the first (or last).
 */
export function stepEntity(
  list: readonly PlacedEntity[],
  current: PlacedEntity | null,
  dir: 1 | -1,
  kind?: PaintKind,
): PlacedEntity | null {
  const ordered = inReadingOrder(kind ? list.filter((p) => p.kind === kind) : list);
  if (!ordered.length) return null;
  const at = current ? ordered.indexOf(current) : -1;
  if (at >= 0) return ordered[(at + dir + ordered.length) % ordered.length]!;
  if (current) {
    const cmp = (p: PlacedEntity) => {
      try {
        return p.range.compareBoundaryPoints(0, current.range);
      } catch {
        return 1;
      }
    };
    const found = dir === 1 ? ordered.find((p) => cmp(p) > 0) : [...ordered].reverse().find((p) => cmp(p) < 0);
    if (found) return found;
  }
  return dir === 1 ? ordered[0]! : ordered[ordered.length - 1]!;
}
