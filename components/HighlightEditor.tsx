import { useEffect, useRef, useState } from 'preact/hooks';
import type { HighlightColor } from '@/utils/db';
import { COLOR_LABEL, DEFAULT_HIGHLIGHT_CSS, HIGHLIGHT_COLORS } from './labels';

export interface HighlightEditorProps {
  /** The highlighted text, shown for context. */
  quote: string;
  note: string;
  color: HighlightColor;
  colors?: readonly HighlightColor[];
  colorValues?: Partial<Record<HighlightColor, string>>;
  /** Viewport position (px) of the editor's top-left corner. */
  position?: { x: number; y: number };
  onSave: (note: string) => void;
  /** The note as typed so far (the page keeps it when the editor is left by a click elsewhere). */
  onDraft?: (note: string) => void;
  onColor: (color: HighlightColor) => void;
  onDelete: () => void;
  onClose: () => void;
}

/**
 * Edit a clicked highlight: its note, its colour, or delete it. Ctrl/Cmd+Enter saves; Escape and Close leave without
 * saving; leaving it otherwise (a click elsewhere on the page) keeps what was typed (the page, through onDraft).
 */
export function HighlightEditor(props: HighlightEditorProps) {
  const { quote, note, color, colors = HIGHLIGHT_COLORS, colorValues = {}, position, onSave, onDraft, onColor, onDelete, onClose } = props;
  const [draft, setDraft] = useState(note);
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => setDraft(note), [note]);
  useEffect(() => area.current?.focus(), []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      onSave(draft);
    }
  };

  return (
    <div
      role="dialog"
      aria-label="Edit highlight"
      class="cm-editor"
      style={position ? { position: 'fixed', left: `${position.x}px`, top: `${position.y}px` } : undefined}
      onKeyDown={onKeyDown}
    >
      <blockquote class="cm-editor-quote">{quote.length > 160 ? `${quote.slice(0, 157)}…` : quote}</blockquote>
      <div role="group" aria-label="Colour" class="cm-editor-colors">
        {colors.map((c) => (
          <button
            key={c}
            type="button"
            class="cm-color"
            aria-label={COLOR_LABEL[c]}
            aria-pressed={c === color ? 'true' : 'false'}
            style={{ background: colorValues[c] ?? DEFAULT_HIGHLIGHT_CSS[c] }}
            onClick={() => c !== color && onColor(c)}
          />
        ))}
      </div>
      <label class="cm-editor-note">
        Note
        <textarea ref={area} value={draft} rows={3} onInput={(e) => {
          const v = (e.target as HTMLTextAreaElement).value;
          setDraft(v);
          onDraft?.(v);
        }} />
      </label>
      <div class="cm-editor-actions">
        <button type="button" onClick={() => onSave(draft)}>
          Save note
        </button>
        <button type="button" class="cm-danger" onClick={onDelete}>
          Delete highlight
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
