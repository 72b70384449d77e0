import type { EntityKind, HighlightColor } from '@/utils/db';

/** What the legend and tooltips can show: the three entity kinds and dates. */
export type PaintKind = EntityKind | 'date';

export const PAINT_KINDS: readonly PaintKind[] = ['person', 'organization', 'place', 'date'];

export const KIND_LABEL: Record<PaintKind, { one: string; many: string }> = {
  person: { one: 'Person', many: 'People' },
  organization: { one: 'Organisation', many: 'Organisations' },
  place: { one: 'Place', many: 'Places' },
  date: { one: 'Date', many: 'Dates' },
};

export const HIGHLIGHT_COLORS: readonly HighlightColor[] = ['yellow', 'green', 'blue', 'pink', 'purple'];

export const COLOR_LABEL: Record<HighlightColor, string> = {
  yellow: 'Yellow',
  green: 'Green',
  blue: 'Blue',
  pink: 'Pink',
  purple: 'Purple',
};

/** Default swatches; the content script passes the user's colours from options. */
export const DEFAULT_HIGHLIGHT_CSS: Record<HighlightColor, string> = {
  yellow: '#fde68a',
  green: '#bbf7d0',
  blue: '#bfdbfe',
  pink: '#fbcfe8',
  purple: '#ddd6fe',
};
