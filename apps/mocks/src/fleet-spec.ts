/**
 * Which printers a fleet has: how many of each vendor. Parsed from `--fleet anycubic=3,moonraker=5,prusa=2`.
 */

export const VENDORS = ['anycubic', 'moonraker', 'prusa-connect'] as const;
export type Vendor = (typeof VENDORS)[number];

/** How many simulated printers of each vendor; 0 leaves that vendor's mock out. */
export type FleetCounts = Record<Vendor, number>;

export const DEFAULT_FLEET: Readonly<FleetCounts> = { anycubic: 1, moonraker: 1, 'prusa-connect': 1 };

/** More would mostly measure the machine; the port plan also assumes small counts. */
export const MAX_PRINTERS_PER_VENDOR = 20;

/** Short names accepted in `--fleet` besides the vendor ids. */
const VENDOR_ALIASES: Readonly<Record<string, Vendor>> = {
  anycubic: 'anycubic',
  kobra: 'anycubic',
  moonraker: 'moonraker',
  klipper: 'moonraker',
  prusa: 'prusa-connect',
  'prusa-connect': 'prusa-connect',
};

export class FleetSpecError extends Error {
  override readonly name = 'FleetSpecError';
}

/**
 * Parses `anycubic=3,moonraker=5,prusa=2`. Vendors left out get 0, so `--fleet moonraker=2` is a
 * Klipper-only fleet.
 */
export function parseFleetSpec(spec: string): FleetCounts {
  const counts: FleetCounts = { anycubic: 0, moonraker: 0, 'prusa-connect': 0 };
  const parts = spec
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  if (parts.length === 0)
    throw new FleetSpecError('--fleet is empty; expected e.g. anycubic=1,moonraker=2,prusa=1');
  const seen = new Set<Vendor>();
  for (const part of parts) {
    const match = /^([a-z-]+)\s*=\s*(\d+)$/.exec(part);
    if (!match)
      throw new FleetSpecError(`--fleet: cannot read "${part}"; expected <vendor>=<count>, e.g. moonraker=2`);
    const [, rawVendor = '', rawCount = ''] = match;
    const vendor = VENDOR_ALIASES[rawVendor];
    if (!vendor) {
      throw new FleetSpecError(
        `--fleet: unknown vendor "${rawVendor}"; use anycubic, moonraker or prusa (prusa-connect)`,
      );
    }
    if (seen.has(vendor)) throw new FleetSpecError(`--fleet: ${vendor} is given twice`);
    seen.add(vendor);
    const count = Number(rawCount);
    if (count > MAX_PRINTERS_PER_VENDOR) {
      throw new FleetSpecError(
        `--fleet: at most ${MAX_PRINTERS_PER_VENDOR} ${vendor} printers, got ${count}`,
      );
    }
    counts[vendor] = count;
  }
  if (VENDORS.every((vendor) => counts[vendor] === 0)) {
    throw new FleetSpecError('--fleet: the fleet has no printers');
  }
  return counts;
}
