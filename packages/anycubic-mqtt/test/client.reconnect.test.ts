// Reconnecting: a refusal of the credentials on a RECONNECT is retried (slower, capped), reported
// once as an AuthError `error` event, and the client recovers as soon as the broker accepts again.
import { AuthError, type ConnectionState, type PrintkitError } from '@printkit/core-types';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Harness, startHarness } from './harness.js';

let h: Harness | undefined;

afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function connectedHarness() {
  h = await startHarness({}, { reconnect: { initialDelayMs: 10, maxDelayMs: 100 } });
  const errors: PrintkitError[] = [];
  const states: ConnectionState[] = [];
  h.client.on('error', (error) => errors.push(error));
  h.client.on('connection', (state) => states.push(state));
  await h.client.connect();
  return { harness: h, errors, states };
}

/** Gets the client kicked off the broker: the printer drops the sender of the next info query. */
async function kick(harness: Harness): Promise<void> {
  harness.mock.printer().faults.add({ operation: 'info/query', kind: 'disconnect' });
  await harness.client.queryInfo().catch(() => undefined);
}

describe('auth refused on a reconnect (issue 10, defect 2)', () => {
  it('retries, reports one AuthError, and recovers once the broker accepts again', async () => {
    const { harness, errors, states } = await connectedHarness();
    harness.mock.printer().faults.add({ operation: 'connect', kind: 'auth-failure', times: 3 });
    await kick(harness);
    await vi.waitFor(() => expect(harness.client.connectionState).toBe('connected'), { timeout: 10_000 });
    expect(errors.filter((error) => AuthError.isInstance(error))).toHaveLength(1);
    expect(states).toContain('reconnecting');
    expect(harness.mock.printer().faults.list()).toEqual([]); // all three refusals were met
    await expect(harness.client.queryInfo()).resolves.toMatchObject({ state: 'free' });
  });

  it('says it once however long the refusals last, and still recovers', async () => {
    const { harness, errors } = await connectedHarness();
    const stopRefusing = harness.mock
      .printer()
      .faults.add({ operation: 'connect', kind: 'auth-failure', times: Number.POSITIVE_INFINITY });
    await kick(harness);
    await vi.waitFor(() => expect(errors.some((error) => AuthError.isInstance(error))).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 600)); // several refused attempts
    expect(harness.client.connectionState).toBe('reconnecting');
    stopRefusing();
    await vi.waitFor(() => expect(harness.client.connectionState).toBe('connected'), { timeout: 10_000 });
    expect(errors.filter((error) => AuthError.isInstance(error))).toHaveLength(1);
  });

  it('reports a later refusal again after a successful reconnect in between', async () => {
    const { harness, errors } = await connectedHarness();
    for (let round = 1; round <= 2; round++) {
      harness.mock.printer().faults.add({ operation: 'connect', kind: 'auth-failure' });
      await kick(harness);
      await vi.waitFor(() => expect(harness.client.connectionState).toBe('connected'), { timeout: 10_000 });
      expect(errors.filter((error) => AuthError.isInstance(error))).toHaveLength(round);
    }
  });

  it('still stops on a refusal of the very first connect', async () => {
    h = await startHarness({}, { reconnect: { initialDelayMs: 10, maxDelayMs: 100 } });
    h.mock.printer().faults.add({ operation: 'connect', kind: 'auth-failure' });
    const error = await h.client.connect().catch((caught: unknown) => caught);
    expect(AuthError.isInstance(error)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.client.connectionState).toBe('disconnected');
  });
});

describe('a printer that stays away', () => {
  it('is reported unavailable once, however many reconnects fail', async () => {
    const { harness, errors, states } = await connectedHarness();
    await harness.mock.stop(); // the broker is gone: every reconnect is refused at the socket
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(states.filter((state) => state === 'reconnecting').length).toBeGreaterThanOrEqual(1);
    expect(errors.filter((error) => error.code === 'connection').length).toBeLessThanOrEqual(1);
  });
});
