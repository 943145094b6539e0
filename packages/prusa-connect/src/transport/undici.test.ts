// The Node default transport (an undici Pool) against a plain node:http server: how many connections
// it opens, and that each is freed for the next call whichever way a reply ends. undici's Pool still
// counts a connection busy for a moment after its reply was read, so back-to-back calls may open a
// second one; a reply whose connection were never freed would make every later call open another.
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
  it('reuses its connections for calls one after the other', async () => {
    const transport = createUndiciTransport(origin);
    for (let i = 0; i < 8; i++)
      expect(await text(await transport.send(get(`/printer-${i}`)))).toBe(`/printer-${i}`);
    expect(connections).toBeLessThanOrEqual(2);
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
    for (let i = 0; i < 5; i++) (await transport.send(get(`/more-${i}`))).cancel();
    expect(await text(await transport.send(get('/last')))).toBe('/last');
    expect(connections).toBeLessThanOrEqual(2 + 5); // each cancel drops its socket: a new one after it
    await transport.close();
  });

  it('goes on after a cancelled body, a body past the cap and an aborted call', async () => {
    const transport = createUndiciTransport(origin, { connections: 1 });
    (await transport.send(get('/cancelled'))).cancel();
    expect(await (await transport.send(get('/too-long-for-the-cap'))).readAll?.(4)).toBeUndefined();
    const aborted = new AbortController();
    const failing = transport.send(get('/slow', aborted.signal));
    aborted.abort(new Error('stop'));
    await expect(failing).rejects.toThrow();
    expect(await text(await transport.send(get('/after')))).toBe('/after');
    await transport.close();
  });

  it('refuses calls after close with a ConnectionError', async () => {
    const transport = createUndiciTransport(origin);
    await text(await transport.send(get('/one')));
    await transport.close();
    await expect(transport.send(get('/two'))).rejects.toSatisfy((error) => ConnectionError.isInstance(error));
  });
});
