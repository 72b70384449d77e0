import { defineContentScript } from 'wxt/utils/define-content-script';
import { toBackground, toContent } from '@/utils/messaging';
import { isProbablyReaderable } from '@/utils/readerable';
// settings-model, not settings: the loader reads them once and does without WXT's storage wrapper.
import { readSettings, isSiteDisabled, type Settings } from '@/utils/settings-model';
import { pageApi, setLoaderHandoff, type EarlyExtraction, type PageApi } from '@/utils/page-api';
import type { ExtractResult } from '@/utils/extract';
import { annotationUrlOf, canonicalUrlOf } from '@/utils/url';
import { MAX_ELEMENTS, MAX_REMOTE_HTML, MAX_TEXT_CHARS } from '@/utils/limits';
import { perfMark, perfMeasure } from '@/utils/perf';

/**
 * The always-injected loader, kept tiny: answers the background, and brings in the full page script only on
 * articles (when painting is automatic), on pages with saved highlights, when the reader selects text, or when asked.
 */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_end',
  async main(ctx) {
    perfMark('loader-start');
    let loading: Promise<PageApi> | null = null;
    let settings: Settings | undefined;
    let readerable = false;
    let extraction: EarlyExtraction | undefined;
    const full = (): Promise<PageApi> => {
      const existing = pageApi();
      if (existing) return existing;
      // What the loader already read is handed over, so the page script starts without asking again.
      if (settings && !loading) setLoaderHandoff({ settings, readerable, extraction });
      loading ??= toBackground.sendMessage('injectPage', {}).then(() => {
        perfMark('page-injected');
        const api = pageApi();
        if (!api) throw new Error('Clipmark could not load its page script.');
        return api;
      });
      loading.catch(() => { loading = null; });
      return loading;
    };

    toContent.onMessage('extract', async ({ data }) => (await full()).extract(data.force));
    toContent.onMessage('paintEntities', async () => (await full()).paintNow());
    toContent.onMessage('pageInfo', async () => {
      const api = pageApi();
      const s = api ? (await api).status() : null;
      return {
        url: location.href,
        canonicalUrl: canonicalUrlOf(document, location.href),
        title: document.title,
        readerable: s?.isArticle ?? isProbablyReaderable(document),
        counts: s?.counts ?? null,
        highlights: s?.highlights ?? 0,
        orphans: s?.orphans ?? [],
      };
    });

    settings = await readSettings();
    perfMark('loader-settings');
    if (ctx.isInvalid || isSiteDisabled(settings, location.href)) return;
    const { autoHighlight } = settings;

    /** Whether the page script is needed now; `askHighlights`: also ask the background whether the page has highlights. */
    const check = async (askHighlights: boolean) => {
      if (pageApi()) return true;
      // Huge documents are not painted automatically (the reader can still ask from the popup). The cheap check
      // comes first: most pages that are not articles stop there, before the size checks walk the whole document.
      const small = () => document.getElementsByTagName('*').length <= MAX_ELEMENTS && (document.body?.textContent?.length ?? 0) <= MAX_TEXT_CHARS;
      const t0 = performance.now();
      const article = autoHighlight && isProbablyReaderable(document) && small();
      perfMeasure('loader-check', t0);
      if (article) {
        readerable = true;
        // The article is read off this page's main thread (the background's offscreen document) while the page
        // script is being injected: the two round trips overlap. The injection is asked for first.
        let handOver!: (r: Promise<ExtractResult | null>) => void;
        const url = location.href;
        extraction = { url, result: new Promise((r) => { handOver = r; }) };
        const loaded = full();
        const t1 = performance.now();
        const html = document.documentElement.outerHTML;
        perfMeasure('loader-serialize', t1);
        handOver(html.length > MAX_REMOTE_HTML ? Promise.resolve(null)
          : toBackground.sendMessage('extractHtml', { html, url, baseUrl: document.baseURI }).catch(() => null));
        return !!(await loaded);
      }
      if (!askHighlights) return false;
      const highlights = await toBackground.sendMessage('listAnnotations', { pageUrl: annotationUrlOf(document, location.href) }).catch(() => []);
      return highlights.length > 0 && !!(await full());
    };
    if (await check(true).catch(() => false)) return;

    // Nothing to do yet. The reader may select text to highlight; an article's text may arrive late; a
    // single-page site may navigate to an article.
    const onSelect = () => {
      const sel = getSelection();
      if (sel && !sel.isCollapsed && sel.toString().trim()) void full().then((api) => api.selectionMade());
    };
    ctx.addEventListener(document, 'mouseup', () => setTimeout(onSelect, 0));
    // Once loaded, the page script follows navigation itself.
    ctx.addEventListener(window, 'wxt:locationchange', () => { if (!pageApi()) void check(true); });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new MutationObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(() => void check(false).then((done) => done && observer.disconnect()), 800);
    });
    if (document.body) observer.observe(document.body, { childList: true, subtree: true });
    ctx.setTimeout(() => observer.disconnect(), 15_000);
    ctx.onInvalidated(() => observer.disconnect());
  },
});
