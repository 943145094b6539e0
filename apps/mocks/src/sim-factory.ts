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

/** Wall ms between simulation steps: ~10 a second, smooth enough to watch, cheap to run. */
export const SIM_STEP_WALL_MS = 100;
/** A farm steps once a wall second: its idle CPU is mostly sim steps (thousands of timers a second). */
export const FARM_SIM_STEP_WALL_MS = 1000;
/** From this many printers in a process on, a fleet is a farm (see FARM_SIM_STEP_WALL_MS). */
export const FARM_PRINTERS = 200;

export function createFleetSim(
  options: { clock: Clock; seed: number; name: string; stepWallMs?: number | undefined } & Pick<
    PrinterSimOptions,
    'heaters' | 'lights'
  >,
): PrinterSim {
  const { stepWallMs = SIM_STEP_WALL_MS, ...rest } = options;
  return new PrinterSim({
    ...rest,
    // Whatever the speed; never finer than 250 ms of sim time.
    tickMs: wallCadence(options.clock, stepWallMs, 250),
  });
}
