import type { PaintKind } from '@/utils/settings';

const KIND_LABEL: Record<PaintKind, string> = { person: 'Person', organization: 'Organisation', place: 'Place', date: 'Date' };

/** What an entity on the page is: its kind, its canonical name, and how many saved clippings mention it. */
export interface EntityTooltipProps {
  kind: PaintKind;
  label: string;
  savedCount: number;
  x: number;
  y: number;
}

export function EntityTooltip({ kind, label, savedCount, x, y }: EntityTooltipProps) {
  return (
    <div class="tooltip" role="tooltip" style={{ left: `${x}px`, top: `${y}px` }}>
      <span class="tip-kind">{KIND_LABEL[kind]}</span> <strong>{label}</strong>
      {kind !== 'date' && (
        <span class="tip-count">{savedCount === 0 ? 'Not in your saved clippings yet' : `Mentioned in ${savedCount} saved clipping${savedCount === 1 ? '' : 's'}`}</span>
      )}
    </div>
  );
}
