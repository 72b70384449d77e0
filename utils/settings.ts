import { storage } from 'wxt/utils/storage';

import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from '@/utils/settings-model';

export * from '@/utils/settings-model';

const item = storage.defineItem<Settings>('local:settings', { fallback: DEFAULT_SETTINGS });

export async function loadSettings(): Promise<Settings> {
  return normalizeSettings(await item.getValue());
}

export async function saveSettings(s: Settings): Promise<void> {
  await item.setValue(normalizeSettings(s));
}

/** Calls back with the new settings whenever they change, in any context (open pages follow without a reload). */
export function watchSettings(cb: (s: Settings) => void): () => void {
  return item.watch((v) => cb(normalizeSettings(v)));
}

/**
 * The settings, read once and kept until they change: for the background, which is asked for them as every
 * article loads (one storage read fewer on that path).
 */
export function cachedSettings(): () => Promise<Settings> {
  let current: Promise<Settings> | null = null;
  watchSettings(() => { current = null; });
  return () => {
    if (current) return current;
    const read = loadSettings();
    read.catch(() => { if (current === read) current = null; });
    return (current = read);
  };
}
