/**
 * Where the popup's time goes per keystroke, by function: npx tsx bench/popup-profile.ts "words" [--profile DIR]
 *
 * Opens popup.html in a kept profile (see browser.bench.ts --popup-only), types the words letter by letter with
 * the CPU profiler on (100 µs sampling), and prints each keystroke's busy time and the 30 functions with the most
 * self time. Build with CLIPMARK_NO_MINIFY=1 for readable names. Nothing is written anywhere.
 */
import { launchWithExtension } from '../e2e/browser';

const argv = process.argv.slice(2);
const pi = argv.indexOf('--profile');
const PROFILE = pi >= 0 ? argv[pi + 1]! : '/tmp/popup-bench-profile';
const TYPE = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--profile') ?? 'sho';
const ext = await launchWithExtension({ userDataDir: PROFILE });
try {
  const page = await ext.context.newPage();
  await page.goto(ext.popupUrl);
  await page.waitForSelector('ul[aria-label="Saved clippings"] li');
  await new Promise((r) => setTimeout(r, 2000));
  const cdp = await ext.context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  const agg = new Map<string, number>();
  for (let k = 0; k < TYPE.length; k++) {
    const ch = TYPE[k]!;
    await cdp.send('Profiler.start');
    const t0 = Date.now();
    await page.keyboard.press(ch === ' ' ? 'Space' : ch);
    await new Promise((r) => setTimeout(r, 500));
    const { profile } = await cdp.send('Profiler.stop') as any;
    const byId = new Map<number, any>(profile.nodes.map((n: any) => [n.id, n]));
    const self = new Map<number, number>();
    const dts = profile.timeDeltas as number[];
    profile.samples.forEach((id: number, i: number) => self.set(id, (self.get(id) ?? 0) + (dts[i] ?? 0)));
    let total = 0;
    for (const [id, us] of self) {
      const n = byId.get(id); const f = n.callFrame;
      if (f.functionName === '(idle)' || f.functionName === '(program)') continue;
      total += us;
      const key = `${f.functionName || '(anon)'} ${f.url.replace(/^.*\//, '')}:${f.lineNumber}`;
      agg.set(key, (agg.get(key) ?? 0) + us);
    }
    console.log(`key ${TYPE.slice(0, k + 1)}: busy ${(total / 1000).toFixed(1)} ms`);
    if (total > Number(process.env.SLOW_US ?? 30_000)) {
      // a slow keystroke: its own top functions
      const mine = new Map<string, number>();
      for (const [id, us] of self) {
        const f = byId.get(id).callFrame;
        if (f.functionName === '(idle)' || f.functionName === '(program)') continue;
        const key = `${f.functionName || '(anon)'} ${f.url.replace(/^.*\//, '')}:${f.lineNumber}`;
        mine.set(key, (mine.get(key) ?? 0) + us);
      }
      for (const [key, us] of [...mine].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`      ${(us / 1000).toFixed(1).padStart(6)} ${key}`);
    }
  }
  const top = [...agg].sort((a, b) => b[1] - a[1]).slice(0, 30);
  for (const [k, us] of top) console.log((us / 1000).toFixed(1).padStart(7), k);
} finally { await ext.close(); }
