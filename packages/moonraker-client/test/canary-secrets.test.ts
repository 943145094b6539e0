// Canary secrets: an API key, a JWT password and a oneshot token with unmistakable values go through
// every error path we can provoke — refused credentials (the mock, and a server that echoes what it
// was sent), unreachable hosts, a failed WebSocket handshake, malformed answers — and must never show
// in an error message, its cause chain, JSON.stringify(error), util.inspect(error), an event, or a
// logger line.
import { inspect } from 'node:util';
import type { Logger } from '@printkit/core-types';
import { startMockMoonraker } from '@printkit/mock-moonraker';
import { afterEach, describe, expect, it } from 'vitest';
import { createMoonrakerClient, createMoonrakerPrinter, type MoonrakerClient } from '../src/index.js';
import { createFakeServer, RpcError, readyHandler } from '../src/transport/fake-websocket.test-helper.js';

const API_KEY = 'CANARY-apikey-7f3a9c';
const PASSWORD = 'CANARY-password-51d2';
const ONESHOT = 'CANARY-oneshot-e8b4';
const CANARIES = [API_KEY, PASSWORD, ONESHOT];

/** Everything observable that could carry a secret. */
const seen: unknown[] = [];
let inspected = 0;

function recordingLogger(): Logger {
  const record =
    (level: string) =>
    (message: string, details?: Readonly<Record<string, unknown>>): void => {
      seen.push({ level, message, details });
    };
  return { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}

function watch(client: MoonrakerClient): MoonrakerClient {
  client.on('error', (error) => seen.push(error));
  client.on('connection', (state, previous) => seen.push({ state, previous }));
  client.on('notification', (method, params) => seen.push({ method, params }));
  return client;
}

/** Every way the item can be shown: message, cause chain, JSON, inspect. */
function renderings(item: unknown): string[] {
  const shown = [inspect(item, { depth: Number.POSITIVE_INFINITY, showHidden: true })];
  try {
    shown.push(JSON.stringify(item) ?? '');
  } catch {
    // Cycles: inspect above covers it.
  }
  let link: unknown = item;
  for (let depth = 0; link instanceof Error && depth < 10; depth++) {
    shown.push(link.message, String(link), link.stack ?? '');
    link = link.cause;
  }
  return shown;
}

afterEach(() => {
  for (const item of seen.splice(0)) {
    for (const text of renderings(item)) {
      inspected += 1;
      for (const canary of CANARIES) expect(text, `${canary} in ${text.slice(0, 300)}`).not.toContain(canary);
    }
  }
});

async function failure(promise: Promise<unknown>): Promise<unknown> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeDefined();
  seen.push(error);
  return error;
}

/** A fetch that answers like a careless server: echoing credentials in its error messages. */
function echoingFetch(status: number): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const echoed = [
      String(input),
      headers.get('x-api-key'),
      headers.get('authorization'),
      String(init?.body),
    ].join(' ');
    return new Response(JSON.stringify({ error: { code: status, message: `refused ${echoed}` } }), {
      status,
      statusText: `Bad ${headers.get('x-api-key') ?? ''}`,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
}

describe('canary secrets never leak', () => {
  it('a wrong API key refused by the mock (WebSocket and HTTP)', async () => {
    const mock = await startMockMoonraker({ port: 0, auth: { apiKey: 'the-real-key' } });
    try {
      const client = watch(
        createMoonrakerClient({
          url: mock.url,
          apiKey: API_KEY,
          logger: recordingLogger(),
          reconnect: false,
        }),
      );
      await failure(client.connect());
      await failure(client.http.call('server.files.list'));
      await client.close();
      const http = watch(createMoonrakerClient({ url: mock.url, apiKey: API_KEY, transport: 'http' }));
      await failure(http.call('printer.info'));
      await failure(http.uploadFile('x.gcode', 'G28\n'));
      await http.close();
    } finally {
      await mock.stop();
    }
  });

  it('a wrong JWT password refused by the mock', async () => {
    const mock = await startMockMoonraker({
      port: 0,
      auth: { users: [{ username: 'ann', password: 'right' }] },
    });
    try {
      const client = watch(
        createMoonrakerClient({
          url: mock.url,
          login: { username: 'ann', password: PASSWORD },
          logger: recordingLogger(),
          reconnect: false,
        }),
      );
      await failure(client.connect());
      await client.close();
      const http = watch(
        createMoonrakerClient({
          url: mock.url,
          transport: 'http',
          login: { username: 'ann', password: PASSWORD },
        }),
      );
      await failure(http.connect());
      await http.close();
    } finally {
      await mock.stop();
    }
  });

  it('a server that echoes the key, the password and the URL in its errors', async () => {
    for (const status of [400, 401, 403, 500, 503]) {
      const client = watch(
        createMoonrakerClient({
          url: 'http://printer.test:7125',
          transport: 'http',
          apiKey: API_KEY,
          login: { username: 'ann', password: PASSWORD },
          fetch: echoingFetch(status),
          logger: recordingLogger(),
        }),
      );
      await failure(client.call('server.info'));
      await failure(client.call('printer.gcode.script', { script: 'G28' }));
      await client.close();
    }
  });

  it('identify refused with the key echoed, over the WebSocket', async () => {
    const server = createFakeServer(
      readyHandler({
        'server.connection.identify': (request) =>
          new RpcError(-32602, `Invalid API Key ${String(request.params?.api_key)}`),
        'server.info': () => new RpcError(500, `boom ${API_KEY}`),
      }),
    );
    const client = watch(
      createMoonrakerClient({
        url: 'http://printer.test:7125',
        WebSocket: server.WebSocket,
        apiKey: API_KEY,
        logger: recordingLogger(),
      }),
    );
    await failure(client.connect());
    await client.close();
  });

  it('a server that echoes the key in a malformed frame and in a result', async () => {
    const server = createFakeServer(
      readyHandler({ 'printer.info': () => ({ state: 5, state_message: API_KEY }) }),
    );
    const client = watch(
      createMoonrakerClient({
        url: 'http://printer.test:7125',
        WebSocket: server.WebSocket,
        apiKey: API_KEY,
        logger: recordingLogger(),
      }),
    );
    await client.connect();
    server.current()?.push(`not json ${API_KEY}`);
    server
      .current()
      ?.push({ jsonrpc: '2.0', id: null, error: { code: -32700, message: `Parse error ${API_KEY}` } });
    await failure(client.call('printer.info'));
    await client.close();
  });

  it('the oneshot token in the WebSocket URL of a failed handshake', async () => {
    const fakeFetch = (async (input: RequestInfo | URL) => {
      if (String(input).includes('/access/oneshot_token')) {
        return new Response(JSON.stringify({ result: ONESHOT }), {
          headers: { 'content-type': 'application/json' },
        });
      }
      return new Response('{}', { status: 404 });
    }) as typeof fetch;
    // A WebSocket implementation whose errors quote the URL it was given (as some do).
    class QuotingWebSocket {
      readyState = 0;
      onopen: unknown = null;
      onmessage: unknown = null;
      onclose: unknown = null;
      onerror: unknown = null;
      constructor(url: string) {
        queueMicrotask(() => {
          (this.onerror as (event: unknown) => void)?.({
            message: `connect ECONNREFUSED ${url}`,
            error: new Error(`getaddrinfo failed for ${url}`, { cause: new Error(`inner ${url}`) }),
          });
          (this.onclose as (event: unknown) => void)?.({ code: 1006, reason: url });
        });
      }
      send(): void {}
      close(): void {}
    }
    const client = watch(
      createMoonrakerClient({
        url: 'http://user:PASS@printer.test:7125',
        fetch: fakeFetch,
        WebSocket: QuotingWebSocket,
        apiKey: API_KEY,
        oneshotToken: true,
        logger: recordingLogger(),
        reconnect: false,
      }),
    );
    const error = await failure(client.connect());
    expect((error as Error).message).toContain('token=***');
    await client.close();
    // A constructor that throws with the URL.
    const throwing = watch(
      createMoonrakerClient({
        url: 'http://printer.test:7125',
        fetch: fakeFetch,
        WebSocket: class {
          constructor(url: string) {
            throw new TypeError(`Invalid URL ${url}`);
          }
        } as never,
        oneshotToken: true,
        reconnect: false,
        logger: recordingLogger(),
      }),
    );
    await failure(throwing.connect());
    await throwing.close();
  });

  it('an unreachable host, and a printer adapter whose client fails', async () => {
    const http = watch(
      createMoonrakerClient({
        url: 'http://127.0.0.1:9',
        transport: 'http',
        apiKey: API_KEY,
        login: { username: 'ann', password: PASSWORD },
        logger: recordingLogger(),
      }),
    );
    await failure(http.call('server.info', undefined, { timeoutMs: 2_000 }));
    await failure(http.uploadFile('a.gcode', 'G28'));
    await http.close();
    const printer = createMoonrakerPrinter({
      url: 'http://127.0.0.1:9',
      apiKey: API_KEY,
      connectTimeoutMs: 300,
      logger: recordingLogger(),
    });
    printer.on('error', (error) => seen.push(error));
    await failure(printer.connect());
    await printer.close();
  });

  it('bad options naming a credential never echo its value', () => {
    for (const options of [
      { url: `http://printer.test/?${API_KEY}`, apiKey: 5 },
      { url: 'http://printer.test', login: { username: 'ann', password: PASSWORD, source: 7 } },
      { url: 'http://printer.test', login: PASSWORD },
    ]) {
      let error: unknown;
      try {
        createMoonrakerClient(options as never);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeDefined();
      seen.push(error);
    }
  });

  it('checked this many renderings', () => {
    // The afterEach of the tests above checked every rendering; this records the count for the report.
    console.log(`canary renderings checked so far: ${inspected}`);
    expect(inspected).toBeGreaterThan(100);
  });
});
