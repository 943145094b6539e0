/**
 * `useMockPrusaLink(options)`: starts the mock once in `beforeAll`, resets it (a fresh simulator, no
 * faults, no ATTENTION/BUSY) before each test, and stops it in `afterAll`.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type StartedMockPrusaLink, type StartMockPrusaLinkOptions, startMockPrusaLink } from './start.js';

export function useMockPrusaLink(options: StartMockPrusaLinkOptions = {}): () => StartedMockPrusaLink {
  let mock: StartedMockPrusaLink | undefined;
  beforeAll(async () => {
    mock = await startMockPrusaLink(options);
  });
  beforeEach(() => {
    mock?.reset();
  });
  afterAll(async () => {
    await mock?.stop();
    mock = undefined;
  });
  return () => {
    if (!mock)
      throw new Error('useMockPrusaLink(): the mock starts in beforeAll; read it inside a test or hook');
    return mock;
  };
}

export type { StartedMockPrusaLink, StartMockPrusaLinkOptions };
