// Malformed HTTP answers, one per inbound path (envelope, error envelope, login, oneshot token,
// upload): each becomes a typed error on the call, never a crash or a hang.
import { AbortedError, AuthError, PrinterRejectedError, ProtocolError } from '@printkit/core-types';
import { describe, expect, it, vi } from 'vitest';
import { createMoonrakerClient } from '../client/client.js';

/** A client whose every HTTP request gets `body` with `status` (and records the paths asked for). */
function answering(status: number, body: string, options: { login?: boolean } = {}) {
  const paths: string[] = [];
  const client = createMoonrakerClient({
    url: 'http://printer.test:7125',
    transport: 'http',
    timeoutMs: 1_000,
    ...(options.login ? { login: { username: 'maker', password: 'pa55-word' } } : {}),
    fetch: async (input) => {
      paths.push(new URL(input).pathname);
      return new Response(body, { status, statusText: status === 502 ? 'Bad Gateway' : '' });
    },
  });
  return { client, paths };
}

describe('malformed HTTP answers', () => {
  it('2xx JSON without the {"result"} envelope → ProtocolError carrying the body', async () => {
    const { client } = answering(200, '{"state":"ready"}');
    const error = await client.printerInfo().catch((reason: unknown) => reason);
    expect(ProtocolError.isInstance(error)).toBe(true);
    expect((error as ProtocolError).payload).toBe('{"state":"ready"}');
    await client.close();
  });

  it('a result of the wrong shape → ProtocolError', async () => {
    const { client } = answering(200, '{"result":{"state":42}}');
    await expect(client.printerInfo()).rejects.toSatisfy(ProtocolError.isInstance);
    await client.close();
  });

  it('an error envelope without a message falls back to the HTTP status', async () => {
    const { client } = answering(400, '{"error":{"code":400}}');
    const error = await client.printerInfo().catch((reason: unknown) => reason);
    expect(PrinterRejectedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 400, printerCode: 400, isRetryable: false });
    await client.close();
  });

  it('a proxy page instead of JSON (502) → retryable PrinterRejectedError', async () => {
    const { client } = answering(502, '<html><body>Bad Gateway</body></html>');
    const error = await client.serverInfo().catch((reason: unknown) => reason);
    expect(PrinterRejectedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 502, isRetryable: true });
    await client.close();
  });

  it('a login answer without a token → AuthError naming the operation, password not echoed', async () => {
    const { client, paths } = answering(200, '{"result":{"username":"maker"}}', { login: true });
    const error = await client.connect().catch((reason: unknown) => reason);
    expect(AuthError.isInstance(error)).toBe(true);
    expect((error as AuthError).message).toMatch(/^access\.login: unexpected answer/);
    expect((error as AuthError).message).not.toContain('pa55-word');
    expect(paths).toEqual(['/access/login']);
    await client.close();
  });

  it('a oneshot token that is not a string → typed error before any socket opens', async () => {
    const oneshot = createMoonrakerClient({
      url: 'http://printer.test:7125',
      oneshotToken: true,
      reconnect: false,
      fetch: async () => new Response('{"result":12345}'),
      WebSocket: class {
        constructor() {
          throw new Error('no socket may open without a token');
        }
      } as never,
    });
    const error = await oneshot.connect({ timeoutMs: 1_000 }).catch((reason: unknown) => reason);
    expect(AuthError.isInstance(error)).toBe(true);
    expect((error as AuthError).message).toMatch(/^access\.oneshot_token: unexpected answer/);
    await oneshot.close();
  });

  it('an upload answer of the wrong shape → ProtocolError', async () => {
    const { client } = answering(201, '{"item":{"path":17}}');
    await expect(client.uploadFile('cube.gcode', new TextEncoder().encode('G28\n'))).rejects.toSatisfy(
      ProtocolError.isInstance,
    );
    await client.close();
  });
});

describe('JWT refresh shared by concurrent calls', () => {
  it('one caller aborting does not fail the refresh the other caller waits for', async () => {
    let releaseRefresh: () => void = () => undefined;
    const refreshAnswered = new Promise<void>((resolve) => {
      releaseRefresh = resolve;
    });
    let refusals = 0;
    const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });
    const client = createMoonrakerClient({
      url: 'http://printer.test:7125',
      transport: 'http',
      timeoutMs: 5_000,
      login: { username: 'maker', password: 'pa55-word' },
      fetch: async (input, init) => {
        const path = new URL(input).pathname;
        const auth = (init.headers as Record<string, string>).Authorization;
        if (path === '/access/login') {
          return json({
            result: { username: 'maker', token: 'old', refresh_token: 'r', action: 'x', source: 'moonraker' },
          });
        }
        if (path === '/access/refresh_jwt') {
          await refreshAnswered;
          return json({ result: { username: 'maker', token: 'new', action: 'x', source: 'moonraker' } });
        }
        if (auth !== 'Bearer new') {
          refusals += 1;
          return json({ error: { code: 401, message: 'JWT Expired' } }, 401);
        }
        return json({ result: { state: 'ready', state_message: 'Printer is ready' } });
      },
    });
    await client.auth.login();
    const impatient = new AbortController();
    const first = client.printerInfo({ signal: impatient.signal });
    const second = client.printerInfo();
    await vi.waitFor(() => expect(refusals).toBe(2));
    impatient.abort();
    await expect(first).rejects.toSatisfy(AbortedError.isInstance);
    releaseRefresh();
    await expect(second).resolves.toMatchObject({ state: 'ready' });
    await client.close();
  });
});

describe('caller params over HTTP', () => {
  it('params that cannot be JSON, or a path route without its path, are InvalidArgumentError and nothing is sent (found by the HTTP property test)', async () => {
    const { client, paths } = answering(200, '{"result":"ok"}');
    await expect(
      client.call('printer.gcode.script', { script: 'G28', extra: 1n } as never),
    ).rejects.toMatchObject({ code: 'invalid-argument', argument: 'params' });
    await expect(client.call('server.files.delete_file', {} as never)).rejects.toMatchObject({
      code: 'invalid-argument',
      argument: 'params',
    });
    expect(paths).toEqual([]);
    await client.close();
  });
});
