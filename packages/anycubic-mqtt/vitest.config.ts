import { defineProject } from 'vitest/config';
import { workspaceSourceAliases } from '../../vitest.shared.js';

export default defineProject({
  resolve: { alias: workspaceSourceAliases() },
  test: {
    name: 'anycubic-mqtt',
    // Integration tests run real brokers and whole simulated prints; a loaded 2-core machine needs room.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The generic command API is pinned by type tests (uses this package's tsconfig).
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
  },
});
