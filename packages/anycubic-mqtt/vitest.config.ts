import { defineProject } from 'vitest/config';
import { workspaceSourceAliases } from '../../vitest.shared.js';

export default defineProject({
  resolve: { alias: workspaceSourceAliases() },
  // Integration tests run real brokers and whole simulated prints; a loaded 2-core machine needs room.
  test: { name: 'anycubic-mqtt', testTimeout: 30_000, hookTimeout: 30_000 },
});
