/**
 * The loopback HTTP server: node:http → a WHATWG `Request` (its URL re-rooted on the handlers' base
 * URL, so the very same msw handlers answer) → msw's `getResponse` → the `Response` written back,
 * body streamed. A request no handler takes gets Connect's NOT_FOUND_ENDPOINT; a network-error
 * response (the `drop`/`disconnect` faults) destroys the socket without an answer.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { getResponse, type RequestHandler } from 'msw';
import { NOT_FOUND_ENDPOINT_BODY } from './connect-error.js';

/** Hop-by-hop headers belong to this connection, not to the request the handlers see. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host']);

export interface LoopbackServer {
  readonly url: string;
  readonly port: number;
  /** Starts answering with these handlers, matched against `baseUrl`; `notFoundBody` for the rest. */
  serve(handlers: readonly RequestHandler[], baseUrl: string, notFoundBody?: unknown): void;
  close(): Promise<void>;
}

export async function listenLoopback(options: { host: string; port: number }): Promise<LoopbackServer> {
  let handlers: readonly RequestHandler[] = [];
  let baseUrl = '';
  let notFound: unknown = NOT_FOUND_ENDPOINT_BODY;
  const server: Server = createServer({ noDelay: true }, (req: IncomingMessage, res: ServerResponse) => {
    void answer(req, res, handlers, baseUrl, notFound);
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
      handlers = next;
      baseUrl = nextBaseUrl.replace(/\/+$/, '');
      notFound = notFoundBody;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  handlers: readonly RequestHandler[],
  baseUrl: string,
  notFoundBody: unknown,
): Promise<void> {
  try {
    const response = await getResponse([...handlers], toRequest(req, baseUrl));
    if (!response) {
      writeJson(res, 404, notFoundBody);
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
  } catch (error) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    writeJson(res, 500, {
      code: 'INTERNAL_SERVER_ERROR',
      message: error instanceof Error ? error.message : 'Internal server error',
    });
  }
}

function toRequest(req: IncomingMessage, baseUrl: string): Request {
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
  return new Request(`${baseUrl}${req.url ?? '/'}`, init);
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

function writeJson(res: ServerResponse, status: number, body: unknown): void {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': bytes.length });
  res.end(bytes);
}
