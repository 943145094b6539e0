// Real third-party peer: the client against a real mosquitto broker (Debian package) on a free
// loopback port, with a simulated printer attached to that broker as an MQTT client, over MQTT 3.1.1
// and MQTT 5 (the aedes mock speaks only 3.1.1).
import { attachSimulatedAnycubicPrinter } from '@printkit/mock-anycubic';
import { type RunningMosquitto, startMosquitto } from '@printkit/mock-anycubic/mosquitto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAnycubicPrinter } from '../src/adapter/printer.js';
import { type AnycubicClient, createAnycubicClient } from '../src/client/client.js';

let broker: RunningMosquitto;
let printer: Awaited<ReturnType<typeof attachSimulatedAnycubicPrinter>>;
const closers: Array<() => Promise<void>> = [];

beforeAll(async () => {
  broker = await startMosquitto();
});

afterAll(async () => {
  await broker?.stop();
});

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function attach() {
  printer = await attachSimulatedAnycubicPrinter({
    brokerUrl: broker.url,
    ...(broker.username === undefined ? {} : { username: broker.username }),
    ...(broker.password === undefined ? {} : { password: broker.password }),
  });
  closers.push(() => printer.detach());
  return printer;
}

function client(protocolVersion: 4 | 5): AnycubicClient {
  const c = createAnycubicClient({
    host: broker.host,
    port: broker.port,
    ...(broker.username === undefined ? {} : { username: broker.username }),
    ...(broker.password === undefined ? {} : { password: broker.password }),
    deviceId: printer.deviceId,
    modelId: printer.modelId,
    protocolVersion,
    pollIntervalMs: 0,
    timeoutMs: 5_000,
  });
  closers.push(() => c.close());
  return c;
}

describe.each([4, 5] as const)('through mosquitto, MQTT protocol level %i', (protocolVersion) => {
  it('queries info, runs a print with pause and resume to the end', async () => {
    await attach();
    const c = client(protocolVersion);
    await c.connect();
    expect((await c.queryInfo()).state).toBe('free');
    const start = await c.startPrint('calibration-cube.gcode');
    expect(start.report?.rawState).toBe('checking');
    for (let i = 0; i < 100 && c.state.print?.rawState !== 'printing'; i++) await printer.advance(5_000);
    expect(c.state.print?.rawState).toBe('printing');
    await c.pausePrint();
    for (let i = 0; i < 30 && c.state.print?.rawState !== 'paused'; i++) await printer.advance(1_000);
    expect(c.state.print?.rawState).toBe('paused');
    await c.resumePrint();
    for (let i = 0; i < 400 && c.state.print?.rawState !== 'finished'; i++) await printer.advance(5_000);
    expect(c.state.print?.rawState).toBe('finished');
    expect(c.state.status).toBe('free');
  });

  it('gets firmware errors and the lastWill through the broker', async () => {
    await attach();
    const c = client(protocolVersion);
    await c.connect();
    await expect(c.startPrint('missing.gcode')).rejects.toMatchObject({
      code: 'rejected',
      printerCode: 10115,
    });
    printer.dropConnection();
    await vi.waitFor(() => expect(c.state.lastWill).toBe('offline'));
    await vi.waitFor(() => expect(c.state.lastWill).toBe('online'), { timeout: 5_000 });
    await expect(c.queryInfo()).resolves.toMatchObject({ state: 'free' });
  });
});

describe('the adapter through mosquitto', () => {
  it('connects, sets heater targets, switches the light and reads the status', async () => {
    await attach();
    const p = createAnycubicPrinter({
      host: broker.host,
      port: broker.port,
      ...(broker.username === undefined ? {} : { username: broker.username }),
      ...(broker.password === undefined ? {} : { password: broker.password }),
      deviceId: printer.deviceId,
      pollIntervalMs: 0,
    });
    closers.push(() => p.close());
    await p.connect();
    await p.setTargetTemperature('nozzle', 200);
    await printer.advance(10_000);
    const status = await p.refresh();
    expect(status.state).toBe('idle');
    expect(status.temperatures.nozzle?.target).toBe(200);
    expect(status.temperatures.nozzle?.actual).toBeGreaterThan(25);
    await p.setLight(true);
    expect(p.client.state.light[1]).toMatchObject({ status: 1 });
  });
});
