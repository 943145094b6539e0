/**
 * The fleet before anything starts: every printer's name, ids, address and ports, decided up front and
 * deterministically (same counts + seed + layout → same plan), so scripts can rely on them and several
 * processes (`--shard i/n`) can each run a slice of one plan without talking to each other.
 */
import { createRandom } from '@printkit/printer-sim';
import { type FleetCounts, NO_PRINTERS, type Vendor } from './fleet-spec.js';
import { FleetPlanError, PortAllocator } from './port-allocator.js';

/** Ports the mocks use when no `--port-base` is given: the real printers' ports where they have one. */
export const DEFAULT_PORTS = {
  anycubicMqtt: 2883,
  anycubicHttp: 18910,
  /** The LAN-mode TLS broker and the camera of a stock Kobra (protocol notes, "LAN mode on stock firmware"). */
  anycubicMqtts: 9883,
  anycubicFlv: 18088,
  moonraker: 7125,
  /** Prusa Connect is a cloud service; any free local port will do. */
  prusaConnect: 8484,
  /**
   * A real PrusaLink printer answers on port 80; binding a port below 1024 needs privileges most
   * users do not have, so the mock uses 8080 (what a port-forwarded PrusaLink often gets).
   */
  prusaLink: 8080,
  control: 7070,
} as const;

/** Anycubic models the fleet cycles through (ids from the protocol notes). */
export const ANYCUBIC_MODELS: ReadonlyArray<{ modelId: number; model: string }> = [
  { modelId: 20024, model: 'Kobra 3' },
  { modelId: 20025, model: 'Kobra S1' },
  { modelId: 20026, model: 'Kobra 3 Max' },
];

interface PlannedBase {
  name: string;
  seed: number;
}

/** A printer that runs its own servers (all but Prusa Connect's, which share the cloud mock). */
interface PlannedHost {
  /** Where its servers listen: the fleet's host, or its own loopback address with `--loopback`. */
  host: string;
}

export interface PlannedAnycubic extends PlannedBase, PlannedHost {
  vendor: 'anycubic';
  model: string;
  modelId: number;
  /** 32 hex characters, like a real printer's device id. */
  deviceId: string;
  mqttPort: number;
  /** Discovery (`/info`), `/ctrl` and upload. */
  httpPort: number;
  /** The LAN-mode MQTTS broker (9883 on the printer). */
  tlsPort: number;
  /** The camera (18088 on the printer). */
  flvPort: number;
}

export interface PlannedMoonraker extends PlannedBase, PlannedHost {
  vendor: 'moonraker';
  port: number;
}

export interface PlannedPrusa extends PlannedBase {
  vendor: 'prusa-connect';
  uuid: string;
}

export interface PlannedPrusaLink extends PlannedBase, PlannedHost {
  vendor: 'prusalink';
  port: number;
}

export type PlannedPrinter = PlannedAnycubic | PlannedMoonraker | PlannedPrusa | PlannedPrusaLink;

/** `--shard 2/4` is `{ index: 2, count: 4 }` (1-based, as people count). */
export interface Shard {
  index: number;
  count: number;
}

export interface FleetPlan {
  /** This shard's printers (all of them without sharding). */
  printers: PlannedPrinter[];
  /** The one Prusa Connect mock this shard's Prusa printers sit behind (undefined with none). */
  prusaConnectPort: number | undefined;
  controlPort: number;
  /** Printers in the whole plan, every shard together. */
  total: number;
  shard: Shard;
}

export interface FleetPlanOptions {
  counts: Partial<FleetCounts>;
  seed: number;
  /**
   * Without it, the real printers' ports (see DEFAULT_PORTS), each role counting up for extra printers
   * and skipping ports another role holds. With it, consecutive ports from the base: control API,
   * Prusa Connect (one of each per shard), each Moonraker, then each Anycubic's MQTT + HTTP pair, then
   * each Anycubic's MQTTS + camera pair, then each PrusaLink. `0` gives every server an OS-chosen port.
   */
  portBase?: number | undefined;
  /** Overrides the control API's port from the plan above. */
  controlPort?: number | undefined;
  /**
   * Every printer on its own loopback address with its vendor's real ports (see `loopbackAddress`);
   * the control API and Prusa Connect stay on `host`.
   */
  loopback?: boolean | undefined;
  /** The fleet's host (default 127.0.0.1). */
  host?: string | undefined;
  /** Run only this slice of the plan. Default 1/1. */
  shard?: Shard | undefined;
}

export const PRINTER_NAME_PREFIX: Readonly<Record<Vendor, string>> = {
  anycubic: 'kobra',
  moonraker: 'klipper',
  'prusa-connect': 'prusa',
  prusalink: 'prusalink',
};

/** Second octet of each vendor's loopback block: Klipper printers in 127.1/16, Kobras 127.2/16, PrusaLink 127.3/16. */
const LOOPBACK_BLOCK: Readonly<Record<Exclude<Vendor, 'prusa-connect'>, number>> = {
  moonraker: 1,
  anycubic: 2,
  prusalink: 3,
};
const HOSTS_PER_SUBNET = 254;
export const MAX_LOOPBACK_PRINTERS_PER_VENDOR = 256 * HOSTS_PER_SUBNET;

/**
 * The `number`-th printer (1-based) of a vendor under `--loopback`: 254 printers per /24 as on a real
 * LAN (no .0 or .255), e.g. klipper-1 127.1.0.1, klipper-254 127.1.0.254, klipper-255 127.1.1.1.
 * Linux routes all of 127.0.0.0/8 to the loopback interface, so nothing needs configuring there.
 */
export function loopbackAddress(vendor: Exclude<Vendor, 'prusa-connect'>, number: number): string {
  if (number > MAX_LOOPBACK_PRINTERS_PER_VENDOR) {
    throw new FleetPlanError(
      `--loopback holds at most ${MAX_LOOPBACK_PRINTERS_PER_VENDOR} ${vendor} printers, got ${number}`,
    );
  }
  const subnet = Math.floor((number - 1) / HOSTS_PER_SUBNET);
  const hostPart = ((number - 1) % HOSTS_PER_SUBNET) + 1;
  return `127.${LOOPBACK_BLOCK[vendor]}.${subnet}.${hostPart}`;
}

/** The roles that need ports, in the order `--port-base` hands them out, with each one's real port. */
const PORT_ROLES = [
  ['control', DEFAULT_PORTS.control],
  ['prusaConnect', DEFAULT_PORTS.prusaConnect],
  ['moonraker', DEFAULT_PORTS.moonraker],
  ['anycubicMqtt', DEFAULT_PORTS.anycubicMqtt],
  ['anycubicHttp', DEFAULT_PORTS.anycubicHttp],
  ['anycubicMqtts', DEFAULT_PORTS.anycubicMqtts],
  ['anycubicFlv', DEFAULT_PORTS.anycubicFlv],
  ['prusaLink', DEFAULT_PORTS.prusaLink],
] as const;
type PortRole = (typeof PORT_ROLES)[number][0];

/** Every port of the whole plan (all shards), by role. */
function planPorts(counts: Readonly<Record<PortRole, number>>, portBase: number | undefined) {
  const ports = new Map<PortRole, number[]>(PORT_ROLES.map(([role]) => [role, []]));
  const push = (role: PortRole, port: number) => ports.get(role)?.push(port);
  if (portBase === 0) {
    for (const [role] of PORT_ROLES) for (let i = 0; i < counts[role]; i++) push(role, 0);
    return ports;
  }
  if (portBase !== undefined) {
    let next = portBase;
    const take = (role: PortRole) => {
      if (next > 65_535)
        throw new FleetPlanError(
          `--port-base ${portBase}: the fleet needs ports past 65535; use a lower base, --loopback or --shard`,
        );
      push(role, next++);
    };
    for (const role of ['control', 'prusaConnect', 'moonraker'] as const)
      for (let i = 0; i < counts[role]; i++) take(role);
    // Pairs, then the LAN-mode pairs, then PrusaLink: each addition goes last so older layouts stay.
    for (let i = 0; i < counts.anycubicMqtt; i++) {
      take('anycubicMqtt');
      take('anycubicHttp');
    }
    for (let i = 0; i < counts.anycubicMqtts; i++) {
      take('anycubicMqtts');
      take('anycubicFlv');
    }
    for (let i = 0; i < counts.prusaLink; i++) take('prusaLink');
    return ports;
  }
  // The real ports first, all of them, so no role's extras can take another role's real port.
  const allocator = new PortAllocator();
  for (const [role, real] of PORT_ROLES) if (counts[role] > 0) push(role, allocator.reserve(real));
  for (const [role, real] of PORT_ROLES)
    for (let i = 1; i < counts[role]; i++) push(role, allocator.next(role, real + 1));
  return ports;
}

export function parseShard(text: string): Shard {
  const match = /^(\d{1,6})\/(\d{1,6})$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new FleetPlanError(`--shard: expected <i>/<n> with 1 ≤ i ≤ n, e.g. 1/4; got "${text}"`);
  }
  return { index, count };
}

export function planFleet(options: FleetPlanOptions): FleetPlan {
  const counts: FleetCounts = { ...NO_PRINTERS, ...options.counts };
  for (const [vendor, count] of Object.entries(counts)) {
    // Past this, no layout has the ports (or addresses) for them; refuse before planning millions.
    if (count > MAX_LOOPBACK_PRINTERS_PER_VENDOR)
      throw new FleetPlanError(
        `${count} ${vendor} printers are more than one host can serve (at most ${MAX_LOOPBACK_PRINTERS_PER_VENDOR}, with --loopback); run the rest on another machine with --shard`,
      );
  }
  const { seed } = options;
  const host = options.host ?? '127.0.0.1';
  const shard = options.shard ?? { index: 1, count: 1 };
  const loopback = options.loopback ?? false;
  // Under --loopback every printer has its vendor's real ports on an address of its own.
  const onHost = (n: number) => (loopback ? 0 : n);
  const ports = planPorts(
    {
      control: shard.count,
      prusaConnect: counts['prusa-connect'] > 0 ? shard.count : 0,
      moonraker: onHost(counts.moonraker),
      anycubicMqtt: onHost(counts.anycubic),
      anycubicHttp: onHost(counts.anycubic),
      anycubicMqtts: onHost(counts.anycubic),
      anycubicFlv: onHost(counts.anycubic),
      prusaLink: onHost(counts.prusalink),
    },
    options.portBase,
  );
  // `--loopback --port-base 0` keeps the addresses but lets the OS choose every port (tests).
  const port = (role: PortRole, i: number): number =>
    loopback && options.portBase !== 0 && role !== 'control' && role !== 'prusaConnect'
      ? DEFAULT_PORTS[role]
      : (ports.get(role)?.[i] ?? 0);
  const address = (vendor: Exclude<Vendor, 'prusa-connect'>, i: number) =>
    loopback ? loopbackAddress(vendor, i + 1) : host;

  // One seeded stream for ids, so a seed names the same devices in every run (and every shard).
  const random = createRandom(seed);
  const all: PlannedPrinter[] = [];
  let printerSeed = seed;
  for (let i = 0; i < counts.anycubic; i++) {
    const model = ANYCUBIC_MODELS[i % ANYCUBIC_MODELS.length]!;
    all.push({
      vendor: 'anycubic',
      name: `${PRINTER_NAME_PREFIX.anycubic}-${i + 1}`,
      host: address('anycubic', i),
      ...model,
      deviceId: random.hex(32),
      mqttPort: port('anycubicMqtt', i),
      httpPort: port('anycubicHttp', i),
      tlsPort: port('anycubicMqtts', i),
      flvPort: port('anycubicFlv', i),
      seed: 0,
    });
  }
  for (let i = 0; i < counts.moonraker; i++) {
    all.push({
      vendor: 'moonraker',
      name: `${PRINTER_NAME_PREFIX.moonraker}-${i + 1}`,
      host: address('moonraker', i),
      port: port('moonraker', i),
      seed: 0,
    });
  }
  for (let i = 0; i < counts['prusa-connect']; i++) {
    all.push({
      vendor: 'prusa-connect',
      name: `${PRINTER_NAME_PREFIX['prusa-connect']}-${i + 1}`,
      uuid: random.uuid(),
      seed: 0,
    });
  }
  for (let i = 0; i < counts.prusalink; i++) {
    all.push({
      vendor: 'prusalink',
      name: `${PRINTER_NAME_PREFIX.prusalink}-${i + 1}`,
      host: address('prusalink', i),
      port: port('prusaLink', i),
      seed: 0,
    });
  }
  // Simulator seeds in the order of the first layout (Klipper, then Kobra, then Prusa), so a seed
  // still gives the same printers it gave before PrusaLink joined.
  for (const vendor of ['moonraker', 'anycubic', 'prusa-connect', 'prusalink'] as const)
    for (const printer of all) if (printer.vendor === vendor) printer.seed = printerSeed++;

  // Round-robin, so every shard gets a like share of every vendor.
  const printers = all.filter((_, i) => i % shard.count === shard.index - 1);
  const shardPrusa = printers.some((p) => p.vendor === 'prusa-connect');
  return {
    printers,
    prusaConnectPort: shardPrusa ? port('prusaConnect', shard.index - 1) : undefined,
    controlPort: options.controlPort ?? port('control', shard.index - 1),
    total: all.length,
    shard,
  };
}
