// Failure paths against the mock: firmware error codes, faults, timeouts, abort, close, reconnect,
// auth, and malformed or unknown payloads on every report topic.

import { type AddressInfo, createServer, type Socket } from 'node:net';
import {
  AbortedError,
  AuthError,
  ConnectionError,
  InvalidArgumentError,
  PrinterRejectedError,
  type PrintkitError,
  ProtocolError,
  TimeoutError,
} from '@printkit/core-types';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAnycubicClient } from '../src/client/client.js';
import { REPORT_STATES } from '../src/protocol/table.js';
import { commandSpy, type Harness, rawClient, startHarness } from './harness.js';

let h: Harness;

afterEach(async () => {
  await h?.stop();
});

async function connected(clientOptions = {}) {
  h = await startHarness({}, { timeoutMs: 2_000, ...clientOptions });
  await h.client.connect();
  return h;
}

function rejection(promise: Promise<unknown>): Promise<PrintkitError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: PrintkitError) => error,
  );
}

describe('firmware error codes', () => {
  it('10115 for a file the printer cannot find, 10101 for a start while a task is active', async () => {
    await connected();
    const missing = await rejection(h.client.startPrint('no-such-file.gcode'));
    expect(PrinterRejectedError.isInstance(missing)).toBe(true);
    expect(missing).toMatchObject({ printerCode: 10115, operation: 'print/start' });
    await h.client.startPrint('calibration-cube.gcode');
    const busy = await rejection(h.client.startPrint('benchy.gcode'));
    expect(busy).toMatchObject({ code: 'rejected', printerCode: 10101 });
    expect((busy as PrinterRejectedError).printerMessage).toBeTruthy();
  });

  it('10112 for a file list without paging (sent raw: the typed API always pages)', async () => {
    await connected();
    const error = await rejection(
      h.client.commandRaw(
        { type: 'file', action: 'listLocal', data: { path: '/' }, root: 'slicer', qos: 0, report: 'file' },
        { settle: 'report' },
      ),
    );
    expect(error).toMatchObject({ code: 'rejected', printerCode: 10112 });
  });

  it('an injected error reply carries its code and message', async () => {
    await connected();
    h.mock
      .printer()
      .faults.add({ operation: 'light/control', kind: 'error-reply', code: 11513, message: 'ACE timeout' });
    const error = await rejection(h.client.setLight(1, true));
    expect(error).toMatchObject({ printerCode: 11513, printerMessage: 'ACE timeout' });
    expect(error.message).toContain('11513');
    await expect(h.client.setLight(1, true)).resolves.toBeDefined();
  });
});

describe('timeouts, abort, close', () => {
  it('times out a dropped command, then works again', async () => {
    await connected();
    h.mock.printer().faults.add({ operation: 'info/query', kind: 'drop' });
    const error = await rejection(h.client.queryInfo({ timeoutMs: 150 }));
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ timeoutMs: 150, operation: 'info/query' });
    await expect(h.client.queryInfo()).resolves.toMatchObject({ state: 'free' });
  });

  it('waits for a delayed answer within the deadline', async () => {
    await connected();
    h.mock.printer().faults.add({ operation: 'peripherie/query', kind: 'delay', delayMs: 100 });
    await expect(h.client.queryPeripherals({ timeoutMs: 2_000 })).resolves.toBeDefined();
  });

  it('aborts a pending call with AbortedError, and refuses an aborted signal up front', async () => {
    await connected();
    h.mock.printer().faults.add({ operation: 'info/query', kind: 'drop' });
    const controller = new AbortController();
    const pending = rejection(h.client.queryInfo({ signal: controller.signal }));
    controller.abort();
    expect(AbortedError.isInstance(await pending)).toBe(true);
    const early = await rejection(h.client.queryInfo({ signal: controller.signal }));
    expect(AbortedError.isInstance(early)).toBe(true);
  });

  it('rejects data that cannot be serialised at once, leaving no call behind', async () => {
    await connected();
    const spy = await commandSpy(h.mock, h.client.modelId, h.client.deviceId);
    const error = await rejection(
      h.client.commandRaw({ type: 'laser', action: 'set', data: { power: 10n } }, { timeoutMs: 0 }),
    );
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    // Nothing was published, and closing settles no forgotten call (it would reject unhandled).
    await expect(h.client.queryInfo()).resolves.toMatchObject({ state: 'free' });
    expect(spy.seen.map((command) => command.message.type)).toEqual(['info']);
    await spy.close();
    await h.client.close();
  });

  it('settles every pending call with ConnectionError on close, and refuses calls afterwards', async () => {
    await connected();
    h.mock.printer().faults.add({ operation: 'info/query', kind: 'drop', times: 3 });
    const pending = [h.client.queryInfo(), h.client.queryInfo(), h.client.pausePrint()].map(rejection);
    await h.client.close();
    for (const error of await Promise.all(pending)) expect(ConnectionError.isInstance(error)).toBe(true);
    expect(ConnectionError.isInstance(await rejection(h.client.queryInfo()))).toBe(true);
    expect(h.client.connectionState).toBe('closed');
    await h.client.close();
  });
});

describe('reconnect', () => {
  it('is kicked by the broker, fails the call in flight, reconnects and subscribes again', async () => {
    await connected({ reconnect: { initialDelayMs: 20, maxDelayMs: 50 } });
    const states: string[] = [];
    h.client.on('connection', (state) => states.push(state));
    h.mock.printer().faults.add({ operation: 'info/query', kind: 'disconnect' });
    const error = await rejection(h.client.queryInfo());
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect(error.isRetryable).toBe(true);
    await vi.waitFor(() => expect(h.client.connectionState).toBe('connected'));
    expect(states).toEqual(['reconnecting', 'connected']);
    // Answers arrive on the report topics, so this only resolves if the subscriptions came back.
    await expect(h.client.queryInfo()).resolves.toMatchObject({ state: 'free' });
    await expect(h.client.setLight(3, true)).resolves.toBeDefined();
  });

  it('refuses to publish while reconnecting instead of queueing a command for later', async () => {
    await connected({ reconnect: { initialDelayMs: 5_000, maxDelayMs: 5_000 } });
    h.mock.printer().faults.add({ operation: 'info/query', kind: 'disconnect' });
    await rejection(h.client.queryInfo());
    await vi.waitFor(() => expect(h.client.connectionState).toBe('reconnecting'));
    const error = await rejection(h.client.startPrint('calibration-cube.gcode'));
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect(error.message).toContain('reconnecting');
  });
});

describe('connecting', () => {
  it('rejects wrong credentials with AuthError and never leaks the password', async () => {
    h = await startHarness({}, { password: 'wrong-secret' });
    const error = await rejection(h.client.connect());
    expect(AuthError.isInstance(error)).toBe(true);
    expect(JSON.stringify({ message: error.message, stack: error.stack })).not.toContain('wrong-secret');
  });

  it('rejects when the printer broker refuses the next CONNECT (auth-failure fault)', async () => {
    h = await startHarness();
    h.mock.printer().faults.add({ operation: 'connect', kind: 'auth-failure' });
    expect(AuthError.isInstance(await rejection(h.client.connect()))).toBe(true);
    await expect(h.client.connect()).resolves.toBeUndefined();
  });

  it('rejects with ConnectionError when nothing listens, and with TimeoutError past its deadline', async () => {
    h = await startHarness();
    const nobody = createAnycubicClient({ host: '127.0.0.1', port: 1, deviceId: 'x', pollIntervalMs: 0 });
    expect(ConnectionError.isInstance(await rejection(nobody.connect()))).toBe(true);
    await nobody.close();
    // A server that accepts TCP but never answers the CONNECT.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const slow = createAnycubicClient({ host: '127.0.0.1', port, deviceId: 'x', pollIntervalMs: 0 });
    const error = await rejection(slow.connect({ timeoutMs: 100 }));
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(error.operation).toBe('connect');
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
    await slow.close();
  });

  it('settles a pending connect with ConnectionError when the client is closed meanwhile', async () => {
    h = await startHarness();
    // A server that accepts TCP but never answers the CONNECT; no deadline on the connect.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const client = createAnycubicClient({ host: '127.0.0.1', port, deviceId: 'x', pollIntervalMs: 0 });
    const pending = rejection(client.connect({ timeoutMs: 0 }));
    await vi.waitFor(() => expect(sockets.size).toBe(1));
    await client.close();
    const error = await pending;
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect(error.message).toContain('closed');
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('uses a random client id per instance, so two clients never kick each other off', async () => {
    await connected();
    const second = createAnycubicClient({
      host: '127.0.0.1',
      port: h.mock.port,
      username: h.mock.username,
      password: h.mock.password,
      deviceId: h.deviceId,
      pollIntervalMs: 0,
    });
    expect(second.clientId).not.toBe(h.client.clientId);
    await second.connect();
    await expect(Promise.all([h.client.queryInfo(), second.queryInfo()])).resolves.toHaveLength(2);
    expect(h.client.connectionState).toBe('connected');
    await second.close();
  });
});

describe('bad input from the printer', () => {
  it('turns a malformed report (malformed fault) into a ProtocolError event; the call times out', async () => {
    await connected();
    const errors: PrintkitError[] = [];
    h.client.on('error', (error) => errors.push(error));
    h.mock.printer().faults.add({ operation: 'info/query', kind: 'malformed' });
    const error = await rejection(h.client.queryInfo({ timeoutMs: 300 }));
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(error.message).toContain('acknowledged');
    expect(errors.some((e) => ProtocolError.isInstance(e))).toBe(true);
    await expect(h.client.queryInfo()).resolves.toMatchObject({ state: 'free' });
  });

  it('survives malformed payloads on every report topic and the ack topic, and passes unknown types on raw', async () => {
    await connected();
    const errors: PrintkitError[] = [];
    const raw: string[] = [];
    h.client.on('error', (error) => errors.push(error));
    h.client.on('raw', (message) => raw.push(message.envelope.type));
    const injector = await rawClient(h.mock);
    const topics = h.client.topics;
    const bad = ['{"type":', 'null', '[]', '{"action":"report"}'];
    const types = Object.keys(REPORT_STATES);
    for (const type of types) {
      for (const payload of bad) await injector.publishAsync(topics.report(type), payload);
      await injector.publishAsync(
        topics.report(type),
        JSON.stringify({ type, action: 'report', state: 'done', data: 42 }),
      );
    }
    await injector.publishAsync(topics.response, 'not json');
    await injector.publishAsync(
      topics.report('laser'),
      JSON.stringify({ type: 'laser', action: 'report', data: {} }),
    );
    await vi.waitFor(() => expect(raw).toEqual(['laser']));
    const expected = types.length * (bad.length + 1) + 1;
    await vi.waitFor(() => expect(errors).toHaveLength(expected));
    expect(errors.every((error) => ProtocolError.isInstance(error))).toBe(true);
    await injector.endAsync();
    await expect(h.client.queryInfo()).resolves.toMatchObject({ state: 'free' });
  });
});
