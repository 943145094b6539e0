/**
 * File downloads and deletes by URL (application.py FileRequestHandler, L765-850, v0.10.0):
 * `GET /server/files/<root>/<path>` (and `/server/files/klippy.log`, `/server/files/moonraker.log`),
 * `DELETE /server/files/<root>/<path>` → `{"result": {item, action}}`. As Tornado's HTTPError is
 * raised there without a reason, error bodies carry the standard reason phrase, not the message.
 */
import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import { MoonrakerError } from './errors.js';
import { ROOTS, type Root } from './files/store.js';
import type { MoonrakerHost } from './host.js';
import { sendError, sendResult } from './http-envelope.js';
import { deleteFile } from './methods/files.js';

const PREFIX = '/server/files/';

function download(res: ServerResponse, req: IncomingMessage, name: string, data: Buffer): void {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const ascii = base.replace(/[^\x20-\x7e]|"/g, '_');
  res.writeHead(200, {
    'Content-Type': contentType(base),
    'Content-Length': data.length,
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(base)}`,
    'Accept-Ranges': 'bytes',
  });
  res.end(req.method === 'HEAD' ? undefined : data);
}

function contentType(name: string): string {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  switch (ext) {
    case 'png':
      return 'image/png';
    case 'jpg':
    case 'jpeg':
      return 'image/jpeg';
    case 'json':
      return 'application/json';
    case 'zip':
      return 'application/zip';
    case 'txt':
    case 'cfg':
    case 'conf':
    case 'log':
      return 'text/plain';
    default:
      return 'application/octet-stream';
  }
}

/** Handles the request when it is a file URL; false otherwise. */
export function serveFileRoute(
  host: MoonrakerHost,
  verb: string,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
  authorized: boolean,
): boolean {
  if (!path.startsWith(PREFIX)) return false;
  const rest = path.slice(PREFIX.length);
  const logFile = rest === 'klippy.log' || rest === 'moonraker.log';
  const root = logFile ? 'logs' : rest.slice(0, rest.indexOf('/'));
  if (!(ROOTS as readonly string[]).includes(root)) return false;
  const rel = logFile ? rest : rest.slice(root.length + 1);
  if (verb !== 'GET' && verb !== 'HEAD' && verb !== 'DELETE') return false;
  if (!authorized) {
    sendError(res, 401, 'Unauthorized');
    return true;
  }
  if (verb === 'DELETE') {
    try {
      sendResult(res, deleteFile(host, `${root}/${rel}`), req);
    } catch (error) {
      const status = error instanceof MoonrakerError ? error.status : 500;
      sendError(res, status, STATUS_CODES[status] ?? 'Error');
    }
    return true;
  }
  let data: Buffer | undefined;
  try {
    const resolved = host.files.resolve(`${root}/${rel}`);
    data = host.files.read(resolved.root as Root, resolved.rel);
  } catch {
    data = undefined;
  }
  if (data === undefined) sendError(res, 404, 'Not Found');
  else download(res, req, rel, data);
  return true;
}
