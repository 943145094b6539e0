// The socket layer against a real `ws` server: text frames arrive as strings, binary frames as bytes
// (the `ws` fast path must not change what the JSON-RPC peer receives), whichever constructor is used.
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { closeQuietly, openSocket, type WebSocketConstructor } from '../src/transport/websocket.js';

const servers: WebSocketServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function server(): Promise<{ url: string; server: WebSocketServer }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  servers.push(wss);
  await new Promise((resolve) => wss.once('listening', resolve));
  wss.on('connection', (socket) => {
    socket.send('{"jsonrpc":"2.0","method":"notify_klippy_ready"}');
    socket.send(Buffer.from('{"jsonrpc":"2.0","method":"ünïcode"}'), { binary: true });
  });
  return { url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, server: wss };
}

/** `ws` seen only through the standard handler properties (as a browser's WebSocket is). */
class HandlerPropertiesOnly {
  readonly #socket: WebSocket;
  constructor(url: string) {
    this.#socket = new WebSocket(url);
  }
  get readyState() {
    return this.#socket.readyState;
  }
  set onopen(handler: unknown) {
    this.#socket.onopen = handler as WebSocket['onopen'];
  }
  set onmessage(handler: unknown) {
    this.#socket.onmessage = handler as WebSocket['onmessage'];
  }
  set onclose(handler: unknown) {
    this.#socket.onclose = handler as WebSocket['onclose'];
  }
  set onerror(handler: unknown) {
    this.#socket.onerror = handler as WebSocket['onerror'];
  }
  get onopen() {
    return this.#socket.onopen;
  }
  get onmessage() {
    return this.#socket.onmessage;
  }
  get onclose() {
    return this.#socket.onclose;
  }
  get onerror() {
    return this.#socket.onerror;
  }
  send(data: string) {
    this.#socket.send(data);
  }
  close() {
    this.#socket.close();
  }
}

describe('openSocket', () => {
  it.each([
    ['ws (its message event)', WebSocket as unknown as WebSocketConstructor],
    ['handler properties only', HandlerPropertiesOnly as unknown as WebSocketConstructor],
  ])('%s: a text frame arrives as a string, a binary frame as UTF-8 bytes', async (_name, SocketClass) => {
    const { url } = await server();
    const received: unknown[] = [];
    let done: () => void = () => undefined;
    const both = new Promise<void>((resolve) => {
      done = resolve;
    });
    const socket = await openSocket({
      url,
      WebSocket: SocketClass,
      headers: {},
      redact: (text) => text,
      signal: new AbortController().signal,
      handlers: {
        onMessage: (data) => {
          received.push(data);
          if (received.length === 2) done();
        },
        onClose: () => undefined,
      },
    });
    await both;
    expect(received[0]).toBe('{"jsonrpc":"2.0","method":"notify_klippy_ready"}');
    expect(typeof received[1]).not.toBe('string');
    expect(new TextDecoder().decode(received[1] as Uint8Array)).toBe('{"jsonrpc":"2.0","method":"ünïcode"}');
    closeQuietly(socket);
  });
});
