/**
 * Timing marks for the browser benchmark, off unless the page asked for them: the benchmark's init script sets
 * a `data-clipmark-bench` attribute on the root element (the page and the extension's isolated world share the
 * DOM and, in Chromium, one performance timeline), and only then do the content scripts add marks. Ordinary
 * pages never see a Clipmark mark, and the check touches no timing API: it costs the loader next to nothing.
 */
export const BENCH_ATTRIBUTE = 'data-clipmark-bench';

let on: boolean | undefined;

function enabled(): boolean {
  if (on === undefined) {
    try {
      on = typeof document !== 'undefined' && !!document.documentElement?.hasAttribute(BENCH_ATTRIBUTE);
    } catch {
      on = false;
    }
  }
  return on;
}

export function perfMark(name: string): void {
  if (enabled()) performance.mark(`clipmark:${name}`);
}

/** A start time for perfMeasure (0 when marks are off: nothing reads it). */
export function perfNow(): number {
  return enabled() ? performance.now() : 0;
}

/** A measure from `start` (a time from perfNow()) to now. */
export function perfMeasure(name: string, start: number): void {
  if (enabled()) performance.measure(`clipmark:${name}`, { start, end: performance.now() });
}
