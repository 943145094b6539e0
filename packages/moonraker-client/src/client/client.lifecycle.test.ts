// The session lifecycle against a scripted in-memory WebSocket: the order of the start-up calls,
// waiting through Klippy startup, re-subscribing, liveness, staying quiet while the printer is off.
import { AuthError, type PrintkitError, ProtocolError } from '@printkit/core-types';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createFakeServer,
  type FakeServer,
  type FakeSocket,
  RpcError,
  readyHandler,
} from '../transport/fake-websocket.test-helper.js';
import type { WebSocketConstructor } from '../transport/websocket.js';
import type { ConnectionState } from './client.js';
import { createMoonrakerClient, type MoonrakerClient } from './client.js';
import type { MoonrakerClientOptions } from './options.js';

const clients: MoonrakerClient[] = [];

function client(server: FakeServer, options: Partial<MoonrakerClientOptions> = {}): MoonrakerClient {
  const created = createMoonrakerClient({
    url: 'http://printer.test:7125',
    WebSocket: server.WebSocket,
    reconnect: { initialDelayMs: 5, maxDelayMs: 20, jitter: 0 },
    klippyPollIntervalMs: 10,
    ...options,
  });
  clients.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

const methods = (server: FakeServer) => server.requests.map((request) => request.method);

describe('session start-up', () => {
  it('identifies, checks Klippy, lists and subscribes, in that order; the default subscription is the loaded typed objects', async () => {
    const server = createFakeServer();
    const moonraker = client(server);
    await moonraker.connect();
    expect(methods(server)).toEqual([
      'server.connection.identify',
      'server.info',
      'printer.objects.list',
      'printer.objects.subscribe',
    ]);
    expect(server.sockets[0]?.url).toBe('ws://printer.test:7125/websocket');
    expect(server.requests[0]?.params).toEqual({
      client_name: 'printkit',
      version: expect.any(String),
      type: 'other',
      url: 'https://github.com/printkit/printkit',
    });
    expect(server.requests[3]?.params).toEqual({
      objects: {
        webhooks: null,
        print_stats: null,
        extruder: null,
        heater_bed: null,
        toolhead: null,
        gcode_move: null,
      },
    });
    expect(moonraker.connectionState).toBe('connected');
    expect(moonraker.klippyState).toBe('ready');
    expect(moonraker.connectionId).toBe(1234);
    expect(moonraker.status.webhooks).toEqual({ state: 'ready' });
  });

  it('polls server.info while Klippy starts up and subscribes only once it is ready', async () => {
    let infoCalls = 0;
    const server = createFakeServer(
      readyHandler({
        'server.info': () => ({
          klippy_connected: true,
          klippy_state: ++infoCalls < 3 ? 'startup' : 'ready',
        }),
      }),
    );
    const moonraker = client(server);
    const klippy: string[] = [];
    moonraker.on('klippy', (state) => klippy.push(state));
    await moonraker.connect();
    expect(methods(server)).toEqual([
      'server.connection.identify',
      'server.info',
      'server.info',
      'server.info',
      'printer.objects.list',
      'printer.objects.subscribe',
    ]);
    expect(klippy).toEqual(['startup', 'ready']);
  });

  it('connects while Klippy is disconnected, keeps polling quietly and subscribes when it comes', async () => {
    let state = 'disconnected';
    const server = createFakeServer(
      readyHandler({
        'server.info': () => ({ klippy_connected: state !== 'disconnected', klippy_state: state }),
      }),
    );
    const moonraker = client(server);
    const errors: PrintkitError[] = [];
    moonraker.on('error', (error) => errors.push(error));
    await moonraker.connect();
    expect(moonraker.klippyState).toBe('disconnected');
    await vi.waitFor(() =>
      expect(methods(server).filter((m) => m === 'server.info').length).toBeGreaterThan(3),
    );
    expect(methods(server)).not.toContain('printer.objects.subscribe');
    state = 'ready';
    await moonraker.waitForKlippyReady({ timeoutMs: 2_000 });
    expect(methods(server)).toContain('printer.objects.subscribe');
    expect(errors).toEqual([]);
  });

  it('re-subscribes after notify_klippy_ready and after notify_klippy_disconnected', async () => {
    const server = createFakeServer();
    const moonraker = client(server);
    await moonraker.connect();
    const subscribes = () => methods(server).filter((m) => m === 'printer.objects.subscribe').length;
    server.current()?.notify('notify_klippy_ready');
    await vi.waitFor(() => expect(subscribes()).toBe(2));
    server.current()?.notify('notify_klippy_disconnected');
    await vi.waitFor(() => expect(subscribes()).toBe(3));
  });

  it('stops with an AuthError (no retry loop) when identify is refused', async () => {
    const server = createFakeServer(
      readyHandler({ 'server.connection.identify': () => new RpcError(-32602, 'Invalid API Key') }),
    );
    const moonraker = client(server, { apiKey: 'secret-key-123' });
    const error = await moonraker.connect().catch((reason: unknown) => reason);
    expect(AuthError.isInstance(error)).toBe(true);
    expect(String((error as Error).message)).not.toContain('secret-key-123');
    expect(server.sockets).toHaveLength(1);
    expect(moonraker.connectionState).toBe('disconnected');
    expect(server.requests[0]?.params?.api_key).toBe('secret-key-123');
    expect(server.sockets[0]?.options?.headers).toEqual({ 'X-Api-Key': 'secret-key-123' });
  });
});

describe('staying connected', () => {
  it('reconnects after the socket drops and restores the subscription', async () => {
    const server = createFakeServer();
    const moonraker = client(server);
    const states: ConnectionState[] = [];
    moonraker.on('connection', (state) => states.push(state));
    await moonraker.connect();
    const pending = moonraker.serverInfo({ timeoutMs: 0 });
    server.silent = true;
    server.current()?.close(1006);
    await expect(pending).rejects.toMatchObject({ code: 'connection' });
    server.silent = false;
    await vi.waitFor(() => expect(moonraker.connectionState).toBe('connected'));
    expect(server.sockets).toHaveLength(2);
    expect(states).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
    expect(methods(server).filter((m) => m === 'printer.objects.subscribe')).toHaveLength(2);
  });

  it('replaces a socket that stays silent longer than livenessTimeoutMs', async () => {
    const server = createFakeServer();
    const moonraker = client(server, { livenessTimeoutMs: 60 });
    await moonraker.connect();
    await vi.waitFor(() => expect(server.sockets.length).toBeGreaterThanOrEqual(2), { timeout: 2_000 });
    await vi.waitFor(() => expect(moonraker.connectionState).toBe('connected'));
    expect(server.sockets[0]?.readyState).toBe(3);
  });

  it('stays quiet while the printer is off: one reconnecting event, no errors, then recovers', async () => {
    const server = createFakeServer();
    server.refuse = true;
    const moonraker = client(server);
    const states: ConnectionState[] = [];
    const errors: PrintkitError[] = [];
    moonraker.on('connection', (state) => states.push(state));
    moonraker.on('error', (error) => errors.push(error));
    const connecting = moonraker.connect({ timeoutMs: 5_000 });
    await vi.waitFor(() => expect(server.sockets.length).toBeGreaterThanOrEqual(5));
    expect(states).toEqual(['connecting', 'reconnecting']);
    expect(errors).toEqual([]);
    server.refuse = false;
    await connecting;
    expect(states).toEqual(['connecting', 'reconnecting', 'connected']);
  });

  it('reports a malformed frame as an error event and keeps the connection usable', async () => {
    const server = createFakeServer();
    const moonraker = client(server);
    await moonraker.connect();
    const errors: PrintkitError[] = [];
    moonraker.on('error', (error) => errors.push(error));
    server.current()?.push('{"jsonrpc":"2.0","method":"notify_status_upd');
    server.current()?.notify('notify_status_update', [{ extruder: 7 }, 1]);
    server.current()?.notify('notify_gcode_response', [42]);
    server.current()?.push({ jsonrpc: '2.0', method: 'notify_history_changed', params: { not: 'a list' } });
    expect(errors).toHaveLength(4);
    for (const error of errors) expect(ProtocolError.isInstance(error)).toBe(true);
    await expect(moonraker.serverInfo()).resolves.toMatchObject({ klippy_state: 'ready' });
    expect(moonraker.connectionState).toBe('connected');
  });

  it('rejects a call whose result does not match the schema, without dropping the socket', async () => {
    const server = createFakeServer(
      readyHandler({
        'printer.objects.list': (_r, s) => (s.sent.length > 3 ? { objects: 5 } : { objects: [] }),
      }),
    );
    const moonraker = client(server);
    await moonraker.connect();
    await expect(moonraker.listObjects()).rejects.toSatisfy(ProtocolError.isInstance);
    expect(moonraker.connectionState).toBe('connected');
  });

  it('settles every pending call on close and refuses new ones', async () => {
    const server = createFakeServer();
    const moonraker = client(server);
    await moonraker.connect();
    server.silent = true;
    const pending = moonraker.printerInfo({ timeoutMs: 0 });
    await moonraker.close();
    await expect(pending).rejects.toMatchObject({ code: 'connection' });
    await expect(moonraker.serverInfo()).rejects.toMatchObject({ code: 'connection' });
    expect(moonraker.connectionState).toBe('closed');
  });
  it('settles a waitForKlippyReady without deadline when the client closes, or stops for good', async () => {
    const server = createFakeServer(
      readyHandler({ 'server.info': () => ({ klippy_connected: false, klippy_state: 'disconnected' }) }),
    );
    const moonraker = client(server);
    await moonraker.connect();
    const waiting = moonraker.waitForKlippyReady({ timeoutMs: 0 });
    await moonraker.close();
    await expect(waiting).rejects.toMatchObject({ code: 'connection' });
    // A client that gave up reconnecting (reconnect: false) will never see Klippy ready either.
    const once = client(server, { reconnect: false });
    await once.connect();
    const stranded = once.waitForKlippyReady({ timeoutMs: 0 });
    server.current()?.terminate();
    await expect(stranded).rejects.toMatchObject({ code: 'connection' });
    expect(once.connectionState).toBe('disconnected');
  });
  it('settles pending HTTP calls and uploads on close, even without a deadline', async () => {
    // A Moonraker that accepted the requests and never answers (fetch honours the signal, as the real one does).
    const stalled = (_input: string, init: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
      });
    const overHttp = createMoonrakerClient({
      url: 'http://printer.test:7125',
      transport: 'http',
      fetch: stalled,
    });
    clients.push(overHttp);
    const call = overHttp.printerInfo({ timeoutMs: 0 });
    const upload = overHttp.uploadFile('cube.gcode', new TextEncoder().encode('G28\n'), { timeoutMs: 0 });
    await overHttp.close();
    await expect(call).rejects.toMatchObject({ code: 'connection' });
    await expect(upload).rejects.toMatchObject({ code: 'connection' });
  });
});

describe('browser use', () => {
  it('puts a oneshot token in the WebSocket URL and sends no handshake headers', async () => {
    const server = createFakeServer();
    const requested: string[] = [];
    const fetch = async (input: string, init: RequestInit) => {
      requested.push(`${init.method} ${input} ${JSON.stringify(init.headers)}`);
      return new Response(JSON.stringify({ result: 'ONESHOT123' }), { status: 200 });
    };
    const moonraker = client(server, { oneshotToken: true, fetch });
    await moonraker.connect();
    expect(server.sockets[0]?.url).toBe('ws://printer.test:7125/websocket?token=ONESHOT123');
    expect(server.sockets[0]?.options).toBeUndefined();
    expect(requested).toEqual(['GET http://printer.test:7125/access/oneshot_token {}']);
  });
});

describe('WebSocket constructors', () => {
  it('the DOM WebSocket type and ws both fit WebSocketConstructor (checked by tsc)', async () => {
    const { WebSocket: NodeWebSocket } = await import('ws');
    const fromWs: WebSocketConstructor = NodeWebSocket;
    const fromDom: WebSocketConstructor | undefined = (globalThis as { WebSocket?: typeof WebSocket })
      .WebSocket;
    expect(typeof fromWs).toBe('function');
    expect(fromDom === undefined || typeof fromDom === 'function').toBe(true);
  });
});

describe('frames and closes right after the handshake', () => {
  it('ignores a push and replays a close that arrive before the socket is handed over, then reconnects', async () => {
    const server = createFakeServer();
    const Base = server.WebSocket as unknown as new (
      url: string,
      protocols?: string | string[],
      options?: { headers?: Record<string, string> },
    ) => FakeSocket;
    let first = true;
    server.WebSocket = class extends Base {
      override fire(type: 'open' | 'message' | 'close' | 'error', event: unknown): void {
        super.fire(type, event);
        if (type !== 'open' || !first) return;
        first = false;
        // Moonraker pushes, then drops, in the same read as the handshake: both reach the client
        // before its `await` on the opening socket resumes.
        this.push({ jsonrpc: '2.0', method: 'notify_proc_stat_update', params: [{ moonraker_stats: {} }] });
        this.readyState = 3;
        super.fire('close', { code: 1006, reason: '' });
      }
    } as unknown as WebSocketConstructor;
    const moonraker = client(server);
    const errors: PrintkitError[] = [];
    moonraker.on('error', (error) => errors.push(error));
    await moonraker.connect();
    expect(server.sockets).toHaveLength(2);
    expect(moonraker.connectionState).toBe('connected');
    expect(methods(server)[0]).toBe('server.connection.identify');
    expect(errors).toEqual([]);
  });
});
