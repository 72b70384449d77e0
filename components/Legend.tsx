import { KIND_LABEL, PAINT_KINDS, type PaintKind } from './labels';

export interface LegendProps {
  /** Mentions painted per kind; kinds without a count are not listed. */
  counts: Partial<Record<PaintKind, number>>;
  /** Whether each kind is painted now (missing = painted). */
  enabled: Partial<Record<PaintKind, boolean>>;
  /** CSS colour of each kind's swatch. */
  colors: Partial<Record<PaintKind, string>>;
  onToggle: (kind: PaintKind, enabled: boolean) => void;
  onDismiss: () => void;
  /** Moves the keyboard focus to the next painted entity of a kind (absent: no "next" buttons). */
  onNext?: (kind: PaintKind) => void;
}

/** The small legend on article pages: counts per kind, a toggle per kind, dismissable. */
export function Legend({ counts, enabled, colors, onToggle, onDismiss, onNext }: LegendProps) {
  const kinds = PAINT_KINDS.filter((k) => counts[k] !== undefined);
  return (
    <section class="cm-legend" role="region" aria-label="Clipmark: entities on this page">
      <ul class="cm-legend-kinds">
        {kinds.map((kind) => {
          const on = enabled[kind] !== false;
          const n = counts[kind] ?? 0;
          return (
            <li key={kind}>
              <button
                type="button"
                class="cm-legend-toggle"
                aria-pressed={on ? 'true' : 'false'}
                title={`${on ? 'Hide' : 'Show'} ${KIND_LABEL[kind].many.toLowerCase()}`}
                onClick={() => onToggle(kind, !on)}
              >
                <span class="cm-swatch" aria-hidden="true" style={{ background: colors[kind] ?? 'transparent' }} />
                <span class="cm-legend-label">{KIND_LABEL[kind].many}</span>{' '}
                <span class="cm-legend-count">{n}</span>
              </button>
              {onNext && on && n > 0 && (
                <button type="button" class="cm-legend-next" aria-label={`Next ${KIND_LABEL[kind].one.toLowerCase()} on the page`}
                  title={`Next ${KIND_LABEL[kind].one.toLowerCase()} (Alt+Shift+N: next entity of any kind)`} onClick={() => onNext(kind)}>
                  ›
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <button type="button" class="cm-legend-dismiss" aria-label="Dismiss the Clipmark legend" onClick={onDismiss}>
        ×
      </button>
    </section>
  );
}
