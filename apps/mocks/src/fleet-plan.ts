/**
 * The fleet before anything starts: every printer's name, ids and ports, decided up front and
 * deterministically (same counts + seed + port base → same plan), so scripts can rely on them.
 */
import { createRandom } from '@printkit/printer-sim';
import type { FleetCounts, Vendor } from './fleet-spec.js';

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
  control: 7070,
} as const;

/** Anycubic models the fleet cycles through (ids from the protocol notes). */
export const ANYCUBIC_MODELS: ReadonlyArray<{ modelId: number; model: string }> = [
  { modelId: 20024, model: 'Kobra 3' },
  { modelId: 20025, model: 'Kobra S1' },
  { modelId: 20026, model: 'Kobra 3 Max' },
];

export interface PlannedAnycubic {
  vendor: 'anycubic';
  name: string;
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
  seed: number;
}

export interface PlannedMoonraker {
  vendor: 'moonraker';
  name: string;
  port: number;
  seed: number;
}

export interface PlannedPrusa {
  vendor: 'prusa-connect';
  name: string;
  uuid: string;
  seed: number;
}

export type PlannedPrinter = PlannedAnycubic | PlannedMoonraker | PlannedPrusa;

export interface FleetPlan {
  printers: PlannedPrinter[];
  /** The one Prusa Connect mock all Prusa printers sit behind (undefined with no Prusa printers). */
  prusaConnectPort: number | undefined;
  controlPort: number;
}

export interface FleetPlanOptions {
  counts: FleetCounts;
  seed: number;
  /**
   * Without it, the real printers' ports (see DEFAULT_PORTS), counting up for extra printers. With
   * it, consecutive ports from the base: control API, Prusa Connect, each Moonraker, then each
   * Anycubic's MQTT + HTTP pair, then each Anycubic's MQTTS + camera pair (last, so the earlier
   * layout stays as it was). `0` gives every server an OS-chosen free port.
   */
  portBase?: number | undefined;
  /** Overrides the control API's port from the plan above. */
  controlPort?: number | undefined;
}

export const PRINTER_NAME_PREFIX: Readonly<Record<Vendor, string>> = {
  anycubic: 'kobra',
  moonraker: 'klipper',
  'prusa-connect': 'prusa',
};

export function planFleet(options: FleetPlanOptions): FleetPlan {
  const { counts, seed, portBase } = options;
  // One seeded stream for ids, so a seed names the same devices in every run.
  const random = createRandom(seed);
  const ephemeral = portBase === 0;
  let next = portBase ?? 0;
  const take = (fallback: number): number => {
    if (ephemeral) return 0;
    if (portBase === undefined) return fallback;
    return next++;
  };

  const controlPort = take(DEFAULT_PORTS.control);
  const prusaConnectPort = counts['prusa-connect'] > 0 ? take(DEFAULT_PORTS.prusaConnect) : undefined;
  const printers: PlannedPrinter[] = [];
  let printerSeed = seed;

  for (let i = 0; i < counts.moonraker; i++) {
    printers.push({
      vendor: 'moonraker',
      name: `${PRINTER_NAME_PREFIX.moonraker}-${i + 1}`,
      port: take(DEFAULT_PORTS.moonraker + i),
      seed: printerSeed++,
    });
  }
  for (let i = 0; i < counts.anycubic; i++) {
    const model = ANYCUBIC_MODELS[i % ANYCUBIC_MODELS.length]!;
    printers.push({
      vendor: 'anycubic',
      name: `${PRINTER_NAME_PREFIX.anycubic}-${i + 1}`,
      ...model,
      deviceId: random.hex(32),
      mqttPort: take(DEFAULT_PORTS.anycubicMqtt + i),
      httpPort: take(DEFAULT_PORTS.anycubicHttp + i),
      tlsPort: 0,
      flvPort: 0,
      seed: printerSeed++,
    });
  }
  const kobras = printers.filter((p): p is PlannedAnycubic => p.vendor === 'anycubic');
  for (let i = 0; i < counts['prusa-connect']; i++) {
    printers.push({
      vendor: 'prusa-connect',
      name: `${PRINTER_NAME_PREFIX['prusa-connect']}-${i + 1}`,
      uuid: random.uuid(),
      seed: printerSeed++,
    });
  }

  kobras.forEach((kobra, i) => {
    kobra.tlsPort = take(DEFAULT_PORTS.anycubicMqtts + i);
    kobra.flvPort = take(DEFAULT_PORTS.anycubicFlv + i);
  });

  // Show the fleet in the order of the default layout: Kobra, Klipper, Prusa.
  const order: Record<Vendor, number> = { anycubic: 0, moonraker: 1, 'prusa-connect': 2 };
  printers.sort((a, b) => order[a.vendor] - order[b.vendor]);
  return { printers, prusaConnectPort, controlPort: options.controlPort ?? controlPort };
}
