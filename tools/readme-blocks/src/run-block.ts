/**
 * Runs one README block as a user would run the file: `node block.mjs` (or, for a vitest test file,
 * `vitest run block.test.mjs`) in a child process with a deadline. It passes when it exits 0 in time.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

export interface BlockRun {
  code: number | null;
  timedOut: boolean;
  output: string;
  ms: number;
}

/** The environment of a user's shell: nothing of the vitest run that starts the block. */
function userEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(VITEST|VITE_|NODE_OPTIONS$|NODE_ENV$|TEST$)/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, NO_COLOR: '1' };
}

export function runBlockFile(
  file: string,
  options: { cwd: string; timeoutMs: number; vitestEntry?: string | undefined },
): Promise<BlockRun> {
  const args = options.vitestEntry
    ? [options.vitestEntry, 'run', '--root', options.cwd, '--reporter=dot', file]
    : [file];
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      {
        cwd: options.cwd,
        env: userEnvironment(),
        timeout: options.timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: 4 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        const ms = Date.now() - started;
        const timedOut = error !== null && (error as { killed?: boolean }).killed === true;
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, timedOut, output: `${stdout}${stderr}`.trim(), ms });
      },
    );
  });
}

export const vitestEntryIn = (root: string) => join(root, 'node_modules', 'vitest', 'vitest.mjs');
