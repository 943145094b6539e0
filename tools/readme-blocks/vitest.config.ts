import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'readme-blocks',
    include: ['**/*.test.ts'],
    // The blocks run against the built packages: build them first (a turbo cache hit when current).
    globalSetup: ['./build.global-setup.ts'],
    // Each running block is a node process (some start mock printers): a few at a time on 2 cores.
    maxConcurrency: 3,
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
