// Fault schedules: seeded random sequences of disconnects, delays, dropped answers, power cycles,
// link losses and refused reconnects, acted out by the mock's fault plan. After each fault the
// adapter's status converges to the mock's truth (offline while the printer is off, else the nozzle
// target the simulated printer holds after the fault) within a bounded time; the client holds exactly one broker
// connection (no duplicate session or subscription), every call settles within its deadline, and
// after close() no socket and no timer of the client is left.
import { createCountingClock } from '@printkit/core-types/testing';
import { type MockAnycubic, startMockAnycubic } from '@printkit/mock-anycubic';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AnycubicPrinter, createAnycubicPrinter } from '../src/adapter/printer.js';
import { lanOptions } from '../src/transport/handshake.js';
import { rawClient } from './harness.js';

const CONVERGE_MS = 8_000;
const CALL_TIMEOUT_MS = 1_000;
const FAULTS = ['disconnect', 'delay', 'drop', 'power-cycle', 'link-loss', 'auth-refusal'] as const;
type FaultName = (typeof FAULTS)[number];

/** A seeded PRNG (mulberry32), so a failing schedule can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

let mock: MockAnycubic | undefined;
let printer: AnycubicPrinter | undefined;

afterEach(async () => {
  await printer?.close();
  await mock?.stop();
  printer = undefined;
  mock = undefined;
});

const stats = { schedules: 0, faults: 0, calls: 0, byKind: {} as Record<string, number> };

async function actOut(fault: FaultName, m: MockAnycubic): Promise<void> {
  const sim = m.printer();
  switch (fault) {
    case 'disconnect':
      sim.faults.add({ operation: 'info/query', kind: 'disconnect' });
      return;
    case 'delay':
      sim.faults.add({ operation: 'info/query', kind: 'delay', delayMs: 400 });
      return;
    case 'drop':
      sim.faults.add({ operation: 'info/query', kind: 'drop' });
      return;
    case 'power-cycle':
      await sim.powerOff();
      await new Promise((resolve) => setTimeout(resolve, 150));
      await sim.powerOn();
      return;
    case 'link-loss':
      sim.dropConnection();
      return;
    case 'auth-refusal':
      sim.faults.add({ operation: 'connect', kind: 'auth-failure', times: 2 });
      sim.faults.add({ operation: 'info/query', kind: 'disconnect' });
      return;
  }
}

async function runSchedule(seed: number, steps: number, lan = false): Promise<void> {
  const next = random(seed);
  mock = await startMockAnycubic({ port: 0, httpPort: 0, ...(lan ? { tls: { port: 0 } } : {}) });
  const m = mock;
  const clock = createCountingClock();
  // LAN mode: the handshake runs again before every reconnect, and a power cycle rotates the credentials.
  const connection = lan
    ? await lanOptions('127.0.0.1', { port: Number(new URL(m.httpUrl).port), tls: { insecure: true } })
    : {
        host: '127.0.0.1',
        port: m.port,
        username: m.username,
        password: m.password,
        deviceId: m.printer().deviceId,
      };
  const adapter = createAnycubicPrinter({
    ...connection,
    pollIntervalMs: 150,
    timeoutMs: CALL_TIMEOUT_MS,
    reconnect: { initialDelayMs: 20, maxDelayMs: 200 },
    clock,
  });
  printer = adapter;
  adapter.on('error', () => {}); // faults make errors; they are expected here
  await adapter.connect();
  stats.schedules += 1;

  for (let step = 0; step < steps; step++) {
    const fault = FAULTS[Math.floor(next() * FAULTS.length)] as FaultName;
    const target = 180 + Math.floor(next() * 60);
    stats.faults += 1;
    stats.byKind[fault] = (stats.byKind[fault] ?? 0) + 1;
    m.printer().sim.setTarget('nozzle', target);
    await actOut(fault, m);
    // The truth after the fault (a power cycle resets the heaters).
    const truth = m.printer().sim.snapshot().temperatures.nozzle.target;

    // A call made in the middle of the fault settles within its deadline, whatever it meets.
    const started = Date.now();
    stats.calls += 1;
    await adapter.refresh().catch(() => undefined);
    expect(Date.now() - started, `refresh hung after ${fault} (seed ${seed})`).toBeLessThan(
      CALL_TIMEOUT_MS + 1_500,
    );

    await vi.waitFor(
      () => {
        expect(adapter.connectionState, `after ${fault} (seed ${seed}, step ${step})`).toBe('connected');
        expect(adapter.status.state).not.toBe('offline');
        expect(adapter.status.temperatures.nozzle?.target).toBe(truth);
      },
      { timeout: CONVERGE_MS, interval: 50 },
    );
    expect(m.connectionCount(), 'one broker connection, no duplicate session').toBe(1);
    // A report published once reaches the client once: no duplicate subscription.
    const seen: string[] = [];
    const off = adapter.client.on('report', (report) => {
      if (report.msgid === `probe-${step}`) seen.push(report.msgid);
    });
    const injector = await rawClient(m);
    await injector.publishAsync(
      adapter.client.topics.report('fan'),
      JSON.stringify({
        type: 'fan',
        action: 'report',
        msgid: `probe-${step}`,
        state: 'done',
        code: 200,
        data: {},
      }),
    );
    await injector.endAsync();
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toHaveLength(1);
    off();
  }

  // The truth while the printer is off: offline, and back once it is on again.
  await m.printer().powerOff();
  await vi.waitFor(() => expect(adapter.status.state).toBe('offline'), { timeout: CONVERGE_MS });
  await m.printer().powerOn();
  await vi.waitFor(() => expect(adapter.status.state).not.toBe('offline'), { timeout: CONVERGE_MS });

  await adapter.close();
  printer = undefined;
  await vi.waitFor(() => expect(m.connectionCount(), 'socket left open after close').toBe(0));
  expect(clock.pending(), 'client timers left after close').toBe(0);
}

describe('fault schedules', () => {
  afterEach(() => {
    // Printed once per test so the counts can be quoted; failures are counted by vitest itself.
    console.info(`fault-schedule: ${JSON.stringify(stats)}`);
  });

  it.each([1, 2, 3])('seed %i: 8 random faults, status converges after each', async (seed) => {
    await runSchedule(seed, 8);
  });

  it.each([4, 5])(
    'LAN mode, seed %i: 8 random faults, the handshake re-run on every reconnect',
    async (seed) => {
      await runSchedule(seed, 8, true);
    },
  );
});
