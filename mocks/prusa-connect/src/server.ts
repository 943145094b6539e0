/**
 * The loopback HTTP server: node:http → a WHATWG `Request` (its URL re-rooted on the handlers' base
 * URL, so the very same msw handlers answer) → msw's `getResponse` → the `Response` written back,
 * body streamed. A request no handler takes gets `notFoundBody` (Connect's NOT_FOUND_ENDPOINT); a
 * network-error response (the `drop`/`disconnect` faults) destroys the socket without an answer.
 * Requests a REST server never serves (see request-target.ts) are refused first, CORS (off by
 * default, cors.ts) is answered here, and an unexpected failure is a 500 that never quotes the error.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { getResponse, type RequestHandler } from 'msw';
import { NOT_FOUND_ENDPOINT_BODY } from './connect-error.js';
import { addCorsHeaders, answerPreflight, type CorsOption, isPreflight } from './cors.js';
import { METHOD_NOT_ALLOWED, type Refusal, refuseRequest } from './request-target.js';

/** Hop-by-hop headers belong to this connection, not to the request the handlers see. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host']);
const INTERNAL_ERROR_BODY = { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' };
const UNPARSABLE_REQUEST: Refusal = {
  status: 400,
  body: { code: 'BAD_REQUEST', message: 'Bad request', reason: 'Malformed HTTP request' },
};
const HEADERS_TOO_LARGE: Refusal = {
  status: 431,
  body: { code: 'BAD_REQUEST', message: 'Request header fields too large' },
};
const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  405: 'Method Not Allowed',
  431: 'Request Header Fields Too Large',
};

export interface LoopbackServer {
  readonly url: string;
  readonly port: number;
  /** Starts answering with these handlers, matched against `baseUrl`; `notFoundBody` for the rest. */
  serve(handlers: readonly RequestHandler[], baseUrl: string, notFoundBody?: unknown): void;
  close(): Promise<void>;
}

interface Routing {
  handlers: readonly RequestHandler[];
  baseUrl: string;
  notFoundBody: unknown;
  cors: CorsOption;
}

export async function listenLoopback(options: {
  host: string;
  port: number;
  cors?: CorsOption;
}): Promise<LoopbackServer> {
  const routing: Routing = {
    handlers: [],
    baseUrl: '',
    notFoundBody: NOT_FOUND_ENDPOINT_BODY,
    cors: options.cors ?? false,
  };
  const server: Server = createServer({ noDelay: true }, (req: IncomingMessage, res: ServerResponse) => {
    void answer(req, res, routing);
  });
  // CONNECT never reaches the request handler; without this Node would just drop the socket.
  server.on('connect', (_req: IncomingMessage, socket: Socket) => refuseRaw(socket, METHOD_NOT_ALLOWED));
  // What Node's parser cannot read (an unknown method like TRACK, a broken request line, headers
  // too large) gets Connect's error shape too, instead of Node's bare 400.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    refuseRaw(socket, error.code === 'HPE_HEADER_OVERFLOW' ? HEADERS_TOO_LARGE : UNPARSABLE_REQUEST);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    port,
    serve(next, nextBaseUrl, notFoundBody = NOT_FOUND_ENDPOINT_BODY) {
      routing.handlers = next;
      routing.baseUrl = nextBaseUrl.replace(/\/+$/, '');
      routing.notFoundBody = notFoundBody;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function answer(req: IncomingMessage, res: ServerResponse, routing: Routing): Promise<void> {
  try {
    const refusal = refuseRequest(req.method, req.url);
    if (refusal) {
      addCorsHeaders(routing.cors, req, res);
      writeJson(req, res, refusal.status, refusal.body, refusal.headers);
      return;
    }
    if (isPreflight(routing.cors, req)) {
      answerPreflight(routing.cors, req, res);
      return;
    }
    const request = toRequest(req, routing.baseUrl);
    if (!request) {
      writeJson(req, res, 400, {
        code: 'BAD_REQUEST',
        message: 'Bad request',
        reason: 'Invalid request target',
      });
      return;
    }
    const response = await getResponse([...routing.handlers], request);
    addCorsHeaders(routing.cors, req, res);
    if (!response) {
      writeJson(req, res, 404, routing.notFoundBody);
      return;
    }
    if (response.type === 'error') {
      req.socket.destroy();
      return;
    }
    res.statusCode = response.status;
    response.headers.forEach((value, name) => {
      if (name !== 'set-cookie') res.setHeader(name, value);
    });
    closeIfBodyUnread(req, res);
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) res.setHeader('set-cookie', cookies);
    if (!response.body || req.method === 'HEAD') {
      res.end();
      return;
    }
    await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), res);
  } catch {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    writeJson(req, res, 500, INTERNAL_ERROR_BODY);
  }
}

/** The request the handlers see, or undefined when the target cannot be a URL under the base. */
function toRequest(req: IncomingMessage, baseUrl: string): Request | undefined {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] ?? '';
    if (!HOP_BY_HOP.has(name.toLowerCase())) headers.append(name, req.rawHeaders[i + 1] ?? '');
  }
  const method = req.method ?? 'GET';
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  if (method !== 'GET' && method !== 'HEAD') {
    init.body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
    init.duplex = 'half';
  }
  try {
    return new Request(`${baseUrl}${req.url ?? '/'}`, init);
  } catch {
    return undefined;
  }
}

/**
 * A handler that answered without reading the whole body (a 413, a refused upload) leaves the rest of
 * it on the wire: the answer says `Connection: close` and the socket closes once it is sent, so the
 * client stops sending and nothing more is buffered.
 */
function closeIfBodyUnread(req: IncomingMessage, res: ServerResponse): void {
  if (req.complete) return;
  res.setHeader('Connection', 'close');
  res.once('finish', () => {
    if (!req.complete) req.socket.destroySoon();
  });
}

function writeJson(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Content-Length', bytes.length);
  res.statusCode = status;
  closeIfBodyUnread(req, res);
  res.end(bytes);
}

function refuseRaw(socket: Socket, refusal: Refusal): void {
  const body = JSON.stringify(refusal.body);
  const extra = Object.entries(refusal.headers ?? {})
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.end(
    `HTTP/1.1 ${refusal.status} ${STATUS_TEXT[refusal.status] ?? 'Error'}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n${extra}Connection: close\r\n\r\n${body}`,
  );
}
