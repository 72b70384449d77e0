import { isProbablyReaderable } from '@/utils/readerable';
import { isSiteDisabled, type Settings } from '@/utils/settings-model';
import { pageApi, setLoaderHandoff, type EarlyExtraction, type PageApi } from '@/utils/page-api';
import type { ExtractResult } from '@/utils/extract';
import type { PageStart } from '@/utils/protocol';
import { annotationUrlOf, canonicalUrlOf } from '@/utils/url';
import { MAX_ELEMENTS, MAX_REMOTE_HTML, MAX_TEXT_CHARS } from '@/utils/limits';
import { perfMark, perfMeasure, perfNow } from '@/utils/perf';
import { LOADER_KEY, type LoaderBridge } from '@/utils/loader-bridge';
import { htmlToRead } from '@/utils/page-html';

/**
 * The always-injected loader's logic, kept tiny. On a page that is not an article it reads the DOM and touches no
 * extension API at all: the first use of one costs a page about 3 ms of main thread in Chromium, more than all the
 * rest. The background loads the page script on pages with saved highlights (it knows them; see
 * utils/browser-port.ts), and reaches the loader through the bridge (utils/loader-bridge.ts). The extension is
 * contacted from here only on articles, when the reader selects text, or when asked.
 */
export interface LoaderExtension {
  pageStart(input: { pageUrl: string; article: boolean }): Promise<PageStart>;
  /** Has the background inject the full page script into this frame. */
  injectPage(): Promise<unknown>;
  /** The article read off this page's main thread; null where it cannot be. */
  extractHtml(input: { html: string; url: string; baseUrl: string }): Promise<ExtractResult | null>;
}

export interface LoaderOptions {
  /** Creates the extension connection; called only when first needed. */
  connect: () => LoaderExtension;
  /** Milliseconds of quiet before late text is looked at again (default 800). */
  lateTextMs?: number;
  /** How long to watch for late text (default 15 s). */
  watchMs?: number;
}

export function startLoader(win: Window, opts: LoaderOptions): { stop(): void; settled: Promise<void> } {
  // Injected again into a tab that has one (a tab opened before Clipmark was installed, then reloaded): one is enough.
  if ((win as unknown as Record<string, unknown>)[LOADER_KEY]) return { stop: () => {}, settled: Promise.resolve() };
  const doc = win.document;
  let ext: LoaderExtension | null = null;
  const extension = () => (ext ??= opts.connect());
  let loading: Promise<PageApi> | null = null;
  let settings: Settings | undefined;
  let readerable = false;
  let extraction: EarlyExtraction | undefined;
  let off = false;
  let lastUrl = win.location.href;
  let checking: Promise<boolean> | null = null;
  const stops: (() => void)[] = [];

  const full = (): Promise<PageApi> => {
    const existing = pageApi();
    if (existing) return existing;
    // What the loader already read is handed over, so the page script starts without asking again.
    if (settings && !loading) setLoaderHandoff({ settings, readerable, extraction });
    loading ??= extension().injectPage().then(() => {
      perfMark('page-injected');
      const api = pageApi();
      if (!api) throw new Error('Clipmark could not load its page script.');
      return api;
    });
    loading.catch(() => { loading = null; });
    return loading;
  };

  /** Settings and (where the background decides something) the page's highlights; 'off' on a disabled site. */
  const start = async (article: boolean): Promise<PageStart | 'off'> => {
    const s = await extension().pageStart({ pageUrl: annotationUrlOf(doc, win.location.href), article });
    perfMark('loader-settings');
    settings = s.settings;
    if (isSiteDisabled(settings, win.location.href)) {
      off = true;
      for (const stop of stops.splice(0)) stop();
      return 'off';
    }
    return s;
  };

  /** Whether the page is an article to paint now (readerable, small enough), checked on the DOM alone. */
  const looksLikeArticle = () => {
    // Huge documents are not painted automatically (the reader can still ask from the popup). The cheap check
    // comes first: most pages that are not articles stop there, before the size checks walk the whole document.
    const t0 = perfNow();
    const article = isProbablyReaderable(doc)
      && doc.getElementsByTagName('*').length <= MAX_ELEMENTS && (doc.body?.textContent?.length ?? 0) <= MAX_TEXT_CHARS;
    perfMeasure('loader-check', t0);
    return article;
  };

  /** Looks at the page (on start, after navigation, after late text); true once the page script is in. One at a time. */
  const check = (): Promise<boolean> => {
    checking ??= look().finally(() => { checking = null; });
    return checking;
  };
  const look = async (): Promise<boolean> => {
    if (off) return true;
    if (pageApi()) return true;
    if (!looksLikeArticle()) return false;
    const s = await start(true);
    if (s === 'off') return true;
    if (!s.settings.autoHighlight) return !!s.highlights && !!(await full());
    readerable = true;
    // The article is read off this page's main thread (the background's offscreen document) while the page
    // script is being injected: the two round trips overlap. The injection is asked for first.
    let handOver!: (r: Promise<ExtractResult | null>) => void;
    const url = win.location.href;
    extraction = { url, result: new Promise((r) => { handOver = r; }) };
    const loaded = full();
    const t1 = perfNow();
    const html = htmlToRead(doc.documentElement.outerHTML);
    perfMeasure('loader-serialize', t1);
    handOver(html.length > MAX_REMOTE_HTML ? Promise.resolve(null)
      : extension().extractHtml({ html, url, baseUrl: doc.baseURI }).catch(() => null));
    return !!(await loaded);
  };

  const bridge: LoaderBridge = {
    extract: async (force) => (await full()).extract(force),
    paintNow: async () => (await full()).paintNow(),
    pageUrl: () => (off || pageApi() ? null : annotationUrlOf(doc, win.location.href)),
    loadPage: async () => !off && !!(await full()),
    highlightSelection: async () => {
      const sel = win.getSelection();
      if (!sel || sel.isCollapsed || !sel.toString().trim()) return false;
      // Whether Clipmark is off here is asked first, as for a selection made with the mouse.
      if (!settings && !off && (await start(false)) === 'off') return false;
      return !off && (await full()).highlightSelection();
    },
    navigated: async () => {
      if (win.location.href === lastUrl) return null;
      lastUrl = win.location.href;
      // Once loaded, the page script follows navigation itself.
      if (off || pageApi()) return false;
      return lookThenWatch();
    },
    info: async () => {
      const api = pageApi();
      const s = api ? (await api).status() : null;
      return {
        url: win.location.href,
        canonicalUrl: canonicalUrlOf(doc, win.location.href),
        title: doc.title,
        readerable: s?.isArticle ?? isProbablyReaderable(doc),
        counts: s?.counts ?? null,
        highlights: s?.highlights ?? 0,
        orphans: s?.orphans ?? [],
      };
    },
  };
  (win as unknown as Record<string, unknown>)[LOADER_KEY] = bridge;

  // The reader may select text to highlight (asking first whether Clipmark is off here); an article's text may
  // arrive late; a single-page site may navigate to an article (the background sees the address change and calls
  // `navigated`: no Navigation API listener or timer here).
  const onMouseUp = () => setTimeout(() => {
    const sel = win.getSelection();
    if (off || !sel || sel.isCollapsed || !sel.toString().trim() || pageApi()) return;
    // Whether Clipmark is off here is asked once, with the first selection, where no look at the page asked it.
    void (settings ? Promise.resolve(null) : start(false))
      .then((s) => (s === 'off' ? undefined : full().then((api) => api.selectionMade())))
      .catch(() => {});
  }, 0);
  doc.addEventListener('mouseup', onMouseUp);
  stops.push(() => doc.removeEventListener('mouseup', onMouseUp));

  let timer: ReturnType<typeof setTimeout> | undefined;
  const observer = new (win as unknown as typeof globalThis).MutationObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(() => void check().then((done) => done && observer.disconnect(), () => {}), opts.lateTextMs ?? 800);
  });
  const watchLateText = () => {
    if (doc.body) observer.observe(doc.body, { childList: true, subtree: true });
    const t = setTimeout(() => observer.disconnect(), opts.watchMs ?? 15_000);
    stops.push(() => clearTimeout(t));
  };
  stops.push(() => { observer.disconnect(); clearTimeout(timer); });

  /** Looks at the page; where it is not (yet) an article, watches for late text. */
  async function lookThenWatch(): Promise<boolean> {
    const done = await check().catch(() => false);
    if (!done) watchLateText();
    return done;
  }
  const settled = lookThenWatch().then(() => {});
  return { stop: () => { for (const s of stops.splice(0)) s(); }, settled };
}
