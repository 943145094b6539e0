/**
 * Reply text is UTF-8, decoded the same on the undici path (Buffer's decoder, the fast path) and the
 * fetch path (TextDecoder): a leading byte order mark is dropped, and a character split across two
 * network chunks comes out whole.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrusaConnectClient } from '../src/index.js';
import { UUID } from './helpers.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

const NAME = 'Průša MK4 ☃ 🖨';

/** Answers with `bytes`, written in two chunks split at `splitAt` (a gap between them). */
async function serve(bytes: Buffer, splitAt: number) {
  const created = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.write(bytes.subarray(0, splitAt));
    setTimeout(() => response.end(bytes.subarray(splitAt)), 20);
  });
  server = created;
  await new Promise<void>((resolve) => created.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(created.address() as AddressInfo).port}`;
}

describe('reply text', () => {
  const json = Buffer.from(JSON.stringify({ uuid: UUID, name: NAME }), 'utf8');
  // Inside the snowman (3 bytes in UTF-8): the first chunk ends mid-character.
  const splitAt = json.indexOf(Buffer.from('☃', 'utf8')) + 1;
  const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), json]);

  for (const path of ['undici', 'fetch'] as const) {
    for (const [label, bytes, split] of [
      ['plain', json, splitAt],
      ['with a byte order mark', withBom, splitAt + 3],
    ] as const) {
      it(`${path}: ${label}, split mid-character`, async () => {
        const url = await serve(bytes, split);
        const client = createPrusaConnectClient({
          baseUrl: url,
          token: 't',
          maxRetries: 0,
          ...(path === 'fetch' ? { fetch: (input, init) => fetch(input, init) } : {}),
        });
        const printer = await client.printers.get(UUID);
        await client.close();
        expect(printer.name).toBe(NAME);
        expect(printer.uuid).toBe(UUID);
      });
    }
  }
});
