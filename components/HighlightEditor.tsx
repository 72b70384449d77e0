import { useState } from 'preact/hooks';
import type { Annotation, HighlightColor } from '@/utils/db';
import { USER_COLORS } from '@/utils/live/highlight-style';

/** Opens on a click on one of the reader's highlights: edit its note, change its colour, or delete it. */
export interface HighlightEditorProps {
  annotation: Annotation;
  x: number;
  y: number;
  onSave: (change: { color?: HighlightColor; note?: string }) => void;
  onDelete: () => void;
  onClose: () => void;
}

export function HighlightEditor({ annotation, x, y, onSave, onDelete, onClose }: HighlightEditorProps) {
  const [note, setNote] = useState(annotation.note);
  return (
    <div class="editor" role="dialog" aria-label="Edit highlight" style={{ left: `${x}px`, top: `${y}px` }}
      onKeyDown={(e) => { if (e.key === 'Escape') onClose(); }}>
      <div class="colors">
        {(Object.keys(USER_COLORS) as HighlightColor[]).map((c) => (
          <button type="button" key={c} class="color" aria-label={`Colour ${c}`} aria-pressed={annotation.color === c}
            style={{ background: USER_COLORS[c] }} onClick={() => onSave({ color: c })} />
        ))}
      </div>
      <textarea aria-label="Note" rows={3} value={note} onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)} />
      <div class="actions">
        <button type="button" onClick={() => { onSave({ note }); onClose(); }}>Save note</button>
        <button type="button" onClick={() => { onDelete(); onClose(); }}>Delete highlight</button>
        <button type="button" onClick={onClose}>Close</button>
      </div>
    </div>
  );
}
