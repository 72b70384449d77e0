import type { Clipping } from '@/utils/db';

/** Saved clippings, newest first: title, site, saved date. */
export interface ClippingListProps {
  clippings: Pick<Clipping, 'id' | 'title' | 'siteName' | 'savedAt' | 'byline' | 'publishedTime' | 'isArticle' | 'url'>[];
  onOpen?: (id: string) => void;
}

// Two formatters made once (toLocaleDateString builds one per call: 50 list items, 50 formatters).
const localDayFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const utcDayFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });

/** A saved time (ms, the reader's day) or an ISO date (its UTC day), as "Apr 13, 2024". */
export function formatDay(isoOrMs: string | number): string {
  if (typeof isoOrMs === 'number') return localDayFormat.format(isoOrMs);
  return utcDayFormat.format(new Date(isoOrMs.length === 10 ? `${isoOrMs}T00:00:00Z` : isoOrMs));
}

/** Each title carries `elementtiming`: benchmarks read when the list was painted (Element Timing), not only put in the page. */
export function ClippingList({ clippings, onOpen }: ClippingListProps) {
  if (clippings.length === 0) return <p class="empty">Nothing saved yet. Open an article and press Save.</p>;
  return (
    <ul class="clippings" aria-label="Saved clippings">
      {clippings.map((c) => (
        <li key={c.id} class="clipping" data-clipping-id={c.id}>
          {onOpen ? (
            <button type="button" class="link clipping-title" elementtiming="clipping-title" onClick={() => onOpen(c.id)}>{c.title}</button>
          ) : (
            <a class="clipping-title" href={c.url} target="_blank" rel="noopener noreferrer">{c.title}</a>
          )}
          <span class="meta">
            {[...siteAndByline(c.siteName, c.byline), c.publishedTime ? `published ${c.publishedTime.slice(0, 10)}` : null, `saved ${formatDay(c.savedAt)}`, c.isArticle ? null : 'bookmark']
              .filter(Boolean).join(' · ')}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The site and the byline, the byline left out where it only repeats the site ("BBC News · BBC News", "By Reuters"). */
export function siteAndByline(site: string | null | undefined, byline: string | null | undefined): (string | null | undefined)[] {
  const bare = (v: string) => v.toLowerCase().replace(/^by\s+/, '').replace(/[^\p{L}\p{N}]+/gu, '');
  return site && byline && bare(site) === bare(byline) ? [site] : [site, byline];
}
