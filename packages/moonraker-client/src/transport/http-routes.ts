/**
 * Where each JSON-RPC method lives over HTTP (Moonraker's documented routes). `null` marks the
 * methods Moonraker offers only on a persistent connection.
 */
import type { MethodParams, MoonrakerMethod } from '../protocol/table.js';

export interface HttpRoute<M extends MoonrakerMethod = MoonrakerMethod> {
  verb: 'GET' | 'POST' | 'DELETE';
  /** A fixed path, or one built from the params (file deletion puts the path in the URL). */
  path: string | ((params: MethodParams<M>) => string);
  /** How the params travel: in the query string, as a JSON body, or already in the path. */
  params: 'query' | 'body' | 'path';
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

export const HTTP_ROUTES: { [M in MoonrakerMethod]: HttpRoute<M> | null } = {
  'printer.info': { verb: 'GET', path: '/printer/info', params: 'query' },
  'printer.emergency_stop': { verb: 'POST', path: '/printer/emergency_stop', params: 'body' },
  'printer.restart': { verb: 'POST', path: '/printer/restart', params: 'body' },
  'printer.firmware_restart': { verb: 'POST', path: '/printer/firmware_restart', params: 'body' },
  'printer.objects.list': { verb: 'GET', path: '/printer/objects/list', params: 'query' },
  'printer.objects.query': { verb: 'POST', path: '/printer/objects/query', params: 'body' },
  'printer.objects.subscribe': null,
  'printer.query_endstops.status': { verb: 'GET', path: '/printer/query_endstops/status', params: 'query' },
  'printer.gcode.script': { verb: 'POST', path: '/printer/gcode/script', params: 'body' },
  'printer.gcode.help': { verb: 'GET', path: '/printer/gcode/help', params: 'query' },
  // The documented form is `POST /printer/print/start?filename=...`.
  'printer.print.start': { verb: 'POST', path: '/printer/print/start', params: 'query' },
  'printer.print.pause': { verb: 'POST', path: '/printer/print/pause', params: 'body' },
  'printer.print.resume': { verb: 'POST', path: '/printer/print/resume', params: 'body' },
  'printer.print.cancel': { verb: 'POST', path: '/printer/print/cancel', params: 'body' },
  'server.connection.identify': null,
  'server.info': { verb: 'GET', path: '/server/info', params: 'query' },
  'server.files.list': { verb: 'GET', path: '/server/files/list', params: 'query' },
  'server.files.metadata': { verb: 'GET', path: '/server/files/metadata', params: 'query' },
  'server.files.delete_file': {
    verb: 'DELETE',
    path: (params) => `/server/files/${encodePath(params.path)}`,
    params: 'path',
  },
  'server.history.list': { verb: 'GET', path: '/server/history/list', params: 'query' },
  'server.job_queue.status': { verb: 'GET', path: '/server/job_queue/status', params: 'query' },
  'server.gcode_store': { verb: 'GET', path: '/server/gcode_store', params: 'query' },
  'server.temperature_store': { verb: 'GET', path: '/server/temperature_store', params: 'query' },
  'machine.system_info': { verb: 'GET', path: '/machine/system_info', params: 'query' },
  'server.files.roots': { verb: 'GET', path: '/server/files/roots', params: 'query' },
  'server.files.get_directory': { verb: 'GET', path: '/server/files/directory', params: 'query' },
  'server.files.thumbnails': { verb: 'GET', path: '/server/files/thumbnails', params: 'query' },
  'server.files.post_directory': { verb: 'POST', path: '/server/files/directory', params: 'body' },
  'server.files.delete_directory': { verb: 'DELETE', path: '/server/files/directory', params: 'query' },
  'server.files.move': { verb: 'POST', path: '/server/files/move', params: 'body' },
  'server.files.copy': { verb: 'POST', path: '/server/files/copy', params: 'body' },
  'server.history.get_job': { verb: 'GET', path: '/server/history/job', params: 'query' },
  'server.history.totals': { verb: 'GET', path: '/server/history/totals', params: 'query' },
  'server.webcams.list': { verb: 'GET', path: '/server/webcams/list', params: 'query' },
  'server.webcams.get_item': { verb: 'GET', path: '/server/webcams/item', params: 'query' },
  'server.database.list': { verb: 'GET', path: '/server/database/list', params: 'query' },
  'server.database.get_item': { verb: 'GET', path: '/server/database/item', params: 'query' },
  'server.database.post_item': { verb: 'POST', path: '/server/database/item', params: 'body' },
  'server.database.delete_item': { verb: 'DELETE', path: '/server/database/item', params: 'query' },
};
