import { browser } from 'wxt/browser';

/** Open one saved clipping in the reader page, in a new tab. */
export function openReader(clippingId: string): void {
  void browser.tabs.create({ url: `${browser.runtime.getURL('/reader.html')}?id=${encodeURIComponent(clippingId)}` });
}
