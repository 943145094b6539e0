/**
 * `createMoonrakerClient(options)`: the complete Moonraker client.
 *
 * Every method in `MoonrakerMethods` is reachable through `call(method, params, options)`, over the
 * WebSocket (`transport: 'websocket'`, the default: call `connect()` first) or over HTTP
 * (`transport: 'http'`: no socket, no notifications). `client.http.call(...)` always goes over HTTP.
 * The convenience methods below are one-liners over `call`.
 */

import {
  ConnectionError,
  InvalidArgumentError,
  type Logger,
  type PrintkitError,
  type RequestOptions,
  redactText,
  silentLogger,
  TypedEmitter,
  UnsupportedError,
} from '@printkit/core-types';
import { resultDecoder } from '../protocol/decode.js';
import type {
  CallArgs,
  HistoryListParams,
  MethodParams,
  MethodResult,
  MoonrakerMethod,
} from '../protocol/table.js';
import type {
  FilelistChanged,
  HistoryChanged,
  JobQueueChanged,
  KlipperStatus,
  KnownKlipperObjects,
  ObjectsRequest,
  ObjectsStatus,
  ProcStat,
  StatusDiff,
  UploadResult,
} from '../protocol/wire.js';
import { MoonrakerAuth } from '../transport/auth.js';
import { HttpTransport } from '../transport/http.js';
import { type UploadData, type UploadFileOptions, uploadFile } from '../transport/upload.js';
import { VERSION } from '../version.js';
import { type MoonrakerClientOptions, validateClientOptions } from './options.js';
import { MoonrakerConnection } from './session.js';
import { StatusStore } from './state.js';

// ------------------------------------------------------------------ events

export type ConnectionState = 'disconnected' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

/** Klippy's state as Moonraker reports it; `unknown` before the first `server.info`. */
export type KlippyState = 'unknown' | 'disconnected' | 'startup' | 'ready' | 'error' | 'shutdown';

export interface MoonrakerEvents {
  /** A raw diff as it arrived: `[diff, eventtime]`. */
  notify_status_update: [diff: StatusDiff, eventtime: number | undefined];
  /** One line (or block) of G-code console output, e.g. `// Unknown command:"X"` or `!! Must home axis first`. */
  notify_gcode_response: [line: string];
  notify_klippy_ready: [];
  notify_klippy_shutdown: [];
  notify_klippy_disconnected: [];
  /** Moonraker's process stats, every second: the client's liveness signal. */
  notify_proc_stat_update: [stats: ProcStat];
  notify_history_changed: [change: HistoryChanged];
  notify_filelist_changed: [change: FilelistChanged];
  notify_job_queue_changed: [change: JobQueueChanged];
  /** Every notification, including ones this client has no type for. */
  notification: [method: string, params: unknown[]];
  /** The merged status after a change, and what changed (see `client/state.ts`). */
  status: [status: KlipperStatus, diff: StatusDiff];
  /** The link to Moonraker. */
  connection: [state: ConnectionState, previous: ConnectionState];
  /** Klippy's state changed (from `server.info`, `webhooks` or a `notify_klippy_*`). */
  klippy: [state: KlippyState, previous: KlippyState];
  /** Trouble outside any call: a malformed frame, a failed re-subscribe, refused credentials on reconnect. */
  error: [error: PrintkitError];
}

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
  // Object names come from the printer (`printer.objects.list`): built with fromEntries, so every
  // name is an own property, `__proto__` included.
  if (wanted === 'all') return Object.fromEntries(available.map((name) => [name, null]));
  if (wanted === undefined) {
    return Object.fromEntries(
      DEFAULT_SUBSCRIPTION.filter((name) => loaded.has(name)).map((name) => [name, null]),
    );
  }
  // Objects that are not loaded cannot be subscribed; they are asked for again after a Klippy restart.
  return Object.fromEntries(
    Object.entries(wanted)
      .filter(([name]) => loaded.has(name))
      .map(([name, fields]) => [name, fields ?? null]),
  );
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
  readonly #logger: Logger;
  #wanted: ObjectsRequest | 'all' | undefined;
  #closed = false;
  #followingStatus = false;

  /** @throws InvalidArgumentError for an option that cannot work (a bad URL, a negative timeout, ...). */
  constructor(options: MoonrakerClientOptions) {
    validateClientOptions(options);
    this.#options = options;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#wanted = options.subscribe;
    this.#logger = options.logger ?? silentLogger;
    this.#store = new StatusStore({
      flushIntervalMs: options.statusFlushIntervalMs ?? 0,
      ...(options.clock === undefined ? {} : { clock: options.clock }),
    });
    this.auth = new MoonrakerAuth(options);
    // Every secret the client holds, masked in server text, URLs and causes before they are shown.
    const redact = (text: string) => redactText(text, this.auth.secrets());
    this.http = new HttpTransport({
      baseUrl: options.url,
      fetch: options.fetch,
      defaultTimeoutMs: this.#timeoutMs,
      headers: () => this.auth.headers(),
      onAuthFailure: (signal) => this.auth.renew(signal),
      redact,
      onRetry: (operation) =>
        this.#logger.debug('moonraker: retrying with renewed credentials', { operation }),
    });
    this.auth.attach(this.http);
    if ((options.transport ?? 'websocket') === 'websocket') {
      this.#connection = new MoonrakerConnection({
        websocketUrl: options.websocketUrl ?? defaultWebsocketUrl(options.url),
        WebSocket: options.WebSocket,
        auth: this.auth,
        identify: {
          client_name: options.identify?.client_name ?? 'printkit',
          version: options.identify?.version ?? VERSION,
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
        clock: options.clock,
        logger: this.#logger,
        redact,
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
    if (event === 'status') this.#followStatus();
    return this.#events.on(event, listener);
  }

  once<E extends keyof MoonrakerEvents>(
    event: E,
    listener: (...args: MoonrakerEvents[E]) => void,
  ): () => void {
    if (event === 'status') this.#followStatus();
    return this.#events.once(event, listener);
  }

  /**
   * Makes the store tell the client about changes, from the first `status` listener on: until then
   * a frame costs no call for it. The merged state is read (a copy of what changed) only while
   * someone listens.
   */
  #followStatus(): void {
    if (this.#followingStatus) return;
    this.#followingStatus = true;
    this.#store.subscribe((diff) => {
      if (this.#events.listenerCount('status') > 0) this.#events.emit('status', this.#store.state, diff);
    });
  }

  /**
   * WebSocket: opens the session (see `session.ts`) and resolves once identified and subscribed.
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
    this.#logger.debug('moonraker: closing');
    this.http.close(new ConnectionError('The client was closed', { operation: 'close' }));
    await this.#connection?.close();
    this.#store.dispose();
    this.#events.removeAllListeners();
  }

  /** Calls any Moonraker method over the client's transport; the result is validated. */
  call<M extends MoonrakerMethod>(method: M, ...args: CallArgs<M>): Promise<MethodResult<M>> {
    if (typeof method !== 'string' || (method as string) === '') {
      return Promise.reject(
        new InvalidArgumentError('call: the method must be a non-empty string', {
          argument: 'method',
          operation: 'call',
        }),
      );
    }
    const params: unknown = args[0];
    if (params !== undefined && (typeof params !== 'object' || params === null || Array.isArray(params))) {
      return Promise.reject(
        new InvalidArgumentError(`${method}: params must be an object (Moonraker takes named params)`, {
          argument: 'params',
          operation: method,
        }),
      );
    }
    if (this.#closed) {
      return Promise.reject(new ConnectionError(`${method}: the client was closed`, { operation: method }));
    }
    // Straight to the peer with the two arguments: no rest array rebuilt per call on the hot path.
    if (this.#connection) {
      return this.#connection.peer.request(
        method,
        params as object | undefined,
        args[1],
        resultDecoder(method),
      ) as Promise<MethodResult<M>>;
    }
    return this.http.call(method, ...args);
  }

  // ------------------------------------------------------------------ printer (Klippy) methods

  printerInfo(options?: RequestOptions) {
    return this.call('printer.info', undefined, options);
  }
  emergencyStop(options?: RequestOptions) {
    return this.call('printer.emergency_stop', undefined, options);
  }
  restart(options?: RequestOptions) {
    return this.call('printer.restart', undefined, options);
  }
  firmwareRestart(options?: RequestOptions) {
    return this.call('printer.firmware_restart', undefined, options);
  }
  listObjects(options?: RequestOptions) {
    return this.call('printer.objects.list', undefined, options);
  }
  queryEndstops(options?: RequestOptions) {
    return this.call('printer.query_endstops.status', undefined, options);
  }
  /** Runs G-code (lines separated by `\n`); output arrives as `notify_gcode_response`. */
  runGcode(script: string, options?: RequestOptions) {
    return this.call('printer.gcode.script', { script }, options);
  }
  gcodeHelp(options?: RequestOptions) {
    return this.call('printer.gcode.help', undefined, options);
  }
  startPrint(filename: string, options?: RequestOptions) {
    return this.call('printer.print.start', { filename }, options);
  }
  pausePrint(options?: RequestOptions) {
    return this.call('printer.print.pause', undefined, options);
  }
  resumePrint(options?: RequestOptions) {
    return this.call('printer.print.resume', undefined, options);
  }
  cancelPrint(options?: RequestOptions) {
    return this.call('printer.print.cancel', undefined, options);
  }

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

  serverInfo(options?: RequestOptions) {
    return this.call('server.info', undefined, options);
  }
  listFiles(root = 'gcodes', options?: RequestOptions) {
    return this.call('server.files.list', { root }, options);
  }
  fileMetadata(filename: string, options?: RequestOptions) {
    return this.call('server.files.metadata', { filename }, options);
  }
  /** `path` includes the root: `gcodes/cube.gcode`. */
  deleteFile(path: string, options?: RequestOptions) {
    return this.call('server.files.delete_file', { path }, options);
  }
  historyList(params: HistoryListParams = {}, options?: RequestOptions) {
    return this.call('server.history.list', params, options);
  }
  jobQueueStatus(options?: RequestOptions) {
    return this.call('server.job_queue.status', undefined, options);
  }
  gcodeStore(count?: number, options?: RequestOptions) {
    return this.call('server.gcode_store', count === undefined ? {} : { count }, options);
  }
  temperatureStore(includeMonitors?: boolean, options?: RequestOptions) {
    return this.call(
      'server.temperature_store',
      includeMonitors === undefined ? {} : { include_monitors: includeMonitors },
      options,
    );
  }
  systemInfo(options?: RequestOptions) {
    return this.call('machine.system_info', undefined, options);
  }

  // ------------------------------------------------------------------ files, history, webcams, database

  fileRoots(options?: RequestOptions) {
    return this.call('server.files.roots', undefined, options);
  }
  /** One directory (not walked): `path` includes the root, e.g. `gcodes/parts`. */
  getDirectory(path = 'gcodes', extended = false, options?: RequestOptions) {
    return this.call('server.files.get_directory', { path, extended }, options);
  }
  /** A G-code file's thumbnails; fetch one with `downloadFile('gcodes/' + thumbnail.thumbnail_path)`. */
  thumbnails(filename: string, options?: RequestOptions) {
    return this.call('server.files.thumbnails', { filename }, options);
  }
  createDirectory(path: string, options?: RequestOptions) {
    return this.call('server.files.post_directory', { path }, options);
  }
  deleteDirectory(path: string, force = false, options?: RequestOptions) {
    return this.call('server.files.delete_directory', { path, force }, options);
  }
  moveFile(source: string, dest: string, options?: RequestOptions) {
    return this.call('server.files.move', { source, dest }, options);
  }
  copyFile(source: string, dest: string, options?: RequestOptions) {
    return this.call('server.files.copy', { source, dest }, options);
  }
  historyJob(uid: string, options?: RequestOptions) {
    return this.call('server.history.get_job', { uid }, options);
  }
  historyTotals(options?: RequestOptions) {
    return this.call('server.history.totals', undefined, options);
  }
  webcams(options?: RequestOptions) {
    return this.call('server.webcams.list', undefined, options);
  }
  webcam(uid: string, options?: RequestOptions) {
    return this.call('server.webcams.get_item', { uid }, options);
  }
  /** Adds a webcam (or updates the one whose `uid` is given); Moonraker answers with the stored entry. */
  saveWebcam(webcam: MethodParams<'server.webcams.post_item'>, options?: RequestOptions) {
    return this.call('server.webcams.post_item', webcam, options);
  }
  deleteWebcam(uid: string, options?: RequestOptions) {
    return this.call('server.webcams.delete_item', { uid }, options);
  }
  databaseList(options?: RequestOptions) {
    return this.call('server.database.list', undefined, options);
  }
  /** `key` omitted: the whole namespace. Nested keys are dotted: `settings.theme`. */
  getDatabaseItem(namespace: string, key?: string, options?: RequestOptions) {
    return this.call(
      'server.database.get_item',
      key === undefined ? { namespace } : { namespace, key },
      options,
    );
  }
  postDatabaseItem(namespace: string, key: string, value: unknown, options?: RequestOptions) {
    return this.call('server.database.post_item', { namespace, key, value }, options);
  }
  deleteDatabaseItem(namespace: string, key: string, options?: RequestOptions) {
    return this.call('server.database.delete_item', { namespace, key }, options);
  }

  /**
   * `GET /server/files/<root>/<path>` (always HTTP): a file's bytes, e.g. `gcodes/cube.gcode`,
   * `config/printer.cfg`, `logs/klippy.log` or a thumbnail `gcodes/.thumbs/cube.png`.
   */
  downloadFile(path: string, options?: RequestOptions): Promise<Uint8Array> {
    if (typeof path !== 'string' || path.trim() === '' || path.split('/').includes('..')) {
      return Promise.reject(
        new InvalidArgumentError('server.files.download: path must be <root>/<file> without ".."', {
          argument: 'path',
          operation: 'server.files.download',
        }),
      );
    }
    if (this.#closed) {
      return Promise.reject(new ConnectionError('server.files.download: the client was closed'));
    }
    const encoded = path.replace(/^\/+/, '').split('/').map(encodeURIComponent).join('/');
    return this.http.request(
      { verb: 'GET', path: `/server/files/${encoded}`, bytes: true },
      'server.files.download',
      options,
    ) as Promise<Uint8Array>;
  }

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

/**
 * A Moonraker client. Nothing is sent until `connect()` (WebSocket) or the first call (HTTP).
 * @throws InvalidArgumentError for an option that cannot work.
 */
export function createMoonrakerClient(options: MoonrakerClientOptions): MoonrakerClient {
  return new MoonrakerClient(options);
}
