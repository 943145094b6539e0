// The `logger` and `clock` options: debug events go to the logger (silent by default), and an
// injected clock drives the client's timers and timestamps.
import type { Clock, Logger } from '@printkit/core-types';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeServer } from '../transport/fake-websocket.test-helper.js';
import { createMoonrakerClient, type MoonrakerClient } from './client.js';

const clients: MoonrakerClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  vi.restoreAllMocks();
});

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const record = (message: string) => {
    lines.push(message);
  };
  return { lines, debug: record, info: record, warn: record, error: record };
}

describe('logger', () => {
  it('gets connect, protocol errors, reconnect and close as debug lines', async () => {
    const server = createFakeServer();
    const logger = recordingLogger();
    const client = createMoonrakerClient({
      url: 'http://printer.test:7125',
      WebSocket: server.WebSocket,
      reconnect: { initialDelayMs: 5, maxDelayMs: 20, jitter: 0 },
      logger,
    });
    clients.push(client);
    await client.connect();
    const states: string[] = [];
    client.on('connection', (state) => states.push(state));
    server.current()?.push('not json');
    server.current()?.close(1006);
    await vi.waitFor(() => expect(states).toEqual(['reconnecting', 'connected']));
    await client.close();
    expect(logger.lines).toEqual(
      expect.arrayContaining([
        'moonraker: connecting',
        'moonraker: connected',
        'moonraker: protocol error',
        'moonraker: reconnecting',
        'moonraker: closing',
      ]),
    );
  });

  it('is silent by default: nothing reaches the console', async () => {
    const spies = (['debug', 'info', 'warn', 'error', 'log'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation(() => {}),
    );
    const server = createFakeServer();
    const client = createMoonrakerClient({ url: 'http://printer.test:7125', WebSocket: server.WebSocket });
    clients.push(client);
    await client.connect();
    server.current()?.push('not json');
    await client.close();
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});

describe('clock', () => {
  it('an injected clock times the reconnect waits and the liveness checks', async () => {
    const delays: number[] = [];
    const clock: Clock = {
      now: () => Date.now(),
      setTimeout: (callback, delayMs) => {
        delays.push(delayMs);
        return setTimeout(callback, 0); // time flies: every wait ends at once
      },
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
    const server = createFakeServer();
    const client = createMoonrakerClient({
      url: 'http://printer.test:7125',
      WebSocket: server.WebSocket,
      reconnect: { initialDelayMs: 5_000, maxDelayMs: 60_000, jitter: 0 },
      livenessTimeoutMs: 40_000,
      clock,
    });
    clients.push(client);
    await client.connect();
    expect(delays).toContain(10_000); // liveness checked every livenessTimeoutMs / 4
    const states: string[] = [];
    client.on('connection', (state) => states.push(state));
    server.current()?.close(1006);
    // A 5 s reconnect wait on the injected clock, which ends it at once.
    await vi.waitFor(() => expect(states).toEqual(['reconnecting', 'connected']), { timeout: 1_000 });
    expect(delays).toContain(5_000);
  });
});
