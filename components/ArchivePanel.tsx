import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';
import type { ClipmarkDB, EntityKind } from '@/utils/db';
import {
  archiveByPublished,
  archiveBySaved,
  cards,
  entityView,
  mentionedTimeline,
  suggestEntities,
  topEntities,
  type ClippingCard,
  type EntitySuggestion,
  type EntityView,
  type MonthGroup,
} from '@/utils/archive';

export type ArchiveView = 'saved' | 'published' | 'mentioned' | 'entity';

export interface ArchivePanelProps {
  db: ClipmarkDB;
  onOpen: (clippingId: string) => void;
  view?: ArchiveView;
  /** Show this entity's page (opens the entity view). */
  entity?: { kind: EntityKind; key: string } | null;
  pageSize?: number;
}

const TABS: { id: ArchiveView; label: string }[] = [
  { id: 'saved', label: 'Saved' },
  { id: 'published', label: 'Published' },
  { id: 'mentioned', label: 'Mentioned dates' },
  { id: 'entity', label: 'Entities' },
];
const KIND_LABEL: Record<EntityKind, string> = { person: 'Person', organization: 'Organisation', place: 'Place' };

/** A value that follows the database (Dexie liveQuery); undefined until the first result. */
function useLive<T>(query: () => Promise<T>, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    const sub = liveQuery(query).subscribe({ next: setValue, error: (e: unknown) => console.error('archive query failed', e) });
    return () => sub.unsubscribe();
  }, deps);
  return value;
}

function ClippingList({ items, onOpen, label }: { items: ClippingCard[]; onOpen: (id: string) => void; label: string }) {
  return (
    <ul role="list" aria-label={label} class="clippings">
      {items.map((c) => (
        <li role="listitem" key={c.id}>
          <button type="button" class="clipping-link" onClick={() => onOpen(c.id)}>
            <span class="clipping-title">{c.title}</span>
            {c.siteName && <span class="clipping-site"> · {c.siteName}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}

function DayGroups({ months, onOpen }: { months: MonthGroup[]; onOpen: (id: string) => void }) {
  return (
    <>
      {months.map((m) => (
        <section key={m.month} class="month" aria-label={m.label}>
          <h3>
            {m.label} <span class="count">({m.count})</span>
          </h3>
          {m.days.map((d) => (
            <section key={d.day} class="day" aria-label={d.label}>
              <h4>{d.label}</h4>
              <ClippingList items={d.clippings} onOpen={onOpen} label={d.label} />
            </section>
          ))}
        </section>
      ))}
    </>
  );
}

function ByDate({ db, onOpen, by, pageSize }: { db: ClipmarkDB; onOpen: (id: string) => void; by: 'saved' | 'published'; pageSize: number }) {
  const [pages, setPages] = useState(1);
  const data = useLive(
    () => (by === 'saved' ? archiveBySaved(db, { limit: pageSize * pages }) : archiveByPublished(db, { limit: pageSize * pages })),
    [db, by, pages, pageSize],
  );
  if (!data) return <p class="loading">Loading…</p>;
  if (!data.months.length) return <p class="empty">{by === 'saved' ? 'Nothing saved yet.' : 'No clipping has a published date.'}</p>;
  return (
    <>
      <DayGroups months={data.months} onOpen={onOpen} />
      {data.next !== null && (
        <button type="button" class="more" onClick={() => setPages((p) => p + 1)}>
          Show older
        </button>
      )}
    </>
  );
}

function Timeline({ db, onOpen }: { db: ClipmarkDB; onOpen: (id: string) => void }) {
  const dates = useLive(() => mentionedTimeline(db), [db]);
  const [open, setOpen] = useState<string | null>(null);
  const [items, setItems] = useState<ClippingCard[]>([]);
  useEffect(() => {
    const d = dates?.find((x) => x.value === open);
    if (d) void cards(db, d.clippingIds).then(setItems);
    else setItems([]);
  }, [db, open, dates]);
  if (!dates) return <p class="loading">Loading…</p>;
  if (!dates.length) return <p class="empty">No dates mentioned in saved clippings yet.</p>;
  return (
    <ol role="list" class="timeline" aria-label="Mentioned dates">
      {dates.map((d) => (
        <li role="listitem" key={d.value}>
          <button type="button" aria-expanded={open === d.value} onClick={() => setOpen(open === d.value ? null : d.value)}>
            <time dateTime={d.value}>{d.label}</time> — mentioned in {d.clippingIds.length} {d.clippingIds.length === 1 ? 'clipping' : 'clippings'}
          </button>
          {open === d.value && <ClippingList items={items} onOpen={onOpen} label={`Clippings mentioning ${d.label}`} />}
        </li>
      ))}
    </ol>
  );
}

function Entities({ db, onOpen, initial }: { db: ClipmarkDB; onOpen: (id: string) => void; initial: { kind: EntityKind; key: string } | null }) {
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState(initial);
  const [suggestions, setSuggestions] = useState<EntitySuggestion[]>([]);
  const view = useLive<EntityView | null>(() => (chosen ? entityView(db, chosen.kind, chosen.key) : Promise.resolve(null)), [db, chosen?.kind, chosen?.key]);
  useEffect(() => setChosen(initial), [initial?.kind, initial?.key]);
  useEffect(() => {
    let stale = false;
    // nothing typed yet: the most mentioned, to start from, kept as the archive changes
    if (!text.trim()) {
      const sub = liveQuery(() => topEntities(db, 24)).subscribe({ next: setSuggestions, error: () => setSuggestions([]) });
      return () => sub.unsubscribe();
    }
    const t = setTimeout(() => void suggestEntities(db, text, { limit: 8 }).then((s) => !stale && setSuggestions(s)), 60);
    return () => {
      stale = true;
      clearTimeout(t);
    };
  }, [db, text]);
  return (
    <div class="entities">
      <label>
        Find a person, organisation or place{' '}
        <input type="text" value={text} onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)} />
      </label>
      {suggestions.length > 0 && (
        <div class="chips" aria-label={text.trim() ? 'Entities' : 'Most mentioned entities'}>
          {suggestions.map((s) => (
            <button type="button" key={`${s.kind}:${s.key}`} class={`chip chip-${s.kind}`} onClick={() => setChosen({ kind: s.kind, key: s.key })}>
              {KIND_LABEL[s.kind]}: {s.canonical} <span class="chip-count">({s.clippings})</span>
            </button>
          ))}
        </div>
      )}
      {chosen && view === null && <p class="empty">No clipping mentions this entity.</p>}
      {view && (
        <section aria-label={view.canonical}>
          <h3>
            {view.canonical} <span class="kind">{KIND_LABEL[view.kind]}</span>
          </h3>
          <p class="count">
            Mentioned in {view.clippings.length} {view.clippings.length === 1 ? 'clipping' : 'clippings'}
            {view.surfaces.length > 1 ? ` (as ${view.surfaces.join(', ')})` : ''}
          </p>
          <ClippingList items={view.clippings} onOpen={onOpen} label={`Clippings mentioning ${view.canonical}`} />
        </section>
      )}
    </div>
  );
}

/** The archive: by saved day, by published day, the timeline of mentioned dates, and entity pages. */
export function ArchivePanel({ db, onOpen, view, entity = null, pageSize = 100 }: ArchivePanelProps) {
  const [tab, setTab] = useState<ArchiveView>(view ?? (entity ? 'entity' : 'saved'));
  useEffect(() => {
    if (entity) setTab('entity');
  }, [entity?.kind, entity?.key]);
  const onTabKey = (e: KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.id === tab);
    const next = e.key === 'ArrowRight' ? (i + 1) % TABS.length : e.key === 'ArrowLeft' ? (i + TABS.length - 1) % TABS.length : -1;
    if (next < 0) return;
    e.preventDefault();
    setTab(TABS[next]!.id);
    (e.currentTarget as HTMLElement).parentElement?.querySelectorAll<HTMLElement>('[role="tab"]')[next]?.focus();
  };
  return (
    <section class="archive-panel" aria-label="Archive">
      <div role="tablist" aria-label="Archive views">
        {TABS.map((t) => (
          <button
            type="button"
            role="tab"
            id={`archive-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls="archive-view"
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
            onKeyDown={onTabKey}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="archive-view" aria-labelledby={`archive-tab-${tab}`}>
        {tab === 'saved' && <ByDate db={db} onOpen={onOpen} by="saved" pageSize={pageSize} />}
        {tab === 'published' && <ByDate db={db} onOpen={onOpen} by="published" pageSize={pageSize} />}
        {tab === 'mentioned' && <Timeline db={db} onOpen={onOpen} />}
        {tab === 'entity' && <Entities db={db} onOpen={onOpen} initial={entity} />}
      </div>
    </section>
  );
}
