/**
 * What Klipper tracks on top of the simulated machine: homing (lost on every Klippy restart,
 * unlike the simulator's), G-code coordinate modes, the extruder position, the requested feed
 * rate, the display message, the idle timer and the output pins.
 */
import { type OutputPinConfig, OutputPins } from './output-pins.js';

export const AXIS_MAXIMUM_MM = { x: 250, y: 250, z: 250 } as const;
export const IDLE_TIMEOUT_SECONDS = 600;
export const MIN_EXTRUDE_TEMP = 170;

export class KlipperState {
  /** In 'xyz' order, e.g. '' or 'xy'. */
  homedAxes = '';
  absoluteCoordinates = true;
  absoluteExtrude = true;
  extruderPosition = 0;
  /** Requested feed rate in mm/min (Klipper's default 25 mm/s). */
  feedRate = 1500;
  displayMessage = '';
  /** Sim ms of the last G-code command or job end; undefined until the first one (state 'Idle'). */
  lastActivityAt: number | undefined;
  /** query_endstops.last_state: raw pin values (1 = triggered), as query_endstops.py L28-30 keeps them. */
  lastEndstopQuery: Record<string, number> = {};
  /** pause_resume.is_paused after a PAUSE with no virtual-SD print (pause_resume.py). */
  pausedWithoutSd = false;
  /** exclude_object: names excluded in the current print (upper case, sorted). */
  excludedObjects: string[] = [];
  /** SET_PRINT_STATS_INFO: what the file reported, for the current print. */
  printStatsInfo: { total_layer: number | null; current_layer: number | null } | undefined;
  /** The sim job these per-print fields belong to. */
  jobId: number | undefined;
  /**
   * Heater statuses as they were at an emergency stop. A shut-down Klipper keeps reporting them:
   * heaters.py's shutdown handler (L98-99) leaves target_temp alone and no new readings arrive.
   * Cleared by the restart that a shutdown needs.
   */
  shutdownHeaters: Record<string, Record<string, unknown>> | undefined;
  readonly outputPins: OutputPins;

  constructor(outputPins: readonly OutputPinConfig[] = []) {
    this.outputPins = new OutputPins(outputPins);
  }

  /** A Klippy restart forgets everything but the printer's physical state. */
  reset(): void {
    this.homedAxes = '';
    this.absoluteCoordinates = true;
    this.absoluteExtrude = true;
    this.extruderPosition = 0;
    this.feedRate = 1500;
    this.displayMessage = '';
    this.lastActivityAt = undefined;
    this.lastEndstopQuery = {};
    this.excludedObjects = [];
    this.printStatsInfo = undefined;
    this.pausedWithoutSd = false;
    this.shutdownHeaters = undefined;
    this.outputPins.reset();
  }

  home(axes: string): void {
    this.homedAxes = ['x', 'y', 'z'].filter((a) => axes.includes(a) || this.homedAxes.includes(a)).join('');
  }
}

/** Endstop pin values for an axis list: the fake's endstops sit at 0 and trigger there once homed. */
export function queryEndstops(
  position: { x: number; y: number; z: number },
  homed: string,
): Record<string, number> {
  const at = (axis: 'x' | 'y' | 'z') => (homed.includes(axis) && position[axis] === 0 ? 1 : 0);
  return { x: at('x'), y: at('y'), z: at('z') };
}

/** The words QUERY_ENDSTOPS and the web request use for a pin value (query_endstops.py L31, L40). */
export function endstopWord(value: number): 'open' | 'TRIGGERED' {
  return value ? 'TRIGGERED' : 'open';
}
