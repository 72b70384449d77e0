/**
 * The reader's settings: which kinds to paint and in what colour, when to paint, and where Clipmark stays off.
 * The model alone, without storage (utils/settings.ts reads and writes it): the always-injected loader carries this
 * module, and importing any extension API at a module's top level costs every page the API's set-up.
 */

import { PAINT_KINDS, type PaintKind } from '@/utils/kinds';

export { PAINT_KINDS, type PaintKind };

export interface Settings {
  kinds: Record<PaintKind, { enabled: boolean; color: string }>;
  /** true: entities are painted on every article as it opens; false: only when asked from the popup. */
  autoHighlight: boolean;
  /** Host names (and their subdomains) where Clipmark does nothing at all. */
  disabledSites: string[];
}

export const DEFAULT_SETTINGS: Settings = {
  kinds: {
    person: { enabled: true, color: '#ffd166' },
    organization: { enabled: true, color: '#8ecae6' },
    place: { enabled: true, color: '#b5e48c' },
    date: { enabled: true, color: '#e5b3fe' },
  },
  autoHighlight: true,
  disabledSites: [],
};

const COLOR = /^#[0-9a-f]{6}$/i;

/** Settings from storage, repaired: unknown keys dropped, bad values replaced by defaults. */
export function normalizeSettings(raw: unknown): Settings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Partial<Settings>;
  const kinds = {} as Settings['kinds'];
  for (const k of PAINT_KINDS) {
    const v = r.kinds?.[k];
    kinds[k] = {
      enabled: typeof v?.enabled === 'boolean' ? v.enabled : DEFAULT_SETTINGS.kinds[k].enabled,
      color: typeof v?.color === 'string' && COLOR.test(v.color) ? v.color : DEFAULT_SETTINGS.kinds[k].color,
    };
  }
  return {
    kinds,
    autoHighlight: typeof r.autoHighlight === 'boolean' ? r.autoHighlight : DEFAULT_SETTINGS.autoHighlight,
    disabledSites: Array.isArray(r.disabledSites) ? [...new Set(r.disabledSites.map((s) => (typeof s === 'string' ? normalizeSite(s) : null)).filter((s): s is string => !!s))] : [],
  };
}

/** "https://www.Example.com/path" or "example.com" -> "example.com"; null for what is not a host. */
export function normalizeSite(input: string): string | null {
  const s = input.trim().toLowerCase();
  if (!s) return null;
  let host = s;
  try {
    host = new URL(s.includes('://') ? s : `https://${s}`).hostname;
  } catch {
    return null;
  }
  host = host.replace(/^www\./, '');
  return /^[a-z0-9.-]+\.[a-z]{2,}$|^localhost$|^\d+\.\d+\.\d+\.\d+$/.test(host) ? host : null;
}

export function isSiteDisabled(settings: Settings, url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return false;
  }
  return settings.disabledSites.some((s) => host === s || host.endsWith(`.${s}`));
}
