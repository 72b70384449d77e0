/**
 * Drivers for work written as a generator of steps: all at once, or with a pause (a yield to the page) after
 * each step. The generator yields a value naming the step just done, and returns the result.
 */
export function runAtOnce<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

export async function runWithPauses<Y, T>(steps: Generator<Y, T>, pause: (step: Y) => Promise<void>): Promise<T> {
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
    await pause(s.value);
  }
}
