/** Writing answers the way PrusaLink does: JSON bodies, bare status pages, errors as JSON or text. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a sender returns, so a handler can `return sendError(...)` (the answer is on its way). */
export type Answered = true;

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Answered {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': bytes.length });
  res.end(bytes);
  return true;
}

export function sendEmpty(
  res: ServerResponse,
  status: number,
  headers: Record<string, string | number> = {},
): Answered {
  res.writeHead(status, { ...headers, 'Content-Length': 0 });
  res.end();
  return true;
}

export function sendBytes(
  res: ServerResponse,
  status: number,
  contentType: string,
  bytes: Uint8Array,
): Answered {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': bytes.length });
  res.end(bytes);
  return true;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  411: 'Length Required',
  413: 'Payload Too Large',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

/**
 * An error page. The spec's `Error` object (`title`, `text`, optional `code`) when the client
 * accepts JSON, plain text otherwise (the spec: "all other are returned as text/plain").
 */
export function sendError(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  text: string,
  extra: { headers?: Record<string, string>; code?: string } = {},
): Answered {
  const title = Object.hasOwn(TITLES, status) ? (TITLES[status] as string) : 'Error';
  const headers = extra.headers ?? {};
  if (acceptsJson(req)) {
    const body = { ...(extra.code === undefined ? {} : { code: extra.code }), title, text };
    return sendJson(res, status, body, headers);
  }
  const bytes = Buffer.from(`${status}: ${title}\n\n${text}\n`);
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain', 'Content-Length': bytes.length });
  res.end(bytes);
  return true;
}

function acceptsJson(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').toLowerCase().includes('application/json');
}

/** Reads a request body up to `max` bytes; undefined when it is longer (the caller answers 413). */
export async function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    total += buffer.length;
    if (total > max) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Drains what is left of a request body without keeping it (so the connection can be reused). */
export function drain(req: IncomingMessage): void {
  req.resume();
}
