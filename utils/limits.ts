/** Bounds that keep huge pages from freezing a tab or a save (shared by the loader and the extractor). */
export const MAX_ELEMENTS = 60_000;
export const MAX_TEXT_CHARS = 2_000_000;
/** Past this much HTML a page reads its article itself: sending it elsewhere would cost the page more than it saves. */
export const MAX_REMOTE_HTML = 8_000_000;
/** At most this many italic ranges are kept for one article (utils/text.ts emphasisRanges): a hint, never a burden. */
export const MAX_EMPHASIS = 2_000;
