import { browser } from 'wxt/browser';
import { parseModel, type NerModel } from './model';
import type { GazetteerData } from './gazetteer';

let cached: Promise<NerModel> | null = null;

/**
 * Load the model shipped in the extension (public/ner/). Meant for the background service worker:
 * loaded once and cached; the content script loads none of it.
 */
export function loadModelFromExtension(): Promise<NerModel> {
  if (!cached) {
    cached = (async () => {
      const [bin, gaz] = await Promise.all([
        fetch(browser.runtime.getURL('/ner/model.bin')).then((r) => {
          if (!r.ok) throw new Error(`ner model: HTTP ${r.status}`);
          return r.arrayBuffer();
        }),
        fetch(browser.runtime.getURL('/ner/gazetteer.json')).then((r) => {
          if (!r.ok) throw new Error(`ner gazetteer: HTTP ${r.status}`);
          return r.json() as Promise<GazetteerData>;
        }),
      ]);
      return parseModel(bin, gaz);
    })();
    cached.catch(() => { cached = null; });
  }
  return cached;
}
