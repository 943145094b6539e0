/**
 * `createMoonrakerClient(options)`: the complete Moonraker client.
 *
 * Every method in `MoonrakerMethods` is reachable through `call(method, params, options)`, over the
 * WebSocket (`transport: 'websocket'`, the default: call `connect()` first) or over HTTP
 * (`transport: 'http'`: no socket, no notifications). `client.http.call(...)` always goes over HTTP.
 * The convenience methods below are one-liners over `call`.
 */

import type { BackoffOptions } from '@printkit/core-types';
import { ConnectionError, type RequestOptions, TypedEmitter, UnsupportedError } from '@printkit/core-types';
import { MoonrakerAuth, type MoonrakerCredentials } from './auth.js';
import { MoonrakerConnection } from './connection.js';
import type { ConnectionState, KlippyState, MoonrakerEvents } from './events.js';
import { type FetchLike, HttpTransport } from './http-transport.js';
import type {
  CallArgs,
  ClientType,
  HistoryListParams,
  MethodResult,
  MoonrakerMethod,
  ObjectsStatus,
} from './methods.js';
import type { KlipperStatus, KnownKlipperObjects, ObjectsRequest } from './objects.js';
import { validateClientOptions } from './options-validation.js';
import { StatusStore } from './status-store.js';
import { type UploadData, type UploadFileOptions, type UploadResult, uploadFile } from './upload.js';
import { CLIENT_VERSION } from './version.js';
import type { WebSocketConstructor } from './websocket-transport.js';

/** The typed objects: the default subscription (those Klipper has loaded, every field). */
export const DEFAULT_SUBSCRIPTION: readonly (keyof KnownKlipperObjects)[] = [
  'webhooks',
  'print_stats',
  'virtual_sdcard',
  'extruder',
  'heater_bed',
  'toolhead',
  'gcode_move',
  'display_status',
  'idle_timeout',
  'fan',
];

export interface MoonrakerClientOptions extends MoonrakerCredentials {
  /** Moonraker's base URL, e.g. `http://printer.local:7125`. */
  url: string;
  /** Default: `url` with `ws:`/`wss:` and `/websocket`. */
  websocketUrl?: string;
  /** `websocket` (default): calls, notifications and status over one socket. `http`: requests only. */
  transport?: 'websocket' | 'http';
  /** WebSocket constructor; default: the global one, else `ws` (Node 20). See the README. */
  WebSocket?: WebSocketConstructor;
  /** `fetch` for HTTP calls, uploads and auth; default: the global `fetch`. */
  fetch?: FetchLike;
  /** Deadline of every call without its own `timeoutMs`. Default 10 000 ms. */
  timeoutMs?: number;
  /** Deadline of `connect()`. Default 30 000 ms. */
  connectTimeoutMs?: number;
  /** What the client tells Moonraker about itself in `server.connection.identify`. */
  identify?: { client_name?: string; version?: string; type?: ClientType; url?: string };
  /**
   * Objects to subscribe to after every (re)connect and Klippy restart: an objects request,
   * `'all'` (every loaded object), or by default the typed objects that are loaded.
   */
  subscribe?: ObjectsRequest | 'all';
  /** Reconnect backoff (default 500 ms doubling to 30 s, jitter 0.5), or `false` to never reconnect. */
  reconnect?: false | BackoffOptions;
  /** A socket silent this long is replaced. Default 10 000 ms (Moonraker pushes proc stats every second). 0: off. */
  livenessTimeoutMs?: number;
  /** `server.info` polling interval while Klippy starts up or is not connected. Default 2 000 ms. */
  klippyPollIntervalMs?: number;
  /** Deliver `status` events at most once per this many ms (diffs merged). Default 0: every update. */
  statusFlushIntervalMs?: number;
}

function defaultWebsocketUrl(url: string): string {
  const base = new URL(url);
  base.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
  base.pathname = `${base.pathname.replace(/\/+$/, '')}/websocket`;
  return base.toString();
}

function subscriptionFor(
  wanted: ObjectsRequest | 'all' | undefined,
  available: readonly string[],
): ObjectsRequest {
  const loaded = new Set(available);
  const objects: ObjectsRequest = {};
  if (wanted === 'all') {
    for (const name of available) objects[name] = null;
  } else if (wanted === undefined) {
    for (const name of DEFAULT_SUBSCRIPTION) if (loaded.has(name)) objects[name] = null;
  } else {
    // Objects that are not loaded cannot be subscribed; they are asked for again after a Klippy restart.
    for (const [name, fields] of Object.entries(wanted)) if (loaded.has(name)) objects[name] = fields ?? null;
  }
  return objects;
}

export class MoonrakerClient {
  /** Every method over HTTP, whatever `transport` says (e.g. while the socket is down). */
  readonly http: HttpTransport;
  readonly auth: MoonrakerAuth;
  readonly #events = new TypedEmitter<MoonrakerEvents>();
  readonly #store: StatusStore;
  readonly #connection: MoonrakerConnection | undefined;
  readonly #options: MoonrakerClientOptions;
  readonly #timeoutMs: number;
  #wanted: ObjectsRequest | 'all' | undefined;
  #closed = false;
  /** Aborted by `close()`: settles HTTP requests and uploads still in flight. */
  readonly #closing = new AbortController();

  /** @throws InvalidArgumentError for an option that cannot work (a bad URL, a negative timeout, ...). */
  constructor(options: MoonrakerClientOptions) {
    validateClientOptions(options);
    this.#options = options;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#wanted = options.subscribe;
    this.#store = new StatusStore({ flushIntervalMs: options.statusFlushIntervalMs ?? 0 });
    this.#store.subscribe((status, diff) => this.#events.emit('status', status, diff));
    this.auth = new MoonrakerAuth(options);
    this.http = new HttpTransport({
      baseUrl: options.url,
      fetch: options.fetch,
      defaultTimeoutMs: this.#timeoutMs,
      headers: () => this.auth.headers(),
      onAuthFailure: (signal) => this.auth.renew(signal),
      closed: this.#closing.signal,
    });
    this.auth.attach(this.http);
    if ((options.transport ?? 'websocket') === 'websocket') {
      this.#connection = new MoonrakerConnection({
        websocketUrl: options.websocketUrl ?? defaultWebsocketUrl(options.url),
        WebSocket: options.WebSocket,
        auth: this.auth,
        identify: {
          client_name: options.identify?.client_name ?? 'printkit',
          version: options.identify?.version ?? CLIENT_VERSION,
          type: options.identify?.type ?? 'other',
          url: options.identify?.url ?? 'https://github.com/printkit/printkit',
        },
        timeoutMs: this.#timeoutMs,
        reconnect: options.reconnect ?? {},
        livenessTimeoutMs: options.livenessTimeoutMs ?? 10_000,
        klippyPollIntervalMs: options.klippyPollIntervalMs ?? 2_000,
        subscription: (available) => subscriptionFor(this.#wanted, available),
        store: this.#store,
        events: this.#events,
      });
    }
  }

  /** `websocket` or `http`. */
  get transport(): 'websocket' | 'http' {
    return this.#connection ? 'websocket' : 'http';
  }

  /** The link to Moonraker (always `disconnected` for the HTTP transport until closed). */
  get connectionState(): ConnectionState {
    if (this.#connection) return this.#connection.state;
    return this.#closed ? 'closed' : 'disconnected';
  }

  /** Klippy's state as last reported (`unknown` before the first `server.info`). */
  get klippyState(): KlippyState {
    return this.#connection?.klippyState ?? 'unknown';
  }

  /** The merged Klipper status (subscription + notifications + query results). */
  get status(): KlipperStatus {
    return this.#store.state;
  }

  /** Objects Klipper reported in the last `printer.objects.list` of the session. */
  get availableObjects(): readonly string[] {
    return this.#connection?.availableObjects ?? [];
  }

  /** The id of this WebSocket connection (from `server.connection.identify`). */
  get connectionId(): number | undefined {
    return this.#connection?.connectionId;
  }

  on<E extends keyof MoonrakerEvents>(event: E, listener: (...args: MoonrakerEvents[E]) => void): () => void {
    return this.#events.on(event, listener);
  }

  once<E extends keyof MoonrakerEvents>(
    event: E,
    listener: (...args: MoonrakerEvents[E]) => void,
  ): () => void {
    return this.#events.once(event, listener);
  }

  /**
   * WebSocket: opens the session (see `connection.ts`) and resolves once identified and subscribed.
   * If Moonraker is unreachable the client keeps retrying in the background until `close()`.
   * HTTP: logs in when configured and checks that Moonraker answers `server.info`.
   */
  async connect(options: RequestOptions = {}): Promise<void> {
    if (this.#closed) throw new ConnectionError('The client was closed', { operation: 'connect' });
    if (this.#connection) {
      await this.#connection.connect({
        ...options,
        connectTimeoutMs: this.#options.connectTimeoutMs ?? 30_000,
      });
      return;
    }
    await this.auth.ensureToken(options);
    await this.http.call('server.info', undefined, options);
  }

  /** Resolves once Klippy is `ready` and subscribed (WebSocket transport). */
  waitForKlippyReady(options: RequestOptions = {}): Promise<void> {
    if (!this.#connection) return Promise.reject(this.#needsSocket('waitForKlippyReady'));
    return this.#connection.waitForKlippyReady(options);
  }

  /** Closes the socket; every pending call rejects with a `ConnectionError`. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#closing.abort(new ConnectionError('The client was closed', { operation: 'close' }));
    await this.#connection?.close();
    this.#store.dispose();
    this.#events.removeAllListeners();
  }

  /** Calls any Moonraker method over the client's transport; the result is validated. */
  call<M extends MoonrakerMethod>(method: M, ...args: CallArgs<M>): Promise<MethodResult<M>> {
    if (this.#closed) {
      return Promise.reject(new ConnectionError(`${method}: the client was closed`, { operation: method }));
    }
    if (this.#connection) return this.#connection.call(method, ...args);
    return this.http.call(method, ...args);
  }

  // ------------------------------------------------------------------ printer (Klippy) methods

  printerInfo = (options?: RequestOptions) => this.call('printer.info', undefined, options);
  emergencyStop = (options?: RequestOptions) => this.call('printer.emergency_stop', undefined, options);
  restart = (options?: RequestOptions) => this.call('printer.restart', undefined, options);
  firmwareRestart = (options?: RequestOptions) => this.call('printer.firmware_restart', undefined, options);
  listObjects = (options?: RequestOptions) => this.call('printer.objects.list', undefined, options);
  queryEndstops = (options?: RequestOptions) =>
    this.call('printer.query_endstops.status', undefined, options);
  /** Runs G-code (lines separated by `\n`); output arrives as `notify_gcode_response`. */
  runGcode = (script: string, options?: RequestOptions) =>
    this.call('printer.gcode.script', { script }, options);
  gcodeHelp = (options?: RequestOptions) => this.call('printer.gcode.help', undefined, options);
  startPrint = (filename: string, options?: RequestOptions) =>
    this.call('printer.print.start', { filename }, options);
  pausePrint = (options?: RequestOptions) => this.call('printer.print.pause', undefined, options);
  resumePrint = (options?: RequestOptions) => this.call('printer.print.resume', undefined, options);
  cancelPrint = (options?: RequestOptions) => this.call('printer.print.cancel', undefined, options);

  /** Queries objects and merges the answer into `status`. */
  async queryObjects(objects: ObjectsRequest, options?: RequestOptions): Promise<ObjectsStatus> {
    const result = await this.call('printer.objects.query', { objects }, options);
    this.#store.apply(result.status as Record<string, Record<string, unknown>>, result.eventtime);
    return result;
  }

  /**
   * Adds objects to the subscription (WebSocket only). The whole subscription is sent, because a
   * new subscribe replaces the previous one; it is restored after every reconnect and Klippy restart.
   * `replace: true` makes `objects` the whole subscription.
   */
  async subscribe(
    objects: ObjectsRequest | 'all',
    options: RequestOptions & { replace?: boolean } = {},
  ): Promise<ObjectsStatus> {
    if (!this.#connection) throw this.#needsSocket('printer.objects.subscribe');
    if (objects === 'all' || this.#wanted === 'all' || options.replace) this.#wanted = objects;
    else
      this.#wanted = {
        ...(this.#wanted ?? Object.fromEntries(DEFAULT_SUBSCRIPTION.map((n) => [n, null]))),
        ...objects,
      };
    const request = subscriptionFor(this.#wanted, this.#connection.availableObjects);
    const result = await this.call('printer.objects.subscribe', { objects: request }, options);
    this.#store.apply(result.status as Record<string, Record<string, unknown>>, result.eventtime);
    return result;
  }

  // ------------------------------------------------------------------ server and machine methods

  serverInfo = (options?: RequestOptions) => this.call('server.info', undefined, options);
  listFiles = (root = 'gcodes', options?: RequestOptions) =>
    this.call('server.files.list', { root }, options);
  fileMetadata = (filename: string, options?: RequestOptions) =>
    this.call('server.files.metadata', { filename }, options);
  /** `path` includes the root: `gcodes/cube.gcode`. */
  deleteFile = (path: string, options?: RequestOptions) =>
    this.call('server.files.delete_file', { path }, options);
  historyList = (params: HistoryListParams = {}, options?: RequestOptions) =>
    this.call('server.history.list', params, options);
  jobQueueStatus = (options?: RequestOptions) => this.call('server.job_queue.status', undefined, options);
  gcodeStore = (count?: number, options?: RequestOptions) =>
    this.call('server.gcode_store', count === undefined ? {} : { count }, options);
  temperatureStore = (includeMonitors?: boolean, options?: RequestOptions) =>
    this.call(
      'server.temperature_store',
      includeMonitors === undefined ? {} : { include_monitors: includeMonitors },
      options,
    );
  systemInfo = (options?: RequestOptions) => this.call('machine.system_info', undefined, options);

  /** `POST /server/files/upload` (always HTTP), with a sha256 checksum; `print: true` starts it. */
  uploadFile(filename: string, data: UploadData, options?: UploadFileOptions): Promise<UploadResult> {
    if (this.#closed) {
      return Promise.reject(new ConnectionError('server.files.upload: the client was closed'));
    }
    return uploadFile(this.http, filename, data, options);
  }

  #needsSocket(operation: string): UnsupportedError {
    return new UnsupportedError(`${operation} needs the WebSocket transport`, {
      capability: operation,
      operation,
    });
  }
}

export function createMoonrakerClient(options: MoonrakerClientOptions): MoonrakerClient {
  return new MoonrakerClient(options);
}
