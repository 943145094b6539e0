/** Small pieces every HTTP server of the mock shares: refusals, JSON answers, request targets, listen. */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A refusal with its HTTP status; anything else thrown by a route is a 500. */
export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * The path and query of an origin-form request target (`/path?query`). Absolute-form, `*`, and
 * targets that are no URL are the client's fault: 400, never a 500 (issue 10, "GET ////").
 */
export function requestTarget(req: IncomingMessage): URL {
  const target = req.url ?? '';
  if (!target.startsWith('/')) throw new HttpFailure(400, 'expected an origin-form request target');
  try {
    // Prefixing the origin keeps `////` or `//host` a path instead of a scheme-relative URL.
    return new URL(`http://printer${target}`);
  } catch {
    throw new HttpFailure(400, 'malformed request target');
  }
}

/** A percent-encoded path segment; a malformed one is the client's fault (400), not ours (500). */
export function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new HttpFailure(400, 'malformed percent-encoding in the path');
  }
}

/**
 * Runs a route and turns what it throws into an answer. Once headers went out nothing can be said,
 * so the socket is closed instead.
 */
export function answerFailures(
  route: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    route(req, res).catch((error: unknown) => {
      const status = error instanceof HttpFailure ? error.status : 500;
      const msg = error instanceof HttpFailure ? error.message : 'internal error';
      if (res.headersSent) {
        res.destroy();
        return;
      }
      // A refused body is not read further; closing stops a client still sending it.
      if (status === 413) res.setHeader('connection', 'close');
      sendJson(res, status, { code: status, msg });
    });
  };
}

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
}
