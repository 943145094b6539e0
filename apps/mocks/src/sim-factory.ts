/** The simulated printers of a fleet share one clock; their tick follows the clock's speed. */
import { type Clock, PrinterSim, type PrinterSimOptions } from '@printkit/printer-sim';

/**
 * Sim milliseconds per wall second: 1000 for a manual clock (tests), `1000 × speed` for a realtime one.
 * Cadences below are scaled by it so a fast clock does not turn into hundreds of frames a second.
 */
export function simMsPerWallSecond(clock: Clock): number {
  return 'speed' in clock && typeof clock.speed === 'number' ? 1000 * clock.speed : 1000;
}

/** At least every `wallMs` of wall time, but never faster than `minSimMs` of sim time. */
export function wallCadence(clock: Clock, wallMs: number, minSimMs: number): number {
  return Math.max(minSimMs, Math.round((simMsPerWallSecond(clock) * wallMs) / 1000));
}

export function createFleetSim(
  options: { clock: Clock; seed: number; name: string } & Pick<PrinterSimOptions, 'heaters' | 'lights'>,
): PrinterSim {
  return new PrinterSim({
    ...options,
    // ~10 simulation steps per wall second, whatever the speed: smooth enough to watch, cheap to run.
    tickMs: wallCadence(options.clock, 100, 250),
  });
}
