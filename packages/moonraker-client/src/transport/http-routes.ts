/**
 * Where each JSON-RPC method lives over HTTP (Moonraker's documented routes). Most follow one rule —
 * the method name with `/` for `.` (`server.files.list` → `GET /server/files/list`), params in the
 * query string — so only the methods that differ are listed, and no method name is spelled twice.
 * `null` marks the methods Moonraker offers only on a persistent connection.
 */
import { ownValue } from '@printkit/core-types/codec';
import type { MethodParams, MoonrakerMethod } from '../protocol/table.js';

export interface HttpRoute {
  verb: 'GET' | 'POST' | 'DELETE';
  /** A fixed path, or one built from the params (file deletion puts the path in the URL). */
  path: string | ((params: never) => string);
  /** How the params travel: in the query string, as a JSON body, or already in the path. */
  params: 'query' | 'body' | 'path';
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

const post = (path?: string): Partial<HttpRoute> => ({
  verb: 'POST',
  params: 'body',
  ...(path ? { path } : {}),
});

/** The methods whose route differs from `GET /<method with / for .>` with query params. */
const EXCEPTIONS: { [M in MoonrakerMethod]?: Partial<HttpRoute> | null } = {
  'printer.emergency_stop': post(),
  'printer.restart': post(),
  'printer.firmware_restart': post(),
  'printer.objects.query': post(),
  'printer.objects.subscribe': null,
  'printer.gcode.script': post(),
  // The documented form is `POST /printer/print/start?filename=...`.
  'printer.print.start': { verb: 'POST' },
  'printer.print.pause': post(),
  'printer.print.resume': post(),
  'printer.print.cancel': post(),
  'server.connection.identify': null,
  'server.files.delete_file': {
    verb: 'DELETE',
    path: (params: MethodParams<'server.files.delete_file'>) => `/server/files/${encodePath(params.path)}`,
    params: 'path',
  },
  'server.files.get_directory': { path: '/server/files/directory' },
  'server.files.post_directory': post('/server/files/directory'),
  'server.files.delete_directory': { verb: 'DELETE', path: '/server/files/directory' },
  'server.files.move': post(),
  'server.files.copy': post(),
  'server.history.get_job': { path: '/server/history/job' },
  'server.webcams.get_item': { path: '/server/webcams/item' },
  'server.webcams.post_item': post('/server/webcams/item'),
  'server.webcams.delete_item': { verb: 'DELETE', path: '/server/webcams/item' },
  'server.database.get_item': { path: '/server/database/item' },
  'server.database.post_item': post('/server/database/item'),
  'server.database.delete_item': { verb: 'DELETE', path: '/server/database/item' },
};

/** The HTTP route of a method in the table; null when it is WebSocket-only. */
export function httpRoute(method: MoonrakerMethod): HttpRoute | null {
  const exception = ownValue(EXCEPTIONS as Record<string, Partial<HttpRoute> | null>, method);
  if (exception === null) return null;
  return {
    verb: exception?.verb ?? 'GET',
    path: exception?.path ?? `/${method.replaceAll('.', '/')}`,
    params: exception?.params ?? 'query',
  };
}
