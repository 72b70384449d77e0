import { useState } from 'preact/hooks';
import { normalizeSite, PAINT_KINDS, type PaintKind, type Settings } from '@/utils/settings';

/** The options page's form: every change is applied at once (open pages follow without a reload). */
export interface OptionsFormProps {
  settings: Settings;
  onChange: (next: Settings) => void;
}

export const KIND_LABELS: Record<PaintKind, string> = {
  person: 'People', organization: 'Organisations', place: 'Places', date: 'Dates',
};

export function OptionsForm({ settings, onChange }: OptionsFormProps) {
  const [site, setSite] = useState('');
  const [siteError, setSiteError] = useState<string | null>(null);
  const set = (fn: (s: Settings) => void) => {
    const next = structuredClone(settings);
    fn(next);
    onChange(next);
  };
  const addSite = (e: Event) => {
    e.preventDefault();
    const host = normalizeSite(site);
    if (!host) {
      setSiteError(`“${site}” is not a site name (for example news.example.com).`);
      return;
    }
    setSiteError(null);
    setSite('');
    if (!settings.disabledSites.includes(host)) set((s) => { s.disabledSites.push(host); });
  };

  return (
    <div class="options">
      <fieldset>
        <legend>What to highlight</legend>
        {PAINT_KINDS.map((k) => (
          <div class="kind-row" key={k}>
            <label>
              <input type="checkbox" checked={settings.kinds[k].enabled} onChange={(e) => set((s) => { s.kinds[k].enabled = (e.currentTarget as HTMLInputElement).checked; })} />
              {' '}{KIND_LABELS[k]}
            </label>
            <label class="color">
              <span class="sr-only">{KIND_LABELS[k]} colour</span>
              <input type="color" value={settings.kinds[k].color} aria-label={`${KIND_LABELS[k]} colour`}
                onInput={(e) => set((s) => { s.kinds[k].color = (e.currentTarget as HTMLInputElement).value; })} />
            </label>
          </div>
        ))}
      </fieldset>

      <fieldset>
        <legend>When</legend>
        <label><input type="radio" name="auto" checked={settings.autoHighlight} onChange={() => set((s) => { s.autoHighlight = true; })} /> Automatically on every article</label>
        <label><input type="radio" name="auto" checked={!settings.autoHighlight} onChange={() => set((s) => { s.autoHighlight = false; })} /> Only when I ask (from the toolbar popup)</label>
      </fieldset>

      <fieldset>
        <legend>Sites where Clipmark stays off</legend>
        <form onSubmit={addSite} class="site-form">
          <label for="site">Site</label>
          <input id="site" value={site} placeholder="news.example.com" onInput={(e) => setSite((e.currentTarget as HTMLInputElement).value)} />
          <button type="submit">Add site</button>
        </form>
        {siteError && <p role="alert" class="error">{siteError}</p>}
        <ul aria-label="Sites where Clipmark stays off">
          {settings.disabledSites.map((h) => (
            <li key={h}>{h} <button type="button" aria-label={`Remove ${h}`} onClick={() => set((s) => { s.disabledSites = s.disabledSites.filter((x) => x !== h); })}>Remove</button></li>
          ))}
        </ul>
      </fieldset>
    </div>
  );
}
