import type { Annotation, ClipmarkDB } from '@/utils/db';
import { deleteClipping, findClippingForUrl, restoreClipping, saveClipping, type AfterSave, type ClippingBundle, type DateInput, type EntityInput } from '@/utils/clippings';
import type { ExtractResult, ExtractedArticle } from '@/utils/extract';
import type { AnnotationInput, PageInfo, SaveOutcome, TabStatus } from '@/utils/protocol';
import { RefusedMessage, type SenderInfo } from '@/utils/message-guard';
import { cleanUrl, pageAccess, siteOf } from '@/utils/url';

/**
 * What the background does, with the browser behind small interfaces so it can be tested without one.
 * entrypoints/background.ts wires these to the real APIs.
 */

export interface TabRef {
  id: number;
  url?: string;
  title?: string;
}

export interface BrowserPort {
  /** The tab the reader means: the active tab, or the last web tab when an extension page is in front. */
  targetTab(tabId?: number): Promise<TabRef | null>;
  /** Asks the tab's content script (injecting it if needed); null when the page cannot be reached. */
  extract(tabId: number, force: boolean): Promise<ExtractResult | null>;
  pageInfo(tabId: number): Promise<PageInfo | null>;
  setBadge(tabId: number, text: string, title: string): Promise<void>;
}

export type LinkRead = { url: string; extracted: ExtractResult } | { url: string; failed: string } | { url: string; refused: string };

export interface Analysis {
  entities: EntityInput[];
  dates: DateInput[];
}

export interface ServiceDeps {
  db: ClipmarkDB;
  browser: BrowserPort;
  /** Entities and dates of an article (the recogniser); absent means none are stored. */
  analyze?: (article: ExtractedArticle, savedAt: number) => Promise<Analysis>;
  /** In the transaction of every change to a clipping (save, highlight, undo): mark it for the search index. */
  afterSave?: AfterSave;
  /** After that transaction committed: index the clipping now (in the background, after the reply). */
  afterCommit?: (clippingId: string) => void;
  beforeDelete?: (db: ClipmarkDB, id: string) => Promise<void>;
  /** After an article was saved and committed: keep its images (the background, utils/media.ts), after the reply. */
  afterArticleSaved?: (clippingId: string) => void;
  /**
   * Fetches and reads the page behind a link (the background, utils/link-fetch.ts): the extraction; `failed`, why the
   * page could not be fetched or read (a bookmark is kept); `refused`, not a link to a web page (nothing is kept).
   */
  readLink?: (url: string) => Promise<LinkRead>;
  now?: () => number;
  log?: (msg: string) => void;
}

/** Longest article text (characters) entity recognition runs on: the longest real page in fixtures has about 110,000. */
export const MAX_ANALYZE_CHARS = 400_000;

export const FULL_DISK_MESSAGE = 'Your disk is full, so Clipmark could not save this page. Nothing was changed; free some space and try again.';

function isQuotaError(e: unknown): boolean {
  const err = e as { name?: string; inner?: { name?: string }; message?: string } | null;
  return err?.name === 'QuotaExceededError' || err?.inner?.name === 'QuotaExceededError' || /quota/i.test(err?.message ?? '');
}

export function createSaveService(deps: ServiceDeps) {
  const now = deps.now ?? Date.now;
  const undo = new Map<string, ClippingBundle>();

  async function refreshBadge(tabId: number, saved: boolean, highlights = 0) {
    const text = saved ? (highlights > 0 ? String(highlights) : '✓') : '';
    const title = saved ? `Clipmark: saved${highlights ? `, ${highlights} highlight${highlights === 1 ? '' : 's'}` : ''}` : 'Clipmark';
    await deps.browser.setBadge(tabId, text, title).catch(() => undefined);
  }

  async function saveTab(tabId?: number): Promise<SaveOutcome> {
    const tab = await deps.browser.targetTab(tabId);
    if (!tab) return { ok: false, message: 'There is no page to save.' };
    const access = pageAccess(tab.url ?? (await deps.browser.pageInfo(tab.id))?.url);
    if (!access.ok) return { ok: false, message: access.message };
    const extracted = await deps.browser.extract(tab.id, true);
    if (!extracted) return { ok: false, message: 'Clipmark cannot read this page. Reload it and try again.' };
    const out = await store(extracted, null, 'this page');
    // The badge follows the reply: it is not part of what the reader waits for.
    if (out.ok) void deps.db.annotations.where('clippingId').equals(out.clipping.id).count().then((n) => refreshBadge(tab.id, true, n)).catch(() => undefined);
    return out;
  }

  /**
   * Saves the page behind a link (the context menu on a link), without opening it: fetched and read by the background
   * (deps.readLink). A page that is not an article, or that cannot be fetched, is kept as a bookmark under the link's
   * own text, and the message says why; an address that is not a web page's is refused.
   */
  async function saveLink(url: string, linkText?: string): Promise<SaveOutcome> {
    if (!deps.readLink) return { ok: false, message: 'This browser cannot save links without opening them.' };
    const read = await deps.readLink(url);
    if ('refused' in read) return { ok: false, message: read.refused };
    const title = linkText?.trim().slice(0, 300) || read.url;
    if ('failed' in read) {
      return store({ ok: false, reason: 'error', message: read.failed, title, url: read.url, canonicalUrl: cleanUrl(read.url) ?? read.url }, `could not be read: ${read.failed}`, 'the linked page');
    }
    const r = read.extracted;
    if (r.ok) {
      // A page fetched without a browser can give less than the reader saw in the tab (text its scripts add, a
      // metered wall): an article saved with more text is kept as it is.
      const saved = await findClippingForUrl(deps.db, [r.article.canonicalUrl, r.article.url]);
      if (saved?.isArticle && r.article.text.length < saved.text.length * 0.9) {
        return {
          ok: true, created: false,
          clipping: { id: saved.id, title: saved.title, canonicalUrl: saved.canonicalUrl, isArticle: true, savedAt: saved.savedAt },
          message: `Already saved, and kept as it was: the linked page now gives less of the article (${r.article.wordCount} words against ${saved.wordCount}). Save it from its own tab to update it.`,
        };
      }
    }
    return store(r.ok ? r : { ...r, title: r.title || title }, null, 'the linked page');
  }

  /** Stores an extraction: an article with its entities and dates, or a bookmark; `why`: why a bookmark is all there is. */
  async function store(extracted: ExtractResult, why: string | null, what: string): Promise<SaveOutcome> {
    try {
      const savedAt = now();
      let result;
      if (extracted.ok) {
        // Entity recognition is bounded: on a page far longer than any article (a 10 MB dump, a 5 MB log in one <pre>)
        // it would keep the background busy for minutes; such a page is saved without entities.
        const analyzable = extracted.article.text.length <= MAX_ANALYZE_CHARS;
        if (!analyzable) deps.log?.(`entity recognition skipped: ${extracted.article.text.length} characters of text`);
        const analysis = deps.analyze && analyzable ? await deps.analyze(extracted.article, savedAt).catch((e) => {
          deps.log?.(`entity recognition failed: ${String(e)}`);
          return undefined;
        }) : undefined;
        result = await saveClipping(deps.db, { kind: 'article', article: extracted.article, ...analysis }, savedAt, deps.afterSave);
      } else {
        result = await saveClipping(deps.db, { kind: 'bookmark', url: extracted.url, canonicalUrl: extracted.canonicalUrl, title: extracted.title }, savedAt, deps.afterSave);
      }
      const c = result.clipping;
      deps.afterCommit?.(c.id);
      if (extracted.ok) deps.afterArticleSaved?.(c.id);
      const done = result.created ? 'saved' : 'updated';
      // a bookmark never replaces an article saved before (clippings.ts): that one is kept as it was
      const kept = !extracted.ok && c.isArticle;
      const message = kept ? `Already saved as an article, and kept as it was: ${what} ${why ?? 'is not an article now'}.`
        : c.isArticle ? `Article ${done}.` : why ? `Bookmark ${done}: ${what} ${why}.` : `Not an article: bookmark ${done}.`;
      return {
        ok: true, created: result.created,
        clipping: { id: c.id, title: c.title, canonicalUrl: c.canonicalUrl, isArticle: c.isArticle, savedAt: c.savedAt },
        message,
      };
    } catch (e) {
      deps.log?.(`save failed: ${String(e)}`);
      if (isQuotaError(e)) return { ok: false, message: FULL_DISK_MESSAGE };
      return { ok: false, message: `Clipmark could not save ${what}. Nothing was changed.` };
    }
  }

  async function tabStatus(tabId?: number): Promise<TabStatus> {
    const tab = await deps.browser.targetTab(tabId);
    if (!tab) return { access: 'denied', message: 'There is no page to save.', tabId: null };
    const info = await deps.browser.pageInfo(tab.id);
    const access = pageAccess(info?.url ?? tab.url);
    if (!access.ok) return { access: 'denied', message: access.message, tabId: tab.id };
    if (!info) return { access: 'denied', message: 'Clipmark cannot read this page yet. Reload it and try again.', tabId: tab.id };
    const saved = await findClippingForUrl(deps.db, [info.canonicalUrl, info.url]);
    return {
      access: 'ok', tabId: tab.id, url: info.url, canonicalUrl: info.canonicalUrl, title: info.title, isArticle: info.readerable,
      saved: saved ? { id: saved.id, title: saved.title, savedAt: saved.savedAt } : null,
      counts: info.counts ?? null, highlights: info.highlights ?? 0, orphans: info.orphans ?? [],
    };
  }

  /** A content script may only speak for its own site. */
  function assertOwnPage(pageUrl: string, sender: SenderInfo | undefined, from: 'content' | 'page') {
    if (from === 'page') return;
    const own = siteOf(sender?.url ?? sender?.tab?.url ?? '');
    if (!own || siteOf(pageUrl) !== own) throw new RefusedMessage('Refused: a page may only see and change its own highlights.');
  }

  async function saveAnnotation(input: AnnotationInput, sender: SenderInfo | undefined, from: 'content' | 'page'): Promise<Annotation> {
    assertOwnPage(input.pageUrl, sender, from);
    const { a, owner } = await deps.db.transaction('rw', [deps.db.annotations, deps.db.clippings, deps.db.terms, deps.db.entities, deps.db.indexQueue], async () => {
      const existing = await deps.db.annotations.get(input.id);
      if (existing) assertOwnPage(existing.pageUrl, sender, from);
      const clipping = await findClippingForUrl(deps.db, [input.pageUrl]);
      const t = now();
      const a: Annotation = {
        ...input, clippingId: existing?.clippingId ?? clipping?.id ?? null,
        createdAt: existing?.createdAt ?? t, updatedAt: t,
      };
      await deps.db.annotations.put(a);
      const owner = a.clippingId === clipping?.id ? clipping : a.clippingId ? await deps.db.clippings.get(a.clippingId) : undefined;
      if (owner && deps.afterSave) await deps.afterSave(deps.db, owner);
      return { a, owner };
    });
    if (owner) deps.afterCommit?.(owner.id);
    return a;
  }

  async function deleteAnnotation(id: string, sender: SenderInfo | undefined, from: 'content' | 'page'): Promise<boolean> {
    const existing = await deps.db.annotations.get(id);
    if (!existing) return false;
    assertOwnPage(existing.pageUrl, sender, from);
    await deps.db.transaction('rw', [deps.db.annotations, deps.db.clippings, deps.db.terms, deps.db.entities, deps.db.indexQueue], async () => {
      await deps.db.annotations.delete(id);
      const clipping = existing.clippingId ? await deps.db.clippings.get(existing.clippingId) : undefined;
      if (clipping && deps.afterSave) await deps.afterSave(deps.db, clipping);
    });
    if (existing.clippingId) deps.afterCommit?.(existing.clippingId);
    return true;
  }

  /** A page's highlights: those made on it, and those made in the saved copy of the same article. */
  async function listAnnotations(pageUrl: string, sender: SenderInfo | undefined, from: 'content' | 'page'): Promise<Annotation[]> {
    assertOwnPage(pageUrl, sender, from);
    const own = await deps.db.annotations.where('pageUrl').equals(pageUrl).toArray();
    const clipping = await findClippingForUrl(deps.db, [pageUrl]);
    if (!clipping) return own;
    const seen = new Set(own.map((a) => a.id));
    const viaClipping = await deps.db.annotations.where('clippingId').equals(clipping.id).toArray();
    return [...own, ...viaClipping.filter((a) => !seen.has(a.id))];
  }

  async function removeClipping(id: string): Promise<{ token: string | null }> {
    const bundle = await deleteClipping(deps.db, id, deps.beforeDelete);
    if (!bundle) return { token: null };
    const token = crypto.randomUUID();
    undo.set(token, bundle);
    return { token };
  }

  async function undoDelete(token: string): Promise<boolean> {
    const bundle = undo.get(token);
    if (!bundle) return false;
    await restoreClipping(deps.db, bundle, deps.afterSave);
    deps.afterCommit?.(bundle.clipping.id);
    undo.delete(token);
    return true;
  }

  return { saveTab, saveLink, tabStatus, saveAnnotation, deleteAnnotation, listAnnotations, removeClipping, undoDelete, refreshBadge };
}

export type SaveService = ReturnType<typeof createSaveService>;
