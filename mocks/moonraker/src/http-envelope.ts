/** Moonraker's HTTP envelopes: `{"result": ...}` on success, `{"error": {code, message, traceback}}` on failure. */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export function sendJson(res: ServerResponse, status: number, body: unknown, req?: IncomingMessage): void {
  const text = JSON.stringify(body);
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/json; charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
  };
  // Tornado adds an Etag to successful GET responses.
  if (req?.method === 'GET' && status === 200)
    headers.Etag = `"${createHash('sha1').update(text).digest('hex')}"`;
  res.writeHead(status, headers);
  res.end(text);
}

export function sendResult(res: ServerResponse, result: unknown, req: IncomingMessage, status = 200): void {
  sendJson(res, status, { result }, req);
}

export function sendError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: { code: status, message, traceback: traceback(message) } });
}

/** A Python-looking traceback: real Moonraker puts one in every HTTP error body. */
function traceback(message: string): string {
  return [
    'Traceback (most recent call last):',
    '  File "/home/pi/moonraker/moonraker/components/application.py", line 1040, in _process_http_request',
    '    result = await self._do_request(args, conn)',
    '  File "/home/pi/moonraker/moonraker/server.py", line 612, in _do_request',
    '    raise ServerError(msg, status)',
    `moonraker.utils.ServerError: ${message}`,
    '',
  ].join('\n');
}
