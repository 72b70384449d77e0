/**
 * Timing marks for the browser benchmark, off unless the page asked for them: the benchmark's init script puts a
 * `clipmark-bench` mark in the page's timeline (Chromium shares one timeline between the page and the extension's
 * isolated world), and only then do the content scripts add theirs. Ordinary pages never see a Clipmark mark.
 */
let on: boolean | undefined;

function enabled(): boolean {
  if (on === undefined) {
    try {
      on = typeof performance !== 'undefined' && performance.getEntriesByName('clipmark-bench', 'mark').length > 0;
    } catch {
      on = false;
    }
  }
  return on;
}

export function perfMark(name: string): void {
  if (enabled()) performance.mark(`clipmark:${name}`);
}

/** A measure from `start` (a time from performance.now()) to now. */
export function perfMeasure(name: string, start: number): void {
  if (enabled()) performance.measure(`clipmark:${name}`, { start, end: performance.now() });
}
