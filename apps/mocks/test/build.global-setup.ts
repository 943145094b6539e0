/**
 * The binaries are tested as users run them, from `dist/`: build both apps (and what they depend on)
 * once before the tests. Turbo makes this a cache hit when nothing changed (CI builds first anyway).
 * Both apps' projects share one build per vitest process.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './spawn-helpers.js';

const key = Symbol.for('printkit.apps.build');

export default function setup(): void {
  const state = globalThis as { [key]?: boolean };
  if (state[key]) return;
  // The workspace's own turbo: pnpm itself may not be on PATH (npm test can run it through npx).
  const turbo = join(REPO_ROOT, 'node_modules', '.bin', 'turbo');
  execFileSync(turbo, ['run', 'build', '--output-logs=errors-only', '--filter=@printkit/cli...'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    shell: process.platform === 'win32',
  });
  state[key] = true;
}
