// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { popupShell, shellOf } from './shell';

const html = readFileSync(resolve(import.meta.dirname, 'index.html'), 'utf8');

describe('the popup’s static shell (index.html)', () => {
  it('is the popup’s first render: run `npm run shell` when this fails', () => {
    expect(shellOf(html)).toBe(popupShell());
  });

  it('has the searchbox focused by the browser itself, and an empty "Recently saved" for the early list', () => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const box = doc.querySelector('#app input[role="searchbox"]');
    expect(box?.hasAttribute('autofocus')).toBe(true);
    expect(doc.querySelector('#app section[aria-labelledby="saved-heading"] h2')?.textContent).toBe('Recently saved');
    expect(doc.querySelector('#app ul[aria-label="Saved clippings"]')).toBeNull();
  });
});
