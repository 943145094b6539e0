/** The handlers used in-process with msw's setupServer, by code that calls `fetch`. */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CONNECT_CLIENT_ID, createMockPrusaConnect } from '../src/index.js';
import { caller, capture, TOKEN, UUID } from './helpers.js';

const mock = createMockPrusaConnect();
const server = setupServer(...mock.handlers);
const call = caller('https://connect.prusa3d.com');

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  mock.faults.clear();
  mock.printer().faults.clear();
});
afterAll(() => {
  server.close();
  mock.dispose();
});

describe('in-process (setupServer + fetch)', () => {
  it('lists printers as {printers, pager} with every key of the captured list item', async () => {
    const { status, json } = await call<{ printers: Array<Record<string, unknown>>; pager: unknown }>(
      '/app/printers?limit=10&offset=0',
    );
    expect(status).toBe(200);
    expect(json.pager).toEqual({ limit: 10, offset: 0, total: 1 });
    const item = json.printers[0] ?? {};
    const captured = (capture('printers.json').printers as Array<Record<string, unknown>>)[0] ?? {};
    expect(Object.keys(item)).toEqual(expect.arrayContaining(Object.keys(captured)));
    expect(item).not.toHaveProperty('network_info');
    expect(item).not.toHaveProperty('prusalink_api_key');
  });

  it('serves a printer detail whose keys include every key of the real capture', async () => {
    const { status, json } = await call(`/app/printers/${UUID}`);
    expect(status).toBe(200);
    expect(Object.keys(json)).toEqual(expect.arrayContaining(Object.keys(capture('printer_detail.json'))));
    expect(json).toMatchObject({ state: 'IDLE', printer_state: 'IDLE', connect_state: 'IDLE', uuid: UUID });
    expect(json).toHaveProperty('network_info.lan_ipv4');
    expect(typeof json.prusalink_api_key).toBe('string');
  });

  it('accepts the auth.access_token cookie instead of a Bearer token', async () => {
    const { status } = await call('/app/printers', {
      token: null,
      headers: { Cookie: `auth.access_token=${TOKEN}` },
    });
    expect(status).toBe(200);
  });

  it('answers 401 UNAUTHORIZED without a token', async () => {
    const { status, text } = await call('/app/printers', { token: null });
    expect(status).toBe(401);
    expect(text).toBe('{"message":"Missing or invalid security token","code":"UNAUTHORIZED"}');
  });

  it('turns a drop fault into a network error for fetch', async () => {
    mock.faults.add({ operation: 'GET /app/printers', kind: 'drop' });
    await expect(fetch('https://connect.prusa3d.com/app/printers')).rejects.toThrow(TypeError);
  });

  it('applies a printer-level fault only to that printer route', async () => {
    mock.printer().faults.add({ operation: 'GET /app/printers/:uuid', kind: 'error-reply', status: 502 });
    expect((await call('/app/printers')).status).toBe(200);
    const { status, json } = await call(`/app/printers/${UUID}`);
    expect(status).toBe(502);
    expect(json).toEqual({ code: 'BAD_GATEWAY', message: 'Injected fault' });
  });

  it('answers NOT_FOUND_ENDPOINT for an unknown /app path', async () => {
    const { status, json } = await call('/app/nope');
    expect(status).toBe(404);
    expect(json).toEqual({ code: 'NOT_FOUND_ENDPOINT', message: 'Endpoint not found' });
  });

  it('refreshes at https://account.prusa3d.com/o/token/ (the account origin), as the public clients do', async () => {
    const login = mock.account.issueTokens();
    const reply = await fetch('https://account.prusa3d.com/o/token/', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: CONNECT_CLIENT_ID,
        refresh_token: login.refresh_token,
      }),
    });
    expect(reply.status).toBe(200);
    const { access_token } = (await reply.json()) as { access_token: string };
    expect((await call(`/app/printers/${UUID}`, { token: access_token })).status).toBe(200);
    expect((await fetch('https://account.prusa3d.com/elsewhere')).status).toBe(404);
  });
});

describe('in-process: a path with a broken %-escape', () => {
  it.each([
    '/app/printers/%zz',
    `/app/printers/${UUID}/jobs/%E0%A4%A`,
    '/app/teams/1/files/%zz/preview',
    '/app/%',
  ])('%s is Connect’s 400, not a 500 with a stack', async (path) => {
    const reply = await call(path);
    expect([reply.status, reply.json]).toEqual([
      400,
      { code: 'BAD_REQUEST', message: 'Bad request', reason: 'Invalid percent-encoding in the request path' },
    ]);
  });

  it('on the account origin too', async () => {
    const reply = await fetch('https://account.prusa3d.com/o/%zz', { method: 'POST' });
    expect(reply.status).toBe(400);
    expect(((await reply.json()) as { error: string }).error).toBe('invalid_request');
  });
});
