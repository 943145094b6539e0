/**
 * The WebSocket under the JSON-RPC peer, written against the standard WebSocket interface so it
 * runs with the browser's native `WebSocket`, Node 22's global one, or the `ws` package.
 *
 * Which constructor is used: the one passed as `options.WebSocket`; else `globalThis.WebSocket`
 * (browsers, Deno, Node ≥ 22); else, on Node 20, `ws`, loaded with a lazy `import('ws')` that only
 * runs when neither exists. Browser bundlers never follow it into Node code: `ws` maps its browser
 * entry to a stub, and the import is never executed there.
 */
import { AuthError, abortReason, ConnectionError, redactCause, redactUrl } from '@printkit/core-types';

/** The part of the standard WebSocket this client uses. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  // Handler properties rather than addEventListener: the DOM and `ws` declare those with generic,
  // mutually incompatible signatures, while both accept a plain function here. `unknown` lets both
  // declarations fit; the client only ever writes its own handlers.
  onopen: unknown;
  onmessage: unknown;
  onclose: unknown;
  onerror: unknown;
}

/**
 * A WebSocket constructor: `WebSocket` in browsers, `ws`'s `WebSocket` in Node. The third argument
 * (`{ headers }`) is understood by `ws` (the `X-Api-Key` handshake header) and ignored by browsers,
 * which cannot set headers — use the oneshot token or identify's `api_key` there.
 */
export type WebSocketConstructor = new (
  url: string,
  protocols?: string | string[],
  options?: { headers?: Record<string, string> },
) => WebSocketLike;

export async function resolveWebSocketConstructor(
  injected?: WebSocketConstructor,
): Promise<WebSocketConstructor> {
  if (injected) return injected;
  const global = (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (global) return global;
  const ws = await import('ws');
  return ws.WebSocket as unknown as WebSocketConstructor;
}

export interface SocketHandlers {
  onMessage(data: unknown): void;
  onClose(code: number, reason: string): void;
}

export interface OpenSocketOptions {
  url: string;
  WebSocket: WebSocketConstructor;
  headers: Record<string, string>;
  handlers: SocketHandlers;
  signal: AbortSignal;
  /** Masks secrets in text a runtime's error may carry (the URL with its oneshot token). */
  redact(text: string): string;
}

/** What a failed handshake left behind, as a cause that shows no secret (never the socket itself). */
function failureCause(failure: unknown, redact: (text: string) => string): unknown {
  const error = failure instanceof Error ? failure : (failure as { error?: unknown } | undefined)?.error;
  if (error instanceof Error) return redactCause(error, redact);
  const message = (failure as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? new Error(redact(message)) : undefined;
}

/** What `ws` adds to the standard interface (Node's EventEmitter events and `terminate`). */
interface NodeStyleEmitter {
  on(event: 'message', listener: (data: unknown, isBinary: boolean) => void): unknown;
  terminate(): void;
}

/** `ws` reports a refused handshake as "Unexpected server response: 401". */
function handshakeStatus(event: unknown): number | undefined {
  const message =
    (event as { message?: unknown; error?: { message?: unknown } } | undefined)?.message ??
    (event as { error?: { message?: unknown } } | undefined)?.error?.message;
  const match = typeof message === 'string' ? /Unexpected server response: (\d{3})/.exec(message) : null;
  return match ? Number(match[1]) : undefined;
}

/** Opens one socket; resolves once it is open, rejects (and cleans up) if it fails first. */
export function openSocket(options: OpenSocketOptions): Promise<WebSocketLike> {
  const { url, WebSocket, headers, handlers, signal, redact } = options;
  const shownUrl = redactUrl(url);
  return new Promise<WebSocketLike>((resolve, reject) => {
    if (signal.aborted) {
      reject(abortReason(signal, 'connect'));
      return;
    }
    let socket: WebSocketLike;
    try {
      socket =
        Object.keys(headers).length > 0 ? new WebSocket(url, undefined, { headers }) : new WebSocket(url);
    } catch (error) {
      reject(
        new ConnectionError(`Cannot open a WebSocket to ${shownUrl}`, {
          cause: redactCause(error, redact),
          operation: 'connect',
        }),
      );
      return;
    }
    let opened = false;
    let failure: unknown;
    const onAbort = () => {
      closeQuietly(socket);
      reject(abortReason(signal, 'connect'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    socket.onopen = () => {
      opened = true;
      signal.removeEventListener('abort', onAbort);
      resolve(socket);
    };
    const emitter = socket as Partial<NodeStyleEmitter>;
    if (typeof emitter.on === 'function' && typeof emitter.terminate === 'function') {
      // `ws`: its own 'message' event skips the MessageEvent object the handler property builds per frame.
      emitter.on('message', (data, isBinary) => handlers.onMessage(isBinary ? data : String(data)));
    } else {
      socket.onmessage = (event: { data: unknown }) => handlers.onMessage(event.data);
    }
    socket.onerror = (event: unknown) => {
      failure = event;
    };
    socket.onclose = (event: { code: number; reason: string }) => {
      if (opened) {
        handlers.onClose(event.code, event.reason);
        return;
      }
      signal.removeEventListener('abort', onAbort);
      const status = handshakeStatus(failure);
      reject(
        status === 401 || status === 403
          ? new AuthError(`Moonraker refused the WebSocket handshake (${status})`, {
              status,
              operation: 'connect',
            })
          : new ConnectionError(`Cannot connect to ${shownUrl} (code ${event.code})`, {
              operation: 'connect',
              cause: failureCause(failure, redact),
            }),
      );
    };
  });
}

/** Closes a socket now; a stalled peer may never finish the close handshake, so `ws` is terminated. */
export function closeQuietly(socket: WebSocketLike): void {
  try {
    const terminate = (socket as { terminate?: () => void }).terminate;
    if (typeof terminate === 'function') terminate.call(socket);
    else socket.close(1000, 'closed by client');
  } catch {
    // Already closed or never opened: nothing left to release.
  }
}
