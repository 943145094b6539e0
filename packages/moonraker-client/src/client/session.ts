/**
 * The WebSocket session lifecycle, done the way the protocol notes recommend:
 *
 * 1. open the socket (a oneshot token in the URL, or `X-Api-Key` on the handshake, when configured);
 * 2. `server.connection.identify` (with `api_key` / `access_token`);
 * 3. `server.info`, polled every `klippyPollIntervalMs` while Klippy is in `startup` (or not
 *    connected to Moonraker at all);
 * 4. `printer.objects.list`, then `printer.objects.subscribe` with the wanted objects; the answer
 *    seeds the status store.
 *
 * Steps 3–4 run again after every reconnect and after every `notify_klippy_ready` / `_disconnected`
 * (Moonraker drops all subscriptions when Klippy disconnects). A lost socket is reopened with
 * capped exponential backoff and jitter. Liveness: `notify_proc_stat_update` arrives every second,
 * so a socket silent for `livenessTimeoutMs` is treated as dead and replaced. While the printer is
 * unreachable the client stays quiet: one `reconnecting` state event, no error per attempt.
 *
 * Refused credentials: on the very first connect they stop the client (retrying cannot help and may
 * lock an account). On a reconnect they are retried with a slower capped backoff and reported once
 * as an `AuthError` `error` event: a printer that refused once (a restart of its auth component, a
 * clock jump on a JWT) must not leave a healthy client offline for good.
 */
import {
  AuthError,
  type BackoffOptions,
  type Clock,
  ConnectionError,
  createBackoff,
  type Logger,
  type PrintkitError,
  ProtocolError,
  type RequestOptions,
  redactUrl,
  sleep,
  systemClock,
  type TypedEmitter,
  toPrintkitError,
  withDeadline,
} from '@printkit/core-types';
import { decodeNotification, hasTypedParams, resultDecoder } from '../protocol/decode.js';
import { isStatusEnvelope } from '../protocol/schemas.js';
import type { CallArgs, IdentifyParams, MethodResult, MoonrakerMethod } from '../protocol/table.js';
import type { ObjectsRequest, StatusDiff } from '../protocol/wire.js';
import type { MoonrakerAuth } from '../transport/auth.js';
import { JsonRpcPeer } from '../transport/jsonrpc.js';
import { redactError } from '../transport/redact.js';
import {
  closeQuietly,
  openSocket,
  resolveWebSocketConstructor,
  type WebSocketConstructor,
  type WebSocketLike,
} from '../transport/websocket.js';
import type { ConnectionState, KlippyState, MoonrakerEvents } from './client.js';
import type { LeftOut, StatusStore } from './state.js';

export interface ConnectionOptions {
  websocketUrl: string;
  WebSocket?: WebSocketConstructor | undefined;
  auth: MoonrakerAuth;
  identify: Omit<IdentifyParams, 'api_key' | 'access_token'>;
  timeoutMs: number;
  reconnect: false | BackoffOptions;
  livenessTimeoutMs: number;
  klippyPollIntervalMs: number;
  /** The objects to subscribe to, given the objects Klipper has loaded. */
  subscription(available: readonly string[]): ObjectsRequest;
  store: StatusStore;
  events: TypedEmitter<MoonrakerEvents>;
  /** Injected by the caller, or undefined: then timestamps use the system clock and waits keep Node alive. */
  clock: Clock | undefined;
  logger: Logger;
  /** Masks every secret the client holds. */
  redact(text: string): string;
}

/** How much slower refused credentials are retried than a lost connection. */
const AUTH_RETRY_FACTOR = 4;

const OPEN = 1;

/** Klippy states in which Klipper serves objects (and so a subscription makes sense). */
const SERVING: ReadonlySet<KlippyState> = new Set(['ready', 'shutdown', 'error']);

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
  settled: boolean;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const result: Deferred<T> = {
    promise,
    settled: false,
    resolve: (value) => {
      result.settled = true;
      resolve(value);
    },
    reject: (error) => {
      result.settled = true;
      reject(error);
    },
  };
  // Nobody may be waiting (e.g. connect() already timed out): never an unhandled rejection.
  promise.catch(() => {});
  return result;
}

// ------------------------------------------------------------------ notifications → typed events
// Notification names are wire data: they are compared, never used to index an object, so
// `constructor` or `__proto__` is just a name nobody listens to. Every notification, known or not,
// also reaches the generic `notification` listener; one that fails its check becomes an `error` event
// (the connection carries on).

export interface NotificationSink {
  emit<E extends keyof MoonrakerEvents>(event: E, ...args: MoonrakerEvents[E]): unknown;
  /**
   * A status diff in a valid envelope: the store merges what it can, then `notification`,
   * `notify_status_update` (with what was merged) and `status` are emitted. The hot path, so it has
   * its own method rather than three `emit` calls.
   */
  statusUpdate(
    params: readonly unknown[],
    diff: Record<string, unknown>,
    eventtime: number | undefined,
  ): void;
}

const PARAMLESS: ReadonlySet<string> = new Set([
  'notify_klippy_ready',
  'notify_klippy_shutdown',
  'notify_klippy_disconnected',
]);

/** Checks one notification and emits its typed event (or an `error` event). */
export function dispatchNotification(sink: NotificationSink, method: string, params: unknown): void {
  if (method === 'notify_status_update') {
    if (!isStatusEnvelope(params)) {
      sink.emit('error', new ProtocolError(`${method}: expected [diff, eventtime]`, { payload: params }));
      return;
    }
    sink.statusUpdate(params, params[0], params[1]);
    return;
  }
  const decoded = decodeNotification(method, params);
  if (!decoded.ok) {
    // Params that are not even an array: the generic listener would get a lie, so only the error.
    if (!Array.isArray(params) && params !== undefined) {
      sink.emit('error', decoded.error);
      return;
    }
    sink.emit('notification', method, params ?? []);
    sink.emit('error', decoded.error);
    return;
  }
  sink.emit('notification', method, decoded.value.list);
  if (PARAMLESS.has(method)) {
    sink.emit(method as 'notify_klippy_ready');
    return;
  }
  if (!hasTypedParams(method)) return;
  // The decode table pairs each typed notification with its event's param type.
  (sink.emit as (event: string, arg: unknown) => void)(method, decoded.value.first);
}

/**
 * One frame's status diff: the store merges what it can, `notification` (the frame's params) and
 * `notify_status_update` (what was merged, once it is) are emitted, then the store's listeners are
 * told (`status`). Returns what was left out, for the caller to report; undefined when the whole
 * diff was merged.
 */
export function applyStatusUpdate(
  store: StatusStore,
  events: Pick<NotificationSink, 'emit'>,
  params: readonly unknown[],
  diff: Record<string, unknown>,
  eventtime: number | undefined,
): LeftOut | undefined {
  const leftOut = store.applyKnown(diff);
  events.emit('notification', 'notify_status_update', params as unknown[]);
  const merged = leftOut === undefined ? (diff as StatusDiff) : leftOut.merged;
  if (merged !== undefined) {
    events.emit('notify_status_update', merged, eventtime);
    store.commit(merged, eventtime);
  }
  return leftOut;
}

export class MoonrakerConnection {
  readonly peer: JsonRpcPeer;
  readonly #options: ConnectionOptions;
  readonly #closed = new AbortController();
  #state: ConnectionState = 'disconnected';
  #klippy: KlippyState = 'unknown';
  #socket: WebSocketLike | undefined;
  #socketGone: Deferred<void> | undefined;
  #socketAbort: AbortController | undefined;
  /** The controller of the socket being set up (aborted by `close()` too), until it is `#socketAbort`. */
  #setUpAbort: AbortController | undefined;
  #firstConnect = deferred<void>();
  #loop: Promise<void> | undefined;
  /** A frame arrived since the liveness timer last looked (a flag: no clock read per frame). */
  #sawFrame = false;
  /** When the liveness timer last saw frames (or the socket opened). */
  #lastAliveAt = 0;
  #livenessTimer: unknown;
  #syncing: Promise<void> | undefined;
  #syncDirty = false;
  /** A diff naming unsubscribed objects was reported on this socket already. */
  #reportedUnknownObjects = false;
  /** Failed syncs in a row on this socket (the retry delay grows with it). */
  #syncRetries = 0;
  #settled: Deferred<void> | undefined;
  #wake: (() => void) | undefined;
  #availableObjects: readonly string[] = [];
  #connectionId: number | undefined;
  /** Made on first use: most connections never wait for a change (a Set per client is ~200 bytes). */
  #changeWaiters: Set<() => void> | undefined;
  /** Where notifications go; made once, since it runs for every frame. */
  readonly #sink: NotificationSink;

  constructor(options: ConnectionOptions) {
    this.#options = options;
    this.#sink = {
      emit: (event, ...args) =>
        event === 'error'
          ? options.events.emit('error', redactError(args[0] as PrintkitError, options.redact))
          : options.events.emit(event, ...args),
      statusUpdate: (params, diff, eventtime) => {
        const leftOut = applyStatusUpdate(options.store, options.events, params, diff, eventtime);
        if (leftOut !== undefined) this.#reportLeftOut(leftOut, params);
      },
    };
    this.peer = new JsonRpcPeer({
      defaultTimeoutMs: options.timeoutMs,
      send: (frame) => {
        const socket = this.#socket;
        if (!socket || socket.readyState !== OPEN) throw new Error('socket not open');
        socket.send(frame);
      },
      onFrame: () => {
        this.#sawFrame = true;
      },
      onNotification: (method, params) => this.#onNotification(method, params),
      onProtocolError: (error) => {
        options.logger.debug('moonraker: protocol error', { message: error.message });
        options.events.emit('error', error);
      },
      redact: options.redact,
    });
  }

  get state(): ConnectionState {
    return this.#state;
  }

  get klippyState(): KlippyState {
    return this.#klippy;
  }

  /** Objects Klipper reported in the last `printer.objects.list`. */
  get availableObjects(): readonly string[] {
    return this.#availableObjects;
  }

  /** The id Moonraker gave this connection in `server.connection.identify`. */
  get connectionId(): number | undefined {
    return this.#connectionId;
  }

  /** One JSON-RPC call over the current socket, validated against the method's schema. */
  call<M extends MoonrakerMethod>(method: M, ...[params, options]: CallArgs<M>): Promise<MethodResult<M>> {
    // Validated as the answer arrives, so the caller's promise is the peer's (no extra await per call).
    return this.peer.request(method, params as object | undefined, options, resultDecoder(method)) as Promise<
      MethodResult<M>
    >;
  }

  /**
   * Starts the session (once) and resolves when the first one is set up: identified, Klippy's state
   * known, subscribed when Klippy serves objects. If Moonraker cannot be reached yet, the client keeps
   * trying in the background (until `close()`), even after this promise gave up at its deadline.
   */
  connect(options: RequestOptions & { connectTimeoutMs: number }): Promise<void> {
    if (this.#closed.signal.aborted) {
      return Promise.reject(new ConnectionError('The client was closed', { operation: 'connect' }));
    }
    this.#loop ??= this.#run();
    return withDeadline(() => this.#firstConnect.promise, {
      signal: options.signal,
      timeoutMs: options.timeoutMs ?? options.connectTimeoutMs,
      operation: 'connect',
    });
  }

  /** Sends the current subscription again (after the wanted objects changed). */
  resubscribe(): void {
    if (this.#socket && SERVING.has(this.#klippy)) this.#requestSync();
  }

  /** Resolves once Klippy is `ready` and the subscription is in place. */
  waitForKlippyReady(options: RequestOptions = {}): Promise<void> {
    return withDeadline(
      async (signal) => {
        while (!(this.#klippy === 'ready' && this.#syncing === undefined && this.#socket !== undefined)) {
          // Closed, or the reconnect loop gave up: no session is coming, so waiting (perhaps
          // without a deadline) could never end.
          if (this.#state === 'closed' || (this.#state === 'disconnected' && this.#loop !== undefined)) {
            throw new ConnectionError('The connection to Moonraker is closed', {
              operation: 'waitForKlippyReady',
            });
          }
          await this.#nextChange(signal);
        }
      },
      {
        ...options,
        timeoutMs: options.timeoutMs ?? this.#options.timeoutMs,
        operation: 'waitForKlippyReady',
      },
    );
  }

  #nextChange(signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.#changeWaiters?.delete(onChange);
        reject(signal.reason);
      };
      const onChange = () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      this.#changeWaiters ??= new Set();
      this.#changeWaiters.add(onChange);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  #changed(): void {
    const waiters = this.#changeWaiters;
    if (waiters === undefined || waiters.size === 0) return;
    this.#changeWaiters = undefined;
    for (const waiter of waiters) waiter();
  }

  async close(): Promise<void> {
    if (this.#closed.signal.aborted) return;
    const reason = new ConnectionError('The client was closed', { operation: 'close' });
    this.#closed.abort(reason);
    this.#setUpAbort?.abort(reason);
    this.#socketAbort?.abort(reason);
    this.#firstConnect.reject(
      new ConnectionError('The client was closed before it connected', { operation: 'connect' }),
    );
    const socket = this.#socket;
    if (socket) {
      try {
        socket.close(1000, 'client closed');
      } catch {
        // Closing a socket that is already gone.
      }
      this.#socketClosed(socket);
    }
    this.#setState('closed');
    await this.#loop;
  }

  // ------------------------------------------------------------------ the reconnect loop

  async #run(): Promise<void> {
    const { reconnect, logger } = this.#options;
    const backoffOptions = reconnect === false ? {} : reconnect;
    const backoff = createBackoff(backoffOptions);
    const initialDelayMs = backoffOptions.initialDelayMs ?? 500;
    const authBackoff = createBackoff({
      ...backoffOptions,
      initialDelayMs: initialDelayMs * AUTH_RETRY_FACTOR,
      maxDelayMs: Math.max(backoffOptions.maxDelayMs ?? 30_000, initialDelayMs * AUTH_RETRY_FACTOR),
    });
    let connectedOnce = false;
    let refusalReported = false;
    this.#setState('connecting');
    while (!this.#closed.signal.aborted) {
      let failure: PrintkitError | undefined;
      try {
        logger.debug('moonraker: connecting', { url: redactUrl(this.#options.websocketUrl) });
        await this.#setUp();
        logger.debug('moonraker: connected', { connectionId: this.#connectionId });
        connectedOnce = true;
        refusalReported = false;
        backoff.reset();
        authBackoff.reset();
        this.#firstConnect.resolve();
        await this.#socketGone?.promise;
      } catch (error) {
        failure = toPrintkitError(error, 'connect');
        if (this.#socket) this.#dropSocket(this.#socket);
      }
      if (this.#closed.signal.aborted) return;
      const refused = failure !== undefined && AuthError.isInstance(failure);
      if (refused && !connectedOnce) {
        // The very first connect: retrying refused credentials cannot help and may lock the account.
        this.#options.events.emit('error', failure as PrintkitError);
        this.#firstConnect.reject(failure);
        this.#setState('disconnected');
        return;
      }
      if (refused && !refusalReported) {
        refusalReported = true;
        this.#options.events.emit('error', failure as PrintkitError);
      }
      if (reconnect === false) {
        this.#firstConnect.reject(failure ?? new ConnectionError('The connection to Moonraker closed'));
        this.#setState('disconnected');
        return;
      }
      this.#setState(connectedOnce || failure ? 'reconnecting' : 'connecting');
      const delayMs = refused ? authBackoff.next() : backoff.next();
      logger.debug('moonraker: reconnecting', {
        delayMs,
        reason: failure === undefined ? 'socket closed' : failure.message,
      });
      await this.#wait(delayMs, this.#closed.signal).catch(() => {});
    }
  }

  /** A wait on the injected clock, or (by default) one that keeps Node alive like an open socket would. */
  #wait(ms: number, signal: AbortSignal): Promise<void> {
    const { clock } = this.#options;
    if (clock === undefined) return sleep(ms, signal);
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        clock.clearTimeout(timer);
        reject(signal.reason);
      };
      const timer = clock.setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  #now(): number {
    return this.#options.clock?.now() ?? Date.now();
  }

  async #setUp(): Promise<void> {
    const { auth } = this.#options;
    // One controller per socket, aborted by `close()` as well as when the socket goes: no
    // `AbortSignal.any` (each one is a signal of its own, registered with both sources, ~1 KB).
    const socketAbort = new AbortController();
    if (this.#closed.signal.aborted) socketAbort.abort(this.#closed.signal.reason);
    this.#setUpAbort = socketAbort;
    const signal = socketAbort.signal;
    const requestOptions = { signal, timeoutMs: this.#options.timeoutMs };
    await auth.ensureToken(requestOptions);
    const url = await auth.websocketUrl(this.#options.websocketUrl, requestOptions);
    const WebSocket = await resolveWebSocketConstructor(this.#options.WebSocket);
    // The handlers can fire before `openSocket`'s promise hands us the socket (Moonraker may push a
    // frame, or drop the socket, right after the handshake). Frames before that are pushes nobody
    // asked for yet and are ignored; a close before that is replayed once the socket is ours.
    let opened: WebSocketLike | undefined;
    let closedEarly = false;
    const socket = await openSocket({
      url,
      WebSocket,
      headers: auth.headers(),
      signal,
      redact: this.#options.redact,
      handlers: {
        onMessage: (data) => {
          if (opened !== undefined && this.#socket === opened) this.peer.handleFrame(data);
        },
        onClose: () => {
          if (opened === undefined) closedEarly = true;
          else this.#socketClosed(opened);
        },
      },
    });
    opened = socket;
    this.#socket = socket;
    this.#socketAbort = socketAbort;
    this.#setUpAbort = undefined;
    this.#socketGone = deferred<void>();
    this.#syncRetries = 0;
    this.#reportedUnknownObjects = false;
    this.#sawFrame = false;
    this.#lastAliveAt = this.#now();
    this.#startLiveness(socket);
    if (closedEarly) this.#socketClosed(socket);

    const identified = await this.#identify(requestOptions);
    this.#connectionId = identified.connection_id;
    this.#settled = deferred<void>();
    this.#requestSync();
    await this.#settled.promise;
    this.#setState('connected');
  }

  async #identify(options: RequestOptions): Promise<MethodResult<'server.connection.identify'>> {
    const { auth, identify } = this.#options;
    try {
      return await this.call(
        'server.connection.identify',
        { ...identify, ...auth.identifyFields() },
        options,
      );
    } catch (error) {
      // An expired JWT: renew it and identify again (a connection may identify only once, but a
      // refused identify does not count).
      if (AuthError.isInstance(error) && (await auth.renew(options.signal))) {
        return await this.call(
          'server.connection.identify',
          { ...identify, ...auth.identifyFields() },
          options,
        );
      }
      throw error;
    }
  }

  // ------------------------------------------------------------------ Klippy and the subscription

  #requestSync(): void {
    this.#syncDirty = true;
    this.#wake?.();
    if (this.#syncing) return;
    const signal = this.#socketSignal();
    this.#syncing = this.#sync(signal)
      .catch((error: unknown) => {
        const failure = toPrintkitError(error, 'subscribe');
        if (
          this.#settled &&
          !this.#settled.settled &&
          (ConnectionError.isInstance(failure) || AuthError.isInstance(failure) || signal.aborted)
        ) {
          this.#settled.reject(failure);
          return;
        }
        // The socket closed under us: the reconnect loop takes over, nothing to report.
        if (signal.aborted || this.#socket === undefined) return;
        this.#options.events.emit('error', failure);
        this.#settled?.resolve();
        // A subscribe that timed out or got a malformed answer leaves no subscription: without a
        // retry the status would stay frozen while the socket looks healthy (found by the fault
        // schedule test). Tried again after a growing delay, until it works or the socket goes.
        this.#retrySync(signal);
      })
      .finally(() => {
        this.#syncing = undefined;
        this.#changed();
      });
  }

  #retrySync(signal: AbortSignal): void {
    const clock = this.#options.clock ?? systemClock;
    const delayMs = Math.min(30_000, this.#options.klippyPollIntervalMs * 2 ** this.#syncRetries);
    this.#syncRetries += 1;
    this.#options.logger.debug('moonraker: subscribing again', { delayMs });
    const cancel = () => clock.clearTimeout(timer);
    const timer = clock.setTimeout(() => {
      signal.removeEventListener('abort', cancel);
      if (!signal.aborted && this.#socket !== undefined) this.#requestSync();
    }, delayMs);
    signal.addEventListener('abort', cancel, { once: true });
  }

  /** Polls `server.info` until Klippy serves objects, then lists and subscribes. */
  async #sync(signal: AbortSignal): Promise<void> {
    const options = { signal, timeoutMs: this.#options.timeoutMs };
    for (;;) {
      this.#syncDirty = false;
      const info = await this.call('server.info', undefined, options);
      this.#setKlippy(info.klippy_state === 'unknown' ? 'unknown' : info.klippy_state);
      if (SERVING.has(this.#klippy)) {
        const list = await this.call('printer.objects.list', undefined, options);
        this.#availableObjects = list.objects;
        const objects = this.#options.subscription(list.objects);
        const result = await this.call('printer.objects.subscribe', { objects }, options);
        this.#options.store.reset(result.status as Record<string, Record<string, unknown>>, result.eventtime);
        this.#syncRetries = 0;
        if (!this.#syncDirty) {
          this.#settled?.resolve();
          return;
        }
        continue;
      }
      // Klippy not connected to Moonraker: nothing to wait through at connect time, keep polling.
      if (this.#klippy !== 'startup') this.#settled?.resolve();
      if (!this.#syncDirty) await this.#waitOrWake(this.#options.klippyPollIntervalMs, signal);
    }
  }

  #waitOrWake(ms: number, signal: AbortSignal): Promise<void> {
    // The socket is open meanwhile and keeps Node alive; the poll timer need not.
    const clock = this.#options.clock ?? systemClock;
    return new Promise<void>((resolve, reject) => {
      const finish = () => {
        clock.clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.#wake = undefined;
      };
      const onAbort = () => {
        finish();
        reject(signal.reason);
      };
      const timer = clock.setTimeout(() => {
        finish();
        resolve();
      }, ms);
      this.#wake = () => {
        finish();
        resolve();
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  #onNotification(method: string, params: unknown): void {
    switch (method) {
      case 'notify_klippy_ready':
        this.#setKlippy('ready');
        this.#requestSync();
        break;
      case 'notify_klippy_disconnected':
        // Moonraker dropped every subscription; poll until Klippy is back, then subscribe again.
        this.#setKlippy('disconnected');
        this.#requestSync();
        break;
      case 'notify_klippy_shutdown':
        this.#setKlippy('shutdown');
        break;
    }
    dispatchNotification(this.#sink, method, params);
  }

  /**
   * A diff's parts the store left out, as `error` events: objects that are not objects every time
   * (a broken frame), objects that were not subscribed once per session (a broken server would
   * repeat them every 250 ms).
   */
  #reportLeftOut(leftOut: LeftOut, params: readonly unknown[]): void {
    const { redact } = this.#options;
    const list = (names: readonly string[]) =>
      `${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}`;
    // Names are wire data: masked like every server text; the sink masks the payload.
    if (leftOut.invalid.length > 0) {
      this.#sink.emit(
        'error',
        new ProtocolError(redact(`notify_status_update: not an object, left out: ${list(leftOut.invalid)}`), {
          operation: 'notify_status_update',
          payload: params,
        }),
      );
    }
    if (leftOut.unknown.length > 0 && !this.#reportedUnknownObjects) {
      this.#reportedUnknownObjects = true;
      this.#sink.emit(
        'error',
        new ProtocolError(
          redact(
            `notify_status_update: objects that were not subscribed were left out (${list(leftOut.unknown)})`,
          ),
          { operation: 'notify_status_update' },
        ),
      );
    }
  }

  #setKlippy(next: KlippyState): void {
    const previous = this.#klippy;
    if (previous === next) return;
    this.#klippy = next;
    this.#options.events.emit('klippy', next, previous);
    this.#changed();
  }

  // ------------------------------------------------------------------ sockets

  /** Aborted when the client closes or the current socket goes (`close()` aborts the socket's too). */
  #socketSignal(): AbortSignal {
    return this.#socketAbort?.signal ?? this.#closed.signal;
  }

  #startLiveness(socket: WebSocketLike): void {
    const { livenessTimeoutMs } = this.#options;
    if (!(livenessTimeoutMs > 0 && Number.isFinite(livenessTimeoutMs))) return;
    // Checked a few times per timeout: a socket is dropped between one and two checks after the
    // timeout has passed without a frame. The socket keeps Node alive; this timer need not.
    const clock = this.#options.clock ?? systemClock;
    const everyMs = Math.max(25, Math.floor(livenessTimeoutMs / 4));
    const check = () => {
      if (this.#socket !== socket) return;
      const now = this.#now();
      if (this.#sawFrame) {
        this.#sawFrame = false;
        this.#lastAliveAt = now;
      } else if (now - this.#lastAliveAt > livenessTimeoutMs) {
        this.#options.logger.debug('moonraker: socket silent, replacing it', { livenessTimeoutMs });
        this.#dropSocket(socket);
        return;
      }
      this.#livenessTimer = clock.setTimeout(check, everyMs);
    };
    this.#livenessTimer = clock.setTimeout(check, everyMs);
  }

  /** Abandons a socket at once: a stalled peer may never finish a close handshake. */
  #dropSocket(socket: WebSocketLike): void {
    closeQuietly(socket);
    this.#socketClosed(socket);
  }

  #socketClosed(socket: WebSocketLike): void {
    if (this.#socket !== socket) return;
    this.#socket = undefined;
    if (this.#livenessTimer !== undefined)
      (this.#options.clock ?? systemClock).clearTimeout(this.#livenessTimer);
    this.#livenessTimer = undefined;
    this.#socketAbort?.abort(new ConnectionError('The connection to Moonraker closed'));
    this.#socketAbort = undefined;
    this.peer.rejectAll(
      (method) => new ConnectionError(`${method}: the connection to Moonraker closed`, { operation: method }),
    );
    this.#socketGone?.resolve();
  }

  #setState(next: ConnectionState): void {
    const previous = this.#state;
    if (previous === next || previous === 'closed') return;
    this.#state = next;
    this.#options.events.emit('connection', next, previous);
    this.#changed();
  }
}
