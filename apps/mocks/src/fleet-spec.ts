/**
 * Which printers a fleet has: how many of each vendor. Parsed from `--fleet anycubic=3,moonraker=5,prusa=2`.
 */

export const VENDORS = ['anycubic', 'moonraker', 'prusa-connect', 'prusalink'] as const;
export type Vendor = (typeof VENDORS)[number];

/** How many simulated printers of each vendor; 0 leaves that vendor's mock out. */
export type FleetCounts = Record<Vendor, number>;

export const DEFAULT_FLEET: Readonly<FleetCounts> = {
  anycubic: 1,
  moonraker: 1,
  'prusa-connect': 1,
  prusalink: 0,
};

export const NO_PRINTERS: Readonly<FleetCounts> = {
  anycubic: 0,
  moonraker: 0,
  'prusa-connect': 0,
  prusalink: 0,
};

/**
 * Short names accepted in `--fleet` besides the vendor ids. A Map, so a name typed by the user
 * (`constructor`, `__proto__`) is never looked up on a prototype.
 */
const VENDOR_ALIASES: ReadonlyMap<string, Vendor> = new Map<string, Vendor>([
  ['anycubic', 'anycubic'],
  ['kobra', 'anycubic'],
  ['moonraker', 'moonraker'],
  ['klipper', 'moonraker'],
  ['prusa', 'prusa-connect'],
  ['prusa-connect', 'prusa-connect'],
  ['prusalink', 'prusalink'],
  ['prusa-link', 'prusalink'],
]);

export class FleetSpecError extends Error {
  override readonly name = 'FleetSpecError';
}

/**
 * Parses `anycubic=3,moonraker=5,prusa=2`. Vendors left out get 0, so `--fleet moonraker=2` is a
 * Klipper-only fleet. There is no cap: the port plan (or `--loopback`) says what fits on a machine.
 */
export function parseFleetSpec(spec: string): FleetCounts {
  const counts: FleetCounts = { ...NO_PRINTERS };
  const parts = spec
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  if (parts.length === 0)
    throw new FleetSpecError('--fleet is empty; expected e.g. anycubic=1,moonraker=2,prusa=1');
  const seen = new Set<Vendor>();
  for (const part of parts) {
    const match = /^([a-z_-]+)\s*=\s*(\d{1,7})$/.exec(part);
    if (!match)
      throw new FleetSpecError(`--fleet: cannot read "${part}"; expected <vendor>=<count>, e.g. moonraker=2`);
    const [, rawVendor = '', rawCount = ''] = match;
    const vendor = VENDOR_ALIASES.get(rawVendor);
    if (vendor === undefined) {
      throw new FleetSpecError(
        `--fleet: unknown vendor "${rawVendor}"; use anycubic, moonraker, prusa (prusa-connect) or prusalink`,
      );
    }
    if (seen.has(vendor)) throw new FleetSpecError(`--fleet: ${vendor} is given twice`);
    seen.add(vendor);
    counts[vendor] = Number(rawCount);
  }
  if (VENDORS.every((vendor) => counts[vendor] === 0)) {
    throw new FleetSpecError('--fleet: the fleet has no printers');
  }
  return counts;
}

export function totalPrinters(counts: FleetCounts): number {
  return VENDORS.reduce((sum, vendor) => sum + counts[vendor], 0);
}
