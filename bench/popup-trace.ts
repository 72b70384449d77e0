/**
 * Where the popup's open time goes: npx tsx bench/popup-trace.ts [--profile DIR] [--opens N]
 *
 * Opens popup.html in a kept profile (see browser.bench.ts --popup-only) and logs, per open, from navigation
 * start: when each script and style finished loading, when IndexedDB was opened and each read answered,
 * when runtime messages were answered, the first DOM content, the focused searchbox, the first list item,
 * and the long tasks; with --type "words", the same for each keystroke typed into the open popup. Nothing is
 * written anywhere.
 */
import { launchWithExtension } from '../e2e/browser';

const argv = process.argv.slice(2);
const pi = argv.indexOf('--profile');
const PROFILE = pi >= 0 ? argv[pi + 1]! : '/tmp/popup-bench-profile';
const oi = argv.indexOf('--opens');
const OPENS = oi >= 0 ? Number(argv[oi + 1]) : 5;
/** --type "whale str": after the last open, type this letter by letter and log the reads of each keystroke. */
const ti = argv.indexOf('--type');
const TYPE = ti >= 0 ? argv[ti + 1]! : null;

function spy() {
  const t = () => Math.round(performance.now() * 10) / 10;
  const ev: [number, string][] = [];
  (window as unknown as { __ev: typeof ev }).__ev = ev;
  if (location.protocol !== 'chrome-extension:') return;
  const log = (s: string) => ev.push([t(), s]);
  log('init script');
  const open = indexedDB.open.bind(indexedDB);
  indexedDB.open = (name: string, v?: number) => {
    log(`idb open ${name} v${v}`);
    const r = v === undefined ? open(name) : open(name, v);
    r.addEventListener('success', () => log('idb open success'));
    r.addEventListener('upgradeneeded', () => log('idb upgradeneeded'));
    return r;
  };
  const wrap = (proto: object, names: string[], kind: string) => {
    for (const n of names) {
      const f = (proto as Record<string, (...a: unknown[]) => IDBRequest>)[n];
      if (!f) continue;
      (proto as Record<string, unknown>)[n] = function (this: IDBObjectStore | IDBIndex, ...a: unknown[]) {
        const label = `${kind}.${n} ${'objectStore' in this ? `${this.objectStore.name}.${this.name}` : this.name}`;
        const t0 = t();
        const r = f.apply(this, a);
        let steps = 0;
        r.addEventListener('success', () => {
          const res = r.result as unknown;
          if (n.startsWith('open')) { if (res) steps++; else log(`${label} cursor done after ${steps} steps (started ${t0})`); }
          else log(`${label} -> ${Array.isArray(res) ? `${res.length} rows` : typeof res} (started ${t0})`);
        });
        return r;
      };
    }
  };
  const names = ['get', 'getAll', 'getAllKeys', 'getAllRecords', 'count', 'openCursor', 'openKeyCursor'];
  wrap(IDBObjectStore.prototype, names, 'store');
  wrap(IDBIndex.prototype, names, 'index');
  const send = chrome.runtime.sendMessage.bind(chrome.runtime) as (...a: unknown[]) => unknown;
  (chrome.runtime as unknown as { sendMessage: unknown }).sendMessage = (...a: unknown[]) => {
    const m = a[0] as { type?: string };
    log(`message ${m?.type} sent`);
    const r = send(...a);
    if (r && typeof (r as Promise<unknown>).then === 'function') (r as Promise<unknown>).then(() => log(`message ${m?.type} answered`), () => log(`message ${m?.type} failed`));
    return r;
  };
  new PerformanceObserver((l) => { for (const e of l.getEntries()) log(`longtask ${e.duration.toFixed(0)} ms (from ${e.startTime.toFixed(0)})`); }).observe({ type: 'longtask', buffered: true });
  let first = false, focused = false, item = false;
  const tick = () => {
    if (!first && document.getElementById('app')?.firstChild) { first = true; log('app rendered'); }
    if (!focused && document.activeElement?.getAttribute('role') === 'searchbox') { focused = true; log('searchbox focused'); }
    if (!item && document.querySelector('ul[aria-label="Saved clippings"] li')) { item = true; log('saved list has an item'); }
    if (!item || !focused) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  addEventListener('DOMContentLoaded', () => log('DOMContentLoaded'));
}

async function main() {
  const ext = await launchWithExtension({ userDataDir: PROFILE });
  try {
    await ext.context.addInitScript({ content: `window.__name = window.__name || ((f) => f); (${spy.toString()})();` });
    for (let i = 0; i < OPENS; i++) {
      const page = await ext.context.newPage();
      await page.goto(ext.popupUrl);
      await page.waitForSelector('ul[aria-label="Saved clippings"] li', { timeout: 30_000 });
      await new Promise((r) => setTimeout(r, 1500));
      const { ev, res } = await page.evaluate(() => ({
        ev: (window as unknown as { __ev: [number, string][] }).__ev,
        res: performance.getEntriesByType('resource').map((e) => [Math.round(e.startTime), Math.round((e as PerformanceResourceTiming).responseEnd), e.name.replace(/^.*\//, '')] as const),
      }));
      const all = [...ev, ...res.map(([s, e, n]) => [e, `loaded ${n} (requested ${s})`] as [number, string])].sort((a, b) => a[0] - b[0]);
      console.log(`--- open ${i + 1}`);
      for (const [ms, s] of all) console.log(`${String(ms).padStart(7)}  ${s}`);
      if (TYPE && i === OPENS - 1) {
        await page.evaluate(() => {
          const ev = (window as unknown as { __ev: [number, string][] }).__ev;
          ev.length = 0;
          addEventListener('keydown', (e) => ev.push([Math.round(performance.now() * 10) / 10, `keydown ${e.key}`]), true);
          new MutationObserver(() => ev.push([Math.round(performance.now() * 10) / 10, 'mutation'])).observe(document.querySelector('.search-panel')!, { childList: true, subtree: true, characterData: true });
        });
        for (const ch of TYPE) {
          await page.keyboard.press(ch === ' ' ? 'Space' : ch);
          await new Promise((r) => setTimeout(r, 600));
        }
        const ev = await page.evaluate(() => (window as unknown as { __ev: [number, string][] }).__ev);
        console.log(`--- typing "${TYPE}"`);
        let last = '';
        for (const [ms, s] of ev) {
          if (s === 'mutation' && last === 'mutation') continue;
          console.log(`${String(ms).padStart(7)}  ${s}`);
          last = s;
        }
      }
      await page.close();
    }
  } finally {
    await ext.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
