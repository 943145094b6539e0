/**
 * Test helpers shared by both apps' tests: run a built binary as a user does, reserve free ports,
 * check that a port is closed again. (The CLI's tests import this file too.)
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createConnection, createServer, type Server } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const MOCKS_BIN = join(REPO_ROOT, 'apps', 'mocks', 'dist', 'bin.js');
export const CLI_BIN = join(REPO_ROOT, 'apps', 'cli', 'dist', 'bin.js');

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a binary to completion (with a generous deadline so a hang fails the test instead of the run). */
export function run(
  bin: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [bin, ...args],
      {
        cwd: options.cwd ?? REPO_ROOT,
        env: { ...process.env, NO_COLOR: '1', ...options.env },
        timeout: options.timeoutMs ?? 30_000,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? null : 0;
        resolve({ code, signal: child.signalCode, stdout, stderr });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}

/** A long-running binary: read its output as it comes, signal it, wait for its exit. */
export class RunningBinary {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(bin: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
    this.child = spawn(process.execPath, [bin, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stdout += chunk;
    });
    this.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => resolve({ code, signal }));
    });
  }

  /** The first complete stdout line (e.g. the `--json` fleet description). */
  async firstLine(timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!this.stdout.includes('\n')) {
      if (this.child.exitCode !== null) {
        throw new Error(`exited with ${this.child.exitCode} before printing a line; stderr: ${this.stderr}`);
      }
      if (Date.now() > deadline)
        throw new Error(`no output line within ${timeoutMs} ms; stderr: ${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.stdout.slice(0, this.stdout.indexOf('\n'));
  }

  /** Sends a signal and waits for the exit; kills it if it does not exit in time. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000) {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

function listen(port: number): Promise<Server | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * `count` consecutive free ports on 127.0.0.1 (found from an OS-chosen port 0), held while searching
 * and released before returning: the caller binds them right away.
 */
export async function freePortRange(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const probe = await listen(0);
    if (!probe) continue;
    const base = (probe.address() as { port: number }).port;
    await close(probe);
    if (base + count > 65_535) continue;
    const held: Server[] = [];
    for (let port = base; port < base + count; port++) {
      const server = await listen(port);
      if (!server) break;
      held.push(server);
    }
    await Promise.all(held.map(close));
    if (held.length === count) return base;
  }
  throw new Error(`no ${count} consecutive free ports found`);
}

/** Occupies a port (like another program would) until the returned function is called. */
export async function occupyPort(port: number): Promise<() => Promise<void>> {
  const server = await listen(port);
  if (!server) throw new Error(`port ${port} is not free`);
  return () => close(server);
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export function portOf(url: string): number {
  return Number(new URL(url).port);
}
