import type { Clipping } from '@/utils/db';

/** Saved clippings, newest first: title, site, saved date. */
export interface ClippingListProps {
  clippings: Pick<Clipping, 'id' | 'title' | 'siteName' | 'savedAt' | 'byline' | 'publishedTime' | 'isArticle' | 'url'>[];
  onOpen?: (id: string) => void;
}

export function formatDay(isoOrMs: string | number): string {
  const d = typeof isoOrMs === 'number' ? new Date(isoOrMs) : new Date(isoOrMs.length === 10 ? `${isoOrMs}T00:00:00Z` : isoOrMs);
  return d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: typeof isoOrMs === 'string' ? 'UTC' : undefined });
}

export function ClippingList({ clippings, onOpen }: ClippingListProps) {
  if (clippings.length === 0) return <p class="empty">Nothing saved yet. Open an article and press Save.</p>;
  return (
    <ul class="clippings" aria-label="Saved clippings">
      {clippings.map((c) => (
        <li key={c.id} class="clipping" data-clipping-id={c.id}>
          {onOpen ? (
            <button type="button" class="link clipping-title" onClick={() => onOpen(c.id)}>{c.title}</button>
          ) : (
            <a class="clipping-title" href={c.url} target="_blank" rel="noopener noreferrer">{c.title}</a>
          )}
          <span class="meta">
            {[c.siteName, c.byline, c.publishedTime ? `published ${c.publishedTime.slice(0, 10)}` : null, `saved ${formatDay(c.savedAt)}`, c.isArticle ? null : 'bookmark']
              .filter(Boolean).join(' · ')}
          </span>
        </li>
      ))}
    </ul>
  );
}
