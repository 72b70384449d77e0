import { defineConfig } from 'vitest/config';
import { resolve } from 'node:path';

// The whole-corpus pass (npm run test:corpus): slow, so it is not part of the normal end-to-end run (e2e/vitest.config.ts).
export default defineConfig({
  resolve: { alias: { '@': resolve(import.meta.dirname, '..') } },
  test: {
    root: resolve(import.meta.dirname, '..'),
    include: ['e2e/corpus.e2e.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
