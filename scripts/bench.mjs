#!/usr/bin/env node
/**
 * npm run bench: runs every benchmark in turn; each rewrites only its own section of BENCHMARKS.md.
 *   --quick (or BENCH_QUICK=1): smaller search database (1,000 clippings instead of 10,000) and fewer
 *   browser repetitions; the sections say which sizes they used.
 *   --only NAME[,NAME]: run only these (anchoring, search, entities, browser).
 * A failing benchmark is reported and makes the exit code non-zero; the others still run.
 */
import { spawnSync } from 'node:child_process';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const oi = argv.indexOf('--only');
const only = oi >= 0 ? new Set(String(argv[oi + 1] ?? '').split(',')) : null;

const benches = [
  { name: 'anchoring', cmd: ['npx', 'tsx', 'bench/anchoring.bench.ts'] },
  { name: 'search', cmd: ['npx', 'tsx', 'bench/search.bench.ts', ...(quick ? ['--clippings', '1000'] : [])] },
  { name: 'entities', cmd: ['npm', 'run', 'eval:entities'] },
  { name: 'browser', cmd: ['npx', 'tsx', 'bench/browser.bench.ts', ...(quick ? ['--quick'] : [])] },
];

const results = [];
for (const b of benches) {
  if (only && !only.has(b.name)) continue;
  const t0 = Date.now();
  console.log(`\n=== ${b.name}: ${b.cmd.join(' ')}`);
  const r = spawnSync(b.cmd[0], b.cmd.slice(1), { stdio: 'inherit', env: { ...process.env, ...(quick ? { BENCH_QUICK: '1' } : {}) } });
  const ok = r.status === 0;
  const why = r.error ? r.error.message : r.signal ? `signal ${r.signal}` : `exit code ${r.status}`;
  results.push({ name: b.name, ok, why, s: (Date.now() - t0) / 1000 });
  if (!ok) console.error(`*** ${b.name} failed (${why})`);
}

console.log('\n=== summary');
for (const r of results) console.log(`${r.ok ? 'ok    ' : 'FAILED'} ${r.name.padEnd(10)} ${r.s.toFixed(0)} s${r.ok ? '' : ` (${r.why})`}`);
const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
