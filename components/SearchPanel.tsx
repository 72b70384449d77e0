import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { liveQuery } from 'dexie';
import type { ClipmarkDB, EntityKind } from '@/utils/db';
import { prepareSearch, primeSearch, search, siteNames, warmSearch, type SearchFilters, type SearchResult } from '@/utils/search';
import { suggestEntities, type EntitySuggestion } from '@/utils/archive';
import { SearchResultItem, sameResult } from '@/components/SearchResultItem';
import { parseQuery } from '@/utils/search-text';

export interface SearchPanelProps {
  db: ClipmarkDB;
  /** Open a clipping in the reader. */
  onOpen: (clippingId: string) => void;
  /**
   * Milliseconds to wait after a keystroke before searching. 0 (the default) searches at once: a newer
   * keystroke aborts the older search instead, and the session cache makes the next one cheap.
   */
  debounceMs?: number;
  limit?: number;
  /** Shown instead of results while nothing is typed or filtered (the popup shows recent clippings). */
  idle?: ComponentChildren;
  /** false until the page's own first reads are done; then the panel reads ahead what search needs. */
  prefetch?: boolean;
  /** Milliseconds without typing before the newest clippings' rows and the site list are read ahead. */
  quietMs?: number;
}

const KINDS: { value: EntityKind | ''; label: string }[] = [
  { value: '', label: 'Any kind' },
  { value: 'person', label: 'People' },
  { value: 'organization', label: 'Organisations' },
  { value: 'place', label: 'Places' },
];
const KIND_LABEL: Record<EntityKind, string> = { person: 'Person', organization: 'Organisation', place: 'Place' };

/** Search as you type: searchbox focused on mount, entity chips, filters, results by keyboard. */
export function SearchPanel({ db, onOpen, debounceMs = 0, limit = 20, idle, prefetch = true, quietMs = 600 }: SearchPanelProps) {
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [entity, setEntity] = useState<EntitySuggestion | null>(null);
  const [kind, setKind] = useState<EntityKind | ''>('');
  const [site, setSite] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  /** Which date From and To filter on: the day a clipping was saved, or the day its article was published. */
  const [dateField, setDateField] = useState<'saved' | 'published'>('saved');
  const [sites, setSites] = useState<string[]>([]);
  const [results, setResults] = useState<SearchResult[] | null>(null);
  const [chips, setChips] = useState<EntitySuggestion[]>([]);
  const [active, setActive] = useState(0);
  /** Clippings saved but not yet in the search index (the background indexes them just after the save). */
  const [indexing, setIndexing] = useState(0);
  /** Results asked for: `limit`, and `limit` more each time the reader asks for more, for that search only. */
  const searchKey = JSON.stringify([query, entity?.key, entity?.kind, kind, site, from, to, dateField]);
  const [more, setMore] = useState<{ key: string; n: number } | null>(null);
  const shown = more?.key === searchKey ? more.n : limit;

  useEffect(() => {
    const sub = liveQuery(() => db.indexQueue.count()).subscribe({ next: setIndexing, error: () => setIndexing(0) });
    return () => sub.unsubscribe();
  }, [db]);
  // Layout effects run right after the render, before the first paint (useEffect waits for a frame).
  useLayoutEffect(() => input.current?.focus(), []);
  const mounted = useRef(true);
  useEffect(() => () => void (mounted.current = false), []);
  /** The site filter's options: read once typing pauses, or at once when the reader goes to the filter. */
  const loadSites = () => void siteNames(db).then((keys) => mounted.current && setSites(keys), () => {});
  // Not needed for the first paint, and IndexedDB answers one request after another. Once the popup has shown its
  // list (`prefetch`) and is idle: the recency order, which every broad query ranks by.
  useEffect(() => (prefetch ? whenIdle(() => void prepareSearch(db).catch(() => {})) : undefined), [db, prefetch]);
  // The newest clippings' rows and the site list only when typing pauses: read while the reader types, they would
  // queue before the reads of each search (keystrokes in the popup's first second took twice as long).
  const readAhead = useRef(false);
  useEffect(() => {
    if (!prefetch || readAhead.current) return;
    const timer = setTimeout(() => {
      readAhead.current = true;
      void warmSearch(db).catch(() => {}).then(loadSites);
    }, quietMs);
    return () => clearTimeout(timer);
  }, [db, prefetch, query, quietMs]);
  useLayoutEffect(() => {
    const filters: SearchFilters = {
      entity: entity ? { kind: entity.kind, key: entity.key } : null,
      kind: kind || null,
      site: site || null,
      from: from || null,
      to: to || null,
      dateField,
    };
    const ctl = new AbortController();
    const run = () => {
      void search(db, query, filters, { limit: shown, signal: ctl.signal })
        .then((rs) => {
          if (ctl.signal.aborted) return;
          // the same results as shown (typing on within one word often gives them): nothing to render
          setResults((prev) => (prev && prev.length === rs.length && rs.every((r, i) => sameResult(r, prev[i]!)) ? prev : rs));
          setActive((a) => (shown > limit && a < rs.length ? a : 0));
        })
        .catch((e: unknown) => console.error('search failed', e));
      void suggestEntities(db, query, { kind: kind || null, limit: 5 })
        .then((s) => {
          if (ctl.signal.aborted) return;
          const next = s.filter((c) => !entity || c.key !== entity.key || c.kind !== entity.kind);
          setChips((prev) => (prev.length === 0 && next.length === 0 ? prev : next));
        })
        .catch((e: unknown) => console.error('entity suggestions failed', e));
    };
    const timer = debounceMs > 0 ? setTimeout(run, debounceMs) : (run(), undefined);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [db, query, entity, kind, site, from, to, dateField, shown, debounceMs, indexing]);

  const filtering = !!(query.trim() || entity || from || to || site);
  const list = idle !== undefined && !filtering ? [] : results ?? [];
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' && list.length) {
      e.preventDefault();
      setActive((i) => Math.min(i + 1, list.length - 1));
    } else if (e.key === 'ArrowUp' && list.length) {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === 'Enter' && list[active]) {
      e.preventDefault();
      onOpen(list[active]!.id);
    } else if (e.key === 'Escape' && query) {
      e.preventDefault();
      setQuery('');
    }
  };
  // "s" alone is not searched: too short to mean anything (every word must match).
  const tooShort = !!query.trim() && !parseQuery(query).length && !entity && !from && !to && !site;

  return (
    <section class="search-panel" aria-label="Search">
      <input
        ref={input}
        // in the markup too: the popup's static shell (entrypoints/popup/index.html) is focused before any script runs
        autoFocus
        type="search"
        role="searchbox"
        aria-label="Search clippings"
        aria-controls="search-results"
        aria-activedescendant={list[active] ? `result-${list[active]!.id}` : undefined}
        placeholder="Search titles, text, highlights, people…"
        value={query}
        onInput={(e) => {
          const q = (e.currentTarget as HTMLInputElement).value;
          // the first reads go out now; the search run after this render shares them
          if (!debounceMs) primeSearch(db, q, { limit, filtered: !!(entity || kind || site || from || to) });
          setQuery(q);
        }}
        onKeyDown={onKeyDown}
      />
      <div class="chips" aria-label="Entity filters">
        {entity && (
          <button type="button" class={`chip chip-${entity.kind} chip-active`} aria-pressed="true" onClick={() => setEntity(null)} title="Remove this filter">
            {KIND_LABEL[entity.kind]}: {entity.canonical} ×
          </button>
        )}
        {chips.map((c) => (
          <button
            type="button"
            key={`${c.kind}:${c.key}`}
            class={`chip chip-${c.kind}`}
            aria-pressed="false"
            onClick={() => {
              setEntity(c);
              setQuery('');
              input.current?.focus();
            }}
          >
            {KIND_LABEL[c.kind]}: {c.canonical} <span class="chip-count">({c.clippings})</span>
          </button>
        ))}
      </div>
      <div class="filters">
        <label>
          Kind{' '}
          <select value={kind} title="Only clippings where the words you type name an entity of this kind" onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value as EntityKind | '')}>
            {KINDS.map((k) => (
              <option value={k.value}>{k.label}</option>
            ))}
          </select>
        </label>
        <label>
          Site{' '}
          <select value={site} onFocus={loadSites} onPointerDown={loadSites} onChange={(e) => setSite((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">Any site</option>
            {sites.map((s) => (
              <option value={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Dates{' '}
          <select value={dateField} onChange={(e) => setDateField((e.currentTarget as HTMLSelectElement).value as 'saved' | 'published')}>
            <option value="saved">saved</option>
            <option value="published">published</option>
          </select>
        </label>
        <label>
          From <input type="date" value={from} onInput={(e) => setFrom((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <label>
          To <input type="date" value={to} onInput={(e) => setTo((e.currentTarget as HTMLInputElement).value)} />
        </label>
      </div>
      {tooShort && (
        <p class="hint" role="status">
          Keep typing…
        </p>
      )}
      {results !== null && filtering && !tooShort && list.length === 0 && (
        <p class="empty" role="status">
          {query.trim() ? `No clippings match “${query.trim()}”` : 'No clippings match these filters'}
          {(entity || kind || site || from || to) && query.trim() ? ' with these filters' : ''}.
        </p>
      )}
      {filtering && !tooShort && indexing > 0 && (
        <p class="hint indexing" role="status">
          Indexing {indexing === 1 ? 'a clipping just saved' : `${indexing} clippings just saved`}…
        </p>
      )}
      {idle !== undefined && !filtering && idle}
      <ul id="search-results" role="list" class="results" aria-label="Results" hidden={list.length === 0}>
        {list.map((r, i) => (
          <SearchResultItem key={r.id} result={r} index={i} active={i === active} onOpen={onOpen} onHover={setActive} />
        ))}
      </ul>
      {list.length > 0 && list.length >= shown && (
        <button type="button" class="link more-results" onClick={() => {
          // the keyboard goes on from the first new result (arrows from the searchbox, Enter opens)
          setMore({ key: searchKey, n: shown + limit });
          setActive(list.length);
          input.current?.focus();
        }}>More results</button>
      )}
    </section>
  );
}

/** Run `fn` when the page is idle (soon after the first paint); returns a cancel function. */
function whenIdle(fn: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(fn, { timeout: 200 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(fn, 30);
  return () => clearTimeout(id);
}
