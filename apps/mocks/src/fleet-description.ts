/**
 * The fleet as one JSON document, for `printkit-mocks --json` and `GET /` of the control API. Its
 * `printers` array is a valid `printkit.config.json` `printers` array as it stands.
 */
import type { Clock } from '@printkit/printer-sim';
import type { FleetPrinter, PrinterConnection } from './fleet-printer.js';

export interface FleetDescription {
  printers: PrinterConnection[];
  control?: { url: string };
  /** Per printer: model and every endpoint, in the order of `printers`. */
  mocks: Array<{
    name: string;
    vendor: string;
    model: string;
    endpoints: Record<string, string>;
    tlsFingerprint256?: string;
  }>;
  /** Sim time per wall time (1 for a manual clock). */
  speed: number;
  seed: number;
}

export function describeFleet(fleet: {
  printers: readonly FleetPrinter[];
  control: { url: string } | undefined;
  clock: Clock;
  seed: number;
}): FleetDescription {
  const speed = 'speed' in fleet.clock && typeof fleet.clock.speed === 'number' ? fleet.clock.speed : 1;
  const description: FleetDescription = {
    printers: fleet.printers.map((p) => ({ ...p.connection })),
    mocks: fleet.printers.map((p) => ({
      name: p.name,
      vendor: p.vendor,
      model: p.details.model,
      endpoints: { ...p.details.endpoints },
      ...(p.details.tlsFingerprint256 === undefined
        ? {}
        : { tlsFingerprint256: p.details.tlsFingerprint256 }),
    })),
    speed,
    seed: fleet.seed,
  };
  if (fleet.control) description.control = { url: fleet.control.url };
  return description;
}
