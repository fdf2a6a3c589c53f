import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // two cores: one test file per core keeps tfjs-heavy files from starving each other
    maxWorkers: 2,
  },
});
