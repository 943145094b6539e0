/**
 * `useMockMoonraker(options)`: starts a fake Moonraker before the tests of the enclosing suite
 * and stops it after them; returns a getter for the running mock.
 */
import { afterAll, beforeAll } from 'vitest';
import type { MockMoonrakerOptions } from './options.js';
import { type MockMoonraker, startMockMoonraker } from './start.js';

export function useMockMoonraker(options: MockMoonrakerOptions = {}): () => MockMoonraker {
  let mock: MockMoonraker | undefined;
  beforeAll(async () => {
    mock = await startMockMoonraker({ port: 0, ...options });
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
