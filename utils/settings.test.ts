import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { cachedSettings, DEFAULT_SETTINGS, isSiteDisabled, loadSettings, normalizeSettings, normalizeSite, saveSettings, watchSettings, type Settings } from '@/utils/settings';

beforeEach(() => fakeBrowser.reset());

describe('settings', () => {
  it('defaults: every kind painted automatically, no site disabled', async () => {
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('repairs what storage holds instead of trusting it', () => {
    const s = normalizeSettings({ kinds: { person: { enabled: false, color: 'red; background:url(x)' } }, autoHighlight: 'yes', disabledSites: ['https://www.Bank.example/login', 'not a site', 7] });
    expect(s.kinds.person).toEqual({ enabled: false, color: DEFAULT_SETTINGS.kinds.person.color });
    expect(s.autoHighlight).toBe(true);
    expect(s.disabledSites).toEqual(['bank.example']);
  });

  it('a disabled site covers its subdomains but not look-alikes', () => {
    const s: Settings = { ...DEFAULT_SETTINGS, disabledSites: ['bank.example'] };
    expect(isSiteDisabled(s, 'https://www.bank.example/a')).toBe(true);
    expect(isSiteDisabled(s, 'https://online.bank.example/a')).toBe(true);
    expect(isSiteDisabled(s, 'https://mybank.example/a')).toBe(false);
    expect(normalizeSite('localhost')).toBe('localhost');
  });

  it('the background\'s copy is read once and follows a change made anywhere', async () => {
    const settings = cachedSettings();
    expect((await settings()).autoHighlight).toBe(true);
    expect(await settings()).toBe(await settings());
    await saveSettings({ ...DEFAULT_SETTINGS, autoHighlight: false, disabledSites: ['bank.example'] });
    await vi.waitFor(async () => expect((await settings()).autoHighlight).toBe(false));
    expect((await settings()).disabledSites).toEqual(['bank.example']);
  });

  it('changes reach watchers, so open pages follow without a reload', async () => {
    const seen: boolean[] = [];
    const stop = watchSettings((s) => seen.push(s.kinds.place.enabled));
    const next = structuredClone(DEFAULT_SETTINGS);
    next.kinds.place.enabled = false;
    await saveSettings(next);
    await new Promise((r) => setTimeout(r, 10));
    stop();
    expect(seen).toEqual([false]);
    expect((await loadSettings()).kinds.place.enabled).toBe(false);
  });
});
