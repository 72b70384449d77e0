import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { OptionsForm } from '@/components/OptionsForm';
import { loadSettings, saveSettings, watchSettings, type Settings } from '@/utils/settings';
import '../popup/style.css';
import './style.css';

function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void loadSettings().then(setSettings);
    return watchSettings(setSettings);
  }, []);
  if (!settings) return <p>Loading…</p>;
  return (
    <main>
      <h1>Clipmark options</h1>
      <OptionsForm settings={settings} onChange={(next) => { setSettings(next); void saveSettings(next).then(() => setSaved(true)); }} />
      <p role="status" class="muted">{saved ? 'Saved. Open pages follow at once.' : ''}</p>
    </main>
  );
}

render(<Options />, document.getElementById('app')!);
