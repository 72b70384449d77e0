import type { ExtractResult } from '@/utils/extract';
import type { SessionStatus } from '@/utils/live/session';
import type { Settings } from '@/utils/settings';

/**
 * What the full page script (injected only where needed) offers the always-injected loader. Both run in the
 * extension's isolated world of the same frame, so they meet on its global object, which the page cannot see.
 */
export interface PageApi {
  extract(force: boolean): Promise<ExtractResult>;
  status(): SessionStatus;
  paintNow(): Promise<boolean>;
  navigated(): Promise<void>;
  /** The reader selected text before the full script was loaded: show the toolbar for it now. */
  selectionMade(): void;
  /** Highlights the reader's current selection at once; false where there is none. */
  highlightSelection(): Promise<boolean>;
}

export const PAGE_API_KEY = '__clipmarkPage';

export function pageApi(): Promise<PageApi> | undefined {
  return (globalThis as Record<string, unknown>)[PAGE_API_KEY] as Promise<PageApi> | undefined;
}

export function setPageApi(api: Promise<PageApi>): void {
  (globalThis as Record<string, unknown>)[PAGE_API_KEY] = api;
}

/** What the loader already knows when it brings in the page script, so the page script need not ask again. */
export interface LoaderHandoff {
  settings: Settings;
  /** The loader found the page probably readerable (Readability's cheap check) and small enough to paint. */
  readerable: boolean;
  /** The article, already asked of the background (utils/extract-html.ts) while the page script was loading. */
  extraction?: EarlyExtraction;
}

/** An extraction started for `url`: its result, or null where the page must read the article itself. */
export interface EarlyExtraction {
  url: string;
  result: Promise<ExtractResult | null>;
}

const HANDOFF_KEY = '__clipmarkHandoff';

export function setLoaderHandoff(h: LoaderHandoff): void {
  (globalThis as Record<string, unknown>)[HANDOFF_KEY] = h;
}

/** The loader's handoff, once: later starts (navigation, settings changes) look for themselves. */
export function takeLoaderHandoff(): LoaderHandoff | undefined {
  const g = globalThis as Record<string, unknown>;
  const h = g[HANDOFF_KEY] as LoaderHandoff | undefined;
  delete g[HANDOFF_KEY];
  return h;
}
