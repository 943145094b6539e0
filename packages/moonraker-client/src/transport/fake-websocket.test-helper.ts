// A scripted in-memory WebSocket with the standard interface, for client tests without a server.
import type { WebSocketConstructor, WebSocketLike } from './websocket.js';

export interface JsonRpcRequest {
  jsonrpc: string;
  method: string;
  params?: Record<string, unknown>;
  id: number;
}

type Handler = (request: JsonRpcRequest, socket: FakeSocket) => unknown;

export class FakeSocket implements WebSocketLike {
  readyState = 0;
  readonly sent: JsonRpcRequest[] = [];
  onopen: unknown = null;
  onmessage: unknown = null;
  onclose: unknown = null;
  onerror: unknown = null;

  constructor(
    readonly url: string,
    readonly options: { headers?: Record<string, string> } | undefined,
    readonly server: FakeServer,
  ) {}

  fire(type: 'open' | 'message' | 'close' | 'error', event: unknown): void {
    const handler = this[`on${type}`];
    if (typeof handler === 'function') (handler as (event: unknown) => void)(event);
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('not open');
    const request = JSON.parse(data) as JsonRpcRequest;
    this.sent.push(request);
    this.server.requests.push(request);
    if (this.server.silent) return;
    const answer = this.server.handler(request, this);
    if (answer === undefined) return;
    queueMicrotask(() => {
      if (this.readyState !== 1) return;
      if (answer instanceof RpcError) {
        this.push({ jsonrpc: '2.0', error: { code: answer.code, message: answer.message }, id: request.id });
      } else this.push({ jsonrpc: '2.0', result: answer, id: request.id });
    });
  }

  /** Server → client frame (an object is serialized, a string sent as is). */
  push(frame: unknown): void {
    this.fire('message', { data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }

  notify(method: string, params?: unknown[]): void {
    this.push(params === undefined ? { jsonrpc: '2.0', method } : { jsonrpc: '2.0', method, params });
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    queueMicrotask(() => this.fire('close', { code, reason }));
  }

  terminate(): void {
    this.close(1006, '');
  }
}

export class RpcError {
  constructor(
    readonly code: number,
    readonly message: string,
  ) {}
}

export interface FakeServer {
  handler: Handler;
  /** Refuse connections (the printer is off). */
  refuse: boolean;
  /** Accept the socket but never answer (a stalled server). */
  silent: boolean;
  sockets: FakeSocket[];
  requests: JsonRpcRequest[];
  WebSocket: WebSocketConstructor;
  /** The open socket, if any. */
  current(): FakeSocket | undefined;
}

export const READY_OBJECTS = [
  'webhooks',
  'print_stats',
  'extruder',
  'heater_bed',
  'toolhead',
  'gcode_move',
  'gcode_macro X',
];

/** Answers like a healthy Moonraker with Klippy ready. */
export function readyHandler(overrides: Partial<Record<string, Handler>> = {}): Handler {
  return (request, socket) => {
    const override = overrides[request.method];
    if (override) return override(request, socket);
    switch (request.method) {
      case 'server.connection.identify':
        return { connection_id: 1234 };
      case 'server.info':
        return { klippy_connected: true, klippy_state: 'ready' };
      case 'printer.objects.list':
        return { objects: READY_OBJECTS };
      case 'printer.objects.subscribe':
      case 'printer.objects.query': {
        const objects = (request.params?.objects ?? {}) as Record<string, unknown>;
        // fromEntries: an object named __proto__ stays an own key, as in Moonraker's answer.
        const status = Object.fromEntries(
          Object.keys(objects).map((name) => [name, name === 'webhooks' ? { state: 'ready' } : {}]),
        );
        return { eventtime: 100, status };
      }
      default:
        return 'ok';
    }
  };
}

export function createFakeServer(handler: Handler = readyHandler()): FakeServer {
  const server: FakeServer = {
    handler,
    refuse: false,
    silent: false,
    sockets: [],
    requests: [],
    WebSocket: undefined as unknown as WebSocketConstructor,
    current: () => server.sockets.findLast((socket) => socket.readyState === 1),
  };
  server.WebSocket = class extends FakeSocket {
    constructor(url: string, _protocols?: string | string[], options?: { headers?: Record<string, string> }) {
      super(url, options, server);
      server.sockets.push(this);
      queueMicrotask(() => {
        if (server.refuse) {
          this.readyState = 3;
          this.fire('error', { message: 'connect ECONNREFUSED' });
          this.fire('close', { code: 1006, reason: '' });
          return;
        }
        this.readyState = 1;
        this.fire('open', {});
      });
    }
  };
  return server;
}
