/** Moonraker's own endpoints (server.py, websockets.py, data_store.py, proc_stats.py): identify, info, config, restart, logs, stores, proc stats, system info. */
import { LISTED_COMPONENTS } from '../components.js';
import { MoonrakerError, unauthorized } from '../errors.js';
import { ROOTS } from '../files/store.js';
import { systemInfo } from '../machine.js';
import { pythonRepr } from '../python-repr.js';
import { serverConfig } from '../server-config.js';
import { isJobActive } from '../sim-states.js';
import type { MethodTable } from './types.js';

const CLIENT_TYPES = ['web', 'mobile', 'desktop', 'display', 'bot', 'agent', 'other'];

export const SERVER_METHODS: MethodTable = {
  'server.connection.identify': {
    websocketOnly: true,
    auth: false,
    handler: ({ host, connection }, args) => {
      if (!connection) throw new MoonrakerError('No connection');
      if (connection.clientData) {
        throw new MoonrakerError(`Connection already identified: ${pythonRepr(connection.clientData)}`);
      }
      const name = args.str('client_name');
      const version = args.str('version');
      const type = args.str('type').toLowerCase();
      const url = args.str('url');
      if (!CLIENT_TYPES.includes(type)) throw new MoonrakerError(`Invalid Client Type: ${type}`);
      if (host.auth.enabled) {
        if (args.has('access_token'))
          connection.identity = host.auth.validateAccessToken(args.str('access_token'));
        else if (args.has('api_key') && !connection.identity) {
          connection.identity = host.auth.validateApiKey(args.str('api_key'));
        } else if (!connection.identity) throw unauthorized();
      } else if (args.has('api_key')) {
        // Open (trusted) fake: a key is only checked with `failedApiKeyRevokesTrust`, and a failed
        // attempt then costs this connection its trusted status.
        try {
          host.auth.validateApiKey(args.str('api_key'));
        } catch (error) {
          connection.identity = undefined;
          throw error;
        }
      }
      connection.clientData = { name, version, type, url };
      return { connection_id: connection.id };
    },
  },
  'server.info': {
    http: [{ verb: 'GET', path: '/server/info' }],
    cacheKey: ({ host }) => `${host.klippy.connected} ${host.klippy.state} ${host.connections.size}`,
    handler: ({ host }) => ({
      klippy_connected: host.klippy.connected,
      klippy_state: host.klippy.state,
      components: [...LISTED_COMPONENTS],
      failed_components: [],
      registered_directories: [...ROOTS],
      warnings: [...host.cors.warnings],
      websocket_count: host.connections.size,
      moonraker_version: 'v0.10.0',
      missing_klippy_requirements: [],
      api_version: [1, 5, 0],
      api_version_string: '1.5.0',
    }),
  },
  'server.gcode_store': {
    http: [{ verb: 'GET', path: '/server/gcode_store' }],
    handler: ({ host }, args) => ({ gcode_store: host.gcodeStore.last(args.int('count', 100)) }),
  },
  'server.temperature_store': {
    http: [{ verb: 'GET', path: '/server/temperature_store' }],
    handler: ({ host }, args) => {
      args.bool('include_monitors', false);
      return host.temperatureStore.snapshot();
    },
  },
  'server.restart': {
    http: [{ verb: 'POST', path: '/server/restart' }],
    handler: ({ host }) => {
      // The reply goes out first; then every websocket closes, as Moonraker's process restarts.
      host.restartServer(100);
      return 'ok';
    },
  },
  // loghelper.py L187-213: moonraker and klipper; the fake has no log files to rotate but says it did.
  'server.logs.rollover': {
    http: [{ verb: 'POST', path: '/server/logs/rollover' }],
    handler: ({ host }, args) => {
      const application = args.str('application', undefined);
      if (application !== undefined && application !== 'moonraker' && application !== 'klipper')
        throw new MoonrakerError(`Unknown application ${application}`);
      if (isJobActive(host.sim.state) && application !== 'moonraker')
        return {
          rolled_over: application ? [] : ['moonraker'],
          failed: { klipper: 'Cannot rollover log while printing' },
        };
      return { rolled_over: application ? [application] : ['moonraker', 'klipper'], failed: {} };
    },
  },
  'server.config': {
    http: [{ verb: 'GET', path: '/server/config' }],
    handler: ({ host }) => serverConfig(host.options, host.port),
  },
  // websockets.py L57: websocket transport only (deprecated in favour of identify's connection_id).
  'server.websocket.id': {
    websocketOnly: true,
    handler: ({ connection }) => ({ websocket_id: connection?.id }),
  },
  'machine.proc_stats': {
    http: [{ verb: 'GET', path: '/machine/proc_stats' }],
    handler: ({ host }) => host.procStats.snapshot(host.wallClock.now(), host.connections.size),
  },
  'machine.system_info': {
    http: [{ verb: 'GET', path: '/machine/system_info' }],
    cacheKey: () => 'static',
    handler: () => systemInfo(),
  },
};
