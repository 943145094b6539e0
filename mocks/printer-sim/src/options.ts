/** Simulator options and their defaults. */
import type { Clock } from './clock.js';
import { SimError } from './errors.js';
import type { NewSimFile } from './files.js';
import type { HeaterSpec } from './thermal.js';

export interface PrinterSimOptions {
  /** Default: a new manual clock. */
  clock?: Clock;
  /** Seeds `sim.random` (noise, fault probabilities). Default 1. */
  seed?: number;
  name?: string;
  /** Default 25. */
  ambientCelsius?: number;
  /**
   * Defaults: nozzle τ 12 s, max 300, tol 3; bed τ 40 s, max 120, tol 2. The chamber heater exists
   * only when given (τ 300 s, max 60, tol 2 by default).
   */
  heaters?: {
    nozzle?: Partial<HeaterSpec>;
    bed?: Partial<HeaterSpec>;
    chamber?: Partial<HeaterSpec> | false;
  };
  /** Amplitude of seeded noise added to readings; default 0 (none). */
  temperatureNoiseCelsius?: number;
  /** Simulation step; default 250 ms. */
  tickMs?: number;
  /** Duration of the pausing/resuming/cancelling steps; default 1000 ms each; 0 = immediate. */
  transitionMs?: { pause?: number; resume?: number; cancel?: number };
  /** Initial files; default: 'benchy.gcode' and 'calibration-cube.gcode'. */
  files?: NewSimFile[];
  /** Default { main: false }. Only these lights exist. */
  lights?: Record<string, boolean>;
  /** Default 250 × 250 × 250 mm. */
  buildVolume?: { x: number; y: number; z: number };
}

export interface StartPrintOptions {
  nozzleCelsius?: number;
  bedCelsius?: number;
}

export interface Timing {
  readonly tickMs: number;
  readonly pause: number;
  readonly resume: number;
  readonly cancel: number;
}

export function resolveTiming(options: PrinterSimOptions): Timing {
  const tickMs = options.tickMs ?? 250;
  if (!(tickMs > 0) || !Number.isFinite(tickMs)) throw invalid(`tickMs must be a finite number > 0`);
  const t = options.transitionMs ?? {};
  const timing = { tickMs, pause: t.pause ?? 1000, resume: t.resume ?? 1000, cancel: t.cancel ?? 1000 };
  for (const key of ['pause', 'resume', 'cancel'] as const) {
    if (!(timing[key] >= 0) || !Number.isFinite(timing[key]))
      throw invalid(`transitionMs.${key} must be >= 0`);
  }
  return timing;
}

export function resolveNumber(
  value: number | undefined,
  fallback: number,
  what: string,
  min = -Infinity,
): number {
  const resolved = value ?? fallback;
  if (!Number.isFinite(resolved) || resolved < min)
    throw invalid(`${what} must be a finite number >= ${min}`);
  return resolved;
}

function invalid(message: string): SimError {
  return new SimError('invalid-argument', message);
}
