/** Every fault kind over the loopback server (and the network error as node:http sees it). */
import { request } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { MALFORMED_JSON_BODY } from '../src/index.js';
import { useFreshMock } from './fresh-mock.js';
import { TOKEN, UUID } from './helpers.js';

const t = useFreshMock();
const P = `/app/printers/${UUID}`;

function rawGet(url: string): Promise<{ status: number } | { error: NodeJS.ErrnoException }> {
  return new Promise((resolve) => {
    const req = request(url, { headers: { Authorization: `Bearer ${TOKEN}` }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on('error', (error) => resolve({ error }));
    req.end();
  });
}

describe('faults', () => {
  it('delay answers normally after the delay', async () => {
    t.mock.faults.add({ operation: 'GET /app/printers/:uuid', kind: 'delay', delayMs: 30 });
    const { status } = await t.call(P);
    expect(status).toBe(200);
    expect(t.mock.faults.list()).toEqual([]);
  });

  it('delay holds one answer back while others are answered; stop() ends the wait at once', async () => {
    t.mock.faults.add({ operation: 'GET /app/printers/:uuid', kind: 'delay', delayMs: 600_000 });
    let settled = false;
    const delayed = rawGet(`${t.mock.url}${P}`).finally(() => {
      settled = true;
    });
    await vi.waitFor(() => expect(t.mock.faults.list()).toEqual([]));
    expect((await t.call('/app/printers')).status).toBe(200);
    expect(settled).toBe(false);
    await t.mock.stop();
    expect(await delayed).toHaveProperty('error.code', 'ECONNRESET');
  });

  it('error-reply 503 and 429 with Retry-After', async () => {
    t.mock.faults.add({ operation: 'GET /app/printers', kind: 'error-reply', status: 503 });
    t.mock.faults.add({
      operation: 'GET /app/printers',
      kind: 'error-reply',
      status: 429,
      retryAfterSeconds: 7,
    });
    const first = await t.call('/app/printers');
    expect(first.status).toBe(503);
    expect(first.json).toEqual({ code: 'SERVICE_UNAVAILABLE', message: 'Injected fault' });
    const second = await t.call('/app/printers');
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('7');
    expect(second.json.code).toBe('TOO_MANY_REQUESTS');
    expect((await t.call('/app/printers')).status).toBe(200);
  });

  it('malformed sends a truncated JSON body with 200', async () => {
    t.mock.faults.add({ operation: '*', kind: 'malformed' });
    const { status, text, json } = await t.call('/version.json');
    expect(status).toBe(200);
    expect(text).toBe(MALFORMED_JSON_BODY);
    expect(json).toBeUndefined();
  });

  it.each(['drop', 'disconnect'] as const)('%s destroys the socket without an answer', async (kind) => {
    t.mock.faults.add({ operation: 'GET /app/printers/:uuid', kind });
    const result = await rawGet(`${t.mock.url}${P}`);
    expect(result).toHaveProperty('error.code', 'ECONNRESET');
    expect(await rawGet(`${t.mock.url}${P}`)).toEqual({ status: 200 });
  });

  it('auth-failure answers 401 even with the right token', async () => {
    t.mock.faults.add({ operation: 'POST /app/printers/:uuid/commands/sync', kind: 'auth-failure' });
    const { status, text } = await t.call(`${P}/commands/sync`, {
      method: 'POST',
      body: { command: 'SEND_INFO' },
    });
    expect(status).toBe(401);
    expect(text).toBe('{"message":"Missing or invalid security token","code":"UNAUTHORIZED"}');
  });

  it('times: Infinity keeps firing until removed', async () => {
    const remove = t.mock.faults.add({
      operation: '*',
      kind: 'error-reply',
      status: 500,
      times: Number.POSITIVE_INFINITY,
    });
    expect((await t.call('/app/invitations')).status).toBe(500);
    expect((await t.call('/app/config')).status).toBe(500);
    remove();
    expect((await t.call('/app/invitations')).status).toBe(200);
  });
});
