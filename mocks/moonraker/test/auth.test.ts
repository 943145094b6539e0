/** Moonraker's auth modes as raw HTTP and websocket clients meet them. */
import { describe, expect, it } from 'vitest';
import { mock, socket } from './setup.js';

const IDENTIFY = { client_name: 't', version: '1', type: 'web', url: 'u' };

describe('auth', () => {
  it('API key over HTTP: 401 without it, 200 with X-Api-Key', async () => {
    const m = await mock({ auth: { apiKey: 'secret-key' } });
    const denied = await fetch(`${m.url}/server/info`);
    expect(denied.status).toBe(401);
    expect(((await denied.json()) as { error: { message: string } }).error.message).toBe('Unauthorized');
    const wrong = await fetch(`${m.url}/server/info`, { headers: { 'X-Api-Key': 'nope' } });
    expect(wrong.status).toBe(401);
    const ok = await fetch(`${m.url}/server/info`, { headers: { 'X-Api-Key': 'secret-key' } });
    expect(ok.status).toBe(200);
  });

  it('websocket without credentials opens; calls get -32602 Unauthorized until identify carries the key', async () => {
    const m = await mock({ auth: { apiKey: 'secret-key' } });
    const s = await socket(m.wsUrl);
    expect(await s.call('server.info', undefined, 1)).toBe(
      '{"jsonrpc":"2.0","error":{"code":-32602,"message":"Unauthorized"},"id":1}',
    );
    expect(await s.call('server.connection.identify', { ...IDENTIFY, api_key: 'nope' }, 2)).toBe(
      '{"jsonrpc":"2.0","error":{"code":-32602,"message":"Invalid API Key"},"id":2}',
    );
    expect(await s.call('server.connection.identify', IDENTIFY, 3)).toBe(
      '{"jsonrpc":"2.0","error":{"code":-32602,"message":"Unauthorized"},"id":3}',
    );
    // Unauthenticated sockets get no broadcasts either.
    await m.advance(1000);
    // A round trip first (a refused identify): a broadcast sent before its answer has arrived by then.
    await s.call('server.connection.identify', IDENTIFY, 31);
    expect(s.notifications('notify_proc_stat_update')).toEqual([]);
    expect(await s.call('server.connection.identify', { ...IDENTIFY, api_key: 'secret-key' }, 4)).toMatch(
      /^\{"jsonrpc":"2.0","result":\{"connection_id":\d+\},"id":4\}$/,
    );
    expect(await s.result('server.info')).toMatchObject({ klippy_state: 'ready' });
  });

  it('X-Api-Key on the websocket handshake authenticates the socket', async () => {
    const m = await mock({ auth: { apiKey: 'secret-key' } });
    const s = await socket(m.wsUrl, { 'X-Api-Key': 'secret-key' });
    expect(await s.result('printer.info')).toMatchObject({ state: 'ready' });
  });

  it('JWT: bad password 400, login, Bearer, refresh, expiry on the sim clock', async () => {
    const m = await mock({ auth: { users: [{ username: 'alice', password: 'pw' }] } });
    const login = (password: string) =>
      fetch(`${m.url}/access/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'alice', password, source: 'moonraker' }),
      });
    const bad = await login('wrong');
    expect(bad.status).toBe(400);
    expect(await bad.text()).not.toContain('wrong');
    const ok = (await (await login('pw')).json()) as {
      result: { token: string; refresh_token: string; action: string; username: string };
    };
    expect(ok.result).toMatchObject({ username: 'alice', action: 'user_logged_in' });
    const bearer = { Authorization: `Bearer ${ok.result.token}` };
    expect((await fetch(`${m.url}/server/info`, { headers: bearer })).status).toBe(200);
    const s = await socket(m.wsUrl);
    expect(
      await s.call('server.connection.identify', { ...IDENTIFY, access_token: ok.result.token }, 1),
    ).toContain('"result"');
    await m.advance(3601 * 1000);
    expect((await fetch(`${m.url}/server/info`, { headers: bearer })).status).toBe(401);
    const refreshed = await fetch(`${m.url}/access/refresh_jwt`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refresh_token: ok.result.refresh_token }),
    });
    const token = ((await refreshed.json()) as { result: { token: string } }).result.token;
    expect(
      (await fetch(`${m.url}/server/info`, { headers: { Authorization: `Bearer ${token}` } })).status,
    ).toBe(200);
    const garbage = await fetch(`${m.url}/access/refresh_jwt`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refresh_token: 'not.a.jwt' }),
    });
    expect(garbage.status).toBe(401);
  });

  it('oneshot token: authenticates one websocket via ?token=, once', async () => {
    const m = await mock({ auth: { apiKey: 'k' } });
    const response = await fetch(`${m.url}/access/oneshot_token`, { headers: { 'X-Api-Key': 'k' } });
    const token = ((await response.json()) as { result: string }).result;
    const s = await socket(`${m.wsUrl}?token=${token}`);
    expect(await s.result('server.info')).toMatchObject({ klippy_connected: true });
    const again = await socket(`${m.wsUrl}?token=${token}`);
    expect(await again.call('server.info', undefined, 2)).toContain('"Unauthorized"');
  });

  it('open mode: everything answers without credentials', async () => {
    const m = await mock();
    expect((await fetch(`${m.url}/server/info`)).status).toBe(200);
    const s = await socket(m.wsUrl);
    expect(await s.result('printer.info')).toMatchObject({ state: 'ready' });
  });
});

describe('failedApiKeyRevokesTrust (sources disagree: off by default, as in Moonraker v0.10.0)', () => {
  it('off: a trusted client sending a blank or wrong key is still served', async () => {
    const m = await mock();
    for (const key of ['', 'wrong']) {
      const answer = await fetch(`${m.url}/server/info`, { headers: { 'X-Api-Key': key } });
      expect(answer.status).toBe(200);
    }
    const s = await socket(m.wsUrl);
    expect(await s.call('server.connection.identify', { ...IDENTIFY, api_key: 'wrong' }, 1)).toMatch(
      /"result":\{"connection_id":\d+\}/,
    );
  });

  it('on: a failed key over HTTP is 401, and over the websocket it costs the connection its trust', async () => {
    const m = await mock({ auth: { failedApiKeyRevokesTrust: true } });
    expect((await fetch(`${m.url}/server/info`)).status).toBe(200);
    expect((await fetch(`${m.url}/server/info`, { headers: { 'X-Api-Key': 'wrong' } })).status).toBe(401);
    const s = await socket(m.wsUrl);
    expect(await s.result('server.info')).toMatchObject({ klippy_state: 'ready' });
    expect(await s.call('server.connection.identify', { ...IDENTIFY, api_key: '' }, 2)).toBe(
      '{"jsonrpc":"2.0","error":{"code":-32602,"message":"Invalid API Key"},"id":2}',
    );
    expect(await s.call('server.info', undefined, 3)).toBe(
      '{"jsonrpc":"2.0","error":{"code":-32602,"message":"Unauthorized"},"id":3}',
    );
  });
});
