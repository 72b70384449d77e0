import { render } from 'preact';
import type { Annotation, HighlightColor } from '@/utils/db';
import type { PaintKind } from '@/utils/settings';
import { Legend } from '@/components/Legend';
import { SelectionToolbar } from '@/components/SelectionToolbar';
import { HighlightEditor } from '@/components/HighlightEditor';
import { EntityTooltip, mentionsText } from '@/components/EntityTooltip';
import { KIND_LABEL } from '@/components/labels';
import { NEXT_ENTITY_SHORTCUT, PREVIOUS_ENTITY_SHORTCUT, stepEntity } from '@/utils/live/entity-focus';
import type { LegendModel, PageSession, SessionUi } from '@/utils/live/session';
import { USER_COLORS } from '@/utils/live/highlight-style';
import { HIGHLIGHT_COLORS } from '@/utils/kinds';
import css from './page-ui.css?inline';

/**
 * Clipmark's UI on a web page, in a shadow root so that the page's CSS cannot touch it and ours cannot leak:
 * the legend, the selection toolbar, the highlight editor and the entity tooltip.
 */

interface UiState {
  legend: LegendModel | null;
  toolbar: { rect: { left: number; top: number; width: number; height: number }; range: Range; autoFocus: boolean } | null;
  editor: { annotation: Annotation; x: number; y: number } | null;
  tooltip: { kind: PaintKind; label: string; savedCount: number; x: number; y: number } | null;
  /** What a screen reader is told when the keyboard focus moves to an entity. */
  announce: string;
}

type Shortcut = { altKey: boolean; shiftKey: boolean; code: string };
export const HIGHLIGHT_SHORTCUT = { altKey: true, shiftKey: true, code: 'KeyH' } as const;
/** The reader's own highlights by keyboard: the next / previous one, opened in the editor (note, colour, delete). */
export const NEXT_HIGHLIGHT_SHORTCUT = { altKey: true, shiftKey: true, code: 'KeyJ' } as const;
export const PREVIOUS_HIGHLIGHT_SHORTCUT = { altKey: true, shiftKey: true, code: 'KeyK' } as const;

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
  const state: UiState = { legend: null, toolbar: null, editor: null, tooltip: null, announce: '' };
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

  /** Highlights the selection; with `thenEdit`, opens the editor on it so a note can be typed at once. */
  async function highlight(color: HighlightColor, thenEdit = false) {
    const t = state.toolbar;
    update({ toolbar: null });
    if (!t || !session || session.off()) return;
    const a = await session.user.create(t.range, color);
    win.getSelection()?.removeAllRanges();
    if (a && thenEdit) update({ editor: { annotation: a, ...editorBelow(t.rect) } });
  }

  /** Where the editor opens for a highlight: below it, kept inside the window. */
  function editorBelow(r: { left: number; top: number; height: number }): { x: number; y: number } {
    return { x: Math.max(8, Math.min(r.left, win.innerWidth - 300)), y: Math.min(r.top + r.height + 8, win.innerHeight - 220) };
  }

  /** The note being typed in the open editor, not saved yet. */
  let draft: { id: string; note: string } | null = null;
  /** The editor is being left without Save, Close or Escape (a click elsewhere, another highlight): keep what was typed. */
  function keepDraft() {
    const d = draft;
    draft = null;
    const a = d && session?.user.state.placed.find((p) => p.annotation.id === d.id)?.annotation;
    if (a && d && d.note !== a.note) void session!.user.update(d.id, { note: d.note });
  }

  function editAnnotation(change: { color?: HighlightColor; note?: string }) {
    const id = state.editor?.annotation.id;
    if (!id || !session) return;
    void session.user.update(id, change).then(() => {
      const a = session?.user.state.placed.find((p) => p.annotation.id === id)?.annotation;
      if (a && state.editor?.annotation.id === id) update({ editor: { ...state.editor, annotation: a } });
    });
  }

  /** Moves the keyboard focus to the next/previous painted entity (of one kind), scrolls to it and shows its tooltip. */
  function stepFocus(dir: 1 | -1, kind?: PaintKind) {
    if (!session) return;
    const next = stepEntity(session.paintedEntities(), session.focusedEntity, dir, kind);
    if (!next) return;
    session.focusEntity(next);
    next.range.startContainer.parentElement?.scrollIntoView({ block: 'center', inline: 'nearest' });
    const r = next.range.getBoundingClientRect();
    const count = next.kind === 'date' ? '' : ` ${mentionsText(next.savedCount)}.`;
    update({
      tooltip: { kind: next.kind, label: next.label, savedCount: next.savedCount, x: Math.max(8, Math.min(r.left, win.innerWidth - 290)), y: Math.min(r.bottom + 8, win.innerHeight - 80) },
      announce: `${KIND_LABEL[next.kind].one}: ${next.label}.${count}`,
    });
  }

  /** Opens the editor on the reader's next (1) or previous (-1) highlight in the page's order, scrolled into view. */
  function stepHighlight(dir: 1 | -1) {
    if (!session || session.off()) return;
    const list = [...session.user.state.placed].sort((a, b) => a.start - b.start);
    if (!list.length) return;
    const at = list.findIndex((p) => p.annotation.id === state.editor?.annotation.id);
    const next = list[at < 0 ? (dir === 1 ? 0 : list.length - 1) : (at + dir + list.length) % list.length]!;
    keepDraft();
    next.range.startContainer.parentElement?.scrollIntoView({ block: 'center', inline: 'nearest' });
    const r = next.range.getBoundingClientRect();
    update({
      toolbar: null,
      editor: { annotation: next.annotation, ...editorBelow(r) },
    });
  }

  function clearFocus() {
    if (!session?.focusedEntity) return;
    session.focusEntity(null);
    update({ tooltip: null, announce: '' });
  }

  function Overlay() {
    const ed = state.editor;
    const quote = ed?.annotation.selectors.find((s) => s.type === 'TextQuoteSelector');
    return (
      <>
        {state.legend && <Legend {...state.legend} onToggle={(k) => handlers.onToggle(k)} onDismiss={handlers.onDismiss} onNext={(k) => stepFocus(1, k)} />}
        {state.toolbar && (
          <SelectionToolbar selectionRect={state.toolbar.rect} viewport={{ width: win.innerWidth, height: win.innerHeight }}
            colorValues={USER_COLORS} autoFocus={state.toolbar.autoFocus}
            onHighlight={(c) => void highlight(c)} onAddNote={() => void highlight('yellow', true)}
            onCopy={() => { void win.navigator.clipboard?.writeText(state.toolbar?.range.toString() ?? ''); update({ toolbar: null }); }}
            onClose={() => update({ toolbar: null })} />
        )}
        {ed && (
          <HighlightEditor key={ed.annotation.id} quote={quote && 'exact' in quote ? quote.exact : ''} note={ed.annotation.note} color={ed.annotation.color}
            colorValues={USER_COLORS} position={{ x: ed.x, y: ed.y }}
            onSave={(note) => { draft = null; editAnnotation({ note }); update({ editor: null }); }}
            onDraft={(note) => { draft = { id: ed.annotation.id, note }; }}
            onColor={(color) => editAnnotation({ color })}
            onDelete={() => { draft = null; void session?.user.remove(ed.annotation.id); update({ editor: null }); }}
            onClose={() => { draft = null; update({ editor: null }); }} />
        )}
        {state.tooltip && (
          <EntityTooltip id="clipmark-entity-tooltip" kind={state.tooltip.kind} canonical={state.tooltip.label}
            clippingCount={state.tooltip.kind === 'date' ? null : state.tooltip.savedCount} position={{ x: state.tooltip.x, y: state.tooltip.y }} />
        )}
        <div class="cm-sr" role="status" aria-live="polite">{state.announce}</div>
      </>
    );
  }

  const inUi = (e: Event) => e.composedPath().includes(host);

  function selectionRange(): Range | null {
    // Clipmark turned off on this site in the options: no toolbar, no new highlight
    if (session?.off()) return null;
    const sel = win.getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0) return null;
    const r = sel.getRangeAt(0);
    if (!r.toString().trim() || host.contains(r.commonAncestorContainer)) return null;
    return r.cloneRange();
  }

  function showToolbar(autoFocus = false) {
    const range = selectionRange();
    if (!range) return update({ toolbar: null });
    const b = range.getBoundingClientRect();
    if (state.editor) keepDraft(); // a new passage selected with the editor open: what was typed there is kept
    update({ toolbar: { rect: { left: b.left, top: b.top, width: b.width, height: b.height }, range, autoFocus }, editor: null });
  }

  function on<K extends keyof DocumentEventMap>(type: K, fn: (e: DocumentEventMap[K]) => void, opts?: AddEventListenerOptions) {
    doc.addEventListener(type, fn, opts);
    cleanups.push(() => doc.removeEventListener(type, fn, opts));
  }

  let moveFrame = 0;
  return {
    selectionMade: () => showToolbar(),
    /** Highlights the reader's selection at once, in the first colour (the context menu's "save with this passage"). */
    async highlightSelection(): Promise<boolean> {
      const range = selectionRange();
      if (!range || !session) return false;
      update({ toolbar: null });
      const a = await session.user.create(range, HIGHLIGHT_COLORS[0]!);
      win.getSelection()?.removeAllRanges();
      return !!a;
    },
    // a repaint (kind toggled, page changed) drops the keyboard focus: drop its tooltip too
    legend: (m) => update({ legend: m, ...(state.announce && !session?.focusedEntity ? { tooltip: null, announce: '' } : {}) }),
    orphans: () => undefined, // listed in the popup, which asks the page for them
    attach(s: PageSession) {
      session = s;
      on('mouseup', (e) => { if (!inUi(e)) setTimeout(showToolbar, 0); });
      on('keyup', (e) => {
        if (e.shiftKey && e.key.startsWith('Arrow')) showToolbar();
      });
      on('keydown', (e) => {
        const is = (k: Shortcut) => e.altKey === k.altKey && e.shiftKey === k.shiftKey && e.code === k.code;
        if (is(HIGHLIGHT_SHORTCUT)) {
          if (selectionRange()) { e.preventDefault(); showToolbar(true); }
        }
        if (is(NEXT_ENTITY_SHORTCUT) || is(PREVIOUS_ENTITY_SHORTCUT)) {
          e.preventDefault();
          stepFocus(is(NEXT_ENTITY_SHORTCUT) ? 1 : -1);
        }
        if (is(NEXT_HIGHLIGHT_SHORTCUT) || is(PREVIOUS_HIGHLIGHT_SHORTCUT)) {
          e.preventDefault();
          stepHighlight(is(NEXT_HIGHLIGHT_SHORTCUT) ? 1 : -1);
        }
        if (e.key === 'Escape') {
          draft = null; // Escape leaves the editor without saving
          clearFocus();
          update({ toolbar: null, editor: null });
        }
      });
      on('mousedown', (e) => { if (!inUi(e)) update({ toolbar: null }); });
      on('click', (e) => {
        if (inUi(e) || selectionRange() || !session || session.off()) return;
        keepDraft();
        const a = session.user.at(e.clientX, e.clientY);
        // a highlight on a link's text opens its editor, not the link (a click with a modifier key still follows it)
        if (a && !(e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) && (e.target as Element | null)?.closest?.('a[href]')) e.preventDefault();
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
  } satisfies SessionUi & { attach: (s: PageSession) => void; destroy: () => void; selectionMade: () => void; highlightSelection: () => Promise<boolean> };
}
