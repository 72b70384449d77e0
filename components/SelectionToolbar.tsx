import { useEffect, useRef } from 'preact/hooks';
import type { HighlightColor } from '@/utils/db';
import { COLOR_LABEL, DEFAULT_HIGHLIGHT_CSS, HIGHLIGHT_COLORS } from './labels';

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export const TOOLBAR_SIZE = { width: 260, height: 40 };

/** Where the toolbar goes: centred above the selection, or below it when there is no room above; kept on screen. */
export function toolbarPosition(
  sel: Rect,
  viewport: { width: number; height: number },
  size = TOOLBAR_SIZE,
  gap = 8,
): { x: number; y: number; placement: 'above' | 'below' } {
  const x = Math.max(4, Math.min(sel.left + sel.width / 2 - size.width / 2, viewport.width - size.width - 4));
  const above = sel.top - gap - size.height;
  if (above >= 0) return { x, y: above, placement: 'above' };
  return { x, y: Math.min(sel.top + sel.height + gap, viewport.height - size.height), placement: 'below' };
}

export interface SelectionToolbarProps {
  /** The selection's bounding rectangle in viewport pixels. */
  selectionRect: Rect;
  viewport: { width: number; height: number };
  colors?: readonly HighlightColor[];
  colorValues?: Partial<Record<HighlightColor, string>>;
  onHighlight: (color: HighlightColor) => void;
  onAddNote: () => void;
  onCopy: () => void;
  onClose: () => void;
  /** Focus the first button on open (when opened by the keyboard shortcut). */
  autoFocus?: boolean;
}

/** Toolbar near a text selection: highlight colours, add a note, copy. Arrow keys move between buttons, Escape closes. */
export function SelectionToolbar(props: SelectionToolbarProps) {
  const { selectionRect, viewport, colors = HIGHLIGHT_COLORS, colorValues = {}, onHighlight, onAddNote, onCopy, onClose, autoFocus } = props;
  const ref = useRef<HTMLDivElement>(null);
  const pos = toolbarPosition(selectionRect, viewport);

  useEffect(() => {
    if (autoFocus) ref.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [autoFocus]);

  const onKeyDown = (e: KeyboardEvent) => {
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const i = buttons.indexOf(e.target as HTMLButtonElement);
    let next = -1;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = (i + 1) % buttons.length;
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = (i - 1 + buttons.length) % buttons.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = buttons.length - 1;
    else if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
      return;
    }
    const target = buttons[next];
    if (target) {
      e.preventDefault();
      buttons.forEach((b, j) => (b.tabIndex = j === next ? 0 : -1));
      target.focus();
    }
  };

  return (
    <div
      ref={ref}
      role="toolbar"
      aria-label="Highlight the selected text"
      aria-orientation="horizontal"
      class={`cm-toolbar cm-toolbar-${pos.placement}`}
      style={{ position: 'fixed', left: `${pos.x}px`, top: `${pos.y}px` }}
      onKeyDown={onKeyDown}
      // Keep the page's selection when the toolbar is clicked.
      onMouseDown={(e) => e.preventDefault()}
    >
      {colors.map((color, i) => (
        <button
          key={color}
          type="button"
          class="cm-color"
          tabIndex={i === 0 ? 0 : -1}
          aria-label={`Highlight in ${COLOR_LABEL[color].toLowerCase()}`}
          title={`Highlight (${COLOR_LABEL[color]})`}
          style={{ background: colorValues[color] ?? DEFAULT_HIGHLIGHT_CSS[color] }}
          onClick={() => onHighlight(color)}
        />
      ))}
      <button type="button" tabIndex={-1} onClick={onAddNote}>
        Add note
      </button>
      <button type="button" tabIndex={-1} onClick={onCopy}>
        Copy
      </button>
    </div>
  );
}
