import { defineProject } from 'vitest/config';
import { workspaceSourceAliases } from '../../vitest.shared.js';

export default defineProject({
  resolve: { alias: workspaceSourceAliases() },
  test: {
    name: 'prusa-connect',
    // Type tests pin the generic API (request/command and their result types); run with the package tsconfig.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
