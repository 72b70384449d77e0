import { useEffect, useState } from 'preact/hooks';
import { liveQuery } from 'dexie';
import type { ClipmarkDB, Clipping } from '@/utils/db';
import { listClippings } from '@/utils/clippings';
import { toBackground } from '@/utils/messaging';
import type { SaveOutcome, TabStatus } from '@/utils/protocol';
import { CurrentPage } from '@/components/CurrentPage';
import { ClippingList } from '@/components/ClippingList';

export function App({ db }: { db: ClipmarkDB }) {
  const [status, setStatus] = useState<TabStatus | null>(null);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);
  const [clippings, setClippings] = useState<Clipping[]>([]);

  const refresh = () =>
    toBackground.sendMessage('tabStatus', {}).then(setStatus, (e: Error) => setStatus({ access: 'denied', message: e.message, tabId: null }));

  useEffect(() => {
    void refresh();
    const sub = liveQuery(() => listClippings(db)).subscribe({ next: setClippings, error: () => setClippings([]) });
    return () => sub.unsubscribe();
  }, [db]);

  async function save() {
    setSaving(true);
    setOutcome(null);
    try {
      setOutcome(await toBackground.sendMessage('saveTab', {}));
    } catch (e) {
      setOutcome({ ok: false, message: (e as Error).message });
    } finally {
      setSaving(false);
      void refresh();
    }
  }

  return (
    <main>
      <header><h1>Clipmark</h1></header>
      <CurrentPage status={status} saving={saving} outcome={outcome} onSave={save} />
      <section aria-labelledby="saved-heading">
        <h2 id="saved-heading">Saved</h2>
        <ClippingList clippings={clippings} />
      </section>
    </main>
  );
}
