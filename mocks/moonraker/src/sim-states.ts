/** Which simulator states mean "a job is underway" (Klipper: the SD card is busy). */
import type { SimState } from '@printkit/printer-sim';

const ACTIVE: ReadonlySet<SimState> = new Set<SimState>([
  'preparing',
  'printing',
  'pausing',
  'paused',
  'resuming',
  'cancelling',
]);

export function isJobActive(state: SimState): boolean {
  return ACTIVE.has(state);
}
