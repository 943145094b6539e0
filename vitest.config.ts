import { defineConfig } from 'vitest/config';

// One vitest run over every workspace project; each project has its own vitest.config.ts.
export default defineConfig({
  test: {
    projects: ['packages/*', 'mocks/*', 'apps/*', 'scripts', 'tools/*'],
  },
});
