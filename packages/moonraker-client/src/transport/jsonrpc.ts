/**
 * The JSON-RPC 2.0 core, independent of the socket under it.
 *
 * - Ids are a per-peer counter that only grows (never random, never reused), so a late answer to a
 *   timed-out call can never be mistaken for the answer to a newer one.
 * - Every request has a deadline (client default, overridable per call) and honours an `AbortSignal`;
 *   its pending entry is removed however it settles. Deadlines share one timer, armed for the
 *   earliest one and re-armed lazily when it fires: a call costs a clock read, not a timer of its
 *   own (setTimeout + clearTimeout per call were a tenth of the client's work per round trip). The
 *   timer is unref'd: an open socket keeps a process alive, a deadline does not need to.
 * - `rejectAll` settles every pending request with a `ConnectionError` when the socket closes.
 * - Error answers become typed errors keeping Moonraker's code and message (`errors.ts`).
 * - A malformed frame is reported through `onProtocolError` and otherwise ignored: the connection
 *   and the other pending requests carry on.
 */
import {
  abortReason,
  ConnectionError,
  DeadlineTimer,
  InvalidArgumentError,
  type PrintkitError,
  ProtocolError,
  type RequestOptions,
  redactPayload,
  TimeoutError,
} from '@printkit/core-types';
import { moonrakerError } from '../protocol/errors.js';
import { redactError } from './redact.js';

export interface JsonRpcPeerOptions {
  /** Writes one text frame; throws when the socket cannot send. */
  send(frame: string): void;
  /** Deadline of a request without its own `timeoutMs`. 0 or Infinity: none. */
  defaultTimeoutMs: number;
  /** A frame without an id: Moonraker's notifications (`params` is an array when present). */
  onNotification(method: string, params: unknown): void;
  /** Input that is not JSON-RPC; the connection stays usable. */
  onProtocolError(error: ProtocolError): void;
  /** Called for every frame that arrives, well-formed or not (liveness tracking). */
  onFrame?(): void;
  /** Masks secrets in server text before it reaches an error message. */
  redact?(text: string): string;
}

interface Pending {
  method: string;
  resolve(value: unknown): void;
  reject(error: PrintkitError): void;
  /** When the request times out (on the deadline timer's `now`); Infinity for none. */
  deadline: number;
  timeoutMs: number;
  /** Turns the raw result into what the caller gets; throws a PrintkitError to reject instead. */
  parse: ((raw: unknown) => unknown) | undefined;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const decoder = new TextDecoder();

/**
 * `{"jsonrpc":"2.0","method":<json>,` per method name, shared by every peer (a Map per peer cost
 * ~200 bytes each). Names mostly come from the method table; a JavaScript caller may invent any, so
 * the cache stops growing at a bound and later names are built per call.
 */
const methodPrefixes = new Map<string, string>();
const MAX_CACHED_METHODS = 256;

function methodPrefix(method: string): string {
  let prefix = methodPrefixes.get(method);
  if (prefix === undefined) {
    prefix = `{"jsonrpc":"2.0","method":${JSON.stringify(method)},`;
    if (methodPrefixes.size < MAX_CACHED_METHODS) methodPrefixes.set(method, prefix);
  }
  return prefix;
}

/** The options of a call made without any: shared, so such a call allocates none. */
const NO_OPTIONS: RequestOptions = Object.freeze({});

/** Text frames arrive as strings; some socket libraries hand over bytes instead. */
function frameText(data: unknown): string | undefined {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return decoder.decode(data);
  if (ArrayBuffer.isView(data)) return decoder.decode(data);
  return undefined;
}

export class JsonRpcPeer {
  readonly #options: JsonRpcPeerOptions;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  /** One timer for every request's deadline (core-types; unref'd: see the module comment). */
  readonly #deadlines = new DeadlineTimer(() => this.#expire());

  constructor(options: JsonRpcPeerOptions) {
    this.#options = options;
  }

  /** How many requests wait for an answer. */
  get pendingCount(): number {
    return this.#pending.size;
  }

  /** The id the next request will carry. */
  get nextId(): number {
    return this.#nextId;
  }

  /**
   * Sends one request. `parse` is applied to the result before the promise resolves (validation);
   * a throw rejects the call instead.
   */
  request(
    method: string,
    params: object | undefined,
    options: RequestOptions = NO_OPTIONS,
    parse?: (raw: unknown) => unknown,
  ): Promise<unknown> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortReason(signal, method));
    const timeoutMs = options.timeoutMs ?? this.#options.defaultTimeoutMs;
    if (!(timeoutMs >= 0)) {
      return Promise.reject(
        new InvalidArgumentError(`${method}: timeoutMs must be 0 (none) or more, got ${timeoutMs}`, {
          argument: 'timeoutMs',
          operation: method,
        }),
      );
    }
    let paramsJson: string | undefined;
    try {
      paramsJson = params === undefined ? undefined : JSON.stringify(params);
    } catch (error) {
      // A BigInt or a cycle in the caller's params: refuse it before an id is spent.
      return Promise.reject(
        new InvalidArgumentError(`${method}: params cannot be sent as JSON (${String(error)})`, {
          argument: 'params',
          operation: method,
          cause: error,
        }),
      );
    }
    const id = this.#nextId++;
    const methodJson = methodPrefix(method);
    const frame =
      paramsJson === undefined
        ? `${methodJson}"id":${id}}`
        : `${methodJson}"params":${paramsJson},"id":${id}}`;
    return new Promise<unknown>((resolve, reject) => {
      const deadline =
        timeoutMs > 0 && timeoutMs !== Number.POSITIVE_INFINITY
          ? this.#deadlines.now() + timeoutMs
          : Number.POSITIVE_INFINITY;
      const pending: Pending = {
        method,
        resolve,
        reject,
        deadline,
        timeoutMs,
        parse,
        signal,
        onAbort: undefined,
      };
      if (deadline !== Number.POSITIVE_INFINITY) this.#deadlines.arm(deadline);
      if (signal) {
        pending.onAbort = () => this.#settle(id)?.reject(abortReason(signal, method));
        signal.addEventListener('abort', pending.onAbort, { once: true });
      }
      this.#pending.set(id, pending);
      try {
        this.#options.send(frame);
      } catch (error) {
        this.#settle(id)?.reject(
          new ConnectionError(`${method}: the connection to Moonraker is not open`, {
            operation: method,
            cause: error,
          }),
        );
      }
    });
  }

  /** Rejects every pending request, e.g. when the socket closed. */
  rejectAll(reason: (method: string) => PrintkitError): void {
    for (const id of [...this.#pending.keys()]) {
      const pending = this.#settle(id);
      pending?.reject(reason(pending.method));
    }
    this.#deadlines.disarm();
  }

  /** Feeds one inbound frame (a string, or bytes holding UTF-8 text). */
  handleFrame(data: unknown): void {
    this.#options.onFrame?.();
    const text = frameText(data);
    if (text === undefined) {
      this.#protocolError('a binary or empty frame arrived where JSON-RPC text was expected', data);
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      this.#protocolError('a frame that is not JSON arrived', text);
      return;
    }
    if (Array.isArray(message)) {
      // The answer to a batch: one array frame holding every reply.
      for (const entry of message) this.#handleMessage(entry, text);
    } else {
      this.#handleMessage(message, text);
    }
  }

  #handleMessage(message: unknown, text: string): void {
    if (!isRecord(message)) {
      this.#protocolError('a JSON-RPC frame that is not an object arrived', text);
      return;
    }
    const { id, method } = message;
    if (id === undefined) {
      if (typeof method === 'string') this.#options.onNotification(method, message.params);
      else this.#protocolError('a frame with neither an id nor a method arrived', text);
      return;
    }
    this.#handleReply(message, id, text);
  }

  /**
   * A frame with an id: the answer to one of our requests. Apart from `#handleMessage` so that the
   * notification path, taken by every status frame, stays small enough to be inlined.
   */
  #handleReply(message: Record<string, unknown>, id: unknown, text: string): void {
    if (typeof id !== 'number') {
      // `id: null` is Moonraker answering a request it could not parse (-32700 / -32600).
      const error = isRecord(message.error) ? message.error : undefined;
      const detail = error ? ` (${String(error.code)} ${this.#redact(String(error.message))})` : '';
      this.#protocolError(`Moonraker answered a request it could not read${detail}`, text);
      return;
    }
    const pending = this.#settle(id);
    // No pending entry: the answer came after the request timed out or was aborted. Nothing waits.
    if (!pending) return;
    if (Object.hasOwn(message, 'error')) {
      const error = message.error;
      if (isRecord(error) && typeof error.code === 'number' && typeof error.message === 'string') {
        pending.reject(
          moonrakerError(
            { code: error.code, message: error.message },
            pending.method,
            undefined,
            this.#options.redact,
          ),
        );
      } else {
        pending.reject(
          new ProtocolError(`${pending.method}: Moonraker sent an error without code and message`, {
            operation: pending.method,
            payload: this.#redact(text),
          }),
        );
      }
    } else if (Object.hasOwn(message, 'result')) {
      if (pending.parse === undefined) {
        pending.resolve(message.result);
        return;
      }
      let value: unknown;
      try {
        value = pending.parse(message.result);
      } catch (error) {
        pending.reject(
          this.#options.redact
            ? redactError(error as PrintkitError, this.#options.redact)
            : (error as PrintkitError),
        );
        return;
      }
      pending.resolve(value);
    } else {
      pending.reject(
        new ProtocolError(`${pending.method}: Moonraker's answer has neither result nor error`, {
          operation: pending.method,
          payload: this.#redact(text),
        }),
      );
    }
  }

  #settle(id: number): Pending | undefined {
    const pending = this.#pending.get(id);
    if (!pending) return undefined;
    this.#pending.delete(id);
    // The shared timer stays armed: when it fires it finds nothing expired and re-arms or stops.
    if (pending.onAbort) pending.signal?.removeEventListener('abort', pending.onAbort);
    return pending;
  }

  /** Rejects every request past its deadline, then arms the timer for the next deadline, if any. */
  #expire(): void {
    const now = this.#deadlines.now();
    let next = Number.POSITIVE_INFINITY;
    const expired: number[] = [];
    for (const [id, pending] of this.#pending) {
      if (pending.deadline <= now) expired.push(id);
      else if (pending.deadline < next) next = pending.deadline;
    }
    for (const id of expired) {
      const pending = this.#settle(id);
      pending?.reject(
        new TimeoutError(`${pending.method} got no answer within ${pending.timeoutMs} ms`, {
          operation: pending.method,
          timeoutMs: pending.timeoutMs,
        }),
      );
    }
    if (next !== Number.POSITIVE_INFINITY) this.#deadlines.arm(next);
  }

  #redact(text: string): string {
    return this.#options.redact ? this.#options.redact(text) : text;
  }

  #protocolError(message: string, payload: unknown): void {
    const shown = this.#options.redact ? redactPayload(payload, this.#options.redact) : payload;
    this.#options.onProtocolError(new ProtocolError(message, { payload: shown }));
  }
}
