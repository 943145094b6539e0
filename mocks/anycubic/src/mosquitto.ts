/**
 * Starts a real mosquitto broker (the Debian package) on a free loopback port for tests that need a
 * third-party MQTT peer. It never skips silently: when mosquitto is missing it throws and says so.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { type AddressInfo, connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface StartMosquittoOptions {
  /** Default 'printkit'. */
  username?: string;
  /** Default 'printkit'. */
  password?: string;
  /** No credentials needed; default false (also used when mosquitto_passwd is missing). */
  allowAnonymous?: boolean;
  /** Path to the broker binary; default: `mosquitto` on PATH, /usr/sbin or /usr/local/sbin. */
  binary?: string;
  /**
   * Disable Nagle on the broker's sockets (`set_tcp_nodelay`); default true. Stock mosquitto keeps Nagle
   * on, which caps QoS 1 request/response at ~23/s (DESIGN.md); pass false to measure that.
   */
  tcpNoDelay?: boolean;
  /** Real ms to wait for the port to accept connections; default 10 000. */
  startTimeoutMs?: number;
}

export interface RunningMosquitto {
  /** 'mqtt://127.0.0.1:<port>' */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Undefined when the broker runs anonymous. */
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly pid: number;
  /** What mosquitto wrote to stderr so far (for failure messages). */
  log(): string;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const PORT_ATTEMPTS = 5;

function findOnPath(name: string, extra: readonly string[]): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...extra];
  return dirs.map((dir) => join(dir, name)).find((candidate) => candidate && existsSync(candidate));
}

function run(file: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, (error, _stdout, stderr) =>
      error ? reject(new Error(`${file} failed: ${stderr || error.message}`)) : resolve(),
    );
  });
}

/** The OS picks a free port; it is released before mosquitto binds it, so callers retry on collision. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startMosquitto(options: StartMosquittoOptions = {}): Promise<RunningMosquitto> {
  const sbin = ['/usr/sbin', '/usr/local/sbin'];
  const binary = options.binary ?? findOnPath('mosquitto', sbin);
  if (!binary || !existsSync(binary)) {
    throw new Error(
      'mosquitto is not installed (looked on PATH, /usr/sbin and /usr/local/sbin): install the Debian package "mosquitto" (apt-get install mosquitto mosquitto-clients)',
    );
  }
  const passwd = findOnPath('mosquitto_passwd', ['/usr/bin', ...sbin]);
  const anonymous = options.allowAnonymous === true || !passwd;
  const username = anonymous ? undefined : (options.username ?? 'printkit');
  const password = anonymous ? undefined : (options.password ?? 'printkit');
  const dir = await mkdtemp(join(tmpdir(), 'printkit-mosquitto-'));
  try {
    const passwordFile = join(dir, 'passwd');
    if (passwd && username !== undefined && password !== undefined) {
      await run(passwd, ['-b', '-c', passwordFile, username, password]);
      await chmod(passwordFile, 0o600);
    }
    let lastLog = '';
    for (let attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
      const port = await freePort();
      const config = join(dir, `mosquitto-${port}.conf`);
      const lines = [
        `listener ${port} ${HOST}`,
        anonymous ? 'allow_anonymous true' : 'allow_anonymous false',
        ...(anonymous ? [] : [`password_file ${passwordFile}`]),
        'persistence false',
        'log_dest stderr',
        'log_type error',
        'log_type warning',
        ...(options.tcpNoDelay === false ? [] : ['set_tcp_nodelay true']),
        // Running as root, mosquitto would switch to the `mosquitto` user and lose access to our files.
        ...(process.getuid?.() === 0 ? ['user root'] : []),
      ];
      await writeFile(config, `${lines.join('\n')}\n`);
      const started = await launch(binary, config, port, options.startTimeoutMs ?? 10_000);
      if ('running' in started) {
        const child = started.running;
        return {
          url: `mqtt://${HOST}:${port}`,
          host: HOST,
          port,
          username,
          password,
          pid: child.pid,
          log: child.log,
          stop: async () => {
            await child.stop();
            await rm(dir, { recursive: true, force: true });
          },
        };
      }
      lastLog = started.log;
      if (!/address already in use/i.test(started.log)) break;
    }
    throw new Error(`mosquitto did not start: ${lastLog.trim() || 'no output'}`);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

interface Child {
  pid: number;
  log(): string;
  stop(): Promise<void>;
}

async function launch(
  binary: string,
  config: string,
  port: number,
  timeoutMs: number,
): Promise<{ running: Child } | { log: string }> {
  const child = spawn(binary, ['-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    log += chunk;
  });
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
    child.once('error', (error) => {
      log += error.message;
      exited = true;
      resolve();
    });
  });
  const deadline = Date.now() + timeoutMs;
  while (!exited && Date.now() < deadline) {
    if (await canConnect(port)) {
      const pid = child.pid ?? -1;
      return {
        running: {
          pid,
          log: () => log,
          stop: async () => {
            if (!exited) child.kill('SIGTERM');
            const killer = setTimeout(() => child.kill('SIGKILL'), 3_000);
            await exit;
            clearTimeout(killer);
          },
        },
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  if (!exited) {
    child.kill('SIGKILL');
    await exit;
    return { log: `${log}\n(timed out after ${timeoutMs} ms waiting for port ${port})` };
  }
  return { log };
}
