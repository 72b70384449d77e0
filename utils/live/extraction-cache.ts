import { extractArticle, extractArticleInSteps, type ExtractResult } from '@/utils/extract';
import { yieldTask } from '@/utils/yield-task';
import { perfMeasure } from '@/utils/perf';

/**
 * The page's last extraction, valid until the page changes (the session drops it then): painting reads the
 * article in steps with the page running between them; saving reads it at once, or reuses what painting read.
 */
export interface ExtractionCache {
  /** The article now (or the cached one). */
  extract(force: boolean): ExtractResult;
  /** The same in two tasks: Readability, a yield, then the text step. */
  extractInSteps(force: boolean): Promise<ExtractResult>;
  /** The page changed: read it again next time. */
  drop(): void;
}

export function createExtractionCache(win: Window): ExtractionCache {
  const doc = win.document;
  let extracted: { url: string; result: ExtractResult } | null = null;
  /** The cached extraction of `url`, when it answers: an article always, a "not an article" unless forced. */
  const cached = (url: string, force: boolean): ExtractResult | null =>
    extracted && extracted.url === url && (extracted.result.ok || !force) ? extracted.result : null;

  return {
    extract(force) {
      const url = win.location.href;
      const hit = cached(url, force);
      if (hit) return hit;
      const t0 = performance.now();
      const result = extractArticle(doc, { url, force });
      perfMeasure('extract', t0);
      extracted = { url, result };
      return result;
    },
    async extractInSteps(force) {
      const url = win.location.href;
      const hit = cached(url, force);
      if (hit) return hit;
      let t0 = performance.now();
      const result = await extractArticleInSteps(doc, { url, force }, async () => {
        perfMeasure('extract-readability', t0);
        await yieldTask();
        t0 = performance.now();
      });
      perfMeasure('extract-text', t0);
      // A save may have read the page meanwhile; either result is the same page.
      if (win.location.href === url) extracted = { url, result };
      return result;
    },
    drop() {
      extracted = null;
    },
  };
}
