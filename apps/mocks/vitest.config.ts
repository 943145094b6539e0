import { defineProject } from 'vitest/config';
import { workspaceSourceAliases } from '../../vitest.shared.js';

export default defineProject({
  resolve: { alias: workspaceSourceAliases() },
  test: {
    name: 'mocks',
    // The binary's tests spawn dist/bin.js: build it (and its dependencies) first.
    globalSetup: ['./test/build.global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
