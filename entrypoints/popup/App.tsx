import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { liveQuery } from 'dexie';
import { browser } from 'wxt/browser';
import type { ClipmarkDB, ClippingCardRow } from '@/utils/db';
import { recentCards } from '@/utils/archive';
import { earlyRecent, RECENT_LIMIT } from '@/utils/early-recent';
import { toBackground } from '@/utils/messaging';
import { openReader } from '@/utils/open-reader';
import { callLoader } from '@/utils/loader-bridge';
import { isSiteDisabled } from '@/utils/settings-model';
import type { SaveOutcome, TabStatus } from '@/utils/protocol';
import { CurrentPage } from '@/components/CurrentPage';
import { ClippingList } from '@/components/ClippingList';
import { OrphanList } from '@/components/OrphanList';
import { SearchPanel } from '@/components/SearchPanel';
import { ManagePanel } from '@/components/ManagePanel';

type Tab = 'search' | 'archive';

// The archive view is not needed for the first paint: its code loads when its tab is first shown.
type ArchivePanelType = typeof import('@/components/ArchivePanel').ArchivePanel;
let archivePanel: Promise<ArchivePanelType> | null = null;
const loadArchivePanel = () => (archivePanel ??= import('@/components/ArchivePanel').then((m) => m.ArchivePanel));

export function App({ db }: { db: ClipmarkDB }) {
  const [status, setStatus] = useState<TabStatus | null>(null);
  const [siteOff, setSiteOff] = useState(false);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);
  // The list popup-early.js read while this code was loading, when it is there already: on the first render.
  const [recent, setRecent] = useState<ClippingCardRow[] | null>(() => earlyRecent()?.cards ?? null);
  const [tab, setTab] = useState<Tab>('search');
  const [Archive, setArchive] = useState<ArchivePanelType | null>(null);
  useEffect(() => {
    if (tab === 'archive' && !Archive) void loadArchivePanel().then((c) => setArchive(() => c));
  }, [tab, Archive]);

  const refresh = () =>
    toBackground.sendMessage('tabStatus', {}).then(setStatus, (e: Error) => setStatus({ access: 'denied', message: e.message, tabId: null }));

  // Whether Clipmark is off on the page's site (the options), once the page is known.
  const statusUrl = status?.access === 'ok' ? status.url : null;
  useEffect(() => {
    if (!statusUrl) return setSiteOff(false);
    let gone = false;
    // loaded when needed: the settings' storage is not part of the popup's first paint
    void import('@/utils/settings').then((m) => m.loadSettings()).then((s) => !gone && setSiteOff(isSiteDisabled(s, statusUrl)), () => {});
    return () => { gone = true; };
  }, [statusUrl]);

  // Started in the render's own task (not a frame later), so the reads overlap the first paint.
  useLayoutEffect(() => {
    void refresh();
    let live = false;
    // the early read, if it ends first; the live query's answer always wins
    void earlyRecent()?.done.then((cards) => cards && !live && setRecent(cards));
    const sub = liveQuery(() => recentCards(db, RECENT_LIMIT)).subscribe({
      next: (cards) => {
        live = true;
        setRecent(cards);
      },
      error: () => {
        live = true;
        setRecent([]);
      },
    });
    return () => sub.unsubscribe();
  }, [db]);

  async function save() {
    setSaving(true);
    setOutcome(null);
    try {
      setOutcome(await toBackground.sendMessage('saveTab', { tabId: status?.tabId ?? undefined }));
    } catch (e) {
      setOutcome({ ok: false, message: (e as Error).message });
    } finally {
      setSaving(false);
      void refresh();
    }
  }

  async function paint() {
    if (status?.access !== 'ok') return;
    await callLoader(browser.scripting, status.tabId, 'paintNow').catch(() => null);
    void refresh();
  }

  const tabs: { id: Tab; label: string }[] = [{ id: 'search', label: 'Search' }, { id: 'archive', label: 'Archive' }];
  const onTabKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const next = tab === 'search' ? 'archive' : 'search';
    setTab(next);
    document.getElementById(`tab-${next}`)?.focus();
  };

  return (
    <main>
      <header class="popup-head">
        <h1>Clipmark</h1>
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>Options</button>
      </header>
      <CurrentPage status={status} saving={saving} outcome={outcome} onSave={save} onPaint={paint}
        siteOff={siteOff} onOptions={() => void browser.runtime.openOptionsPage()} />
      {status?.access === 'ok' && <OrphanList orphans={status.orphans} />}
      <div role="tablist" aria-label="Clipmark views" class="tabs" onKeyDown={onTabKey}>
        {tabs.map((t) => (
          <button key={t.id} id={`tab-${t.id}`} type="button" role="tab" aria-selected={tab === t.id} aria-controls={`panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1} onClick={() => setTab(t.id)}>{t.label}</button>
        ))}
      </div>
      {/* Both views stay once opened (hidden when not chosen): a query typed, or an archive view chosen, is still
          there on coming back, and the searchbox does not take the focus from the tab again. */}
      <div role="tabpanel" id="panel-search" aria-labelledby="tab-search" hidden={tab !== 'search'}>
        <SearchPanel db={db} onOpen={openReader} prefetch={recent !== null} idle={
          <section aria-labelledby="saved-heading">
            <h2 id="saved-heading">Recently saved</h2>
            {recent && <ClippingList clippings={recent} onOpen={openReader} />}
          </section>
        } />
      </div>
      {(tab === 'archive' || Archive) && (
        <div role="tabpanel" id="panel-archive" aria-labelledby="tab-archive" hidden={tab !== 'archive'}>
          {Archive ? <Archive db={db} onOpen={openReader} /> : <p class="muted" aria-busy="true">Loading the archive…</p>}
        </div>
      )}
      <ManagePanel db={db} onImport={async (json) => {
        const r = await toBackground.sendMessage('importBackup', { json });
        return `Imported: ${r.clippings.added} new clippings, ${r.clippings.updated} updated, ${r.annotations.added} new highlights${r.annotations.updated ? `, ${r.annotations.updated} highlights or notes updated` : ''}.`;
      }} />
    </main>
  );
}
