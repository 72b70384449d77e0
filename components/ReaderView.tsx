import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { liveQuery } from 'dexie';
import type { Annotation, ClipmarkDB, Clipping, EntityRow } from '@/utils/db';
import { sanitizeArticleHtml } from '@/utils/sanitize';
import { siteAndByline } from '@/components/ClippingList';
import { deferImages, showImages } from '@/utils/reader-images';
import { imagesOf } from '@/utils/media';

/** One saved clipping, offline: its sanitised article, entities, and the reader's highlights with their notes. */
export interface ReaderViewProps {
  db: ClipmarkDB;
  clippingId: string;
  /** The reader deleted it from this page (the actions offer Undo): no "not in your archive" alert. */
  deleted?: boolean;
  /** Called once the article is in the page, to paint entities and highlights on it. */
  onArticle?: (article: HTMLElement, clipping: Clipping) => void;
  /** Ids of highlights that could not be placed in this copy. */
  orphans?: string[];
  /** Delete (with undo, offered by the caller) and export actions. */
  actions?: ComponentChildren;
}

interface Loaded {
  clipping: Clipping | null;
  annotations: Annotation[];
  entities: EntityRow[];
}

const KIND_TITLES: Record<EntityRow['kind'], string> = { person: 'People', organization: 'Organisations', place: 'Places' };

export function ReaderView({ db, clippingId, onArticle, orphans = [], actions, deleted = false }: ReaderViewProps) {
  const [data, setData] = useState<Loaded | null>(null);
  const [article, setArticle] = useState<HTMLElement | null>(null);

  useEffect(() => {
    const sub = liveQuery(async () => ({
      clipping: (await db.clippings.get(clippingId)) ?? null,
      annotations: await db.annotations.where('clippingId').equals(clippingId).toArray(),
      entities: await db.entities.where('clippingId').equals(clippingId).toArray(),
    })).subscribe({ next: setData, error: () => setData({ clipping: null, annotations: [], entities: [] }) });
    return () => sub.unsubscribe();
  }, [db, clippingId]);

  // Sanitised again on display: what is stored is never trusted as markup. Its images wait for their kept copies.
  const deferred = useMemo(
    () => (data?.clipping ? deferImages(sanitizeArticleHtml(data.clipping.html, window, data.clipping.canonicalUrl), document) : { html: '', sources: [] }),
    [data?.clipping?.html, data?.clipping?.canonicalUrl],
  );
  const html = deferred.html;

  useEffect(() => {
    if (!article || !html) return;
    let made: string[] = [];
    let gone = false;
    void imagesOf(db, clippingId).catch(() => new Map<string, Blob>()).then((kept) => {
      if (!gone) made = showImages(article, deferred.sources, kept);
    });
    return () => {
      gone = true;
      for (const u of made) URL.revokeObjectURL(u);
    };
  }, [article, html]);

  useEffect(() => {
    if (article && data?.clipping && onArticle) onArticle(article, data.clipping);
  }, [article, html]);

  useEffect(() => {
    if (data?.clipping) document.title = `${data.clipping.title} — Clipmark`;
  }, [data?.clipping?.title]);

  if (!data) return <p class="muted">Opening…</p>;
  const c = data.clipping;
  // just deleted here: the actions say so (with Undo)
  if (!c) return <main class="reader"><div>{!deleted && <p role="alert">This clipping is not in your archive (it may have been deleted).</p>}{actions}</div></main>;

  const byKind = (k: EntityRow['kind']) => data.entities.filter((e) => e.kind === k).sort((a, b) => b.mentions - a.mentions);
  const published = c.publishedTime ? new Date(c.publishedTime.length === 10 ? `${c.publishedTime}T00:00:00Z` : c.publishedTime) : null;

  return (
    <main class="reader">
      <article lang={c.lang ?? undefined}>
        <h1>{c.title}</h1>
        <p class="byline">
          {[...siteAndByline(c.siteName, c.byline).reverse(), published ? published.toLocaleDateString(undefined, { dateStyle: 'long', timeZone: 'UTC' } as Intl.DateTimeFormatOptions) : null]
            .filter(Boolean).join(' · ')}
          {' · '}<a href={c.url} target="_blank" rel="noopener noreferrer">Original</a>
        </p>
        {actions}
        {c.isArticle ? (
          <div class="article-body" ref={setArticle} dangerouslySetInnerHTML={{ __html: html }} />
        ) : (
          <p>This page was saved as a bookmark: it was not an article. <a href={c.url} target="_blank" rel="noopener noreferrer">Open it</a>.</p>
        )}
      </article>
      <aside aria-label="Entities and notes">
        {(['person', 'organization', 'place'] as const).map((k) => byKind(k).length > 0 && (
          <section key={k}>
            <h2>{KIND_TITLES[k]}</h2>
            <ul class="entity-list" aria-label={KIND_TITLES[k]}>
              {byKind(k).map((e) => <li key={e.id} title={`${e.mentions} mention${e.mentions === 1 ? '' : 's'}`}>{e.canonical}</li>)}
            </ul>
          </section>
        ))}
        <section>
          <h2>Highlights and notes</h2>
          {data.annotations.length === 0 ? <p class="muted">No highlights yet. Select text to highlight it.</p> : (
            <ul class="notes" aria-label="Highlights and notes">
              {data.annotations.map((a) => {
                const quote = a.selectors.find((s) => s.type === 'TextQuoteSelector');
                const orphan = orphans.includes(a.id);
                return (
                  <li key={a.id} class={orphan ? 'orphan' : ''}>
                    <blockquote>{quote && 'exact' in quote ? quote.exact : ''}</blockquote>
                    {a.note && <p>{a.note}</p>}
                    {orphan && <p class="muted">Could not be placed in this copy of the article.</p>}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      </aside>
    </main>
  );
}
