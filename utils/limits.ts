/** Bounds that keep huge pages from freezing a tab or a save (shared by the loader and the extractor). */
export const MAX_ELEMENTS = 60_000;
export const MAX_TEXT_CHARS = 2_000_000;
