/** Shared test setup: the loopback mock, a client on it, and a transport that counts what it sends. */
import { readFileSync } from 'node:fs';
import type { Clock } from '@printkit/core-types';
import { startMockPrusaConnect } from '@printkit/mock-prusa-connect';
import {
  createPrusaConnectClient,
  type HttpTransport,
  type PrusaConnectClient,
  type PrusaConnectClientOptions,
} from '../src/index.js';
import { SupportedCommandsSchema } from '../src/protocol/schemas-commands.js';
import { JobListSchema } from '../src/protocol/schemas-jobs.js';
import { PrinterListSchema, PrinterSchema } from '../src/protocol/schemas-printer.js';
import { createUndiciTransport } from '../src/transport/undici.js';

/** A real capture from test/fixtures, parsed. */
export function capture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
}

/** Each real capture with the schema of the reply it is. */
export const CAPTURE_CASES = [
  ['printers.json', PrinterListSchema],
  ['printer_detail.json', PrinterSchema],
  ['jobs.json', JobListSchema],
  ['supported_commands.json', SupportedCommandsSchema],
] as const;

/** A transport that answers every request with 200 and `body` (for malformed replies). */
export function answeringTransport(body: string): HttpTransport {
  return {
    send: async () => ({
      status: 200,
      header: () => undefined,
      body: async function* () {
        yield new TextEncoder().encode(body);
      },
      cancel: () => {},
    }),
    close: async () => {},
  };
}

export const TOKEN = 'printkit-token';
export const UUID = '11111111-2222-3333-4444-555555555555';
export const CUBE = '/usb/calibration-cube.gcode';

/** A clock whose timers record their delay and fire at once (retry waits); `now` is the real time. */
export function recordingClock(delays: number[]): Clock {
  return {
    now: () => Date.now(),
    setTimeout(callback, ms) {
      delays.push(ms);
      return setTimeout(callback, 0);
    },
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}

export type StartedMock = Awaited<ReturnType<typeof startMockPrusaConnect>>;

/** A transport that records `METHOD path` of every request it sends. */
export function countingTransport(url: string): HttpTransport & { sent: string[]; statuses: number[] } {
  const inner = createUndiciTransport(new URL(url).origin);
  const sent: string[] = [];
  const statuses: number[] = [];
  return {
    sent,
    statuses,
    async send(request) {
      sent.push(`${request.method} ${request.path}`);
      const response = await inner.send(request);
      statuses.push(response.status);
      return response;
    },
    close: () => inner.close(),
  };
}

export interface Harness {
  mock: StartedMock;
  client: PrusaConnectClient;
  transport: HttpTransport & { sent: string[]; statuses: number[] };
  /** Another client on the same mock, with other options; closed with the harness. */
  clientWith(options: PrusaConnectClientOptions): PrusaConnectClient;
  /** Delays the client waited between retries (the injected clock records them and fires at once). */
  delays: number[];
  close(): Promise<void>;
}

export async function startHarness(
  mockOptions: Parameters<typeof startMockPrusaConnect>[0] = {},
  clientOptions: PrusaConnectClientOptions = {},
): Promise<Harness> {
  const mock = await startMockPrusaConnect({ port: 0, ...mockOptions });
  const delays: number[] = [];
  const clients: PrusaConnectClient[] = [];
  const clock = recordingClock(delays);
  const transport = countingTransport(mock.url);
  const clientWith = (options: PrusaConnectClientOptions) => {
    const client = createPrusaConnectClient({
      baseUrl: mock.url,
      token: TOKEN,
      clock,
      retry: { random: () => 0 },
      ...options,
    });
    clients.push(client);
    return client;
  };
  const client = clientWith({ transport, ...clientOptions });
  return {
    mock,
    client,
    transport,
    clientWith,
    delays,
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      await mock.stop();
    },
  };
}

/** Resolves with what `promise` rejected with; fails the test if it resolved. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}
