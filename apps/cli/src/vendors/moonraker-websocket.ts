/**
 * WORKAROUND for a bug in @printkit/moonraker-client (src/connection.ts, `#setUp`): its `onMessage`
 * handler reads `const socket` before `await openSocket(...)` has assigned it, so a frame that arrives
 * in the same read as the WebSocket handshake (Moonraker pushes notifications at any time) throws a
 * ReferenceError outside any promise and kills the process. Delivering each message one macrotask
 * later lets the assignment happen first. Remove this file once the client no longer reads `socket`
 * early (e.g. declares `let socket` before opening, or checks the socket passed to the handler).
 */
import type { WebSocketConstructor, WebSocketLike } from '@printkit/moonraker-client';
import { WebSocket } from 'ws';

type Handler = (event: unknown) => void;

class DeferredMessageWebSocket implements WebSocketLike {
  readonly #socket: WebSocketLike;

  constructor(url: string, protocols?: string | string[], options?: { headers?: Record<string, string> }) {
    this.#socket = new (WebSocket as unknown as WebSocketConstructor)(url, protocols, options);
  }

  get readyState(): number {
    return this.#socket.readyState;
  }
  send(data: string): void {
    this.#socket.send(data);
  }
  close(code?: number, reason?: string): void {
    this.#socket.close(code, reason);
  }
  get onopen(): unknown {
    return this.#socket.onopen;
  }
  set onopen(handler: unknown) {
    this.#socket.onopen = handler;
  }
  get onmessage(): unknown {
    return this.#socket.onmessage;
  }
  set onmessage(handler: unknown) {
    this.#socket.onmessage =
      typeof handler === 'function'
        ? (event: unknown) => setImmediate(() => (handler as Handler)(event))
        : handler;
  }
  get onclose(): unknown {
    return this.#socket.onclose;
  }
  set onclose(handler: unknown) {
    // Closing after the messages already received keeps their order (they were deferred too).
    this.#socket.onclose =
      typeof handler === 'function'
        ? (event: unknown) => setImmediate(() => (handler as Handler)(event))
        : handler;
  }
  get onerror(): unknown {
    return this.#socket.onerror;
  }
  set onerror(handler: unknown) {
    this.#socket.onerror = handler;
  }
}

export const MoonrakerWebSocket: WebSocketConstructor = DeferredMessageWebSocket;
