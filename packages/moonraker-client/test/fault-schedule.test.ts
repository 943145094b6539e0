// Fault schedules: random sequences of what a flaky network and a printer do — a dropped socket, a
// delayed or dropped reply, a power cycle (the whole Moonraker gone and back on the same port), an
// auth refusal on the reconnect, a Klippy restart — against the fake Moonraker, driven through its
// faults API. Between faults the printer's truth changes behind the client's back (heater targets set
// over plain HTTP). After each fault the adapter's status must converge to the mock's truth within a
// bounded time, with one socket (no duplicate subscription), no hung call, and, at the end, no socket
// or timer left behind.
import { request } from 'node:http';
import { AuthError, type PrintkitError } from '@printkit/core-types';
import { type MockMoonraker, startMockMoonraker } from '@printkit/mock-moonraker';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { createMoonrakerPrinter, type MoonrakerPrinter } from '../src/index.js';

type Fault = 'disconnect' | 'delay' | 'drop' | 'power-cycle' | 'auth-refusal' | 'klippy-restart';
const FAULTS: Fault[] = ['disconnect', 'delay', 'drop', 'power-cycle', 'auth-refusal', 'klippy-restart'];

// Generous for a loaded CI machine (the slowest convergence is printed with the counts).
const CONVERGE_WITHIN_MS = 8_000;
const CALL_TIMEOUT_MS = 400;

/** One plain HTTP request without keep-alive (a pooled socket would count as a leak below). */
function http(url: string, method: 'GET' | 'POST'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The truth as a third-party client sees it: a plain HTTP query of the mock. */
async function truth(mock: MockMoonraker): Promise<{ state: string; nozzle: number; bed: number }> {
  const response = await fetch(
    `${mock.url}/printer/objects/query?extruder=target&heater_bed=target&print_stats=state`,
  );
  const body = (await response.json()) as {
    result: {
      status: {
        extruder: { target: number };
        heater_bed: { target: number };
        print_stats: { state: string };
      };
    };
  };
  const { status } = body.result;
  return { state: status.print_stats.state, nozzle: status.extruder.target, bed: status.heater_bed.target };
}

async function setTargets(mock: MockMoonraker, nozzle: number, bed: number): Promise<void> {
  const script = encodeURIComponent(`M104 S${nozzle}\nM140 S${bed}`);
  const response = await http(`${mock.url}/printer/gcode/script?script=${script}`, 'POST');
  if (response.status !== 200) throw new Error(`gcode: ${response.status}`);
}

function activeResources(kind: string): number {
  return process.getActiveResourcesInfo().filter((name) => name === kind).length;
}

/** A call that must settle (either way) within its deadline plus a margin: never hang. */
async function settlesInTime(call: Promise<unknown>, limitMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), limitMs);
  });
  const outcome = await Promise.race([
    call.then(
      () => 'settled',
      () => 'settled',
    ),
    hung,
  ]);
  clearTimeout(timer);
  expect(outcome).toBe('settled');
}

interface Run {
  faults: Fault[];
  targets: [number, number][];
}

async function runSchedule(
  { faults, targets }: Run,
  stats: { faults: number; calls: number; slowestConvergeMs: number },
): Promise<void> {
  const sockets = activeResources('TCPSocketWrap');
  const timers = activeResources('Timeout');
  let mock = await startMockMoonraker({ port: 0, klippyStartupMs: 200 });
  const { port } = mock;
  const printer: MoonrakerPrinter = createMoonrakerPrinter({
    url: mock.url,
    reconnect: { initialDelayMs: 10, maxDelayMs: 80, jitter: 0.5 },
    klippyPollIntervalMs: 20,
    livenessTimeoutMs: 0,
    timeoutMs: CALL_TIMEOUT_MS,
  });
  const errors: PrintkitError[] = [];
  printer.on('error', (error) => errors.push(error));
  try {
    await printer.connect();
    for (const [index, fault] of faults.entries()) {
      stats.faults += 1;
      const [nozzle, bed] = targets[index % targets.length] ?? [0, 0];
      const pending: Promise<void>[] = [];
      switch (fault) {
        case 'disconnect':
          mock.dropConnections();
          break;
        case 'delay':
          mock.faults.add({ operation: 'printer.objects.subscribe', kind: 'delay', delayMs: 150 });
          mock.faults.add({ operation: 'server.info', kind: 'delay', delayMs: 100 });
          mock.dropConnections();
          break;
        case 'drop':
          // A reply that never comes: the call must still settle by its deadline.
          mock.faults.add({ operation: 'printer.gcode.script', kind: 'drop' });
          stats.calls += 1;
          await settlesInTime(printer.sendGcode('M117 hello'), CALL_TIMEOUT_MS + 1_000);
          mock.faults.add({ operation: 'printer.objects.subscribe', kind: 'drop' });
          mock.dropConnections();
          break;
        case 'power-cycle': {
          await mock.stop();
          await new Promise((resolve) => setTimeout(resolve, 50));
          mock = await startMockMoonraker({ port, klippyStartupMs: 200 });
          break;
        }
        case 'auth-refusal':
          mock.faults.add({ operation: 'server.connection.identify', kind: 'auth-failure', times: 2 });
          mock.dropConnections();
          break;
        case 'klippy-restart':
          mock.klippy.restart();
          break;
      }
      // The truth changes while the client recovers; a call made meanwhile must settle too. (Not
      // `refresh()`: a query would hide a client that stopped receiving status updates.)
      stats.calls += 1;
      pending.push(settlesInTime(printer.client.call('server.info'), CALL_TIMEOUT_MS + 1_000));
      // Klippy may still be restarting (503): then sim time passes and the targets are set again.
      for (let attempt = 0; ; attempt++) {
        const set = await setTargets(mock, nozzle, bed).then(
          () => true,
          (error: unknown) => {
            if (attempt >= 10) throw error;
            return false;
          },
        );
        if (set) break;
        await mock.advance(300);
      }
      const current = mock;
      const convergeStart = performance.now();
      await vi.waitFor(
        async () => {
          // Sim time passes (restart, heating): the mock pushes what changed to its subscribers.
          await current.advance(300);
          const expected = await truth(current);
          const status = printer.status;
          expect(status.state, fault).toBe(expected.state === 'standby' ? 'idle' : status.state);
          expect(status.temperatures.nozzle?.target, fault).toBe(expected.nozzle);
          expect(status.temperatures.bed?.target, fault).toBe(expected.bed);
          expect(printer.connectionState, fault).toBe('connected');
          expect(current.connectionCount(), `${fault}: one socket`).toBe(1);
        },
        { timeout: CONVERGE_WITHIN_MS, interval: 50 },
      );
      stats.slowestConvergeMs = Math.max(
        stats.slowestConvergeMs,
        Math.round(performance.now() - convergeStart),
      );
      await Promise.all(pending);
      expect(
        mock.faults.list().filter((rule: { kind: string }) => rule.kind !== 'drop'),
        fault,
      ).toEqual([]);
      mock.faults.clear();
    }
    const refusals = errors.filter((error) => AuthError.isInstance(error));
    expect(refusals.length).toBeLessThanOrEqual(faults.filter((fault) => fault === 'auth-refusal').length);
  } finally {
    await printer.close();
    await mock.stop();
  }
  // Nothing left behind: sockets and timers back to what they were before this run.
  // (Counted between sleeps, not inside vi.waitFor, whose own polling timer would count.)
  for (let attempt = 0; attempt < 20; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (activeResources('TCPSocketWrap') <= sockets && activeResources('Timeout') <= timers) break;
  }
  expect(activeResources('TCPSocketWrap'), 'sockets').toBeLessThanOrEqual(sockets);
  expect(activeResources('Timeout'), 'timers').toBeLessThanOrEqual(timers);
}

describe('fault schedules', () => {
  it('after each random fault the status converges to the mock, one socket, no hung call, nothing leaked', async () => {
    const stats = { schedules: 0, faults: 0, calls: 0, slowestConvergeMs: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...FAULTS), { minLength: 4, maxLength: 7 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 250 }), fc.integer({ min: 0, max: 110 })), {
          minLength: 1,
          maxLength: 4,
        }),
        async (faults, targets) => {
          stats.schedules += 1;
          await runSchedule({ faults, targets }, stats);
        },
      ),
      { seed: 424_242, numRuns: 3, endOnFailure: true },
    );
    console.log('fault schedules:', stats);
    expect(stats.faults).toBeGreaterThanOrEqual(12);
  }, 120_000);

  it('every fault kind at least once, in a fixed order', async () => {
    const stats = { faults: 0, calls: 0, slowestConvergeMs: 0 };
    await runSchedule(
      {
        faults: [...FAULTS],
        targets: [
          [200, 60],
          [0, 0],
          [215, 70],
        ],
      },
      stats,
    );
    expect(stats.faults).toBe(FAULTS.length);
  }, 60_000);
});
