// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { OptionsForm } from '@/components/OptionsForm';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/settings';

function mount(settings: Settings) {
  const changes: Settings[] = [];
  const root = document.createElement('div');
  document.body.append(root);
  act(() => render(<OptionsForm settings={settings} onChange={(s) => changes.push(s)} />, root));
  return { root, changes };
}

describe('OptionsForm', () => {
  it('turning a kind off reports the new settings at once', () => {
    const { root, changes } = mount(DEFAULT_SETTINGS);
    const box = [...root.querySelectorAll('label')].find((l) => l.textContent?.includes('Places'))!.querySelector('input')!;
    act(() => { box.click(); });
    expect(changes.at(-1)!.kinds.place.enabled).toBe(false);
    expect(DEFAULT_SETTINGS.kinds.place.enabled).toBe(true); // the props were not mutated
  });

  it('adds a site where Clipmark stays off, and refuses what is not a site', () => {
    const { root, changes } = mount(DEFAULT_SETTINGS);
    const input = root.querySelector<HTMLInputElement>('input[placeholder]')!;
    const form = root.querySelector('form')!;
    act(() => { input.value = 'not a site'; input.dispatchEvent(new Event('input')); });
    act(() => { form.dispatchEvent(new Event('submit', { cancelable: true })); });
    expect(root.querySelector('[role=alert]')?.textContent).toMatch(/not a site name/);
    act(() => { input.value = 'https://www.bank.example/login'; input.dispatchEvent(new Event('input')); });
    act(() => { form.dispatchEvent(new Event('submit', { cancelable: true })); });
    expect(changes.at(-1)!.disabledSites).toEqual(['bank.example']);
  });

  it('switches to painting only on request', () => {
    const { root, changes } = mount(DEFAULT_SETTINGS);
    const onRequest = [...root.querySelectorAll('label')].find((l) => l.textContent?.includes('Only when I ask'))!.querySelector('input')!;
    act(() => { onRequest.click(); });
    expect(changes.at(-1)!.autoHighlight).toBe(false);
  });
});
