#!/usr/bin/env node
// Runs every suite (unit, then end-to-end in real Chromium and Firefox against the built extension) and ends with
// the totals of all of them on one line: "N passed, M failed". A suite that cannot run counts as failed.
// The third suite opens every real page and the stress pages through the extension (several minutes; also
// `npm run test:corpus` alone). `npm test -- --quick` leaves it out for a fast local loop, and says so.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const out = join(root, '.cache', 'test-results');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const suites = [
  { name: 'unit', args: ['vitest', 'run'] },
  { name: 'e2e', args: ['vitest', 'run', '--config', 'e2e/vitest.config.ts'], needsBuild: true },
];
const withCorpus = !process.argv.includes('--quick');
if (withCorpus) suites.push({ name: 'corpus', args: ['vitest', 'run', '--config', 'e2e/vitest.corpus.config.ts'], needsBuild: true });

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  return r.status ?? 1;
}

// The end-to-end tests load .output/chrome-mv3 (Chromium) and .output/firefox-mv2 (Firefox): build them fresh unless
// the caller just did (CI).
if (!process.env.SKIP_BUILD) {
  console.log('\n> building the extension for the end-to-end tests');
  if (run('npx', ['wxt', 'build', '-b', 'firefox']) !== 0) console.error('Firefox build failed: the Firefox tests will fail');
  if (run('npx', ['wxt', 'build']) !== 0) console.error('build failed: the end-to-end tests will fail');
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const s of suites) {
  console.log(`\n> ${s.name} tests`);
  const file = join(out, `${s.name}.json`);
  const code = run('npx', [...s.args, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
  if (!existsSync(file)) {
    console.error(`${s.name}: the suite did not run (exit ${code}); counted as 1 failure`);
    failed += 1;
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const p = r.numPassedTests ?? 0;
  const k = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  // A file that failed without a failing test (an import error, a failed beforeAll) counts as one failure.
  const brokenFiles = (r.testResults ?? []).filter(
    (t) => t.status === 'failed' && !(t.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
  const failedOnlyByExit = code !== 0 && (r.numFailedTests ?? 0) + brokenFiles === 0 ? 1 : 0;
  const f = (r.numFailedTests ?? 0) + brokenFiles;
  console.log(`${s.name}: ${p} passed, ${f + failedOnlyByExit} failed${k ? `, ${k} skipped` : ''}`);
  passed += p;
  failed += f + failedOnlyByExit;
  skipped += k;
}
if (!withCorpus) console.log('corpus: not run (--quick); npm test runs it');
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
