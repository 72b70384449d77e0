import type { PaintKind } from '@/utils/settings';

/** The on-page legend: how many of each kind the article names, a toggle per kind, and a way to dismiss it. */
export interface LegendProps {
  counts: Record<PaintKind, number>;
  enabled: Record<PaintKind, boolean>;
  colors: Record<PaintKind, string>;
  onToggle: (kind: PaintKind) => void;
  onDismiss: () => void;
}

export const KIND_NAMES: Record<PaintKind, string> = { person: 'People', organization: 'Organisations', place: 'Places', date: 'Dates' };

export function Legend({ counts, enabled, colors, onToggle, onDismiss }: LegendProps) {
  return (
    <section class="legend" role="region" aria-label="Clipmark entities">
      <div class="legend-head">
        <strong>Clipmark</strong>
        <button type="button" class="icon" aria-label="Hide the Clipmark legend" onClick={onDismiss}>×</button>
      </div>
      <ul>
        {(Object.keys(KIND_NAMES) as PaintKind[]).map((k) => (
          <li key={k}>
            <button type="button" class="kind" aria-pressed={enabled[k]} onClick={() => onToggle(k)}
              title={enabled[k] ? `Hide ${KIND_NAMES[k].toLowerCase()}` : `Show ${KIND_NAMES[k].toLowerCase()}`}>
              <span class="swatch" style={{ background: colors[k], opacity: enabled[k] ? 1 : 0.3 }} aria-hidden="true" />
              <span class="kind-name">{KIND_NAMES[k]}</span>
              <span class="count">{counts[k]}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
