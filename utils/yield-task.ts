/**
 * Ends the current task and lets the page run (input, its own scripts, a frame) before continuing:
 * `scheduler.yield()` where the browser has it (continuation runs ahead of other queued tasks), else a timer.
 */
export function yieldTask(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof s?.yield === 'function') return s.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
