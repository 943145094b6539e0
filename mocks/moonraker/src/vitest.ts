/**
 * `useMockMoonraker(options)`: starts a fake Moonraker before the tests of the enclosing suite,
 * gives every test a fresh one (faults, sim, database, history, files, connections reset — a new
 * mock on the same port, so URLs taken in `beforeAll` stay valid) and stops it after them.
 * With a `sim` of your own, that sim is reused (its faults are cleared; its state is yours).
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { MockMoonrakerOptions } from './options.js';
import { type MockMoonraker, startMockMoonraker } from './start.js';

export function useMockMoonraker(options: MockMoonrakerOptions = {}): () => MockMoonraker {
  let mock: MockMoonraker | undefined;
  let fresh = false;
  beforeAll(async () => {
    mock = await startMockMoonraker({ port: 0, ...options });
    fresh = true;
  });
  beforeEach(async () => {
    if (!mock) return;
    if (fresh) {
      fresh = false;
      return;
    }
    const port = mock.port;
    await mock.stop();
    // Let keep-alive clients in this process (fetch) see their sockets close before the next test.
    await new Promise((resolve) => setTimeout(resolve, 50));
    options.sim?.faults.clear();
    mock = await startMockMoonraker({ ...options, port });
  });
  afterAll(async () => {
    await mock?.stop();
    mock = undefined;
  });
  return () => {
    if (!mock) throw new Error('useMockMoonraker: the mock runs only inside the tests of this suite');
    return mock;
  };
}
