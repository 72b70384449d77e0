import { isSiteDisabled, type Settings } from '@/utils/settings-model';
import type { PageStart } from '@/utils/protocol';

/** The background's answer to a loader starting on a page (see PageStart). */
export interface PageStartDeps {
  readSettings(): Promise<Settings>;
  /** How many highlights the page has (the same lookup as listAnnotations, with its same-site check). */
  countHighlights(pageUrl: string): Promise<number>;
}

/**
 * `frameUrl`: the sending frame's address as the browser reports it (not what the page claims).
 * `article`: the loader found the page readerable and small enough to paint.
 */
export async function answerPageStart(deps: PageStartDeps, input: { pageUrl: string; article: boolean }, frameUrl: string): Promise<PageStart> {
  const settings = await deps.readSettings();
  // Off on this site: the loader stops here, so nothing about the page is looked up.
  if (isSiteDisabled(settings, frameUrl)) return { settings, highlights: null };
  // An article that is painted anyway loads the page script, which lists its highlights itself.
  if (input.article && settings.autoHighlight) return { settings, highlights: null };
  return { settings, highlights: await deps.countHighlights(input.pageUrl) };
}
