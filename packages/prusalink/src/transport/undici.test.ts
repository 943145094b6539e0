import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectionError } from '@printkit/core-types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HttpRequest, HttpTransport } from './http.js';
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

const get = (path: string): HttpRequest => ({
  method: 'GET',
  path,
  headers: {},
  signal: new AbortController().signal,
  operation: `GET ${path}`,
});

/** Sends /slow, then /fast while /slow is in flight; the paths in the order their replies were read. */
async function slowThenFast(transport: HttpTransport): Promise<string[]> {
  const order: string[] = [];
  const read = async (path: string) => order.push(await (await transport.send(get(path))).text(1024));
  await Promise.all([read('/slow'), read('/fast')]);
  return order;
}

describe('the undici transport', () => {
  it('uses one connection for calls one after the other', async () => {
    const transport = createUndiciTransport(origin);
    for (let i = 0; i < 5; i++) {
      const response = await transport.send(get(`/status-${i}`));
      expect(await response.text(1024)).toBe(`/status-${i}`);
    }
    expect(connections).toBe(1);
    await transport.close();
  });

  it('opens a second connection while the first is busy, so a slow call does not hold a poll up', async () => {
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

  it('frees a connection whose reply was dropped, and one whose call failed', async () => {
    const transport = createUndiciTransport(origin, { connections: 1 });
    await (await transport.send(get('/dropped'))).discard();
    const aborted = new AbortController();
    const failing = transport.send({ ...get('/slow'), signal: aborted.signal });
    aborted.abort(new Error('stop'));
    await expect(failing).rejects.toThrow();
    const response = await transport.send(get('/after'));
    expect(await response.text(1024)).toBe('/after');
    await transport.close();
  });

  it('refuses calls after close with a ConnectionError', async () => {
    const transport = createUndiciTransport(origin);
    await (await transport.send(get('/one'))).discard();
    await transport.close();
    await expect(transport.send(get('/two'))).rejects.toSatisfy((error) => ConnectionError.isInstance(error));
  });
});
