// Issue 10, the defects found in the Moonraker client, one test each (each failed before its fix):
// #1 prototype-named notifications and keys, #2 one refused handshake during a reconnect, #3 wrong
// values reaching PrinterStatus, #6 a password from the URL in an HTTP ConnectionError, #10 Node's
// MaxListenersExceededWarning with more than 10 HTTP calls in flight.
import { inspect } from 'node:util';
import { AuthError, type PrintkitError, ProtocolError } from '@printkit/core-types';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMoonrakerClient, createMoonrakerPrinter, type MoonrakerClient } from '../src/index.js';
import { createFakeServer, readyHandler } from '../src/transport/fake-websocket.test-helper.js';
import { useMoonraker } from './helpers.js';

const PROTOTYPE_NAMES = [
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
];

const closing: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(closing.splice(0).map((c) => c.close()));
});

function fakeClient(server = createFakeServer()): MoonrakerClient {
  const client = createMoonrakerClient({
    url: 'http://printer.test:7125',
    WebSocket: server.WebSocket,
    reconnect: { initialDelayMs: 5, maxDelayMs: 20, jitter: 0 },
    klippyPollIntervalMs: 10,
  });
  closing.push(client);
  return client;
}

describe('issue 10 #1: wire names from the object prototype', () => {
  it('notifications named constructor / __proto__ / toString … are unknown names: nothing throws, the client carries on', async () => {
    const server = createFakeServer();
    const client = fakeClient(server);
    const seen: string[] = [];
    client.on('notification', (method) => seen.push(method));
    await client.connect();
    const socket = server.current();
    for (const name of PROTOTYPE_NAMES) {
      expect(() => socket?.notify(name, []), name).not.toThrow();
      expect(() => socket?.notify(name, ['x', 1]), name).not.toThrow();
      expect(() => socket?.notify(name), name).not.toThrow();
    }
    expect(seen.filter((method) => PROTOTYPE_NAMES.includes(method))).toHaveLength(
      PROTOTYPE_NAMES.length * 3,
    );
    await expect(client.call('server.info')).resolves.toMatchObject({ klippy_state: 'ready' });
  });

  it('status keys named __proto__ / constructor are fields, never the prototype of the merged status', async () => {
    const server = createFakeServer(
      readyHandler({ 'printer.objects.list': () => ({ objects: ['extruder', '__proto__', 'constructor'] }) }),
    );
    const client = createMoonrakerClient({
      url: 'http://printer.test:7125',
      WebSocket: server.WebSocket,
      subscribe: 'all',
    });
    closing.push(client);
    await client.connect();
    server
      .current()
      ?.push(
        '{"jsonrpc":"2.0","method":"notify_status_update","params":[{"__proto__":{"polluted":1},"constructor":{"a":1},"extruder":{"__proto__":{"x":2},"temperature":21}},5]}',
      );
    const status = client.status as Record<string, unknown>;
    expect(Object.getPrototypeOf(status)).toBe(Object.prototype);
    expect(Object.hasOwn(status, '__proto__')).toBe(true);
    expect((status as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(client.status.extruder)).toBe(Object.prototype);
    expect(client.status.extruder?.temperature).toBe(21);
  });

  it("a Klipper object named __proto__ is subscribed like any other ('all')", async () => {
    const server = createFakeServer(
      readyHandler({ 'printer.objects.list': () => ({ objects: ['webhooks', '__proto__', 'constructor'] }) }),
    );
    const client = createMoonrakerClient({
      url: 'http://printer.test:7125',
      WebSocket: server.WebSocket,
      subscribe: 'all',
    });
    closing.push(client);
    await client.connect();
    const subscribe = server.requests.find((request) => request.method === 'printer.objects.subscribe');
    expect(Object.keys(subscribe?.params?.objects as object)).toEqual([
      'webhooks',
      '__proto__',
      'constructor',
    ]);
  });

  it('a print_stats.state named constructor maps to the string unknown', async () => {
    const server = createFakeServer();
    const printer = createMoonrakerPrinter({ url: 'http://printer.test:7125', WebSocket: server.WebSocket });
    closing.push(printer);
    await printer.connect();
    for (const name of PROTOTYPE_NAMES) {
      server.current()?.notify('notify_status_update', [{ print_stats: { state: name, filename: name } }, 6]);
      expect(printer.status.state, name).toBe('unknown');
    }
  });
});

describe('memory stays bounded whatever the server pushes', () => {
  it('diffs naming objects that were never subscribed are left out, reported once', async () => {
    const server = createFakeServer();
    const client = fakeClient(server);
    const errors: PrintkitError[] = [];
    client.on('error', (error) => errors.push(error));
    await client.connect();
    const subscribed = Object.keys(client.status).sort();
    for (let i = 0; i < 5_000; i++) {
      server
        .current()
        ?.notify('notify_status_update', [{ [`invented_${i}`]: { x: i }, extruder: { temperature: i } }, i]);
    }
    expect(Object.keys(client.status).sort()).toEqual(subscribed);
    expect(client.status.extruder?.temperature).toBe(4_999);
    expect(errors.map((error) => error.code)).toEqual(['protocol']);
    expect(errors[0]?.message).toMatch(/invented_0/);
  });
});

describe('issue 10 #2: an auth refusal during a reconnect', () => {
  const moonraker = useMoonraker();

  it('is retried with backoff, reported once as an AuthError, and the client recovers', async () => {
    const mock = await moonraker.mock();
    const client = moonraker.client(mock);
    const errors: PrintkitError[] = [];
    client.on('error', (error) => errors.push(error));
    await client.connect();
    // Three refused handshakes in a row, then the printer accepts again.
    mock.faults.add({ operation: 'server.connection.identify', kind: 'auth-failure', times: 3 });
    const states: string[] = [];
    client.on('connection', (state) => states.push(state));
    mock.dropConnections();
    await vi.waitFor(() => expect(states.at(-1)).toBe('connected'), { timeout: 5_000 });
    expect(mock.faults.list()).toHaveLength(0);
    const refusals = errors.filter((error) => AuthError.isInstance(error));
    expect(refusals).toHaveLength(1);
    await expect(client.call('server.info')).resolves.toMatchObject({ klippy_state: 'ready' });
  });

  it('the very first connect refused still stops (retrying cannot help)', async () => {
    const mock = await moonraker.mock();
    mock.faults.add({ operation: 'server.connection.identify', kind: 'auth-failure', times: 1 });
    const client = moonraker.client(mock);
    await expect(client.connect()).rejects.toSatisfy((error) => AuthError.isInstance(error));
    expect(client.connectionState).toBe('disconnected');
  });
});

describe('issue 10 #3: every value reaching PrinterStatus is checked', () => {
  it('a non-string message, a negative duration and a non-finite temperature are dropped with one ProtocolError; the rest is kept', async () => {
    const server = createFakeServer(
      readyHandler({
        'printer.objects.list': () => ({
          objects: ['webhooks', 'print_stats', 'extruder', 'heater_bed', 'virtual_sdcard', 'display_status'],
        }),
      }),
    );
    const printer = createMoonrakerPrinter({ url: 'http://printer.test:7125', WebSocket: server.WebSocket });
    closing.push(printer);
    const errors: PrintkitError[] = [];
    printer.on('error', (error) => errors.push(error));
    await printer.connect();
    // 1e999 is what JSON.parse turns into Infinity.
    server
      .current()
      ?.push(
        '{"jsonrpc":"2.0","method":"notify_status_update","params":[{"print_stats":{"state":"printing","filename":"cube.gcode","total_duration":-5,"print_duration":10,"message":""},"display_status":{"message":{"text":"hi"}},"virtual_sdcard":{"progress":0.5},"extruder":{"temperature":1e999,"target":200},"heater_bed":{"temperature":60,"target":60}},7]}',
      );
    const { status } = printer;
    expect(status.state).toBe('printing');
    expect(status.message).toBeUndefined();
    expect(status.job).toMatchObject({ file: 'cube.gcode', progress: 0.5, remainingSeconds: 10 });
    expect(status.job?.elapsedSeconds).toBeUndefined();
    expect(status.temperatures.nozzle).toBeUndefined();
    expect(status.temperatures.bed).toEqual({ actual: 60, target: 60 });
    const problems = errors.filter((error) => ProtocolError.isInstance(error));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(
      /display_status\.message.*print_stats\.total_duration|total_duration/,
    );
    expect(problems[0]?.message).toMatch(/extruder\.temperature/);
    // The same broken fields in the next update are not reported again.
    server.current()?.notify('notify_status_update', [{ heater_bed: { temperature: 61 } }, 8]);
    expect(errors.filter((error) => ProtocolError.isInstance(error))).toHaveLength(1);
  });
});

describe('issue 10 #6: no password from the URL in an HTTP error', () => {
  it('the ConnectionError, its cause chain and its inspection show no user info', async () => {
    const client = createMoonrakerClient({ url: 'http://user:PASSWORD@127.0.0.1:9', transport: 'http' });
    closing.push(client);
    const error = await client.call('server.info', undefined, { timeoutMs: 2_000 }).catch((e: unknown) => e);
    expect((error as PrintkitError).code).toBe('connection');
    expect((error as Error).message).toContain('127.0.0.1:9');
    let link: unknown = error;
    while (link instanceof Error) {
      expect(link.message).not.toContain('PASSWORD');
      link = link.cause;
    }
    expect(inspect(error, { depth: 10 })).not.toContain('PASSWORD');
    expect(JSON.stringify(error)).not.toContain('PASSWORD');
  });
});

describe('issue 10 #10: many HTTP calls in flight', () => {
  const moonraker = useMoonraker();

  it('more than 10 concurrent calls print no MaxListenersExceededWarning', async () => {
    const mock = await moonraker.mock();
    const client = moonraker.client(mock, { transport: 'http' });
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const results = await Promise.all(Array.from({ length: 40 }, () => client.call('server.info')));
      expect(results).toHaveLength(40);
      // The same with one caller's signal shared by every call.
      const shared = new AbortController();
      const withSignal = await Promise.all(
        Array.from({ length: 40 }, () => client.call('server.info', undefined, { signal: shared.signal })),
      );
      expect(withSignal).toHaveLength(40);
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      process.off('warning', onWarning);
    }
    const leaks = warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning');
    expect(leaks.map((warning) => warning.message)).toEqual([]);
  });
});
