// Losing the socket, Klippy restarts, liveness: the client recovers and restores its subscription.
import { describe, expect, it, vi } from 'vitest';
import type { ConnectionState } from '../src/client/client.js';
import { next, useMoonraker } from './helpers.js';

const env = useMoonraker();

describe('recovery', () => {
  it('reconnects after mock.dropConnections() and re-subscribes (status updates flow again)', async () => {
    const mock = await env.mock();
    const client = env.client(mock);
    const states: ConnectionState[] = [];
    client.on('connection', (state) => states.push(state));
    await client.connect();
    const firstId = client.connectionId;
    mock.dropConnections();
    await vi.waitFor(() => expect(states).toContain('reconnecting'));
    await client.waitForKlippyReady({ timeoutMs: 5_000 });
    expect(client.connectionId).not.toBe(firstId);
    expect(mock.connectionCount()).toBe(1);
    const targets: number[] = [];
    client.on('status', (status) => targets.push(status.heater_bed?.target ?? -1));
    await client.runGcode('M140 S55');
    await mock.advance(500);
    expect(targets).toContain(55);
    expect(states).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
  });

  it('re-subscribes after a Klippy restart (Moonraker drops subscriptions) and status flows again', async () => {
    const mock = await env.mock();
    const client = env.client(mock);
    await client.connect();
    const ready = next<[]>((l) => client.on('notify_klippy_ready', l));
    mock.klippy.restart();
    await mock.advance(2_500);
    await ready;
    await client.waitForKlippyReady({ timeoutMs: 5_000 });
    const targets: number[] = [];
    client.on('status', (status) => targets.push(status.extruder?.target ?? -1));
    await client.runGcode('M104 S190');
    await mock.advance(500);
    expect(targets).toContain(190);
  });

  it('waits through Klippy startup at connect (polling server.info), then subscribes', async () => {
    const mock = await env.mock({ klippy: 'startup' });
    const client = env.client(mock);
    const connecting = client.connect({ timeoutMs: 10_000 });
    await vi.waitFor(() => expect(client.klippyState).toBe('startup'));
    await mock.advance(2_500);
    await connecting;
    expect(client.klippyState).toBe('ready');
    expect(client.status.webhooks?.state).toBe('ready');
  });

  it('recovers when Moonraker was down at start', async () => {
    const probe = await env.mock();
    const port = probe.port;
    await probe.stop();
    const client = env.client(probe);
    const states: ConnectionState[] = [];
    const errors: unknown[] = [];
    client.on('connection', (state) => states.push(state));
    client.on('error', (error) => errors.push(error));
    const connecting = client.connect({ timeoutMs: 10_000 });
    await vi.waitFor(() => expect(states).toContain('reconnecting'));
    const mock = await env.mock({ port });
    await connecting;
    expect(mock.connectionCount()).toBe(1);
    expect(states).toEqual(['connecting', 'reconnecting', 'connected']);
    expect(errors).toEqual([]);
  });

  it('liveness: a socket silent beyond livenessTimeoutMs is replaced (the drop fault stalls the reply)', async () => {
    const mock = await env.mock();
    const client = env.client(mock, { livenessTimeoutMs: 300 });
    await client.connect();
    const first = client.connectionId;
    mock.faults.add({ operation: 'printer.info', kind: 'drop' });
    const states: ConnectionState[] = [];
    client.on('connection', (state) => states.push(state));
    // No sim time passes, so nothing else arrives: the dropped reply leaves the socket silent.
    await expect(client.printerInfo({ timeoutMs: 0 })).rejects.toMatchObject({ code: 'connection' });
    await client.waitForKlippyReady({ timeoutMs: 5_000 });
    expect(client.connectionId).not.toBe(first);
    expect(states).toEqual(['reconnecting', 'connected']);
  });

  it('close() during reconnect attempts stops them and settles connect()', async () => {
    const probe = await env.mock();
    await probe.stop();
    const client = env.client(probe);
    const retrying = next(
      (l: (state: ConnectionState) => void) => client.on('connection', l),
      (state) => state === 'reconnecting',
    );
    const connecting = client.connect({ timeoutMs: 0 });
    // Event-driven, not a sleep: the first attempt has failed and the loop is backing off.
    await retrying;
    await client.close();
    await expect(connecting).rejects.toMatchObject({ code: 'connection' });
    expect(client.connectionState).toBe('closed');
  });

  it('a subscribe whose reply never comes is tried again: status updates flow (found by the fault schedule)', async () => {
    const mock = await env.mock();
    const client = env.client(mock, { timeoutMs: 300, livenessTimeoutMs: 0 });
    const errors: string[] = [];
    client.on('error', (error) => errors.push(error.code));
    await client.connect();
    mock.faults.add({ operation: 'printer.objects.subscribe', kind: 'drop' });
    mock.dropConnections();
    await vi.waitFor(() => expect(errors).toEqual(['timeout']), { timeout: 3_000 });
    await client.http.call('printer.gcode.script', { script: 'M140 S77' });
    await vi.waitFor(
      async () => {
        await mock.advance(300);
        expect(client.status.heater_bed?.target).toBe(77);
      },
      { timeout: 3_000 },
    );
    expect(mock.connectionCount()).toBe(1);
  });
});
