/**
 * `useMockAnycubic(options)`: starts the mock before the file's tests and stops it after them.
 * Import from `@printkit/mock-anycubic/vitest` (vitest is an optional peer dependency).
 */
import { afterAll, beforeAll } from 'vitest';
import { type MockAnycubic, type MockAnycubicOptions, startMockAnycubic } from './start.js';

export function useMockAnycubic(options: MockAnycubicOptions = {}): () => MockAnycubic {
  let mock: MockAnycubic | undefined;
  beforeAll(async () => {
    // Tests never use the printer's real ports: they may be taken, and parallel files would collide.
    mock = await startMockAnycubic({ port: 0, httpPort: 0, ...options });
  });
  afterAll(async () => {
    await mock?.stop();
    mock = undefined;
  });
  return () => {
    if (!mock) throw new Error('useMockAnycubic(): the mock runs only inside tests (after beforeAll)');
    return mock;
  };
}
