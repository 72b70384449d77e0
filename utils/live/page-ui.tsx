import { render } from 'preact';
import type { Annotation, HighlightColor } from '@/utils/db';
import type { PaintKind } from '@/utils/settings';
import { Legend } from '@/components/Legend';
import { SelectionToolbar } from '@/components/SelectionToolbar';
import { HighlightEditor } from '@/components/HighlightEditor';
import { EntityTooltip } from '@/components/EntityTooltip';
import type { LegendModel, PageSession, SessionUi } from '@/utils/live/session';
import css from './page-ui.css?inline';

/**
 * Clipmark's UI on a web page, in a shadow root so that the page's CSS cannot touch it and ours cannot leak:
 * the legend, the selection toolbar, the highlight editor and the entity tooltip.
 */

interface UiState {
  legend: LegendModel | null;
  toolbar: { x: number; y: number; range: Range } | null;
  editor: { annotation: Annotation; x: number; y: number } | null;
  tooltip: { kind: PaintKind; label: string; savedCount: number; x: number; y: number } | null;
}

export const HIGHLIGHT_SHORTCUT = { altKey: true, shiftKey: true, code: 'KeyH' } as const;

export function mountPageUi(doc: Document, handlers: { onToggle: (k: PaintKind) => void; onDismiss: () => void }) {
  const win = doc.defaultView!;
  const host = doc.createElement('clipmark-ui');
  host.setAttribute('style', 'all: initial; position: fixed; top: 0; left: 0; width: 0; height: 0; z-index: 2147483647;');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = css;
  const container = doc.createElement('div');
  shadow.append(style, container);
  let mounted = false;
  let session: PageSession | null = null;
  const state: UiState = { legend: null, toolbar: null, editor: null, tooltip: null };
  const cleanups: (() => void)[] = [];

  function update(change: Partial<UiState>) {
    Object.assign(state, change);
    const empty = !state.legend && !state.toolbar && !state.editor && !state.tooltip;
    if (empty && !mounted) return;
    if (!mounted) {
      doc.documentElement.append(host);
      mounted = true;
    }
    render(<Overlay />, container);
  }

  async function highlight(color: HighlightColor, note: string) {
    const t = state.toolbar;
    update({ toolbar: null });
    if (!t || !session) return;
    await session.user.create(t.range, color, note);
    win.getSelection()?.removeAllRanges();
  }

  function Overlay() {
    return (
      <>
        {state.legend && <Legend {...state.legend} onToggle={handlers.onToggle} onDismiss={handlers.onDismiss} />}
        {state.toolbar && (
          <SelectionToolbar x={state.toolbar.x} y={state.toolbar.y} onHighlight={(c, n) => void highlight(c, n)}
            onCopy={() => { void win.navigator.clipboard?.writeText(state.toolbar?.range.toString() ?? ''); update({ toolbar: null }); }} />
        )}
        {state.editor && (
          <HighlightEditor {...state.editor}
            onSave={(change) => { const id = state.editor!.annotation.id; void session?.user.update(id, change).then(() => {
              const a = session?.user.state.placed.find((p) => p.annotation.id === id)?.annotation;
              if (a && state.editor) update({ editor: { ...state.editor, annotation: a } });
            }); }}
            onDelete={() => void session?.user.remove(state.editor!.annotation.id)}
            onClose={() => update({ editor: null })} />
        )}
        {state.tooltip && <EntityTooltip {...state.tooltip} />}
      </>
    );
  }

  const inUi = (e: Event) => e.composedPath().includes(host);

  function selectionRange(): Range | null {
    const sel = win.getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0) return null;
    const r = sel.getRangeAt(0);
    if (!r.toString().trim() || host.contains(r.commonAncestorContainer)) return null;
    return r.cloneRange();
  }

  function showToolbar() {
    const range = selectionRange();
    if (!range) return update({ toolbar: null });
    const rect = range.getBoundingClientRect();
    const x = Math.max(8, Math.min(win.innerWidth - 260, rect.left));
    const y = rect.bottom + 8 > win.innerHeight - 40 ? Math.max(8, rect.top - 44) : rect.bottom + 8;
    update({ toolbar: { x, y, range }, editor: null });
  }

  function on<K extends keyof DocumentEventMap>(type: K, fn: (e: DocumentEventMap[K]) => void, opts?: AddEventListenerOptions) {
    doc.addEventListener(type, fn, opts);
    cleanups.push(() => doc.removeEventListener(type, fn, opts));
  }

  let moveFrame = 0;
  return {
    selectionMade: () => showToolbar(),
    legend: (m) => update({ legend: m }),
    orphans: () => undefined, // listed in the popup, which asks the page for them
    attach(s: PageSession) {
      session = s;
      on('mouseup', (e) => { if (!inUi(e)) setTimeout(showToolbar, 0); });
      on('keyup', (e) => {
        if (e.shiftKey && e.key.startsWith('Arrow')) showToolbar();
      });
      on('keydown', (e) => {
        if (e.altKey === HIGHLIGHT_SHORTCUT.altKey && e.shiftKey === HIGHLIGHT_SHORTCUT.shiftKey && e.code === HIGHLIGHT_SHORTCUT.code) {
          const range = selectionRange();
          if (range && session) { e.preventDefault(); void session.user.create(range, 'yellow'); }
        }
        if (e.key === 'Escape') update({ toolbar: null, editor: null });
      });
      on('mousedown', (e) => { if (!inUi(e)) update({ toolbar: null }); });
      on('click', (e) => {
        if (inUi(e) || selectionRange() || !session) return;
        const a = session.user.at(e.clientX, e.clientY);
        update({ editor: a ? { annotation: a, x: Math.min(e.clientX, win.innerWidth - 280), y: e.clientY + 12 } : null });
      });
      on('mousemove', (e) => {
        if (moveFrame) return;
        moveFrame = win.requestAnimationFrame(() => {
          moveFrame = 0;
          const p = session?.entityAt(e.clientX, e.clientY);
          if (p) update({ tooltip: { kind: p.kind, label: p.label, savedCount: p.savedCount, x: Math.min(e.clientX + 12, win.innerWidth - 290), y: e.clientY + 16 } });
          else if (state.tooltip) update({ tooltip: null });
        });
      }, { passive: true });
    },
    destroy() {
      for (const c of cleanups) c();
      render(null, container);
      host.remove();
    },
  } satisfies SessionUi & { attach: (s: PageSession) => void; destroy: () => void; selectionMade: () => void };
}
