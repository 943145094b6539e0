/**
 * HTTP and `/websocket` on one port: a node:http server whose `upgrade` hands `/websocket` to a
 * `ws` server in noServer mode. Credentials on the upgrade (X-Api-Key, Bearer, `?token=` oneshot,
 * `?access_token=`) authenticate the socket; without them it still opens, and protected calls get
 * -32602 "Unauthorized" until identify carries valid credentials.
 */
import { createServer, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { Connection } from './connection.js';
import type { MoonrakerHost } from './host.js';
import { credentialsOf, handleHttp } from './http.js';
import { type DispatchContext, type DispatchOutcome, dispatchText, MALFORMED_FRAME } from './rpc-dispatch.js';

export interface MoonrakerServer {
  readonly http: Server;
  readonly wss: WebSocketServer;
  dropConnections(): void;
  close(): Promise<void>;
}

function text(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

export function createMoonrakerServer(host: MoonrakerHost): MoonrakerServer {
  const wss = new WebSocketServer({ noServer: true });
  const http = createServer((req, res) => {
    void handleHttp(host, req, res);
  });

  http.on('upgrade', (req, socket: Duplex, head) => {
    // node:http takes its own error listener off an upgraded socket: without one, a client that
    // resets the connection would crash the process.
    socket.on('error', () => socket.destroy());
    // A request target URL cannot read (`GET http://[x`) must not throw out of this event handler.
    const url = URL.canParse(req.url ?? '/', 'http://localhost')
      ? new URL(req.url ?? '/', 'http://localhost')
      : undefined;
    if (url === undefined) {
      socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    if (url.pathname !== '/websocket') {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    if (!host.cors.allowsWebsocket(req)) {
      socket.end(
        'HTTP/1.1 403 Cross origin websockets not allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
      );
      return;
    }
    // A failed credential opens the socket unauthenticated (websockets.py L328-335): not trusted.
    const identity = host.auth.identify(credentialsOf(req, url));
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws, identity));
  });

  const attach = (ws: WebSocket, identity: Connection['identity']) => {
    const connection = new Connection({
      id: host.nextConnectionId(),
      socket: ws,
      identity,
      write: (socket, frame) => host.write(socket, frame),
    });
    host.connections.add(connection);
    // The connection carries its own identity (identify may change it), so one context serves every frame.
    const context: DispatchContext = { host, connection, identity: undefined, transport: 'websocket' };
    const deliver = (outcome: DispatchOutcome) => {
      if (outcome.kind === 'reply') connection.send(outcome.text);
      else if (outcome.kind === 'malformed') connection.send(MALFORMED_FRAME);
      else if (outcome.kind === 'disconnect') ws.terminate();
    };
    ws.on('message', (data) => {
      const outcome = dispatchText(text(data), context);
      if (outcome instanceof Promise) void outcome.then(deliver);
      else deliver(outcome);
    });
    ws.on('close', () => host.connections.delete(connection));
    ws.on('error', () => ws.terminate());
  };

  return {
    http,
    wss,
    dropConnections: () => {
      for (const connection of [...host.connections]) connection.socket.terminate();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const connection of [...host.connections]) connection.socket.terminate();
        host.connections.clear();
        wss.close();
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}
