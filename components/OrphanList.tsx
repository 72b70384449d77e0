import type { PageInfo } from '@/utils/protocol';

/** Highlights of this page that could not be placed on it as it is now: kept, and listed here with their notes. */
export function OrphanList({ orphans }: { orphans: PageInfo['orphans'] }) {
  if (orphans.length === 0) return null;
  return (
    <section class="orphans-list" aria-labelledby="orphans-heading">
      <h3 id="orphans-heading">{orphans.length} highlight{orphans.length === 1 ? '' : 's'} not found on this page</h3>
      <ul aria-label="Highlights not found on this page">
        {orphans.map((o) => (
          <li key={o.id}>
            <blockquote>{o.quote}</blockquote>
            {o.note && <p class="note">{o.note}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
