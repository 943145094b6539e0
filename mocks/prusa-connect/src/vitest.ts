/**
 * `useMockPrusaConnect(options)`: starts the loopback mock in `beforeAll`, resets it before each test
 * (faults, printers, jobs, uploads, tokens…: every test starts from the same mock, see
 * `MockPrusaConnect.reset()`), clears faults again after each test, and stops it in `afterAll`;
 * returns a getter for the running mock.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import {
  type StartedMockPrusaConnect,
  type StartMockPrusaConnectOptions,
  startMockPrusaConnect,
} from './start.js';

export function useMockPrusaConnect(
  options: StartMockPrusaConnectOptions = {},
): () => StartedMockPrusaConnect {
  let mock: StartedMockPrusaConnect | undefined;
  beforeAll(async () => {
    mock = await startMockPrusaConnect(options);
  });
  beforeEach(async () => {
    await mock?.reset();
  });
  afterEach(() => {
    mock?.faults.clear();
    for (const printer of mock?.printers ?? []) printer.faults.clear();
  });
  afterAll(async () => {
    await mock?.stop();
    mock = undefined;
  });
  return () => {
    if (!mock)
      throw new Error('useMockPrusaConnect(): the mock starts in beforeAll; read it inside a test or hook');
    return mock;
  };
}

export type { StartedMockPrusaConnect, StartMockPrusaConnectOptions };
