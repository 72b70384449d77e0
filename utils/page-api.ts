import type { ExtractResult } from '@/utils/extract';
import type { SessionStatus } from '@/utils/live/session';

/**
 * What the full page script (injected only where needed) offers the always-injected loader. Both run in the
 * extension's isolated world of the same frame, so they meet on its global object, which the page cannot see.
 */
export interface PageApi {
  extract(force: boolean): ExtractResult;
  status(): SessionStatus;
  paintNow(): Promise<boolean>;
  navigated(): Promise<void>;
  /** The reader selected text before the full script was loaded: show the toolbar for it now. */
  selectionMade(): void;
}

export const PAGE_API_KEY = '__clipmarkPage';

export function pageApi(): Promise<PageApi> | undefined {
  return (globalThis as Record<string, unknown>)[PAGE_API_KEY] as Promise<PageApi> | undefined;
}

export function setPageApi(api: Promise<PageApi>): void {
  (globalThis as Record<string, unknown>)[PAGE_API_KEY] = api;
}
