// Every endpoint of the issue, over both transports, against the mock on a loopback port.
import {
  AbortedError,
  ConnectionError,
  PrinterRejectedError,
  ProtocolError,
  TimeoutError,
  UnsupportedError,
} from '@printkit/core-types';
import { describe, expect, it } from 'vitest';
import type { MoonrakerClient } from '../src/client/client.js';
import { encode, useMoonraker } from './helpers.js';

const env = useMoonraker();

async function connected(transport: 'websocket' | 'http') {
  const mock = await env.mock();
  const client = env.client(mock, { transport });
  await client.connect();
  return { mock, client };
}

/** The printer's answer to a call that must fail. */
async function rejection(call: Promise<unknown>): Promise<PrinterRejectedError> {
  const error = await call.then(
    () => new Error('resolved'),
    (reason: unknown) => reason,
  );
  if (!PrinterRejectedError.isInstance(error))
    throw new Error(`expected a PrinterRejectedError, got ${String(error)}`);
  return error;
}

describe.each(['websocket', 'http'] as const)('endpoints over %s', (transport) => {
  it('printer.info, server.info, machine.system_info', async () => {
    const { client } = await connected(transport);
    await expect(client.printerInfo()).resolves.toMatchObject({
      state: 'ready',
      state_message: expect.any(String),
    });
    await expect(client.serverInfo()).resolves.toMatchObject({
      klippy_connected: true,
      klippy_state: 'ready',
    });
    const system = await client.systemInfo();
    expect(system.system_info).toBeTypeOf('object');
  });

  it('printer.objects.list and printer.objects.query (merged into status)', async () => {
    const { client } = await connected(transport);
    const { objects } = await client.listObjects();
    expect(objects).toEqual(
      expect.arrayContaining(['webhooks', 'print_stats', 'extruder', 'heater_bed', 'toolhead']),
    );
    const result = await client.queryObjects({ toolhead: ['position', 'homed_axes'], extruder: null });
    expect(result.eventtime).toBeTypeOf('number');
    expect(Object.keys(result.status.toolhead ?? {}).sort()).toEqual(['homed_axes', 'position']);
    expect(result.status.extruder?.temperature).toBeTypeOf('number');
    expect(client.status.toolhead?.position).toEqual(result.status.toolhead?.position);
  });

  it('printer.query_endstops.status, printer.gcode.help, printer.gcode.script', async () => {
    const { client, mock } = await connected(transport);
    const endstops = await client.queryEndstops();
    for (const value of Object.values(endstops)) expect(['open', 'TRIGGERED']).toContain(value);
    const help = await client.gcodeHelp();
    expect(help).toHaveProperty('SDCARD_PRINT_FILE');
    await expect(client.runGcode('G28')).resolves.toBe('ok');
    await mock.advance(1_000);
    expect((await client.queryObjects({ toolhead: ['homed_axes'] })).status.toolhead?.homed_axes).toBe('xyz');
  });

  it('server.files.list, metadata, upload with checksum, delete_file', async () => {
    const { client } = await connected(transport);
    const files = await client.listFiles();
    expect(files.map((file) => file.path)).toEqual(expect.arrayContaining(['benchy.gcode']));
    const metadata = await client.fileMetadata('benchy.gcode');
    expect(metadata).toMatchObject({ filename: 'benchy.gcode', estimated_time: expect.any(Number) });
    const upload = await client.uploadFile(
      'parts/clip.gcode',
      encode('; estimated printing time (normal mode) = 1m 0s\nG28\n'),
    );
    expect(upload).toMatchObject({
      action: 'create_file',
      item: { path: 'parts/clip.gcode', root: 'gcodes' },
      print_started: false,
    });
    expect((await client.listFiles()).map((file) => file.path)).toContain('parts/clip.gcode');
    await expect(client.deleteFile('gcodes/parts/clip.gcode')).resolves.toMatchObject({
      action: 'delete_file',
    });
    expect((await client.listFiles()).map((file) => file.path)).not.toContain('parts/clip.gcode');
  });

  it('server.history.list, server.job_queue.status, server.gcode_store, server.temperature_store', async () => {
    const { client, mock } = await connected(transport);
    await client.runGcode('M104 S200');
    await mock.advance(2_000);
    await expect(client.historyList({ limit: 5 })).resolves.toMatchObject({
      count: expect.any(Number),
      jobs: expect.any(Array),
    });
    await expect(client.jobQueueStatus()).resolves.toMatchObject({
      queued_jobs: [],
      queue_state: expect.any(String),
    });
    const store = await client.gcodeStore(10);
    expect(store.gcode_store.some((entry) => entry.message === 'M104 S200' && entry.type === 'command')).toBe(
      true,
    );
    const temperatures = await client.temperatureStore(false);
    expect(temperatures.extruder?.temperatures?.length).toBeGreaterThan(0);
  });

  it('printer.print.start, pause, resume, cancel', async () => {
    const { client, mock } = await connected(transport);
    await expect(client.startPrint('calibration-cube.gcode')).resolves.toBe('ok');
    await mock.advance(1_000);
    const state = async () =>
      (await client.queryObjects({ print_stats: ['state', 'filename'] })).status.print_stats;
    expect(await state()).toMatchObject({ filename: 'calibration-cube.gcode' });
    await expect(client.pausePrint()).resolves.toBe('ok');
    await mock.advance(1_000);
    expect((await state())?.state).toBe('paused');
    await expect(client.resumePrint()).resolves.toBe('ok');
    await mock.advance(1_000);
    expect(['printing']).toContain((await state())?.state);
    await expect(client.cancelPrint()).resolves.toBe('ok');
    await mock.advance(1_000);
    expect((await state())?.state).toBe('cancelled');
  });

  it('printer.emergency_stop → shutdown, printer.firmware_restart → ready, printer.restart', async () => {
    const { client, mock } = await connected(transport);
    await expect(client.emergencyStop()).resolves.toBe('ok');
    await mock.advance(500);
    expect((await client.serverInfo()).klippy_state).toBe('shutdown');
    await expect(client.firmwareRestart()).resolves.toBe('ok');
    await mock.advance(2_500);
    expect((await client.serverInfo()).klippy_state).toBe('ready');
    await expect(client.restart()).resolves.toBe('ok');
    await mock.advance(2_500);
    expect((await client.serverInfo()).klippy_state).toBe('ready');
  });

  it('errors keep Moonraker code and message: missing file, SD busy, must home, missing metadata', async () => {
    const { client } = await connected(transport);
    const missing = await rejection(client.startPrint('nope.gcode'));
    expect([missing.printerCode, missing.printerMessage]).toEqual([400, 'Unable to open file']);
    await client.startPrint('benchy.gcode');
    const busy = await rejection(client.startPrint('benchy.gcode'));
    expect([busy.printerCode, busy.printerMessage]).toEqual([400, 'SD busy']);
    await client.cancelPrint();
    const home = await rejection(client.runGcode('G1 X10 Y10'));
    expect(home.printerCode).toBe(400);
    expect(home.printerMessage).toMatch(/^Must home axis first/);
    const metadata = await rejection(client.fileMetadata('missing.gcode'));
    if (transport === 'websocket') {
      expect([metadata.printerCode, metadata.printerMessage]).toEqual([
        -32601,
        'Metadata not available for <missing.gcode>',
      ]);
    } else {
      expect([metadata.printerCode, metadata.status]).toEqual([404, 404]);
    }
  });

  it('Klippy not connected: print calls fail with a retryable 503, Klippy methods with -32601 / 404', async () => {
    const mock = await env.mock({ klippy: 'disconnected' });
    const client = env.client(mock, { transport });
    await client.connect();
    const start = await rejection(client.startPrint('benchy.gcode'));
    expect([start.printerCode, start.printerMessage, start.isRetryable]).toEqual([
      503,
      'Klippy Host not connected',
      true,
    ]);
    const info = await rejection(client.printerInfo());
    expect(info.printerCode).toBe(transport === 'websocket' ? -32601 : 404);
  });

  it('fault error-reply: the rule code and message reach the caller', async () => {
    const { client, mock } = await connected(transport);
    mock.faults.add({
      operation: 'server.info',
      kind: 'error-reply',
      code: 503,
      message: 'Klippy Host not connected',
    });
    const error = await rejection(client.serverInfo());
    expect([error.printerCode, error.printerMessage, error.isRetryable]).toEqual([
      503,
      'Klippy Host not connected',
      true,
    ]);
    await expect(client.serverInfo()).resolves.toMatchObject({ klippy_state: 'ready' });
  });

  it('fault delay beyond timeoutMs → TimeoutError; an abort → AbortedError; the client stays usable', async () => {
    const { client, mock } = await connected(transport);
    mock.faults.add({ operation: 'printer.info', kind: 'delay', delayMs: 400 });
    await expect(client.printerInfo({ timeoutMs: 50 })).rejects.toSatisfy(TimeoutError.isInstance);
    mock.faults.add({ operation: 'printer.info', kind: 'delay', delayMs: 400 });
    const controller = new AbortController();
    const call = client.printerInfo({ signal: controller.signal });
    controller.abort();
    await expect(call).rejects.toSatisfy(AbortedError.isInstance);
    await expect(client.printerInfo()).resolves.toMatchObject({ state: 'ready' });
  });
});

describe('transport-specific behaviour', () => {
  it('websocket: printer.objects.subscribe adds to the subscription; http has no subscribe', async () => {
    const { client } = await connected('websocket');
    const result = await client.subscribe({ 'gcode_macro START_PRINT': null, 'heater_fan hotend_fan': null });
    expect(result.status).toHaveProperty('webhooks');
    const http = await connected('http');
    await expect(http.client.subscribe({ webhooks: null })).rejects.toSatisfy(UnsupportedError.isInstance);
    await expect(
      http.client.http.call('server.connection.identify', {
        client_name: 'x',
        version: '1',
        type: 'other',
        url: 'x',
      }),
    ).rejects.toSatisfy(UnsupportedError.isInstance);
  });

  it('websocket: identify a second time → 400 "Connection already identified"', async () => {
    const { client } = await connected('websocket');
    const error = await rejection(
      client.call('server.connection.identify', {
        client_name: 'again',
        version: '1',
        type: 'other',
        url: 'x',
      }),
    );
    expect(error.printerCode).toBe(400);
    expect(error.printerMessage).toMatch(/^Connection already identified/);
  });

  it('websocket: a malformed reply frame is an error event and leaves the request to its deadline', async () => {
    const { client, mock } = await connected('websocket');
    const errors: unknown[] = [];
    client.on('error', (error) => errors.push(error));
    mock.faults.add({ operation: 'printer.info', kind: 'malformed' });
    await expect(client.printerInfo({ timeoutMs: 200 })).rejects.toSatisfy(TimeoutError.isInstance);
    expect(errors.some((error) => ProtocolError.isInstance(error))).toBe(true);
    await expect(client.printerInfo()).resolves.toMatchObject({ state: 'ready' });
  });

  it('http: a malformed body rejects the call with a ProtocolError', async () => {
    const { client, mock } = await connected('http');
    mock.faults.add({ operation: 'printer.info', kind: 'malformed' });
    await expect(client.printerInfo()).rejects.toSatisfy(ProtocolError.isInstance);
    await expect(client.printerInfo()).resolves.toMatchObject({ state: 'ready' });
  });

  it('websocket: fault disconnect → the pending call fails with ConnectionError, the client reconnects', async () => {
    const { client, mock } = await connected('websocket');
    mock.faults.add({ operation: 'printer.gcode.help', kind: 'disconnect' });
    await expect(client.gcodeHelp()).rejects.toSatisfy(ConnectionError.isInstance);
    await client.waitForKlippyReady({ timeoutMs: 5_000 });
    await expect(client.gcodeHelp()).resolves.toHaveProperty('SDCARD_PRINT_FILE');
  });

  it('http: nothing listening → ConnectionError', async () => {
    const mock = await env.mock();
    const url = mock.url;
    await mock.stop();
    const client: MoonrakerClient = env.client({ ...mock, url }, { transport: 'http' });
    await expect(client.serverInfo()).rejects.toSatisfy(ConnectionError.isInstance);
  });
});
