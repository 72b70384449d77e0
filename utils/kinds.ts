import type { EntityKind, HighlightColor } from '@/utils/db';

/** What Clipmark paints on a page: the three entity kinds and dates. */
export type PaintKind = EntityKind | 'date';
export const PAINT_KINDS: readonly PaintKind[] = ['person', 'organization', 'place', 'date'];


/** The reader's highlight colours and how they are painted. */
export const HIGHLIGHT_COLORS: readonly HighlightColor[] = ['yellow', 'green', 'blue', 'pink', 'purple'];
export const HIGHLIGHT_CSS: Record<HighlightColor, string> = {
  yellow: '#fde68a',
  green: '#bbf7d0',
  blue: '#bfdbfe',
  pink: '#fbcfe8',
  purple: '#ddd6fe',
};
