/**
 * `/machine/*` (components/machine.py, v0.10.0 L126-161, L303-448) on the fake's host: a
 * Raspberry Pi with services `klipper` and `moonraker` (system_info.available_services). Reboot
 * and shutdown answer "ok" and then act like a host coming back: every websocket closes and Klippy
 * restarts. Service actions on `klipper` drive the fake Klippy. The sudo password is the fake's
 * `sudoPassword` option (none: every password is refused, as without sudo rights). Peripherals are
 * those of a Pi with nothing attached (no serial, USB, CAN or video devices).
 */
import { MoonrakerError } from '../errors.js';
import type { MoonrakerHost } from '../host.js';
import type { MethodTable } from './types.js';

/** moonraker/assets/default_allowed_services (v0.10.0). */
const ALLOWED_SERVICES = [
  'klipper_mcu',
  'webcamd',
  'MoonCord',
  'KlipperScreen',
  'moonraker-telegram-bot',
  'moonraker-obico',
  'sonar',
  'crowsnest',
  'octoeverywhere',
  'ratos-configurator',
];

function hostRestart(host: MoonrakerHost): string {
  host.restartServer(100);
  host.klippy.restart();
  return 'ok';
}

function serviceAction(host: MoonrakerHost, action: 'restart' | 'stop' | 'start', name: string): string {
  if (name === 'moonraker') {
    if (action !== 'restart')
      throw new MoonrakerError(`Service action '${action}' not available for moonraker`);
    host.restartServer(100);
    return 'ok';
  }
  if (name === 'klipper') {
    if (action === 'restart') host.klippy.restart();
    else if (action === 'stop') host.klippy.disconnect();
    else if (!host.klippy.connected) host.klippy.connect();
    return 'ok';
  }
  if (ALLOWED_SERVICES.includes(name)) throw new MoonrakerError(`Service '${name}' not installed`);
  throw new MoonrakerError(`Service '${name}' not allowed`);
}

export const MACHINE_METHODS: MethodTable = {
  'machine.reboot': {
    http: [{ verb: 'POST', path: '/machine/reboot' }],
    handler: ({ host }) => hostRestart(host),
  },
  'machine.shutdown': {
    http: [{ verb: 'POST', path: '/machine/shutdown' }],
    handler: ({ host }) => hostRestart(host),
  },
  'machine.services.restart': {
    http: [{ verb: 'POST', path: '/machine/services/restart' }],
    handler: ({ host }, args) => serviceAction(host, 'restart', args.str('service')),
  },
  'machine.services.stop': {
    http: [{ verb: 'POST', path: '/machine/services/stop' }],
    handler: ({ host }, args) => serviceAction(host, 'stop', args.str('service')),
  },
  'machine.services.start': {
    http: [{ verb: 'POST', path: '/machine/services/start' }],
    handler: ({ host }, args) => serviceAction(host, 'start', args.str('service')),
  },
  'machine.sudo.info': {
    http: [{ verb: 'GET', path: '/machine/sudo/info' }],
    handler: ({ host }, args) => ({
      sudo_access: args.bool('check_access', false) ? host.options.sudoPassword !== undefined : null,
      linux_user: 'pi',
      sudo_requested: false,
      request_messages: [],
    }),
  },
  'machine.sudo.password': {
    http: [{ verb: 'POST', path: '/machine/sudo/password' }],
    handler: ({ host }, args) => {
      const password = args.str('password');
      if (host.options.sudoPassword === undefined || password !== host.options.sudoPassword)
        throw new MoonrakerError('Invalid password, sudo access was denied');
      return { sudo_responses: ['Sudo password successfully set.'], is_restarting: false };
    },
  },
  'machine.peripherals.serial': {
    http: [{ verb: 'GET', path: '/machine/peripherals/serial' }],
    handler: () => ({ serial_devices: [] }),
  },
  'machine.peripherals.usb': {
    http: [{ verb: 'GET', path: '/machine/peripherals/usb' }],
    handler: () => ({ usb_devices: [] }),
  },
  'machine.peripherals.canbus': {
    http: [{ verb: 'GET', path: '/machine/peripherals/canbus' }],
    handler: (_ctx, args) => {
      args.str('interface', 'can0');
      return { can_uuids: [] };
    },
  },
  'machine.peripherals.video': {
    http: [{ verb: 'GET', path: '/machine/peripherals/video' }],
    handler: () => ({ v4l2_devices: [], libcamera_devices: [] }),
  },
};
