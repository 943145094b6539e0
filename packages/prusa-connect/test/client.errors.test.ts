/** Error bodies, auth (Bearer, cookie, provider, refresh), retries, timeouts and aborts — loopback mock. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { AbortedError, AuthError, ConnectionError, ProtocolError, TimeoutError } from '@printkit/core-types';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectAuthError, ConnectRejectedError, createPrusaConnectClient } from '../src/index.js';
import { type Harness, rejectionOf, startHarness, TOKEN, UUID } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const GET_PRINTER = 'GET /app/printers/:uuid';
const POST_SYNC = 'POST /app/printers/:uuid/commands/sync';

describe('Connect error bodies', () => {
  it('401 UNAUTHORIZED becomes an AuthError keeping the code, without the token in the message', async () => {
    const client = h.clientWith({ token: 'wrong-secret-token' });
    const error = await rejectionOf(client.printers.get(UUID));
    expect(AuthError.isInstance(error)).toBe(true);
    expect(error).toBeInstanceOf(ConnectAuthError);
    expect(error).toMatchObject({ status: 401, connectCode: 'UNAUTHORIZED', isRetryable: false });
    expect(String((error as Error).message)).not.toContain('wrong-secret-token');
  });

  it('404 NOT_FOUND_PRINTER and 400 BAD_REQUEST keep code, status and reason', async () => {
    const missing = await rejectionOf(h.client.printers.get('00000000-0000-0000-0000-000000000000'));
    expect(missing).toBeInstanceOf(ConnectRejectedError);
    expect(missing).toMatchObject({
      printerCode: 'NOT_FOUND_PRINTER',
      status: 404,
      printerMessage: 'Printer ID not found',
    });
    const malformed = await rejectionOf(h.client.printers.get('not-a-uuid'));
    expect(malformed).toMatchObject({
      printerCode: 'BAD_REQUEST',
      status: 400,
      reason: 'Invalid path parameter: printer_uuid',
    });
    expect((malformed as Error).message).toContain('Invalid path parameter: printer_uuid');
  });

  it('an unknown endpoint answers NOT_FOUND_ENDPOINT', async () => {
    // A base path the server does not know: every path under it is an unknown endpoint.
    const error = await rejectionOf(h.clientWith({ baseUrl: `${h.mock.url}/v9` }).printers.list());
    expect(error).toMatchObject({ printerCode: 'NOT_FOUND_ENDPOINT', status: 404 });
  });

  it('a 200 with truncated JSON becomes a ProtocolError carrying the payload', async () => {
    h.mock.faults.add({ operation: GET_PRINTER, kind: 'malformed' });
    const error = await rejectionOf(h.client.printers.get(UUID));
    expect(ProtocolError.isInstance(error)).toBe(true);
    expect((error as ProtocolError).payload).toContain('{"printers": [');
  });

  it('a 200 of the wrong shape becomes a ProtocolError naming the field', async () => {
    // Valid JSON, wrong shape: every printer type needs an `id`.
    const server = await serve((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ printer_types: [{ name: 'no id' }] }));
    });
    const client = createPrusaConnectClient({ baseUrl: server.url });
    const error = await rejectionOf(client.printerTypes());
    await client.close();
    await server.close();
    expect(ProtocolError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('printer_types.0.id');
  });

  it('an error status with a body that is not a Connect error becomes a ProtocolError', async () => {
    const server = await serve((_req, res) => {
      res.statusCode = 404;
      res.setHeader('content-type', 'text/html');
      res.end('<html>not here</html>');
    });
    const client = createPrusaConnectClient({ baseUrl: server.url, token: TOKEN });
    const error = await rejectionOf(client.printers.get(UUID));
    await client.close();
    await server.close();
    expect(ProtocolError.isInstance(error)).toBe(true);
    expect((error as ProtocolError).payload).toBe('<html>not here</html>');
  });
});

describe('auth', () => {
  it('sends the token as a Bearer header by default', async () => {
    await expect(h.client.printers.get(UUID)).resolves.toMatchObject({ uuid: UUID });
  });

  it('sends the token as the auth.access_token cookie, or both', async () => {
    await expect(h.clientWith({ authScheme: 'cookie' }).printers.get(UUID)).resolves.toMatchObject({
      uuid: UUID,
    });
    await expect(h.clientWith({ authScheme: 'both' }).printers.get(UUID)).resolves.toMatchObject({
      uuid: UUID,
    });
  });

  it('asks a token provider before every request', async () => {
    const getToken = vi.fn(async () => TOKEN);
    const client = h.clientWith({ getToken });
    await client.printers.get(UUID);
    await client.printers.list();
    expect(getToken).toHaveBeenCalledTimes(2);
  });

  it('refreshes once for N concurrent 401s (single-flight), then every call succeeds', async () => {
    h.mock.token = 'rotated-token';
    let release: (() => void) | undefined;
    const refreshToken = vi.fn(
      () =>
        new Promise<string>((resolve) => {
          release = () => resolve('rotated-token');
        }),
    );
    const client = h.clientWith({ token: 'stale-token', refreshToken, transport: h.transport });
    const calls = Array.from({ length: 8 }, () => client.printers.get(UUID));
    // Every call meets its 401 while the one refresh is still under way.
    await vi.waitFor(() => expect(h.transport.statuses).toEqual(Array(8).fill(401)));
    expect(release).toBeDefined();
    release?.();
    const results = await Promise.all(calls);
    expect(results.every((r) => r.uuid === UUID)).toBe(true);
    expect(refreshToken).toHaveBeenCalledTimes(1);
    // Later calls use the new token without refreshing again.
    await client.printers.list();
    expect(refreshToken).toHaveBeenCalledTimes(1);
  });

  it('retries once after a refresh, then gives up with an AuthError', async () => {
    const refreshToken = vi.fn(async () => 'still-wrong');
    const client = h.clientWith({ token: 'wrong', refreshToken, transport: h.transport });
    const before = h.transport.sent.length;
    const error = await rejectionOf(client.printers.get(UUID));
    expect(AuthError.isInstance(error)).toBe(true);
    expect(refreshToken).toHaveBeenCalledTimes(1);
    expect(h.transport.sent.length - before).toBe(2);
  });

  it('a refresh hook that fails ends the call with an AuthError keeping the cause', async () => {
    const cause = new Error('refresh token expired');
    const client = h.clientWith({ token: 'wrong', refreshToken: () => Promise.reject(cause) });
    const error = await rejectionOf(client.printers.get(UUID));
    expect(AuthError.isInstance(error)).toBe(true);
    expect((error as Error).cause).toBe(cause);
  });

  it('asks the provider again after a refresh that returns nothing', async () => {
    let current = 'stale';
    h.mock.token = 'fresh';
    const client = h.clientWith({
      getToken: () => current,
      refreshToken: () => {
        current = 'fresh';
      },
    });
    await expect(client.printers.get(UUID)).resolves.toMatchObject({ uuid: UUID });
  });

  it('refreshes on a 401 to a streamed upload but never resends the consumed stream', async () => {
    const gcode = new TextEncoder().encode('; printkit\nG28\n');
    const refreshToken = vi.fn(async () => 'rotated-token');
    const client = h.clientWith({ token: TOKEN, refreshToken, transport: h.transport });
    const teamId = h.mock.teamId;
    const upload = await client.uploads.create(teamId, {
      destination: '/usb/',
      filename: 's.gcode',
      size: gcode.length,
    });
    h.mock.token = 'rotated-token';
    const before = h.transport.sent.length;
    const error = await rejectionOf(
      client.uploads.put(teamId, upload.id, { data: Readable.from([gcode]), size: gcode.length }),
    );
    expect(error).toBeInstanceOf(ConnectAuthError);
    expect(error).toMatchObject({ status: 401, message: expect.stringContaining('streamed body') });
    expect(refreshToken).toHaveBeenCalledTimes(1);
    // One PUT only (a resent stream would carry 0 bytes), and the next call has the new token.
    expect(h.transport.sent.slice(before).filter((line) => line.startsWith('PUT'))).toHaveLength(1);
    await expect(
      client.uploads.put(teamId, upload.id, { data: Readable.from([gcode]), size: gcode.length }),
    ).resolves.toMatchObject({ size: gcode.length, hash: expect.any(String) });
    expect(refreshToken).toHaveBeenCalledTimes(1);
  });

  it('resends an upload given as bytes after the refresh', async () => {
    const gcode = new TextEncoder().encode('; printkit\nG28\n');
    const refreshToken = vi.fn(async () => 'rotated-token');
    const client = h.clientWith({ token: TOKEN, refreshToken });
    const upload = await h.client.uploads.create(h.mock.teamId, {
      destination: '/usb/',
      filename: 'b.gcode',
      size: gcode.length,
    });
    h.mock.token = 'rotated-token';
    await expect(client.uploads.put(h.mock.teamId, upload.id, { data: gcode })).resolves.toMatchObject({
      size: gcode.length,
    });
    expect(refreshToken).toHaveBeenCalledTimes(1);
  });

  it('an injected auth-failure also triggers the refresh path', async () => {
    h.mock.faults.add({ operation: GET_PRINTER, kind: 'auth-failure' });
    const refreshToken = vi.fn(async () => TOKEN);
    const client = h.clientWith({ refreshToken });
    await expect(client.printers.get(UUID)).resolves.toMatchObject({ uuid: UUID });
    expect(refreshToken).toHaveBeenCalledTimes(1);
  });
});

describe('retries', () => {
  it('honours Retry-After on 429 (recorded wait), then succeeds', async () => {
    h.mock.faults.add({ operation: GET_PRINTER, kind: 'error-reply', status: 429, retryAfterSeconds: 2 });
    await expect(h.client.printers.get(UUID)).resolves.toMatchObject({ uuid: UUID });
    expect(h.delays).toEqual([2_000]);
  });

  it('really waits for Retry-After', async () => {
    h.mock.faults.add({ operation: GET_PRINTER, kind: 'error-reply', status: 429, retryAfterSeconds: 1 });
    const client = createPrusaConnectClient({ baseUrl: h.mock.url, token: TOKEN });
    const started = performance.now();
    await client.printers.get(UUID);
    const waited = performance.now() - started;
    await client.close();
    expect(waited).toBeGreaterThanOrEqual(990);
  });

  it('backs off exponentially on 5xx, then succeeds', async () => {
    h.mock.faults.add({ operation: GET_PRINTER, kind: 'error-reply', status: 503, times: 2 });
    await expect(h.client.printers.get(UUID)).resolves.toMatchObject({ uuid: UUID });
    expect(h.delays).toEqual([500, 1_000]);
  });

  it('gives up after maxRetries with a retryable error keeping the code', async () => {
    h.mock.faults.add({ operation: GET_PRINTER, kind: 'error-reply', status: 502, times: Infinity });
    const error = await rejectionOf(h.client.printers.get(UUID));
    expect(error).toMatchObject({ printerCode: 'BAD_GATEWAY', status: 502, isRetryable: true });
    expect(h.transport.sent).toHaveLength(3);
  });

  it('does not wait for a Retry-After longer than maxRetryAfterMs', async () => {
    h.mock.faults.add({ operation: GET_PRINTER, kind: 'error-reply', status: 429, retryAfterSeconds: 3600 });
    const error = await rejectionOf(h.client.printers.get(UUID));
    expect(error).toMatchObject({ status: 429 });
    expect(h.delays).toEqual([]);
  });

  it('never retries a POST: one attempt, the 503 is reported, the command did not run twice', async () => {
    h.mock.faults.add({ operation: POST_SYNC, kind: 'error-reply', status: 503, times: 1 });
    const error = await rejectionOf(h.client.commands.setPrinterReady(UUID));
    expect(error).toMatchObject({ status: 503 });
    expect(h.transport.sent.filter((s) => s.startsWith('POST'))).toHaveLength(1);
    expect(h.delays).toEqual([]);
  });

  it('never retries a POST whose socket dropped', async () => {
    h.mock.faults.add({ operation: POST_SYNC, kind: 'drop', times: 1 });
    const error = await rejectionOf(h.client.commands.setPrinterReady(UUID));
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect(h.transport.sent.filter((s) => s.startsWith('POST'))).toHaveLength(1);
  });

  it('retries a GET whose socket dropped, and reports a ConnectionError when it keeps dropping', async () => {
    h.mock.faults.add({ operation: GET_PRINTER, kind: 'drop', times: 1 });
    await expect(h.client.printers.get(UUID)).resolves.toMatchObject({ uuid: UUID });
    h.mock.faults.add({ operation: GET_PRINTER, kind: 'drop', times: Infinity });
    const error = await rejectionOf(h.client.printers.get(UUID, { maxRetries: 1 }));
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('GET /app/printers/{uuid}');
  });

  it('a connection refused is a ConnectionError', async () => {
    const server = await serve(() => {});
    const url = server.url;
    await server.close();
    const client = createPrusaConnectClient({ baseUrl: url, token: TOKEN, maxRetries: 0 });
    const error = await rejectionOf(client.version());
    await client.close();
    expect(ConnectionError.isInstance(error)).toBe(true);
  });
});

describe('timeouts and aborts', () => {
  it('times out a slow reply with a TimeoutError', async () => {
    h.mock.faults.add({ operation: GET_PRINTER, kind: 'delay', delayMs: 1_000 });
    const error = await rejectionOf(h.client.printers.get(UUID, { timeoutMs: 50 }));
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((error as TimeoutError).timeoutMs).toBe(50);
  });

  it('aborts a pending call with an AbortedError', async () => {
    h.mock.faults.add({ operation: GET_PRINTER, kind: 'delay', delayMs: 1_000 });
    const controller = new AbortController();
    const pending = h.client.printers.get(UUID, { signal: controller.signal });
    await vi.waitFor(() => expect(h.transport.sent).toHaveLength(1));
    controller.abort();
    expect(AbortedError.isInstance(await rejectionOf(pending))).toBe(true);
  });

  it('an already aborted signal sends nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await rejectionOf(h.client.printers.get(UUID, { signal: controller.signal }));
    expect(AbortedError.isInstance(error)).toBe(true);
    expect(h.transport.sent).toEqual([]);
  });

  it('does not start a retry wait that would outlast the deadline', async () => {
    h.mock.faults.add({ operation: GET_PRINTER, kind: 'error-reply', status: 503, times: Infinity });
    const client = h.clientWith({ retry: { initialDelayMs: 5_000, random: () => 0 } });
    const error = await rejectionOf(client.printers.get(UUID, { timeoutMs: 1_000 }));
    expect(error).toMatchObject({ status: 503 });
  });

  it('a closed client fails new calls with a ConnectionError', async () => {
    const client = h.clientWith({});
    await client.close();
    expect(ConnectionError.isInstance(await rejectionOf(client.printers.get(UUID)))).toBe(true);
  });
});

async function serve(
  handler: Parameters<typeof createServer>[1],
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
