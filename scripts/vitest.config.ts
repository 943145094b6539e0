import { defineProject } from 'vitest/config';

// The repo's own scripts (what `npm test` does before the tests).
export default defineProject({
  test: {
    name: 'scripts',
    include: ['**/*.test.ts'],
  },
});
