// Shared set-up for the integration tests: a mock Moonraker on a loopback port and clients that
// are closed after each test.
import { type MockMoonraker, type MockMoonrakerOptions, startMockMoonraker } from '@printkit/mock-moonraker';
import { afterEach } from 'vitest';
import { createMoonrakerClient, type MoonrakerClient } from '../src/client/client.js';
import type { MoonrakerClientOptions } from '../src/client/options.js';

export function useMoonraker() {
  const mocks: MockMoonraker[] = [];
  const clients: MoonrakerClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await Promise.all(mocks.splice(0).map((mock) => mock.stop()));
  });
  return {
    async mock(options: MockMoonrakerOptions = {}): Promise<MockMoonraker> {
      const mock = await startMockMoonraker({ port: 0, ...options });
      mocks.push(mock);
      return mock;
    },
    client(mock: MockMoonraker, options: Partial<MoonrakerClientOptions> = {}): MoonrakerClient {
      const client = createMoonrakerClient({
        url: mock.url,
        reconnect: { initialDelayMs: 10, maxDelayMs: 100, jitter: 0.5 },
        klippyPollIntervalMs: 20,
        ...options,
      });
      clients.push(client);
      return client;
    },
  };
}

/** Resolves with the next emission of `event` (its arguments). */
export function next<A extends unknown[]>(
  on: (listener: (...args: A) => void) => () => void,
  predicate: (...args: A) => boolean = () => true,
): Promise<A> {
  return new Promise((resolve) => {
    const off = on((...args) => {
      if (!predicate(...args)) return;
      off();
      resolve(args);
    });
  });
}

export const encode = (text: string) => new TextEncoder().encode(text);
