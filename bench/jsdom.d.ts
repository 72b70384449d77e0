// Minimal types for the part of jsdom the benchmarks use (jsdom ships no types; @types/jsdom is not a dependency).
declare module 'jsdom' {
  export class VirtualConsole {}
  export class JSDOM {
    constructor(html?: string, options?: { virtualConsole?: VirtualConsole; url?: string });
    readonly window: Window & typeof globalThis;
  }
}
