import { defineProject } from 'vitest/config';
import { workspaceSourceAliases } from '../../vitest.shared.js';

export default defineProject({
  resolve: { alias: workspaceSourceAliases() },
  test: {
    name: 'cli',
    // The end-to-end tests spawn dist/bin.js of both apps: build them (and their dependencies) first.
    globalSetup: ['../mocks/test/build.global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
