// The Node default transport against a plain node:http server: how many connections it opens, and
// that the first is freed for the next call whichever way a reply ends (a call that finds it busy
// opens the pool of the others).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectionError } from '@printkit/core-types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HttpRequest, HttpResponse, HttpTransport } from './http.js';
import { createUndiciTransport } from './undici.js';

let server: Server;
let origin: string;
let connections = 0;

beforeEach(async () => {
  connections = 0;
  server = createServer((request, response) => {
    const delay = request.url === '/slow' ? 300 : 0;
    setTimeout(() => response.writeHead(200, { 'content-type': 'text/plain' }).end(request.url), delay);
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const get = (path: string, signal = new AbortController().signal): HttpRequest => ({
  method: 'GET',
  path,
  headers: {},
  signal,
  operation: `GET ${path}`,
});

const text = async (response: HttpResponse) => (await response.readText?.(1024)) ?? '';

/** Sends /slow, then /fast while /slow is in flight; the paths in the order their replies were read. */
async function slowThenFast(transport: HttpTransport): Promise<string[]> {
  const order: string[] = [];
  const read = async (path: string) => order.push(await text(await transport.send(get(path))));
  await Promise.all([read('/slow'), read('/fast')]);
  return order;
}

describe('the undici transport', () => {
  it('uses one connection for calls one after the other', async () => {
    const transport = createUndiciTransport(origin);
    for (let i = 0; i < 8; i++)
      expect(await text(await transport.send(get(`/printer-${i}`)))).toBe(`/printer-${i}`);
    expect(connections).toBe(1);
    await transport.close();
  });

  it('opens a second connection while the first is busy, so a slow call does not hold the next up', async () => {
    const transport = createUndiciTransport(origin);
    expect(await slowThenFast(transport)).toEqual(['/fast', '/slow']);
    expect(connections).toBe(2);
    await transport.close();
  });

  it('keeps to `connections`: with 1, the second call waits for the first', async () => {
    const transport = createUndiciTransport(origin, { connections: 1 });
    expect(await slowThenFast(transport)).toEqual(['/slow', '/fast']);
    expect(connections).toBe(1);
    await transport.close();
  });

  it('frees the connection for the next call once a body is read, whole or chunk by chunk', async () => {
    const transport = createUndiciTransport(origin);
    const chunks: Uint8Array[] = [];
    for await (const chunk of (await transport.send(get('/streamed'))).body()) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString()).toBe('/streamed');
    expect(await (await transport.send(get('/whole'))).readAll?.(1024)).toEqual(Buffer.from('/whole'));
    expect(await text(await transport.send(get('/text')))).toBe('/text');
    expect(connections).toBe(1);
    await transport.close();
  });

  it('frees the connection after a cancelled body and a body past the cap, and goes on after an abort', async () => {
    // Both replies arrived whole, so their socket stays open: a connection still counted busy would
    // make the next call open a second one.
    const transport = createUndiciTransport(origin);
    (await transport.send(get('/cancelled'))).cancel();
    expect(await (await transport.send(get('/too-long-for-the-cap'))).readAll?.(4)).toBeUndefined();
    expect(await text(await transport.send(get('/next')))).toBe('/next');
    expect(connections).toBe(1);
    const aborted = new AbortController();
    const failing = transport.send(get('/slow', aborted.signal));
    aborted.abort(new Error('stop'));
    await expect(failing).rejects.toThrow();
    expect(await text(await transport.send(get('/after')))).toBe('/after');
    await transport.close();
  });

  it('past its few single connections, sends overlapping calls through a pool of the others', async () => {
    const transport = createUndiciTransport(origin, { connections: 6 });
    const paths = Array.from({ length: 8 }, (_, i) => `/call-${i}`);
    const replies = await Promise.all(paths.map(async (path) => text(await transport.send(get(path)))));
    expect(replies).toEqual(paths);
    expect(connections).toBe(6);
    await transport.close();
  });

  it('refuses calls after close with a ConnectionError', async () => {
    const transport = createUndiciTransport(origin);
    await text(await transport.send(get('/one')));
    await transport.close();
    await expect(transport.send(get('/two'))).rejects.toSatisfy((error) => ConnectionError.isInstance(error));
  });
});
