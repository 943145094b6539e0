import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Printer } from '@printkit/core-types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPrinterFromConfig } from './create-printer.js';
import { openConnectClients } from './shared-connect-clients.js';

// A real printer detail as Connect sends it (the prusa-connect package's captured fixture).
const detail = JSON.parse(
  readFileSync(
    new URL('../../../../packages/prusa-connect/test/fixtures/printer_detail.json', import.meta.url),
    'utf8',
  ),
) as Record<string, unknown>;

let server: Server;
let baseUrl: string;
const asked: string[] = [];

beforeEach(async () => {
  asked.length = 0;
  server = createServer((request, response) => {
    const uuid = /^\/app\/printers\/([^/?]+)$/.exec(request.url ?? '')?.[1];
    if (request.method !== 'GET' || uuid === undefined) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not found"}');
      return;
    }
    asked.push(`${uuid} ${request.headers.authorization ?? ''}`);
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...detail, uuid }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  // A failed test must not leave its printers' client to the next one.
  await Promise.all(made.splice(0).map((printer) => printer.close()));
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const made: Printer[] = [];
async function connect(name: string, uuid: string, token = 'token-a'): Promise<Printer> {
  const printer = await createPrinterFromConfig({ name, vendor: 'prusa-connect', url: baseUrl, token, uuid });
  made.push(printer);
  return printer;
}

describe('Prusa Connect printers of one account share one client', () => {
  it('shares it between printers, keeps it while one is open, closes it with the last one', async () => {
    const first = await connect('a', 'uuid-a');
    const second = await connect('b', 'uuid-b');
    expect(openConnectClients()).toBe(1);
    await first.refresh();
    await second.refresh();
    expect(asked).toEqual(['uuid-a Bearer token-a', 'uuid-b Bearer token-a']);
    await first.close();
    await first.close();
    expect(openConnectClients()).toBe(1);
    expect((await second.refresh()).state).not.toBe('offline');
    await second.close();
    expect(openConnectClients()).toBe(0);
  });

  it('gives another token its own client', async () => {
    const first = await connect('a', 'uuid-a', 'token-a');
    const second = await connect('b', 'uuid-b', 'token-b');
    expect(openConnectClients()).toBe(2);
    await second.refresh();
    expect(asked).toEqual(['uuid-b Bearer token-b']);
    await first.close();
    await second.close();
    expect(openConnectClients()).toBe(0);
  });

  it('leaves no client open when the printer cannot be made', async () => {
    await expect(connect('a', '')).rejects.toThrow(/printerUuid/);
    expect(openConnectClients()).toBe(0);
  });
});
