// Moonraker's auth modes as the mock enforces them: API key, JWT login + refresh, oneshot token.
import { AuthError } from '@printkit/core-types';
import { describe, expect, it } from 'vitest';
import { encode, next, useMoonraker } from './helpers.js';

const env = useMoonraker();
const API_KEY = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
const USER = { username: 'maker', password: 'pa55-word' };

async function refusal(call: Promise<unknown>): Promise<AuthError> {
  const error = await call.then(
    () => new Error('resolved'),
    (reason: unknown) => reason,
  );
  if (!AuthError.isInstance(error)) throw new Error(`expected an AuthError, got ${String(error)}`);
  return error;
}

describe('API key', () => {
  it.each(['websocket', 'http'] as const)('%s: a valid key works for calls and upload', async (transport) => {
    const mock = await env.mock({ auth: { apiKey: API_KEY } });
    const client = env.client(mock, { transport, apiKey: API_KEY });
    await client.connect();
    await expect(client.printerInfo()).resolves.toMatchObject({ state: 'ready' });
    await expect(client.uploadFile('key.gcode', encode('G28\n'))).resolves.toMatchObject({
      action: 'create_file',
    });
  });

  it('websocket: without a key, connect fails with AuthError and no retry loop', async () => {
    const mock = await env.mock({ auth: { apiKey: API_KEY } });
    const client = env.client(mock);
    const error = await refusal(client.connect());
    expect(error.message).not.toContain(API_KEY);
    expect(client.connectionState).toBe('disconnected');
  });

  it('websocket: a wrong key → AuthError ("Invalid API Key"), never echoing the key', async () => {
    const mock = await env.mock({ auth: { apiKey: API_KEY } });
    const client = env.client(mock, { apiKey: 'wrong-key-0000' });
    const error = await refusal(client.connect());
    expect(error.message).toMatch(/Invalid API Key/);
    expect(error.message).not.toContain('wrong-key-0000');
  });

  it('http: a missing or wrong key → AuthError with the HTTP status', async () => {
    const mock = await env.mock({ auth: { apiKey: API_KEY } });
    const anonymous = env.client(mock, { transport: 'http' });
    expect((await refusal(anonymous.serverInfo())).status).toBe(401);
    const wrong = env.client(mock, { transport: 'http', apiKey: 'nope' });
    expect((await refusal(wrong.printerInfo())).status).toBe(401);
    expect((await refusal(wrong.uploadFile('x.gcode', encode('G28\n')))).status).toBe(401);
  });
});

describe('JWT', () => {
  it.each(['websocket', 'http'] as const)(
    '%s: logs in, then uses the token (Bearer / identify access_token)',
    async (transport) => {
      const mock = await env.mock({ auth: { users: [USER] } });
      const client = env.client(mock, { transport, login: USER });
      await client.connect();
      await expect(client.printerInfo()).resolves.toMatchObject({ state: 'ready' });
    },
  );

  it('a wrong password → AuthError without the password in the message', async () => {
    const mock = await env.mock({ auth: { users: [USER] } });
    const client = env.client(mock, { transport: 'http', login: { ...USER, password: 'guess-123' } });
    const error = await refusal(client.connect());
    expect(error.message).not.toContain('guess-123');
  });

  it('websocket: Moonraker unreachable during login is a connection failure, retried until it answers', async () => {
    const mock = await env.mock({ auth: { users: [USER] } });
    let refusedLogins = 0;
    const client = env.client(mock, {
      login: USER,
      fetch: (input, init) => {
        // The first two logins meet a printer that is still booting: nothing listens yet.
        if (new URL(input).pathname === '/access/login' && refusedLogins < 2) {
          refusedLogins += 1;
          return Promise.reject(new TypeError('fetch failed'));
        }
        return fetch(input, init);
      },
    });
    const errors: unknown[] = [];
    client.on('error', (error) => errors.push(error));
    await client.connect({ timeoutMs: 5_000 });
    expect(refusedLogins).toBe(2);
    expect(client.connectionState).toBe('connected');
    expect(errors.filter((error) => AuthError.isInstance(error))).toEqual([]);
  });

  it('http: an expired access token is refreshed with /access/refresh_jwt and the call retried', async () => {
    const mock = await env.mock({ auth: { users: [USER] } });
    const requests: string[] = [];
    const client = env.client(mock, {
      transport: 'http',
      login: USER,
      fetch: (input, init) => {
        requests.push(`${init.method} ${new URL(input).pathname}`);
        return fetch(input, init);
      },
    });
    await client.connect();
    await mock.advance(3_700_000); // past the 1 h access-token lifetime (mock clock)
    await expect(client.printerInfo()).resolves.toMatchObject({ state: 'ready' });
    expect(requests).toEqual([
      'POST /access/login',
      'GET /server/info',
      'GET /printer/info',
      'POST /access/refresh_jwt',
      'GET /printer/info',
    ]);
  });

  it('websocket: reconnecting with an expired token refreshes it before identify succeeds', async () => {
    const mock = await env.mock({ auth: { users: [USER] } });
    const client = env.client(mock, { login: USER });
    await client.connect();
    await mock.advance(3_700_000);
    const dropped = next(
      (l: (state: string) => void) => client.on('connection', l),
      (state) => state === 'reconnecting',
    );
    mock.dropConnections();
    await dropped;
    await client.waitForKlippyReady({ timeoutMs: 5_000 });
    await expect(client.printerInfo()).resolves.toMatchObject({ state: 'ready' });
  }, 15_000); // an hour of sim time pushed over the socket takes 1–2 s, more on a loaded machine
});

describe('oneshot token', () => {
  it('the WebSocket URL carries ?token= from /access/oneshot_token (the browser way), identify without credentials', async () => {
    const mock = await env.mock({ auth: { apiKey: API_KEY } });
    const urls: string[] = [];
    const { WebSocket } = await import('ws');
    class RecordingWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        urls.push(url);
        // Like a browser: no headers on the handshake.
        super(url, protocols);
      }
    }
    // The API key is used only for the HTTP request that fetches the oneshot token.
    const client = env.client(mock, { apiKey: API_KEY, oneshotToken: true, WebSocket: RecordingWebSocket });
    await client.connect();
    await expect(client.printerInfo()).resolves.toMatchObject({ state: 'ready' });
    expect(urls[0]).toMatch(/\/websocket\?token=[0-9A-F]+$/);
  });

  it('a reused oneshot token is refused', async () => {
    const mock = await env.mock({ auth: { apiKey: API_KEY } });
    const client = env.client(mock, { transport: 'http', apiKey: API_KEY });
    const token = await client.http.request({ verb: 'GET', path: '/access/oneshot_token' }, 'oneshot');
    expect(token).toBeTypeOf('string');
    const { WebSocket } = await import('ws');
    const url = `${mock.wsUrl}?token=${String(token)}`;
    const ask = async () => {
      const socket = new WebSocket(url);
      await new Promise((resolve, reject) => {
        socket.once('open', resolve);
        socket.once('error', reject);
      });
      const reply = new Promise<string>((resolve) => socket.once('message', (data) => resolve(String(data))));
      socket.send('{"jsonrpc":"2.0","method":"printer.info","id":1}');
      const text = await reply;
      socket.close();
      return JSON.parse(text) as { result?: unknown; error?: { message: string } };
    };
    expect((await ask()).result).toBeDefined();
    expect((await ask()).error?.message).toBe('Unauthorized');
  });
});
