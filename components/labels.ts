import type { HighlightColor } from '@/utils/db';
import { HIGHLIGHT_COLORS, HIGHLIGHT_CSS, PAINT_KINDS, type PaintKind } from '@/utils/kinds';

export { HIGHLIGHT_COLORS, PAINT_KINDS, type PaintKind };

export const KIND_LABEL: Record<PaintKind, { one: string; many: string }> = {
  person: { one: 'Person', many: 'People' },
  organization: { one: 'Organisation', many: 'Organisations' },
  place: { one: 'Place', many: 'Places' },
  date: { one: 'Date', many: 'Dates' },
};

export const COLOR_LABEL: Record<HighlightColor, string> = {
  yellow: 'Yellow',
  green: 'Green',
  blue: 'Blue',
  pink: 'Pink',
  purple: 'Purple',
};

/** Default swatches; the content script passes the user's colours from options. */
export const DEFAULT_HIGHLIGHT_CSS = HIGHLIGHT_CSS;
