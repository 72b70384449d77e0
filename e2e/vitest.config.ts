import { configDefaults, defineConfig } from 'vitest/config';
import { resolve } from 'node:path';

// End-to-end: the built extension in real Chromium, one file at a time (2-core machines).
export default defineConfig({
  resolve: { alias: { '@': resolve(import.meta.dirname, '..') } },
  test: {
    root: resolve(import.meta.dirname, '..'),
    include: ['e2e/**/*.e2e.ts'],
    // The whole-corpus pass is its own suite (npm run test:corpus, e2e/vitest.corpus.config.ts).
    exclude: [...configDefaults.exclude, 'e2e/corpus.e2e.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
