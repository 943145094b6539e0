// Every method's HTTP route, as Moonraker's docs (docs/external_api/*.md) spell it: the rule plus the
// exceptions in http-routes.ts must give exactly these.
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../protocol/decode.js';
import type { MoonrakerMethod } from '../protocol/table.js';
import { httpRoute } from './http-routes.js';

const DOCUMENTED: Record<MoonrakerMethod, string | null> = {
  'printer.info': 'GET /printer/info query',
  'printer.emergency_stop': 'POST /printer/emergency_stop body',
  'printer.restart': 'POST /printer/restart body',
  'printer.firmware_restart': 'POST /printer/firmware_restart body',
  'printer.objects.list': 'GET /printer/objects/list query',
  'printer.objects.query': 'POST /printer/objects/query body',
  'printer.objects.subscribe': null,
  'printer.query_endstops.status': 'GET /printer/query_endstops/status query',
  'printer.gcode.script': 'POST /printer/gcode/script body',
  'printer.gcode.help': 'GET /printer/gcode/help query',
  'printer.print.start': 'POST /printer/print/start query',
  'printer.print.pause': 'POST /printer/print/pause body',
  'printer.print.resume': 'POST /printer/print/resume body',
  'printer.print.cancel': 'POST /printer/print/cancel body',
  'server.connection.identify': null,
  'server.info': 'GET /server/info query',
  'server.files.list': 'GET /server/files/list query',
  'server.files.metadata': 'GET /server/files/metadata query',
  'server.files.delete_file': 'DELETE /server/files/gcodes/a%20b.gcode path',
  'server.history.list': 'GET /server/history/list query',
  'server.job_queue.status': 'GET /server/job_queue/status query',
  'server.gcode_store': 'GET /server/gcode_store query',
  'server.temperature_store': 'GET /server/temperature_store query',
  'machine.system_info': 'GET /machine/system_info query',
  'server.files.roots': 'GET /server/files/roots query',
  'server.files.get_directory': 'GET /server/files/directory query',
  'server.files.thumbnails': 'GET /server/files/thumbnails query',
  'server.files.post_directory': 'POST /server/files/directory body',
  'server.files.delete_directory': 'DELETE /server/files/directory query',
  'server.files.move': 'POST /server/files/move body',
  'server.files.copy': 'POST /server/files/copy body',
  'server.history.get_job': 'GET /server/history/job query',
  'server.history.totals': 'GET /server/history/totals query',
  'server.webcams.list': 'GET /server/webcams/list query',
  'server.webcams.get_item': 'GET /server/webcams/item query',
  'server.webcams.post_item': 'POST /server/webcams/item body',
  'server.webcams.delete_item': 'DELETE /server/webcams/item query',
  'server.database.list': 'GET /server/database/list query',
  'server.database.get_item': 'GET /server/database/item query',
  'server.database.post_item': 'POST /server/database/item body',
  'server.database.delete_item': 'DELETE /server/database/item query',
};

describe('HTTP routes', () => {
  it('every method in the table has its documented route (or none)', () => {
    expect(Object.keys(DOCUMENTED).sort()).toEqual([...METHOD_NAMES].sort());
    for (const method of METHOD_NAMES) {
      const route = httpRoute(method);
      const path =
        route === null
          ? undefined
          : typeof route.path === 'string'
            ? route.path
            : (route.path as (params: unknown) => string)({ path: 'gcodes/a b.gcode' });
      expect(route === null ? null : `${route.verb} ${path} ${route.params}`, method).toBe(
        DOCUMENTED[method],
      );
    }
  });
});
