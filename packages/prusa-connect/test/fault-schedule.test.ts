/**
 * Random fault schedules (issue 10): while the adapter polls the loopback mock in real time, a seeded
 * schedule injects delays, 5xx, 429 + Retry-After, malformed replies, dropped sockets and auth refusals
 * on the polled endpoint or everywhere, and changes the printer's truth (prints, pauses, cancels).
 * After every round: no call outlived its deadline, an auth refusal was reported at most once, and once
 * the faults stop the adapter's status converges to the mock's truth within a bounded time. At the end
 * no timer of the adapter and no socket is left.
 */
import { AuthError, type PrintkitError } from '@printkit/core-types';
import { createCountingClock } from '@printkit/core-types/testing';
import { startMockPrusaConnect } from '@printkit/mock-prusa-connect';
import { describe, expect, it } from 'vitest';
import { createPrusaConnectPrinter } from '../src/index.js';
import { CUBE, UUID } from './helpers.js';

/** mulberry32: a seeded schedule, so a failing round can be replayed. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const sockets = () => process.getActiveResourcesInfo().filter((name) => name.startsWith('TCP')).length;

const TIMEOUT_MS = 1_000;
const CONVERGE_WITHIN_MS = 3_000;
const FAULTS = [
  { kind: 'delay', delayMs: 150 },
  { kind: 'delay', delayMs: 1_500 }, // longer than the deadline
  { kind: 'error-reply', status: 500 },
  { kind: 'error-reply', status: 503 },
  { kind: 'error-reply', status: 429, retryAfterSeconds: 0 },
  { kind: 'malformed' },
  { kind: 'drop' },
  { kind: 'auth-failure' },
] as const;

describe('fault schedule', () => {
  it('the status converges to the truth after every round; nothing hangs or leaks', {
    timeout: 120_000,
  }, async () => {
    const baselineSockets = sockets();
    const mock = await startMockPrusaConnect({ port: 0 });
    const clock = createCountingClock();
    const printer = createPrusaConnectPrinter({
      baseUrl: mock.url,
      token: mock.token,
      printerUuid: UUID,
      clock,
      timeoutMs: TIMEOUT_MS,
      maxRetries: 1,
      retry: { initialDelayMs: 10, maxDelayMs: 40 },
      poll: { afterCommandMs: 20, activeMs: 40, idleMs: 60, maxErrorMs: 150 },
    });
    const errors: PrintkitError[] = [];
    printer.on('error', (error) => errors.push(error));
    await printer.connect();

    const random = seeded(20261204);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const stats = { rounds: 0, faults: 0, calls: 0, settledLate: 0, maxConvergeMs: 0, authEvents: 0 };
    const truth = async () => {
      const response = await fetch(`${mock.url}/app/printers/${UUID}`, {
        headers: { authorization: `Bearer ${mock.token}` },
      });
      return ((await response.json()) as { state?: string }).state;
    };
    /** A call through the adapter under faults: it must settle within its deadline (plus scheduling slack). */
    const timed = async (call: () => Promise<unknown>) => {
      stats.calls += 1;
      const started = Date.now();
      await call().catch(() => undefined);
      if (Date.now() - started > TIMEOUT_MS + 300) stats.settledLate += 1;
    };

    for (let round = 0; round < 16; round++) {
      stats.rounds += 1;
      const before = errors.length;
      const count = 1 + Math.floor(random() * 3);
      for (let i = 0; i < count; i++) {
        const fault = pick(FAULTS);
        const operation = random() < 0.7 ? 'GET /app/printers/:uuid' : '*';
        mock.faults.add({ operation, ...fault, times: 1 + Math.floor(random() * 4) });
        stats.faults += 1;
      }
      // Change the truth while the faults are active; commands may fail, but must settle in time.
      const action = pick(['start', 'pause', 'resume', 'cancel', 'advance', 'refresh'] as const);
      if (action === 'start') await timed(() => printer.startPrint(CUBE));
      if (action === 'pause') await timed(() => printer.pause());
      if (action === 'resume') await timed(() => printer.resume());
      if (action === 'cancel') await timed(() => printer.cancel());
      if (action === 'refresh') await timed(() => printer.refresh());
      await mock.advance(5_000 + Math.floor(random() * 60_000));
      await new Promise((resolve) => setTimeout(resolve, 100 + random() * 300));
      mock.faults.clear();

      // The faults are over: the status must follow the mock within CONVERGE_WITHIN_MS.
      const expected = await truth();
      const started = Date.now();
      await expect
        .poll(() => printer.status.rawState, { timeout: CONVERGE_WITHIN_MS, interval: 20 })
        .toBe(expected);
      stats.maxConvergeMs = Math.max(stats.maxConvergeMs, Date.now() - started);
      const authEvents = errors.slice(before).filter((error) => AuthError.isInstance(error)).length;
      stats.authEvents += authEvents;
      expect(authEvents, `round ${round}`).toBeLessThanOrEqual(1);
    }

    expect(stats.settledLate).toBe(0);
    expect(printer.connectionState).toBe('connected');
    await printer.close();
    expect(clock.pending()).toBe(0);
    await mock.stop();
    await expect.poll(sockets, { timeout: 2_000 }).toBeLessThanOrEqual(baselineSockets);
    console.info(`fault-schedule: ${JSON.stringify({ ...stats, errorEvents: errors.length })}`);
  });
});
