import { render } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { openDb, type Clipping } from '@/utils/db';
import { ReaderView } from '@/components/ReaderView';
import { toBackground } from '@/utils/messaging';
import { loadSettings, watchSettings } from '@/utils/settings';
import { createSession, type PageSession } from '@/utils/live/session';
import { mountPageUi } from '@/utils/live/page-ui';
import { exportMarkdown, exportWebAnnotations } from '@/utils/export';
import { downloadText } from '@/utils/download';
import '../popup/style.css';
import './style.css';

const db = openDb();
const id = new URLSearchParams(location.search).get('id') ?? '';

/** The same session as on live pages, anchored in the saved copy: one set of highlights for both. */
async function startSession(article: HTMLElement, clipping: Clipping, onOrphans: (ids: string[]) => void): Promise<{ session: PageSession; dispose(): void }> {
  const settings = await loadSettings();
  const ui = mountPageUi(document, { onToggle: (k) => session.toggleKind(k), onDismiss: () => session.dismissLegend() });
  const session = createSession({
    win: window,
    settings,
    ui: { legend: ui.legend, orphans: (list) => onOrphans(list.map((a) => a.id)) },
    pageUrl: () => clipping.canonicalUrl,
    highlightRoot: () => article,
    api: {
      analyze: (input) => toBackground.sendMessage('analyze', input),
      listAnnotations: (pageUrl) => toBackground.sendMessage('listAnnotations', { pageUrl }),
      saveAnnotation: (a) => toBackground.sendMessage('saveAnnotation', a),
      deleteAnnotation: (annotationId) => toBackground.sendMessage('deleteAnnotation', { id: annotationId }),
    },
  });
  ui.attach(session);
  const unwatch = watchSettings((next) => void session.applySettings(next));
  await session.start(true);
  return { session, dispose: () => { unwatch(); session.stop(); ui.destroy(); } };
}

function Reader() {
  // The session lives as long as the article element it was started on: a delete takes the article away (and its
  // legend and highlights with it), an undo brings a new element, which gets a session of its own.
  const live = useRef<{ el: HTMLElement; started: ReturnType<typeof startSession> } | null>(null);
  const endSession = () => {
    void live.current?.started.then((s) => s.dispose()).catch(() => {});
    live.current = null;
  };
  const [orphans, setOrphans] = useState<string[]>([]);
  const [undo, setUndo] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const actions = (
    <div class="reader-actions actions">
      {undo ? (
        <p role="status">Deleted. <button type="button" onClick={async () => {
          await toBackground.sendMessage('undoDelete', { token: undo });
          setUndo(null);
        }}>Undo</button></p>
      ) : (
        <button type="button" onClick={async () => {
          const r = await toBackground.sendMessage('deleteClipping', { id });
          endSession();
          setMessage(null);
          setUndo(r.token);
        }}>Delete</button>
      )}
      {/* a deleted clipping has nothing to export until it is brought back */}
      {!undo && <button type="button" onClick={async () => {
        const f = await exportMarkdown(db, id);
        if (f) downloadText(document, f.name, f.markdown, 'text/markdown');
        setMessage(f ? `Exported ${f.name}` : 'Nothing to export.');
      }}>Export Markdown</button>}
      {!undo && <button type="button" onClick={async () => {
        const c = await exportWebAnnotations(db, id);
        downloadText(document, `clipmark-annotations-${id}.jsonld`, JSON.stringify(c, null, 2), 'application/ld+json');
        setMessage('Exported highlights as W3C Web Annotations.');
      }}>Export highlights</button>}
      {message && <span class="muted" role="status">{message}</span>}
    </div>
  );

  return (
    <ReaderView db={db} clippingId={id} orphans={orphans} actions={actions} deleted={!!undo}
      onArticle={(el, clipping) => {
        if (live.current?.el === el) return;
        endSession();
        live.current = { el, started: startSession(el, clipping, setOrphans) };
      }} />
  );
}

render(<Reader />, document.getElementById('app')!);
