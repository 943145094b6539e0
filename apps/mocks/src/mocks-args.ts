/** Command-line arguments of `printkit-mocks`, parsed with node:util parseArgs. */
import { parseArgs } from 'node:util';
import type { FleetOptions } from './fleet.js';
import { parseShard } from './fleet-plan.js';
import { DEFAULT_FLEET, FleetSpecError, parseFleetSpec } from './fleet-spec.js';
import { FleetPlanError } from './port-allocator.js';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type MocksCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'run'; fleet: FleetOptions; json: boolean; configOut: string | undefined };

export const MOCKS_HELP = `printkit-mocks — a fleet of mock 3D printers on loopback, with a control API

Usage: printkit-mocks [options]

Starts Anycubic (MQTT + HTTP upload), Moonraker (HTTP + WebSocket), Prusa Connect (HTTP) and PrusaLink
(HTTP, Digest) mocks in one process and prints how to connect to each printer. Ctrl-C (or SIGTERM) stops
everything.

Options:
  --fleet <spec>         printers per vendor, e.g. anycubic=3,moonraker=5,prusa=2,prusalink=2
                         (default anycubic=1,moonraker=1,prusa=1; left-out vendors get 0; no cap)
  --port-base <port>     consecutive ports from <port>: control API, Prusa Connect, each Moonraker,
                         each Anycubic's MQTT + HTTP pair, their MQTTS + camera pairs, each PrusaLink;
                         0 = OS-chosen free ports (default: the real ports — MQTT 2883, upload 18910,
                         Moonraker 7125, PrusaLink 8080, Prusa Connect 8484, control API 7070 —
                         counting up for extra printers, never onto another's port)
  --loopback             every printer on its own loopback address with its vendor's real ports:
                         klipper-N 127.1.x.y:7125, kobra-N 127.2.x.y:2883/9883/18910/18088,
                         prusalink-N 127.3.x.y:8080 (254 per /24; Linux routes 127/8 to loopback)
  --shard <i>/<n>        run slice i of n of the fleet (every n-th printer from the i-th); run the
                         other slices in other processes with the same options — no ports collide
  --control-port <port>  the control API's port (overrides the plan above)
  --speed <factor>       sim time per wall time, e.g. 60 runs an hour-long print in a minute (default 1)
  --seed <n>             seeds device ids, uuids and the simulators (default 1)
  --cors                 answer CORS preflights on the Prusa Connect mock and allow every origin on the
                         Moonraker mocks (cors_domains: *), for web apps such as Mainsail/Fluidd
  --json                 print the fleet as one line of JSON on stdout (machine-readable)
  --config-out <path>    also write a printkit.config.json for the printkit CLI to <path>
  -h, --help             show this help
  -v, --version          show the version

Exit codes: 0 stopped cleanly · 1 could not start (e.g. a port is in use) · 2 bad arguments

Control API (loopback): GET /printers, POST /printers/<name>/print|pause|resume|cancel|finish|
heater-error|clear-error|power-off|power-on, GET|POST|DELETE /printers/<name>/faults — see the README.`;

function integer(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name}: expected an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

export function parseMocksArgs(argv: readonly string[]): MocksCommand {
  let values: ReturnType<typeof parse>['values'];
  try {
    ({ values } = parse(argv));
  } catch (error) {
    // parseArgs says e.g. "Unknown option '--flet'"; point at --help as well.
    throw new UsageError(`${(error as Error).message}. See printkit-mocks --help`);
  }
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const fleet: FleetOptions = {};
  try {
    fleet.fleet = values.fleet === undefined ? { ...DEFAULT_FLEET } : parseFleetSpec(values.fleet);
  } catch (error) {
    if (error instanceof FleetSpecError) throw new UsageError(error.message);
    throw error;
  }
  const portBase = integer('port-base', values['port-base'], 0, 65_000);
  if (portBase !== undefined) fleet.portBase = portBase;
  const controlPort = integer('control-port', values['control-port'], 0, 65_535);
  if (controlPort !== undefined) fleet.controlPort = controlPort;
  const seed = integer('seed', values.seed, 0, 2 ** 32 - 1);
  if (seed !== undefined) fleet.seed = seed;
  if (values.speed !== undefined) {
    const speed = Number(values.speed);
    if (!Number.isFinite(speed) || speed <= 0 || speed > 10_000) {
      throw new UsageError(`--speed: expected a number above 0 (at most 10000), got "${values.speed}"`);
    }
    fleet.speed = speed;
  }
  if (values.cors) fleet.cors = true;
  if (values.loopback) fleet.loopback = true;
  if (values.shard !== undefined) {
    try {
      fleet.shard = parseShard(values.shard);
    } catch (error) {
      if (error instanceof FleetPlanError) throw new UsageError(error.message);
      throw error;
    }
  }
  if (values['config-out'] === '') throw new UsageError('--config-out: expected a file path');
  return { kind: 'run', fleet, json: values.json ?? false, configOut: values['config-out'] };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      fleet: { type: 'string' },
      'port-base': { type: 'string' },
      'control-port': { type: 'string' },
      speed: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
      cors: { type: 'boolean' },
      loopback: { type: 'boolean' },
      shard: { type: 'string' },
      'config-out': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}
