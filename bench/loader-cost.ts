/**
 * The loader's cost on a page that is not an article, compared across builds: npx tsx bench/loader-cost.ts DIR [DIR...]
 * (N=20 loads per build by default, alternating builds load by load, one browser per build).
 *
 * Per load, a CPU profile (100 µs sampling) of the tab from navigation to 700 ms after load; the time of every
 * sample with an extension script anywhere on its stack is summed. Unlike the trace in browser.bench.ts section 1,
 * this also counts the continuations of extension API callbacks (which the trace does not attribute to the
 * extension), so it compares designs that use the APIs with designs that do not. Sampling inflates the absolute
 * figures: compare builds within one run, not with the 5 ms target. Writes nothing.
 */
import { launchWithExtension, type ExtensionBrowser } from '../e2e/browser';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
const dirs = process.argv.slice(2).map((d) => resolve(d));
const N = Number(process.env.N ?? 20);
const items = Array.from({ length: 60 }, (_, i) => `<li class="product"><a href="/p/${i}"><h3>Product ${i}</h3></a><p class="price">€${i}</p><button>Add to cart</button></li>`).join('\n');
const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head><body><header><nav><ul><li><a href="/c">Cat</a></li></ul></nav></header><main><h1>Home</h1><ul class="grid">${items}</ul></main><footer><p>© Shop</p></footer></body></html>`;
const srv = createServer((_q, r) => { r.setHeader('content-type', 'text/html'); r.end(html); }).listen(0);
const port = (srv.address() as any).port;
const browsers: ExtensionBrowser[] = [];
for (const d of dirs) {
  const b = await launchWithExtension({ extensionDir: d });
  const p = await b.context.newPage(); await p.goto(`http://127.0.0.1:${port}/warm`); await p.waitForTimeout(1000); await p.close();
  browsers.push(b);
}
const ctxs = browsers.map((b) => b.context);
const res: number[][] = dirs.map(() => []);
for (let k = 0; k < N; k++) for (let j = 0; j < ctxs.length; j++) {
  const c = ctxs[j]!;
  const page = await c.newPage();
  const cdp = await c.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await page.goto(`http://127.0.0.1:${port}/s${k}`, { waitUntil: 'load' });
  await page.waitForTimeout(700);
  const { profile } = await cdp.send('Profiler.stop') as any;
  const byId = new Map<number, any>(profile.nodes.map((n: any) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const ch of n.children ?? []) parent.set(ch, n.id);
  let ext = 0;
  profile.samples.forEach((id: number, i: number) => {
    for (let n: number | undefined = id; n != null; n = parent.get(n)) if (/chrome-extension/.test(byId.get(n).callFrame.url)) { ext += (profile.timeDeltas[i + 1] ?? 0) / 1000; break; }
  });
  res[j]!.push(ext);
  await page.close();
}
const med = (a: number[]) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]!; };
dirs.forEach((d, j) => console.log(d, 'median', med(res[j]!).toFixed(2), 'min', Math.min(...res[j]!).toFixed(2), 'all', res[j]!.map((x) => x.toFixed(1)).join(' ')));
for (const b of browsers) await b.close();
srv.close();
