/**
 * The JSON-RPC 2.0 core, independent of the socket under it.
 *
 * - Ids are a per-peer counter that only grows (never random, never reused), so a late answer to a
 *   timed-out call can never be mistaken for the answer to a newer one.
 * - Every request has a deadline (client default, overridable per call) and honours an `AbortSignal`;
 *   its pending entry is removed however it settles.
 * - `rejectAll` settles every pending request with a `ConnectionError` when the socket closes.
 * - Error answers become typed errors keeping Moonraker's code and message (`errors.ts`).
 * - A malformed frame is reported through `onProtocolError` and otherwise ignored: the connection
 *   and the other pending requests carry on.
 */
import {
  abortReason,
  ConnectionError,
  type PrintkitError,
  ProtocolError,
  type RequestOptions,
  TimeoutError,
} from '@printkit/core-types';
import { moonrakerError } from './errors.js';

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
}

interface Pending {
  method: string;
  resolve(value: unknown): void;
  reject(error: PrintkitError): void;
  timer: ReturnType<typeof setTimeout> | undefined;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const decoder = new TextDecoder();

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

  request(method: string, params: object | undefined, options: RequestOptions = {}): Promise<unknown> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortReason(signal, method));
    const id = this.#nextId++;
    const frame =
      params === undefined
        ? `{"jsonrpc":"2.0","method":${JSON.stringify(method)},"id":${id}}`
        : `{"jsonrpc":"2.0","method":${JSON.stringify(method)},"params":${JSON.stringify(params)},"id":${id}}`;
    return new Promise<unknown>((resolve, reject) => {
      const pending: Pending = { method, resolve, reject, timer: undefined, signal, onAbort: undefined };
      const timeoutMs = options.timeoutMs ?? this.#options.defaultTimeoutMs;
      if (timeoutMs > 0 && Number.isFinite(timeoutMs)) {
        pending.timer = setTimeout(() => {
          this.#settle(id)?.reject(
            new TimeoutError(`${method} got no answer within ${timeoutMs} ms`, {
              operation: method,
              timeoutMs,
            }),
          );
        }, timeoutMs);
      }
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
    const { id } = message;
    if (id === undefined) {
      if (typeof message.method === 'string') this.#options.onNotification(message.method, message.params);
      else this.#protocolError('a frame with neither an id nor a method arrived', text);
      return;
    }
    if (typeof id !== 'number') {
      // `id: null` is Moonraker answering a request it could not parse (-32700 / -32600).
      const error = isRecord(message.error) ? message.error : undefined;
      const detail = error ? ` (${String(error.code)} ${String(error.message)})` : '';
      this.#protocolError(`Moonraker answered a request it could not read${detail}`, text);
      return;
    }
    const pending = this.#settle(id);
    // No pending entry: the answer came after the request timed out or was aborted. Nothing waits.
    if (!pending) return;
    if ('error' in message) {
      const error = message.error;
      if (isRecord(error) && typeof error.code === 'number' && typeof error.message === 'string') {
        pending.reject(moonrakerError({ code: error.code, message: error.message }, pending.method));
      } else {
        pending.reject(
          new ProtocolError(`${pending.method}: Moonraker sent an error without code and message`, {
            operation: pending.method,
            payload: text,
          }),
        );
      }
    } else if ('result' in message) {
      pending.resolve(message.result);
    } else {
      pending.reject(
        new ProtocolError(`${pending.method}: Moonraker's answer has neither result nor error`, {
          operation: pending.method,
          payload: text,
        }),
      );
    }
  }

  #settle(id: number): Pending | undefined {
    const pending = this.#pending.get(id);
    if (!pending) return undefined;
    this.#pending.delete(id);
    if (pending.timer !== undefined) clearTimeout(pending.timer);
    if (pending.onAbort) pending.signal?.removeEventListener('abort', pending.onAbort);
    return pending;
  }

  #protocolError(message: string, payload: unknown): void {
    this.#options.onProtocolError(new ProtocolError(message, { payload }));
  }
}
