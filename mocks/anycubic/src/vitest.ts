/**
 * `useMockAnycubic(options)`: a fresh mock for every test of the enclosing suite, stopped after it.
 * Import from `@printkit/mock-anycubic/vitest` (vitest is an optional peer dependency).
 *
 * Fresh per test, rather than one mock reset between tests: faults, sims (jobs, temperatures, files),
 * ACE boxes, lights, LAN secrets and power all start as new, with nothing a previous test left behind,
 * and no half-reset state the printer could not really be in. Ports are OS-chosen, so read `mock()`
 * inside each test (or a `beforeEach` after this one), not once per file.
 */
import { afterEach, beforeEach } from 'vitest';
import type { MockAnycubic, MockAnycubicOptions } from './mock-types.js';
import { startMockAnycubic } from './start.js';

export function useMockAnycubic(options: MockAnycubicOptions = {}): () => MockAnycubic {
  let mock: MockAnycubic | undefined;
  beforeEach(async () => {
    // Tests never use the printer's real ports: they may be taken, and parallel files would collide.
    mock = await startMockAnycubic({ port: 0, httpPort: 0, ...options });
  });
  afterEach(async () => {
    await mock?.stop();
    mock = undefined;
  });
  return () => {
    if (!mock) throw new Error('useMockAnycubic(): the mock runs only inside tests (after beforeEach)');
    return mock;
  };
}
