/** Something on the printer's address that never stops talking must not make the client buffer forever. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProtocolError } from '@printkit/core-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrusaLinkClient } from '../src/index.js';

let server: Server;
let url = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    // Chunked (no Content-Length), a JSON array that never ends.
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const chunk = Buffer.from(`[${'1,'.repeat(32 * 1024)}`);
    const pump = () => {
      while (res.write(chunk)) if (res.destroyed) return;
      res.once('drain', pump);
    };
    req.socket.on('close', () => res.destroy());
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('reply size limit', () => {
  it('stops reading an endless reply with a ProtocolError (undici)', async () => {
    const client = createPrusaLinkClient({ url, apiKey: 'k', maxRetries: 0, timeoutMs: 20_000 });
    const error = await client.status().catch((e: unknown) => e);
    expect(ProtocolError.isInstance(error), String(error)).toBe(true);
    expect((error as Error).message).toMatch(/more than \d+ bytes/);
    await client.close();
  }, 30_000);

  it('stops reading an endless reply with a ProtocolError (fetch)', async () => {
    const client = createPrusaLinkClient({ url, apiKey: 'k', maxRetries: 0, timeoutMs: 20_000, fetch });
    const error = await client.status().catch((e: unknown) => e);
    expect(ProtocolError.isInstance(error), String(error)).toBe(true);
    await client.close();
  }, 30_000);
});
