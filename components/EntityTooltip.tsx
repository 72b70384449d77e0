import { KIND_LABEL, type PaintKind } from './labels';

export interface EntityTooltipProps {
  /** For aria-describedby on whatever the tooltip describes. */
  id: string;
  kind: PaintKind;
  canonical: string;
  /** Saved clippings mentioning the entity; null while unknown (still loading). */
  clippingCount: number | null;
  /** Viewport position (px) of the tooltip's top-left corner. */
  position?: { x: number; y: number };
}

export function mentionsText(count: number | null): string {
  if (count === null) return 'Looking in your saved clippings…';
  if (count === 0) return 'Not in any saved clipping yet';
  return `Mentioned in ${count} saved clipping${count === 1 ? '' : 's'}`;
}

/** Shown on hover or focus of an entity: its kind, canonical name and how many saved clippings mention it. */
export function EntityTooltip({ id, kind, canonical, clippingCount, position }: EntityTooltipProps) {
  return (
    <div
      id={id}
      role="tooltip"
      class={`cm-tooltip cm-kind-${kind}`}
      style={position ? { position: 'fixed', left: `${position.x}px`, top: `${position.y}px` } : undefined}
    >
      <span class="cm-tooltip-kind">{KIND_LABEL[kind].one}</span>
      <strong class="cm-tooltip-name">{canonical}</strong>
      <span class="cm-tooltip-count" aria-live="polite">
        {mentionsText(clippingCount)}
      </span>
    </div>
  );
}
