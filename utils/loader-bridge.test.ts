import { afterEach, describe, expect, it } from 'vitest';
import { callInTabForTests as inTab, callLoader, LOADER_KEY, type ScriptingApi } from '@/utils/loader-bridge';

const g = globalThis as Record<string, unknown>;
afterEach(() => { delete g[LOADER_KEY]; });

/** A stand-in for scripting.executeScript that runs the function here, as the browser runs it in the tab. */
const scripting: ScriptingApi = {
  async executeScript({ func, args }) {
    return [{ result: await (func as (...a: unknown[]) => unknown)(...args) }];
  },
};

describe('calling the loader in a tab', () => {
  it('says the loader is absent where there is none (a tab opened before Clipmark, a page it cannot read)', async () => {
    expect(await callLoader(scripting, 1, 'pageUrl')).toEqual({ absent: true });
  });

  it('returns what the loader answers, and passes the argument', async () => {
    g[LOADER_KEY] = { pageUrl: () => 'https://news.example/a', extract: async (force: boolean) => ({ ok: false, forced: force }) };
    expect(await callLoader(scripting, 1, 'pageUrl')).toEqual({ value: 'https://news.example/a' });
    expect(await callLoader(scripting, 1, 'extract', true)).toEqual({ value: { ok: false, forced: true } });
  });

  it('turns the loader\'s failure into a message, not a rejection the browser would drop', async () => {
    g[LOADER_KEY] = { loadPage: async () => { throw new Error('Clipmark could not load its page script.'); } };
    expect(await callLoader(scripting, 1, 'loadPage')).toEqual({ error: 'Clipmark could not load its page script.' });
    expect(await inTab(LOADER_KEY, 'navigated', null)).toEqual({ absent: true });
  });

  it('the function sent to the tab uses nothing from this module (it is serialised)', () => {
    const src = inTab.toString();
    expect(src).not.toMatch(/LOADER_KEY|callLoader|import/);
  });
});
