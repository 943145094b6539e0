/** Klippy's endpoints (seeds/moonraker-printer-administration.md) plus Moonraker's print/restart wrappers. */
import type { Args } from '../args.js';
import type { Connection } from '../connection.js';
import { MoonrakerError } from '../errors.js';
import { SOFTWARE_VERSION } from '../gcode.js';
import { gcodeHelp } from '../gcode-help.js';
import { isPlainObject } from '../jsonrpc.js';
import { endstopWord, queryEndstops } from '../klipper-state.js';
import { objectNames } from '../objects.js';
import { type ObjectRequest, selectStatus } from '../status-diff.js';
import type { HttpRoute, MethodContext, MethodTable } from './types.js';

async function runGcode(ctx: MethodContext, script: string): Promise<string> {
  ctx.host.gcodeStore.add(script, 'command', ctx.host.wallClock.now());
  await ctx.host.gcode.run(script);
  return 'ok';
}

/** Klipper's webhooks: `objects` must be a dict; each value null or a list of field names. */
function objectRequest(ctx: MethodContext, args: Args): ObjectRequest {
  if (!args.has('objects')) {
    // `GET /printer/objects/query?gcode_move&toolhead&extruder=target,temperature`
    if (ctx.transport === 'http' && Object.keys(args.raw).some((k) => k !== '_' && k !== 'connection_id')) {
      const request: ObjectRequest = Object.create(null);
      for (const [name, value] of Object.entries(args.raw)) {
        // application.py EXCLUDED_ARGS: not object names.
        if (name === '_' || name === 'connection_id') continue;
        request[name] = typeof value === 'string' && value !== '' ? value.split(',') : null;
      }
      return request;
    }
    throw new MoonrakerError('Missing Argument [objects]');
  }
  const objects = args.get('objects');
  if (!isPlainObject(objects)) throw new MoonrakerError('Invalid Argument Type [objects]');
  const request: ObjectRequest = Object.create(null);
  for (const [name, fields] of Object.entries(objects)) {
    if (fields === null) request[name] = null;
    else if (Array.isArray(fields)) request[name] = fields.map(String);
    // Klippy iterates whatever it got: a string asks for each of its characters.
    else if (typeof fields === 'string') request[name] = [...fields];
    else throw new MoonrakerError(`Invalid Argument Type [objects]`);
  }
  return request;
}

/** Klippy's endpoints are registered `is_remote`: GET and POST alike (moonraker/common.py L270-275). */
function remote(path: string): HttpRoute[] {
  return [
    { verb: 'GET', path },
    { verb: 'POST', path },
  ];
}

function subscribable(ctx: MethodContext, args: Args): Connection {
  const id = ctx.transport === 'http' ? Number(args.raw.connection_id) : Number.NaN;
  for (const connection of ctx.host.connections) if (connection.id === id) return connection;
  throw new MoonrakerError('No connection associated with subscription request');
}

export const PRINTER_METHODS: MethodTable = {
  'printer.info': {
    http: remote('/printer/info'),
    klippy: 'registered',
    cacheKey: ({ host }) => `${host.klippy.state} ${host.klippy.stateMessage}`,
    handler: ({ host }) => ({
      state: host.klippy.state,
      state_message: host.klippy.stateMessage,
      hostname: 'printkit-mock',
      klipper_path: '/home/pi/klipper',
      python_path: '/home/pi/klippy-env/bin/python',
      process_id: 275124,
      user_id: 1000,
      group_id: 1000,
      log_file: '/home/pi/printer_data/logs/klippy.log',
      config_file: '/home/pi/printer_data/config/printer.cfg',
      software_version: SOFTWARE_VERSION,
      cpu_info: '4 core ARMv8 Processor rev 3 (v8l)',
    }),
  },
  'printer.emergency_stop': {
    http: remote('/printer/emergency_stop'),
    klippy: 'registered',
    handler: ({ host }) => {
      host.emergencyStop('Shutdown due to webhooks request');
      return 'ok';
    },
  },
  'printer.restart': {
    http: [{ verb: 'POST', path: '/printer/restart' }],
    klippy: 'required',
    handler: (ctx) => runGcode(ctx, 'RESTART'),
  },
  'printer.firmware_restart': {
    http: [{ verb: 'POST', path: '/printer/firmware_restart' }],
    klippy: 'required',
    handler: (ctx) => runGcode(ctx, 'FIRMWARE_RESTART'),
  },
  'printer.objects.list': {
    http: remote('/printer/objects/list'),
    klippy: 'registered',
    // A printer's heaters and configured pins never change while the mock runs.
    cacheKey: () => 'static',
    handler: ({ host }) => ({
      objects: objectNames(
        host.sim.snapshot().temperatures.chamber !== undefined,
        host.klipper.outputPins.names(),
      ),
    }),
  },
  'printer.objects.query': {
    http: remote('/printer/objects/query'),
    klippy: 'registered',
    handler: async (ctx, args) => {
      const request = objectRequest(ctx, args);
      const latency = ctx.host.options.queryLatencyMs;
      if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
      return { eventtime: ctx.host.eventtime(), status: selectStatus(ctx.host.objects(), request) };
    },
  },
  'printer.objects.subscribe': {
    http: remote('/printer/objects/subscribe'),
    klippy: 'registered',
    handler: (ctx, args) => {
      // Over HTTP, `?connection_id=` names the websocket that gets the notifications (application.py L516-529).
      const connection = ctx.connection ?? subscribable(ctx, args);
      const request = objectRequest(ctx, args);
      const status = selectStatus(ctx.host.objects(), request);
      // A new subscription replaces the previous one; `{}` cancels it.
      if (connection)
        connection.subscription = Object.keys(request).length > 0 ? { request, last: status } : undefined;
      return { eventtime: ctx.host.eventtime(), status };
    },
  },
  'printer.query_endstops.status': {
    http: remote('/printer/query_endstops/status'),
    klippy: 'registered',
    handler: ({ host }) => {
      const states = queryEndstops(host.sim.snapshot().position, host.klipper.homedAxes);
      host.klipper.lastEndstopQuery = states;
      return Object.fromEntries(Object.entries(states).map(([axis, value]) => [axis, endstopWord(value)]));
    },
  },
  'printer.gcode.script': {
    http: remote('/printer/gcode/script'),
    klippy: 'registered',
    handler: (ctx, args) => runGcode(ctx, args.str('script')),
  },
  'printer.gcode.help': {
    http: remote('/printer/gcode/help'),
    klippy: 'registered',
    cacheKey: () => 'static',
    handler: ({ host }) => gcodeHelp(host.klipper.outputPins.size > 0),
  },
  'printer.print.start': {
    http: [{ verb: 'POST', path: '/printer/print/start' }],
    klippy: 'required',
    handler: (ctx, args) => runGcode(ctx, `SDCARD_PRINT_FILE FILENAME="${args.str('filename')}"`),
  },
  'printer.print.pause': {
    http: [{ verb: 'POST', path: '/printer/print/pause' }],
    klippy: 'required',
    handler: (ctx) => runGcode(ctx, 'PAUSE'),
  },
  'printer.print.resume': {
    http: [{ verb: 'POST', path: '/printer/print/resume' }],
    klippy: 'required',
    handler: (ctx) => runGcode(ctx, 'RESUME'),
  },
  'printer.print.cancel': {
    http: [{ verb: 'POST', path: '/printer/print/cancel' }],
    klippy: 'required',
    handler: (ctx) => runGcode(ctx, 'CANCEL_PRINT'),
  },
};
