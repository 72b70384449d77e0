import { useState } from 'preact/hooks';
import type { HighlightColor } from '@/utils/db';
import { USER_COLORS } from '@/utils/live/highlight-style';

/** Appears by a selection: highlight in a colour, highlight with a note, or copy. */
export interface SelectionToolbarProps {
  x: number;
  y: number;
  onHighlight: (color: HighlightColor, note: string) => void;
  onCopy: () => void;
}

export function SelectionToolbar({ x, y, onHighlight, onCopy }: SelectionToolbarProps) {
  const [noting, setNoting] = useState(false);
  const [note, setNote] = useState('');
  return (
    <div class="toolbar" role="toolbar" aria-label="Clipmark highlight" style={{ left: `${x}px`, top: `${y}px` }}>
      {!noting ? (
        <>
          {(Object.keys(USER_COLORS) as HighlightColor[]).map((c) => (
            <button type="button" key={c} class="color" aria-label={`Highlight ${c}`} style={{ background: USER_COLORS[c] }} onClick={() => onHighlight(c, '')} />
          ))}
          <button type="button" onClick={() => setNoting(true)}>Add note</button>
          <button type="button" onClick={onCopy}>Copy</button>
        </>
      ) : (
        <form class="note-form" onSubmit={(e) => { e.preventDefault(); onHighlight('yellow', note.trim()); }}>
          <label>
            <span class="sr-only">Note</span>
            <textarea aria-label="Note" rows={3} value={note} autoFocus onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)} />
          </label>
          <button type="submit">Save highlight</button>
        </form>
      )}
    </div>
  );
}
