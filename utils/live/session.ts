import { FOCUS_HIGHLIGHT, inReadingOrder } from '@/utils/live/entity-focus';
import { isProbablyReaderable } from '@mozilla/readability';
import type { Annotation, HighlightColor } from '@/utils/db';
import type { PageAnalysis } from '@/utils/analysis';
import { paintAnalysisInput, type AnalysisInput } from '@/utils/analysis-input';
import { findArticleRoot, findArticleRootInSteps } from '@/utils/article-dom';
import { yieldTask } from '@/utils/yield-task';
import { createPainter, type Painter } from '@/utils/highlight';
import type { AnnotationInput } from '@/utils/protocol';
import { isSiteDisabled, type PaintKind, type Settings } from '@/utils/settings';
import { annotationUrlOf } from '@/utils/url';
import { applyHighlightCss, highlightCss } from '@/utils/live/highlight-style';
import { countByKind, paintKinds, placeEntities, type PlacedEntity } from '@/utils/live/entity-layer';
import { createUserLayer, type UserLayer } from '@/utils/live/user-layer';
import { createExtractionCache, type RemoteExtract } from '@/utils/live/extraction-cache';
import { perfMeasure } from '@/utils/perf';
import type { EarlyExtraction } from '@/utils/page-api';

/**
 * One page's Clipmark session: entities painted on articles, the reader's highlights everywhere,
 * following settings changes, late-arriving text and single-page navigation. The browser is behind `api`
 * and `ui`, so this runs in jsdom tests as well as in the content script.
 */

export interface SessionApi {
  analyze(input: AnalysisInput): Promise<PageAnalysis>;
  listAnnotations(pageUrl: string): Promise<Annotation[]>;
  saveAnnotation(a: AnnotationInput): Promise<Annotation>;
  deleteAnnotation(id: string): Promise<boolean>;
  /** Reads the page's HTML off its main thread (the background's 'extractHtml'); absent: read here. */
  extractHtml?: RemoteExtract;
}

export interface LegendModel {
  counts: Record<PaintKind, number>;
  enabled: Record<PaintKind, boolean>;
  colors: Record<PaintKind, string>;
}

export interface SessionUi {
  legend(model: LegendModel | null): void;
  orphans(list: Annotation[]): void;
}

export interface SessionStatus {
  url: string;
  canonicalUrl: string;
  isArticle: boolean | null;
  counts: Record<PaintKind, number> | null;
  highlights: number;
  orphans: { id: string; quote: string; note: string; color: HighlightColor }[];
}

export interface SessionOptions {
  win: Window;
  api: SessionApi;
  ui: SessionUi;
  settings: Settings;
  painter?: Painter;
  /** How long to wait for an article whose text arrives late, and between re-checks of a changing article. */
  lateTextMs?: number;
  debounceMs?: number;
  log?: (msg: string) => void;
  /** The page the highlights belong to (the reader page passes its clipping's URL). */
  pageUrl?: () => string;
  /** The loader's request for the page's article, sent before this script was loaded. */
  earlyExtraction?: EarlyExtraction;
  /** Where highlights are anchored (the reader page passes its article element). */
  highlightRoot?: () => Element;
}

export { MAX_PAINT_CHARS } from '@/utils/analysis-input';

const EMPTY_COUNTS: Record<PaintKind, number> = { person: 0, organization: 0, place: 0, date: 0 };

export function createSession(opts: SessionOptions) {
  const { win, api, ui } = opts;
  const doc = win.document;
  const painter = opts.painter ?? createPainter(win);
  let settings = opts.settings;
  let style: CSSStyleSheet | HTMLStyleElement | undefined;
  let placed: PlacedEntity[] = [];
  let painted = new Map<string, PlacedEntity[]>();
  let articleRoot: Element | null = null;
  let articleText = '';
  let isArticle: boolean | null = null;
  let hidden = new Set<PaintKind>();
  let legendDismissed = false;
  let observer: MutationObserver | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;
  let started = false;
  const pageUrl = opts.pageUrl ?? (() => annotationUrlOf(doc, win.location.href));
  const user: UserLayer = createUserLayer({
    root: opts.highlightRoot ?? (() => doc.body),
    painter,
    store: { save: (a) => api.saveAnnotation(a), remove: (id) => api.deleteAnnotation(id) },
    pageUrl,
  });
  user.subscribe((s) => ui.orphans(s.orphans));

  const enabled = (k: PaintKind) => settings.kinds[k].enabled && !hidden.has(k);

  function showLegend() {
    if (legendDismissed || placed.length === 0) return ui.legend(null);
    const en = {} as Record<PaintKind, boolean>;
    const colors = {} as Record<PaintKind, string>;
    for (const k of ['person', 'organization', 'place', 'date'] as const) {
      en[k] = enabled(k);
      colors[k] = settings.kinds[k].color;
    }
    ui.legend({ counts: countByKind(placed), enabled: en, colors });
  }

  let last: { title: string; text: string; analysis: PageAnalysis } | null = null;

  /** The entity focused by keyboard (legend "next" buttons, Alt+Shift+N/P); dropped whenever entities are repainted. */
  let focused: PlacedEntity | null = null;
  function clearFocus() {
    if (!focused) return;
    focused = null;
    if (painter.mode !== 'wrap') painter.clear(FOCUS_HIGHLIGHT);
  }

  function repaintEntities() {
    clearFocus();
    if (painter.mode === 'wrap' && last) {
      // Unwrapping merges text nodes and leaves old Ranges stale: start from a clean page and place again.
      painter.clearAll();
      placed = placeEntities(doc, last.title, last.text, last.analysis).placed;
      painted = paintKinds(painter, placed, enabled);
      user.refresh();
    } else {
      painted = paintKinds(painter, placed, enabled);
    }
    showLegend();
  }

  /** What the page's article is, read once per page state. */
  const extraction = createExtractionCache(win, api.extractHtml, opts.earlyExtraction);

  /** Reads the article and paints its entities. Returns false when the page is not (yet) an article. */
  async function paintEntities(force = false): Promise<boolean> {
    const gen = generation;
    const r = await extraction.extractInSteps(force);
    if (gen !== generation) return true; // navigated away meanwhile
    isArticle = r.ok;
    if (!r.ok) return false;
    articleText = r.article.text;
    const ta = performance.now();
    const pending = api.analyze(paintAnalysisInput(r.article, Date.now()));
    pending.catch(() => {}); // awaited below; not "unhandled" while the root is found
    // While the background recognises entities, find where the article lives on the page (a walk of the whole
    // body), in tasks of its own.
    await yieldTask();
    let tr = performance.now();
    let root = gen !== generation ? null : await findArticleRootInSteps(doc, r.article.text, async (step) => {
      perfMeasure(`find-root-${step}`, tr);
      await yieldTask();
      tr = performance.now();
    });
    perfMeasure('find-root-count', tr);
    const analysis = await pending;
    perfMeasure('analyze', ta);
    if (gen !== generation) return true; // navigated away meanwhile
    if (root && !root.isConnected) root = findArticleRoot(doc, r.article.text);
    if (painter.mode === 'wrap') painter.clearAll();
    last = { title: r.article.title, text: r.article.text, analysis };
    const tp = performance.now();
    const result = placeEntities(doc, r.article.title, r.article.text, analysis, root);
    placed = result.placed;
    articleRoot = result.root;
    perfMeasure('place-entities', tp);
    const tq = performance.now();
    repaintEntities();
    perfMeasure('paint-entities', tq);
    watch(articleRoot ?? doc.body);
    return true;
  }

  async function loadHighlights() {
    const gen = generation;
    const list = await api.listAnnotations(pageUrl());
    if (gen !== generation) return;
    const t0 = performance.now();
    user.load(list);
    perfMeasure(`highlights-placed:${list.length}`, t0);
  }

  /** Re-reads the page when its article changes (late text, live updates), debounced. */
  function watch(target: Element) {
    observer?.disconnect();
    const MO = (win as Window & typeof globalThis).MutationObserver;
    observer = new MO((records) => {
      if (records.every((r) => isOwnNode(r.target))) return;
      extraction.drop();
      clearTimeout(timer);
      timer = setTimeout(() => void refresh(), opts.debounceMs ?? 600);
    });
    observer.observe(target, { childList: true, subtree: true, characterData: true });
  }

  function isOwnNode(n: Node): boolean {
    const el = n.nodeType === 1 ? (n as Element) : n.parentElement;
    return !!el?.closest('clipmark-mark, clipmark-ui');
  }

  async function refresh() {
    const r = await extraction.extractInSteps(false);
    const text = r.ok ? r.article.text : '';
    if (text === articleText && placed.length > 0) return;
    if (settings.autoHighlight || placed.length > 0) await paintEntities();
    await loadHighlights();
  }

  /** force: the page is known to be an article (the reader page), skip the cheap check. */
  async function start(force = false): Promise<void> {
    if (started) return;
    started = true;
    generation++;
    if (isSiteDisabled(settings, win.location.href)) return;
    style = applyHighlightCss(doc, highlightCss(settings), style);
    // The reader's highlights and the entities are fetched at the same time: neither waits for the other.
    const highlights = loadHighlights().catch((e) => opts.log?.(`highlights: ${String(e)}`));
    if (!settings.autoHighlight) return void (await highlights);
    // The cheap check first, so pages that are not articles cost almost nothing.
    if (force || isProbablyReaderable(doc)) {
      await Promise.all([highlights, paintEntities(force).catch((e) => opts.log?.(`entities: ${String(e)}`))]);
    } else {
      await highlights;
      isArticle = false;
      watch(doc.body); // an article whose text arrives late
      const gen = generation;
      setTimeout(() => { if (gen === generation && placed.length === 0) observer?.disconnect(); }, opts.lateTextMs ?? 15_000);
    }
  }

  function stop() {
    generation++;
    started = false;
    observer?.disconnect();
    observer = null;
    clearTimeout(timer);
    painter.clearAll();
    user.clear();
    focused = null;
    placed = [];
    last = null;
    extraction.drop();
    articleRoot = null;
    articleText = '';
    isArticle = null;
    ui.legend(null);
    ui.orphans([]);
  }

  return {
    start,
    stop,
    /** For a save: the article painting read, or read now (off the page's main thread where possible). */
    extract: (force: boolean) => extraction.extractInSteps(force),
    /** A single-page site moved to another article: start over. */
    async navigated() {
      stop();
      legendDismissed = false;
      hidden = new Set();
      await start();
    },
    async applySettings(next: Settings) {
      const wasDisabled = isSiteDisabled(settings, win.location.href);
      settings = next;
      const nowDisabled = isSiteDisabled(next, win.location.href);
      if (nowDisabled) return stop();
      if (wasDisabled || !started) return start();
      style = applyHighlightCss(doc, highlightCss(next), style);
      if (next.autoHighlight && placed.length === 0) await paintEntities();
      else repaintEntities();
    },
    /** The article container left the document (the site swapped its content): read the page again. */
    checkDetached() {
      if (articleRoot && !articleRoot.isConnected) {
        articleRoot = null;
        extraction.drop();
        void refresh();
      }
    },
    /** Clipmark is off on this site (the options): no highlight may be made here. */
    off: () => isSiteDisabled(settings, win.location.href),
    toggleKind(kind: PaintKind) {
      if (hidden.has(kind)) hidden.delete(kind);
      else hidden.add(kind);
      repaintEntities();
    },
    dismissLegend() {
      legendDismissed = true;
      ui.legend(null);
    },
    /** Painting asked for from the toolbar (when automatic painting is off, or on a page that failed the cheap check). */
    async paintNow(): Promise<boolean> {
      legendDismissed = false;
      if (!started) {
        started = true;
        generation++;
      }
      style = applyHighlightCss(doc, highlightCss(settings), style);
      return paintEntities(true);
    },
    status(): SessionStatus {
      return {
        url: win.location.href,
        canonicalUrl: pageUrl(),
        isArticle,
        counts: placed.length ? countByKind(placed) : isArticle ? { ...EMPTY_COUNTS } : null,
        highlights: user.state.placed.length,
        orphans: user.state.orphans.map((a) => {
          const q = a.selectors.find((s) => s.type === 'TextQuoteSelector');
          return { id: a.id, quote: q && 'exact' in q ? q.exact : '', note: a.note, color: a.color };
        }),
      };
    },
    /** Entities painted now (kinds switched on), in reading order. */
    paintedEntities(): PlacedEntity[] {
      return inReadingOrder(placed.filter((p) => enabled(p.kind)));
    },
    /** Marks one painted entity as the keyboard focus (null: none). The wrapping fallback only moves the tooltip. */
    focusEntity(p: PlacedEntity | null) {
      clearFocus();
      if (!p || !placed.includes(p)) return;
      focused = p;
      if (painter.mode !== 'wrap') painter.paint(FOCUS_HIGHLIGHT, [p.range]);
    },
    get focusedEntity() { return focused; },
    entityAt(x: number, y: number): PlacedEntity | null {
      for (const hit of painter.hitTest(x, y)) {
        const p = painted.get(hit.name)?.[hit.index];
        if (p) return p;
      }
      return null;
    },
    user,
    get placed() { return placed; },
  };
}

export type PageSession = ReturnType<typeof createSession>;
