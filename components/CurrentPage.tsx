import type { SaveOutcome, TabStatus } from '@/utils/protocol';

/** The page in front of the reader: whether it is saved, and the Save button. */
export interface CurrentPageProps {
  status: TabStatus | null;
  saving: boolean;
  outcome: SaveOutcome | null;
  onSave: () => void;
  /** Paint entities now (when automatic painting is off, or the page did not look like an article at first). */
  onPaint?: () => void;
  /** Clipmark is off on this page's site (the options): nothing is painted or highlighted there; it can still be saved. */
  siteOff?: boolean;
  onOptions?: () => void;
}

function when(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function CurrentPage({ status, saving, outcome, onSave, onPaint, siteOff = false, onOptions }: CurrentPageProps) {
  if (!status) return <section class="current" aria-busy="true"><p class="muted">Looking at this page…</p></section>;
  if (status.access === 'denied') {
    return (
      <section class="current" aria-label="This page">
        <p class="notice" role="status">{status.message}</p>
      </section>
    );
  }
  const saved = status.saved;
  return (
    <section class="current" aria-label="This page">
      <p class="page-title" title={status.url}>{status.title || status.url}</p>
      <p class="muted" data-testid="page-state">
        {saved ? `Saved ${when(saved.savedAt)}` : status.isArticle === false ? 'Not an article: Save keeps it as a bookmark.' : 'Not saved yet.'}
      </p>
      {siteOff && (
        <p class="muted" data-testid="site-off">
          Clipmark is off on this site: no entities or highlights here.{' '}
          {onOptions && <button type="button" class="link" onClick={onOptions}>Change in Options</button>}
        </p>
      )}
      {status.counts && (
        <p class="muted" data-testid="entity-counts">
          {status.counts.person} people · {status.counts.organization} organisations · {status.counts.place} places · {status.counts.date} dates
          {status.highlights ? ` · ${status.highlights} highlight${status.highlights === 1 ? '' : 's'}` : ''}
        </p>
      )}
      <div class="actions">
        <button type="button" class="primary" onClick={onSave} disabled={saving}>
          {saving ? 'Saving…' : saved ? 'Save article again' : 'Save article'}
        </button>
        {onPaint && !siteOff && !status.counts && status.isArticle !== false && (
          <button type="button" onClick={onPaint}>Highlight entities</button>
        )}
      </div>
      {outcome && (
        <p class={outcome.ok ? 'ok' : 'error'} role={outcome.ok ? 'status' : 'alert'}>{outcome.message}</p>
      )}
    </section>
  );
}
