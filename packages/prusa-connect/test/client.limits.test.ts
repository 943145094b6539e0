/**
 * Issue 10, defect 5: a reply body is read only up to `maxResponseBytes` (default 16 MB), on the undici
 * and the fetch path; past the cap the client stops reading and fails with a `ProtocolError`. A server's
 * long error message is cut in `error.message`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvalidArgumentError, ProtocolError } from '@printkit/core-types';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ConnectRejectedError,
  createPrusaConnectClient,
  type PrusaConnectClientOptions,
} from '../src/index.js';
import { rejectionOf, UUID } from './helpers.js';

const MB = 1024 * 1024;
let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A server whose every answer is `total` bytes of `x`, streamed in 64 KB chunks as the client reads. */
async function streamingServer(total: number, options: { announce?: boolean; status?: number } = {}) {
  const sent = { bytes: 0, closedEarly: false };
  const created = createServer((_request, response) => {
    response.writeHead(options.status ?? 200, {
      'content-type': 'application/json',
      ...(options.announce ? { 'content-length': String(total) } : {}),
    });
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const pump = () => {
      while (sent.bytes < total) {
        const size = Math.min(chunk.length, total - sent.bytes);
        sent.bytes += size;
        if (!response.write(size === chunk.length ? chunk : chunk.subarray(0, size))) {
          response.once('drain', pump);
          return;
        }
      }
      response.end();
    };
    response.on('close', () => {
      if (sent.bytes < total || !response.writableFinished) sent.closedEarly = true;
    });
    pump();
  });
  server = created;
  await new Promise<void>((resolve) => created.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(created.address() as AddressInfo).port}`;
  return { url, sent };
}

const clientOn = (url: string, options: PrusaConnectClientOptions = {}) =>
  createPrusaConnectClient({ baseUrl: url, token: 't', maxRetries: 0, ...options });

describe('defect 5: response bodies are capped', () => {
  for (const path of ['undici', 'fetch'] as const) {
    it(`${path}: a 100 MB body stops at the default 16 MB cap with a ProtocolError`, async () => {
      const { url, sent } = await streamingServer(100 * MB);
      const client = clientOn(url, path === 'fetch' ? { fetch: (input, init) => fetch(input, init) } : {});
      const error = await rejectionOf(client.printers.get(UUID));
      await client.close();
      expect(ProtocolError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(/16777216 bytes/);
      // The client stopped reading: the server could not push much past the cap (socket buffers aside).
      expect(sent.bytes).toBeLessThan(40 * MB);
    });
  }

  it('an announced Content-Length over the cap fails before the body is read', async () => {
    const { url, sent } = await streamingServer(500 * MB, { announce: true });
    const client = clientOn(url, { maxResponseBytes: MB });
    const error = await rejectionOf(client.printers.get(UUID));
    await client.close();
    expect(ProtocolError.isInstance(error)).toBe(true);
    expect(sent.bytes).toBeLessThan(16 * MB);
  });

  it('maxResponseBytes is configurable; a body within it is read', async () => {
    const body = JSON.stringify({ printers: [], pager: { limit: 20, offset: 0, total: 0 } });
    const { url } = await streamingServer(0);
    server?.removeAllListeners('request');
    server?.on('request', (_request, response) => response.end(body));
    const roomy = clientOn(url, { maxResponseBytes: body.length });
    expect((await roomy.printers.list()).printers).toEqual([]);
    const tight = clientOn(url, { maxResponseBytes: body.length - 1 });
    expect(ProtocolError.isInstance(await rejectionOf(tight.printers.list()))).toBe(true);
    await Promise.all([roomy.close(), tight.close()]);
    expect(() => clientOn(url, { maxResponseBytes: 0 })).toThrow(InvalidArgumentError);
  });

  it("a 10 MB error message is cut in the error's message", async () => {
    const message = 'm'.repeat(10 * MB);
    const { url } = await streamingServer(0);
    server?.removeAllListeners('request');
    server?.on('request', (_request, response) => {
      response.writeHead(409, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ code: 'CONFLICT_COMMAND', message }));
    });
    const client = clientOn(url);
    const error = await rejectionOf(client.printers.get(UUID));
    await client.close();
    expect(ConnectRejectedError.isInstance(error)).toBe(true);
    expect((error as Error).message.length).toBeLessThan(2_000);
    expect(JSON.stringify(error).length).toBeLessThan(10 * MB);
  });
});
