/**
 * Keystrokes typed as soon as the popup is interactive, against the same typed 2 s later:
 * npx tsx bench/popup-early-typing.ts [--profile DIR] [--rounds N]
 *
 * In a kept profile (see browser.bench.ts --popup-only): opens popup.html, types "damascu" (a key every 120 ms) either
 * at once or after 2 s, alternating, and prints per round the latency of each keystroke from its keydown to the last
 * change of the page before the next key, then the median, p90 and max of each way (the first letter, which searches
 * nothing, left out). The read-ahead that the popup does once idle competes with the searches typed meanwhile.
 * Nothing is written anywhere.
 */
import { launchWithExtension } from '../e2e/browser';

const argv = process.argv.slice(2);
const arg = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const PROFILE = arg('--profile') ?? '/tmp/popup-bench-profile';
const ROUNDS = Number(arg('--rounds') ?? 6);
const WORD = 'damascu';

const PROBE = `window.__name = window.__name || ((f) => f);
window.__ks = { down: 0, last: 0, lat: [] };
addEventListener('keydown', () => {
  if (window.__ks.down && window.__ks.last > window.__ks.down) window.__ks.lat.push(window.__ks.last - window.__ks.down);
  window.__ks.down = performance.now();
  window.__ks.last = 0;
}, true);
new MutationObserver((recs) => {
  if (recs.some((r) => !(r.target instanceof HTMLInputElement))) window.__ks.last = performance.now();
}).observe(document, { childList: true, subtree: true, characterData: true });`;

const ext = await launchWithExtension({ userDataDir: PROFILE });
const by = new Map<number, number[]>();
try {
  await ext.context.addInitScript({ content: PROBE });
  for (let round = 0; round < ROUNDS; round++) {
    for (const wait of round % 2 ? [2000, 0] : [0, 2000]) {
      const page = await ext.context.newPage();
      await page.goto(ext.popupUrl);
      await page.waitForSelector('ul[aria-label="Saved clippings"] li');
      await new Promise((r) => setTimeout(r, wait));
      for (const ch of WORD) {
        await page.keyboard.press(ch);
        await new Promise((r) => setTimeout(r, 120));
      }
      await new Promise((r) => setTimeout(r, 800));
      // one more key closes the last keystroke's measure
      await page.keyboard.press('Shift');
      const lat = (await page.evaluate(() => (window as unknown as { __ks: { lat: number[] } }).__ks.lat)).map((x) => Math.round(x));
      console.log(`typed ${wait ? 'after 2 s' : 'at once  '}: ${lat.join(', ')} ms`);
      by.set(wait, [...(by.get(wait) ?? []), ...lat.slice(1)]);
      await page.close();
    }
  }
} finally {
  await ext.close();
}
for (const [wait, v] of [...by].sort((a, b) => a[0] - b[0])) {
  v.sort((a, b) => a - b);
  console.log(`${wait ? 'after 2 s' : 'at once'}: median ${v[v.length >> 1]} ms, p90 ${v[Math.floor(v.length * 0.9)]} ms, max ${v[v.length - 1]} ms (${v.length} keystrokes)`);
}
