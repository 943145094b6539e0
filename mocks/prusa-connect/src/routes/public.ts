/** The endpoints Connect answers without a token: version, app config, printer types. */
import { type HttpHandler, HttpResponse } from 'msw';
import { defineRoute } from '../route.js';
import type { MockWorld } from '../state.js';

export const MOCK_VERSION = { commit: 'baef7db3', version: 'baef7db3', date: '2026-02-02T11:49:56.846Z' };

/**
 * The `auth` object an SDK reads before login (protocol notes: it needs it complete). Field names
 * from dcode/python-prusa-connect-sdk-client `models/config.py`; `server_url` is the mock's account
 * origin and `client_id` the first OAuth client id it accepts (Connect's own, as both public clients
 * send it); the other values are the mock's own.
 */
export function appConfig(world: MockWorld): Record<string, unknown> {
  return {
    auth: {
      backends: ['PRUSA_AUTH'],
      server_url: world.account.baseUrl,
      client_id: world.account.clientIds[0] ?? '',
      redirect_url: `${world.baseUrl}/login/auth-callback`,
      avatar_server_url: 'https://avatar.prusa3d.com',
      max_upload_size: world.maxUploadBytes,
      max_snapshot_size: 16_777_216,
      max_preview_size: 2_097_152,
      afs_enabled: false,
      afs_group_id: 0,
    },
  };
}

/** The seed's two entries plus the captured printer's own type (7.1.0, Prusa CORE One). */
export const PRINTER_TYPES = [
  {
    id: '1.2.5',
    type: 1,
    version: 2,
    subversion: 5,
    name: 'Original Prusa i3 MK2.5',
    parameters: {
      extrusion: { max: 100, min: -10, default: 10 },
      print_flow: { max: 999, min: 10, default: 100 },
      temp_nozzle: { max: 295, min: 0 },
    },
    fw_device_type_id: '1.2.5',
    support: { stable: '0.8.1', unsupported: '0.7.0' },
  },
  {
    id: '7.1.0',
    type: 7,
    version: 1,
    subversion: 0,
    name: 'Prusa CORE One',
    parameters: {
      extrusion: { max: 100, min: -10, default: 10 },
      print_flow: { max: 150, min: 10, default: 100 },
      print_speed: { max: 300, min: 10, default: 100 },
      temp_nozzle: { max: 290, min: 0 },
      temp_bed: { max: 150, min: 0 },
    },
    fw_device_type_id: '7.1.0',
    support: { stable: '6.5.7' },
  },
  {
    id: '8.1.0',
    type: 8,
    version: 1,
    subversion: 0,
    name: 'Prusa CORE One L',
    parameters: { temp_nozzle: { max: 290, min: 0 }, temp_bed: { max: 120, min: 0 } },
    fw_device_type_id: '8.1.0',
    support: { stable: '6.5.2' },
  },
];

export function publicRoutes(world: MockWorld): HttpHandler[] {
  const open = { auth: false };
  return [
    defineRoute(world, 'get', '/version.json', () => HttpResponse.json(MOCK_VERSION), open),
    defineRoute(world, 'get', '/app/config', () => HttpResponse.json(appConfig(world)), open),
    defineRoute(
      world,
      'get',
      '/app/printer-types',
      () => HttpResponse.json({ printer_types: PRINTER_TYPES }),
      open,
    ),
  ];
}
