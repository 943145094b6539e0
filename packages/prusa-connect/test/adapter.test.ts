/** The Printer adapter: the shared conformance suite, status mapping and adaptive polling. */

import type { Clock } from '@printkit/core-types';
import { AuthError } from '@printkit/core-types';
import { startMockPrusaConnect } from '@printkit/mock-prusa-connect';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLL_INTERVALS, nextPollDelay } from '../src/client/session.js';
import { createPrusaConnectPrinter } from '../src/index.js';
import { CUBE, type StartedMock, TOKEN, UUID } from './helpers.js';

/** A manual clock: the poller's delays are recorded and fired by the test. */
function manualTimers() {
  let now = 1_000_000;
  const pending: Array<{ at: number; callback: () => void; id: number }> = [];
  let nextId = 1;
  const clock: Clock = {
    now: () => now,
    setTimeout(callback, ms) {
      const id = nextId++;
      pending.push({ at: now + ms, callback, id });
      return id;
    },
    clearTimeout(handle) {
      const index = pending.findIndex((t) => t.id === handle);
      if (index >= 0) pending.splice(index, 1);
    },
  };
  return {
    clock,
    /** Delay of the one scheduled poll from now. */
    scheduledIn: () => {
      expect(pending).toHaveLength(1);
      return (pending[0]?.at ?? 0) - now;
    },
    /** Moves time to the scheduled poll and runs it. */
    fire() {
      const timer = pending.shift();
      if (!timer) throw new Error('no poll scheduled');
      now = Math.max(now, timer.at);
      timer.callback();
    },
    elapse(ms: number) {
      now += ms;
    },
  };
}

describe('adapter', () => {
  let mock: StartedMock | undefined;
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    await mock?.stop();
    mock = undefined;
  });

  async function connected(options: { clock?: Clock; background?: boolean; maxRetries?: number } = {}) {
    mock = await startMockPrusaConnect({ port: 0 });
    const printer = createPrusaConnectPrinter({
      baseUrl: mock.url,
      token: TOKEN,
      printerUuid: UUID,
      ...options,
    });
    closers.push(() => printer.close());
    await printer.connect();
    return { printer, mock };
  }

  it('declares capabilities from supported-commands, the detail and the cameras', async () => {
    const { printer } = await connected({ background: false });
    // The last wire detail stays readable for what the status does not carry.
    expect(printer.detail).toMatchObject({ uuid: UUID, printer_state: 'IDLE', speed: expect.any(Number) });
    expect([...printer.capabilities].sort()).toEqual(
      [
        'camera',
        'cancel-object',
        'files.list',
        'files.upload',
        'light',
        'print.cancel',
        'print.pause',
        'print.resume',
        'print.start',
        'speed',
        'temperature.bed',
        'temperature.nozzle',
      ].sort(),
    );
  });

  it('maps ATTENTION to error with the printer message, and OFFLINE from connect_state', async () => {
    const { printer, mock } = await connected({ background: false });
    await printer.startPrint(CUBE);
    await mock.advance(60_000);
    mock.printer().requireAttention('Filament runout');
    const attention = await printer.refresh();
    expect(attention).toMatchObject({ state: 'error', rawState: 'ATTENTION', message: 'Filament runout' });
    mock.printer().sim.powerOff();
    const offline = await printer.refresh();
    expect(offline).toMatchObject({ state: 'offline', rawState: 'OFFLINE', temperatures: {} });
  });

  it('polls fast after a command, at the active rate while printing, slowly while idle', async () => {
    const time = manualTimers();
    const { printer, mock } = await connected({ clock: time.clock });
    expect(time.scheduledIn()).toBe(DEFAULT_POLL_INTERVALS.idleMs);

    await printer.startPrint(CUBE);
    expect(time.scheduledIn()).toBe(DEFAULT_POLL_INTERVALS.afterCommandMs);
    await mock.advance(60_000);
    const statuses: string[] = [];
    printer.on('status', (status) => statuses.push(status.state));
    time.fire();
    await expect.poll(() => statuses).toContain('printing');
    await expect.poll(() => time.scheduledIn()).toBe(DEFAULT_POLL_INTERVALS.afterCommandMs);

    // Once the command is old news, the active rate applies while the job runs.
    time.elapse(DEFAULT_POLL_INTERVALS.afterCommandWindowMs);
    time.fire();
    await expect.poll(() => time.scheduledIn()).toBe(DEFAULT_POLL_INTERVALS.activeMs);

    await printer.cancel();
    await mock.advance(30_000);
    time.elapse(DEFAULT_POLL_INTERVALS.afterCommandWindowMs);
    time.fire();
    await expect.poll(() => statuses.at(-1)).toBe('cancelled');
    await expect.poll(() => time.scheduledIn()).toBe(DEFAULT_POLL_INTERVALS.idleMs);
  });

  it('backs off after failed polls, reports them as error events and recovers', async () => {
    const time = manualTimers();
    const { printer, mock } = await connected({ clock: time.clock, maxRetries: 0 });
    const errors: string[] = [];
    const connections: string[] = [];
    printer.on('error', (error) => errors.push(error.code));
    printer.on('connection', (state) => connections.push(state));
    mock.faults.add({ operation: 'GET /app/printers/:uuid', kind: 'drop' });
    time.fire();
    await expect.poll(() => errors).toEqual(['connection']);
    expect(connections).toEqual(['reconnecting']);
    const backoff = time.scheduledIn();
    expect(backoff).toBeGreaterThanOrEqual(DEFAULT_POLL_INTERVALS.activeMs * 0.8);
    expect(backoff).toBeLessThanOrEqual(DEFAULT_POLL_INTERVALS.activeMs);
    time.fire();
    await expect.poll(() => connections).toEqual(['reconnecting', 'connected']);
  });

  it('an auth refusal while polling is reported once, retried with backoff, and recovers (policy 10)', async () => {
    const time = manualTimers();
    const { printer, mock } = await connected({ clock: time.clock, maxRetries: 0 });
    const errors: string[] = [];
    const connections: string[] = [];
    printer.on('error', (error) => errors.push(error.code));
    printer.on('connection', (state) => connections.push(state));
    mock.faults.add({ operation: 'GET /app/printers/:uuid', kind: 'auth-failure', times: Infinity });
    const delays: number[] = [];
    for (let poll = 0; poll < 4; poll++) {
      time.fire();
      await expect.poll(() => time.scheduledIn()).toBeGreaterThan(0);
      delays.push(time.scheduledIn());
    }
    expect(errors).toEqual(['auth']);
    // Capped backoff: the waits grow and never pass maxErrorMs.
    expect(delays.at(-1)).toBeGreaterThan(delays[0] ?? Number.POSITIVE_INFINITY);
    expect(Math.max(...delays)).toBeLessThanOrEqual(DEFAULT_POLL_INTERVALS.maxErrorMs);
    mock.faults.clear();
    time.fire();
    await expect.poll(() => time.scheduledIn()).toBe(DEFAULT_POLL_INTERVALS.idleMs);
    expect(printer.status.state).toBe('idle');
    // A later refusal is a new one: reported again.
    mock.faults.add({ operation: 'GET /app/printers/:uuid', kind: 'auth-failure', times: 1 });
    time.fire();
    await expect.poll(() => errors).toEqual(['auth', 'auth']);
    expect(connections).not.toContain('disconnected');
  });

  it('a malformed poll reply becomes an error event, not a crash', async () => {
    const time = manualTimers();
    const { printer, mock } = await connected({ clock: time.clock });
    const errors: string[] = [];
    printer.on('error', (error) => errors.push(error.code));
    mock.faults.add({ operation: 'GET /app/printers/:uuid', kind: 'malformed' });
    time.fire();
    await expect.poll(() => errors).toEqual(['protocol']);
    expect(printer.status.state).toBe('idle');
  });

  it('lists files and uploads one that can then be printed', async () => {
    const { printer, mock } = await connected({ background: false });
    await printer.uploadFile('adapter.gcode', new TextEncoder().encode('G28\n'), { startPrint: true });
    await mock.advance(1_000);
    const files = await printer.listFiles();
    expect(files.map((f) => f.path)).toContain('/usb/adapter.gcode');
    expect(files[0]).toMatchObject({
      storage: '/usb',
      sizeBytes: expect.any(Number),
      modifiedAt: expect.any(Number),
    });
    expect((await printer.refresh()).job?.file).toBe('adapter.gcode');
  });

  it('a refused connect leaves the printer disconnected, not connecting', async () => {
    mock = await startMockPrusaConnect({ port: 0 });
    const printer = createPrusaConnectPrinter({ baseUrl: mock.url, token: 'wrong', printerUuid: UUID });
    closers.push(() => printer.close());
    const states: string[] = [];
    printer.on('connection', (state) => states.push(state));
    await expect(printer.connect()).rejects.toSatisfy((error) => AuthError.isInstance(error));
    expect(states).toEqual(['connecting', 'disconnected']);
    expect(printer.connectionState).toBe('disconnected');
  });

  it('takes a camera snapshot', async () => {
    const { printer } = await connected({ background: false });
    const feed = await printer.camera();
    expect(feed.kind === 'snapshot' && feed.contentType).toBe('image/jpeg');
  });
});

describe('nextPollDelay', () => {
  it('prefers the after-command rate, then active, then idle', () => {
    expect(nextPollDelay({ state: 'idle', msSinceCommand: 500, failures: 0 })).toBe(1_000);
    expect(nextPollDelay({ state: 'printing', msSinceCommand: 60_000, failures: 0 })).toBe(5_000);
    expect(nextPollDelay({ state: 'paused', msSinceCommand: undefined, failures: 0 })).toBe(5_000);
    expect(nextPollDelay({ state: 'idle', msSinceCommand: undefined, failures: 0 })).toBe(30_000);
    expect(
      nextPollDelay({ state: 'offline', msSinceCommand: undefined, failures: 0 }, { idleMs: 45_000 }),
    ).toBe(45_000);
  });

  it('backs off up to the cap after failures', () => {
    const delays = [1, 2, 3, 4, 5, 10].map((failures) =>
      nextPollDelay({ state: 'printing', msSinceCommand: undefined, failures }),
    );
    expect(delays.every((d, i) => i === 0 || d >= (delays[i - 1] ?? 0) * 0.79)).toBe(true);
    expect(Math.max(...delays)).toBeLessThanOrEqual(60_000);
  });
});
