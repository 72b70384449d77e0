import type { ExtractResult } from '@/utils/extract';
import type { PageInfo } from '@/utils/protocol';

/**
 * How the background and the popup reach the always-injected loader: not by runtime messaging (a listener would
 * make every page set up the extension API, about 3 ms of its main thread in Chromium), but by running a small
 * function in the loader's isolated world (scripting.executeScript), where the loader leaves this object.
 */
export const LOADER_KEY = '__clipmarkLoader';

export interface LoaderBridge {
  /** What the popup shows about the page. */
  info(): Promise<PageInfo>;
  /** The article as Readability reads it (`force`: also a page that does not look like one). */
  extract(force: boolean): Promise<ExtractResult>;
  /** Paint entities now (when automatic painting is off). */
  paintNow(): Promise<boolean>;
  /**
   * The address the page's highlights are kept under (its same-site canonical URL, or its own, cleaned); null where
   * there is nothing to bring in: the page script is in already (it lists its highlights itself), or Clipmark is off.
   */
  pageUrl(): string | null;
  /** Bring in the page script (the page has saved highlights); true once it is in. */
  loadPage(): Promise<boolean>;
  /**
   * The tab's address changed (seen by the background): where this page's address did change (a single-page site),
   * look at it again; true if the page script came in, false if not, null if this page's address is the same.
   */
  navigated(): Promise<boolean | null>;
  /** Highlight the reader's selection now (the context menu); false where there is none, or Clipmark is off here. */
  highlightSelection(): Promise<boolean>;
}

export type LoaderMethod = keyof LoaderBridge;
type Result<M extends LoaderMethod> = Awaited<ReturnType<LoaderBridge[M]>>;

/** The outcome of one call: the loader's answer, its error, or no loader in that tab (not a web page, or opened before Clipmark). */
export type LoaderReply<M extends LoaderMethod> = { value: Result<M> } | { error: string } | { absent: true };

/** The function run in the tab. Self-contained: it is serialised and sent, so it may use nothing from outside. */
async function inTab(key: string, method: string, arg: unknown): Promise<unknown> {
  const bridge = (globalThis as Record<string, unknown>)[key] as Record<string, (a: unknown) => unknown> | undefined;
  if (!bridge || typeof bridge[method] !== 'function') return { absent: true };
  try {
    return { value: await bridge[method](arg) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

export interface ScriptingApi {
  executeScript(injection: { target: { tabId: number; frameIds?: number[] }; func: (...args: never[]) => unknown; args: unknown[] }): Promise<{ result?: unknown }[]>;
}

/** Calls `method` on the loader of a tab's top frame. Rejects only where the browser refuses to run script there. */
export async function callLoader<M extends LoaderMethod>(
  scripting: ScriptingApi,
  tabId: number,
  method: M,
  ...arg: Parameters<LoaderBridge[M]>
): Promise<LoaderReply<M>> {
  const [r] = await scripting.executeScript({ target: { tabId, frameIds: [0] }, func: inTab as (...args: never[]) => unknown, args: [LOADER_KEY, method, arg[0] ?? null] });
  const reply = r?.result as LoaderReply<M> | undefined;
  return reply && typeof reply === 'object' ? reply : { absent: true };
}

export { inTab as callInTabForTests };
