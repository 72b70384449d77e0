import { extractArticleInSteps, preflight, type ExtractResult } from '@/utils/extract';
import type { PageHtml } from '@/utils/extract-html';
import type { EarlyExtraction } from '@/utils/page-api';
import { MAX_REMOTE_HTML } from '@/utils/limits';
import { yieldTask } from '@/utils/yield-task';
import { perfMeasure } from '@/utils/perf';
import { htmlToRead } from '@/utils/page-html';

/**
 * The page's last extraction, valid until the page changes (the session drops it then): painting reads the
 * article, and a save reuses what painting read.
 */
export interface ExtractionCache {
  /**
   * The article (or the cached one), without a long task on the page: the cheap checks here, then the page's
   * HTML read by the extension elsewhere (`remote`); where that is not possible, here in two tasks (Readability,
   * a yield, the text).
   */
  extractInSteps(force: boolean): Promise<ExtractResult>;
  /** The page changed: read it again next time. */
  drop(): void;
}

/** Reads a page's HTML off its main thread (the background's 'extractHtml'); null or a rejection: read it here. */
export type RemoteExtract = (page: PageHtml) => Promise<ExtractResult | null>;

/**
 * `early`: the loader's request for this page's article, sent while the page script was being injected; the
 * first read of that address takes its answer.
 */
export function createExtractionCache(win: Window, remote?: RemoteExtract, early?: EarlyExtraction): ExtractionCache {
  const doc = win.document;
  let extracted: { url: string; result: ExtractResult } | null = null;
  /** The cached extraction of `url`, when it answers: an article always, a "not an article" unless forced. */
  const cached = (url: string, force: boolean): ExtractResult | null =>
    extracted && extracted.url === url && (extracted.result.ok || !force) ? extracted.result : null;

  return {
    extractInSteps,
    drop() {
      extracted = null;
    },
  };

  async function extractInSteps(force: boolean): Promise<ExtractResult> {
    const url = win.location.href;
    const hit = cached(url, force);
    if (hit) return hit;
    if (early) {
      const asked = early;
      early = undefined;
      const t0 = performance.now();
      const result = asked.url === url ? await asked.result.catch(() => null) : null;
      perfMeasure('extract-early', t0);
      if (result && win.location.href === url && (result.ok || !force)) {
        extracted = { url, result };
        return result;
      }
    }
    // Starting a page script is a task of its own; the article is read in the next.
    await yieldTask();
    if (win.location.href !== url) return extractInSteps(force);
    let t0 = performance.now();
    const refused = preflight(doc, { url, force });
    if (refused) {
      perfMeasure('extract-preflight', t0);
      extracted = { url, result: refused };
      return refused;
    }
    // HTML read back is not always the same tree (mutation-XSS markup, foreign content), so a page the reader
    // asked for (a save) that Readability refused elsewhere is read here, as it is, before the answer is no.
    const elsewhere = remote ? await readElsewhere(url, remote) : null;
    if (elsewhere && (elsewhere.ok || !force)) {
      if (win.location.href === url) extracted = { url, result: elsewhere };
      return elsewhere;
    }
    t0 = performance.now();
    // The size and emptiness checks ran above (preflight), on the same page: not again.
    const result = await extractArticleInSteps(doc, { url, force: true, checked: true }, async () => {
      perfMeasure('extract-readability', t0);
      await yieldTask();
      t0 = performance.now();
    });
    perfMeasure('extract-text', t0);
    // A save may have read the page meanwhile; either result is the same page.
    if (win.location.href === url) extracted = { url, result };
    return result;
  }

  async function readElsewhere(url: string, read: RemoteExtract): Promise<ExtractResult | null> {
    const t0 = performance.now();
    const html = htmlToRead(doc.documentElement.outerHTML);
    perfMeasure('extract-serialize', t0);
    if (html.length > MAX_REMOTE_HTML) return null;
    const t1 = performance.now();
    const result = await read({ html, url, baseUrl: doc.baseURI }).catch(() => null);
    perfMeasure('extract-remote', t1);
    return result;
  }
}
