// Fault schedules: random sequences of what a flaky network and a printer do — a dropped socket, a
// reply slower than the deadline, a 503, a truncated body, an auth refusal, every nonce gone stale
// (a printer reboot) — against the mock, while the printer's truth changes behind the client's back
// (a print started, paused, stopped over plain fetch). After each fault the adapter's background poll
// must converge to the mock's truth within a bounded time, every failed call must reject with a
// printkit error (never hang), and the client must end `connected`.
import { PrintkitError } from '@printkit/core-types';
import { type StartedMockPrusaLink, startMockPrusaLink } from '@printkit/mock-prusalink';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPrusaLinkPrinter } from '../src/index.js';

type Fault = 'drop' | 'delay' | 'error-reply' | 'malformed' | 'auth-failure' | 'reboot';
const FAULTS: Fault[] = ['drop', 'delay', 'error-reply', 'malformed', 'auth-failure', 'reboot'];
type Change = 'none' | 'start' | 'pause' | 'stop' | 'attention';
const CHANGES: Change[] = ['none', 'start', 'pause', 'stop', 'attention'];

const CONVERGE_WITHIN_MS = 8_000;
const CALL_TIMEOUT_MS = 1_000;

const EXPECTED: Record<string, string> = {
  IDLE: 'idle',
  PRINTING: 'printing',
  PAUSED: 'paused',
  STOPPED: 'cancelled',
  FINISHED: 'finished',
  ERROR: 'error',
  BUSY: 'busy',
};

/** The truth: the state the mock reports (read from the mock, not over the faulty route). */
function truth(mock: StartedMockPrusaLink): string {
  if (mock.state === 'ATTENTION') return mock.sim.snapshot().job ? 'paused' : 'busy';
  return EXPECTED[mock.state] ?? 'unknown';
}

async function change(mock: StartedMockPrusaLink, what: Change): Promise<void> {
  const headers = { 'X-Api-Key': mock.options.apiKey };
  const job = await fetch(`${mock.url}/api/v1/job`, { headers });
  const id = job.status === 200 ? ((await job.json()) as { id: number }).id : undefined;
  if (what === 'start') await fetch(`${mock.url}/api/v1/files/usb/cube.gcode`, { method: 'POST', headers });
  if (what === 'pause' && id !== undefined)
    await fetch(`${mock.url}/api/v1/job/${id}/pause`, { method: 'PUT', headers });
  if (what === 'stop' && id !== undefined)
    await fetch(`${mock.url}/api/v1/job/${id}`, { method: 'DELETE', headers });
  if (what === 'attention' && mock.state === 'PRINTING') mock.requireAttention();
  await mock.advance(1_500);
}

function inject(mock: StartedMockPrusaLink, fault: Fault): void {
  const operation = 'GET /api/v1/status';
  switch (fault) {
    case 'reboot':
      mock.expireNonces();
      break;
    case 'delay':
      mock.faults.add({ operation, kind: 'delay', delayMs: CALL_TIMEOUT_MS * 3 });
      break;
    case 'error-reply':
      mock.faults.add({ operation, kind: 'error-reply', status: 503 });
      break;
    default:
      mock.faults.add({ operation, kind: fault });
  }
}

describe('fault schedules', () => {
  it('converges to the printer truth after any sequence of faults', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...FAULTS), fc.constantFrom(...CHANGES)), {
          minLength: 1,
          maxLength: 5,
        }),
        async (schedule) => {
          const mock = await startMockPrusaLink();
          const printer = createPrusaLinkPrinter({
            url: mock.url,
            password: mock.options.password,
            pollIntervalMs: 25,
            timeoutMs: CALL_TIMEOUT_MS,
            maxRetries: 0,
          });
          const errors: unknown[] = [];
          printer.on('error', (error) => errors.push(error));
          try {
            await printer.connect();
            for (const [fault, what] of schedule) {
              inject(mock, fault);
              await change(mock, what);
              const expected = truth(mock);
              const started = Date.now();
              while (printer.status.state !== expected || printer.connectionState !== 'connected') {
                if (Date.now() - started > CONVERGE_WITHIN_MS) {
                  throw new Error(
                    `after ${fault} + ${what}: ${printer.status.state}/${printer.connectionState}, truth ${expected}`,
                  );
                }
                await new Promise((resolve) => setTimeout(resolve, 10));
              }
            }
            for (const error of errors) expect(PrintkitError.isInstance(error)).toBe(true);
          } finally {
            await printer.close();
            await mock.stop();
          }
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);
});
