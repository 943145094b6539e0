/**
 * The in-process path: the mock's msw handlers under `setupServer` and the client with an injected
 * `fetch` (what a browser app or an msw-based test suite does). No socket is opened.
 */
import { AuthError, ConnectionError, ProtocolError } from '@printkit/core-types';
import { createMockPrusaConnect } from '@printkit/mock-prusa-connect';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CommandValidationError,
  ConnectRejectedError,
  createPrusaConnectClient,
  type PrusaConnectClient,
  type PrusaConnectClientOptions,
} from '../src/index.js';
import { CUBE, recordingClock, rejectionOf, TOKEN, UUID } from './helpers.js';

let mock = createMockPrusaConnect();
const server = setupServer();
const delays: number[] = [];
const fetchCalls: string[] = [];

/** Late-bound, so the `fetch` msw patched is the one called; records what is fetched. */
const injectedFetch = (input: string, init: RequestInit) => {
  fetchCalls.push(`${init.method} ${input}`);
  return fetch(input, init);
};

function clientWith(options: PrusaConnectClientOptions = {}): PrusaConnectClient {
  return createPrusaConnectClient({
    token: TOKEN,
    fetch: injectedFetch,
    clock: recordingClock(delays),
    retry: { random: () => 0 },
    ...options,
  });
}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  mock = createMockPrusaConnect();
  server.resetHandlers(...mock.handlers);
  delays.length = 0;
  fetchCalls.length = 0;
});
afterEach(() => mock.dispose());
afterAll(() => server.close());

describe('client over msw (injected fetch)', () => {
  it('talks to https://connect.prusa3d.com by default, through the injected fetch', async () => {
    const client = clientWith();
    const detail = await client.printers.get(UUID);
    expect(detail).toMatchObject({ uuid: UUID, connect_state: 'IDLE' });
    expect(fetchCalls).toEqual([`GET https://connect.prusa3d.com/app/printers/${UUID}`]);
    expect((await client.version()).version).toEqual(expect.any(String));
  });

  it('runs a print to the end and reads it back from the history', async () => {
    const client = clientWith();
    await client.commands.startPrint(UUID, CUBE);
    for (let i = 0; i < 200 && (await client.printers.get(UUID)).printer_state !== 'FINISHED'; i++) {
      await mock.advance(30_000);
    }
    const ids = [];
    for await (const job of client.jobs.iterate(UUID, { state: ['FIN_OK'] })) ids.push(job.id);
    expect(ids).toHaveLength(1);
  });

  it('streams a two-step upload through fetch, then prints it', async () => {
    const client = clientWith();
    const bytes = new TextEncoder().encode('; msw\nG28\n');
    async function* chunks() {
      yield bytes.slice(0, 3);
      yield bytes.slice(3);
    }
    const result = await client.uploads.uploadFile({
      teamId: mock.teamId,
      filename: 'msw.gcode',
      data: chunks(),
      size: bytes.length,
      printerUuid: UUID,
    });
    expect(result.file?.hash).toEqual(expect.any(String));
    await expect(client.commands.startPrint(UUID, result.path)).resolves.toMatchObject({
      event: { event: 'FINISHED' },
    });
  });

  it('answers a conditional snapshot with notModified', async () => {
    const client = clientWith();
    const cameraId = mock.printer().cameraIds[0] ?? -1;
    const first = await client.cameras.snapshot(cameraId, { printerUuid: UUID });
    const again = await client.cameras.snapshot(cameraId, { ifNoneMatch: first.etag ?? '' });
    expect(again.notModified).toBe(true);
  });

  it('maps errors the same way: 401, 409, malformed JSON, network error', async () => {
    expect(AuthError.isInstance(await rejectionOf(clientWith({ token: 'nope' }).printers.list()))).toBe(true);
    const client = clientWith();
    expect(await rejectionOf(client.commands.resumePrint(UUID))).toMatchObject({
      printerCode: 'CONFLICT_COMMAND',
      status: 409,
    });
    mock.faults.add({ operation: 'GET /app/printers/:uuid', kind: 'malformed' });
    expect(ProtocolError.isInstance(await rejectionOf(client.printers.get(UUID)))).toBe(true);
    mock.faults.add({ operation: 'GET /app/printers/:uuid', kind: 'drop', times: Infinity });
    expect(ConnectionError.isInstance(await rejectionOf(client.printers.get(UUID, { maxRetries: 0 })))).toBe(
      true,
    );
  });

  it('retries a GET after 429 honouring Retry-After, never a POST', async () => {
    const client = clientWith();
    mock.faults.add({
      operation: 'GET /app/printers',
      kind: 'error-reply',
      status: 429,
      retryAfterSeconds: 3,
    });
    await client.printers.list();
    expect(delays).toEqual([3_000]);
    mock.faults.add({
      operation: 'POST /app/printers/:uuid/commands/sync',
      kind: 'error-reply',
      status: 503,
    });
    const error = await rejectionOf(client.commands.setPrinterReady(UUID));
    expect(error).toBeInstanceOf(ConnectRejectedError);
    expect(fetchCalls.filter((c) => c.startsWith('POST'))).toHaveLength(1);
  });

  it('refreshes a stale token once and retries (cookie auth)', async () => {
    mock.token = 'fresh';
    const refreshToken = vi.fn(async () => 'fresh');
    const client = clientWith({ token: 'stale', authScheme: 'cookie', refreshToken });
    await Promise.all([client.printers.list(), client.printers.get(UUID), client.queue.list(UUID)]);
    expect(refreshToken).toHaveBeenCalledTimes(1);
  });

  it('validates kwargs locally on the fetch path too', async () => {
    const client = clientWith({ validateCommands: true });
    const error = await rejectionOf(client.commands.setHeatbedTemperature(UUID, 151));
    expect(error).toBeInstanceOf(CommandValidationError);
    expect(fetchCalls.filter((c) => c.startsWith('POST'))).toEqual([]);
  });
});
