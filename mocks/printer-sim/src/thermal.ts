/** First-order thermal model: each heater relaxes exponentially toward its target (or ambient). */

export type HeaterName = 'nozzle' | 'bed' | 'chamber';

export interface HeaterSpec {
  /** τ: after this many seconds a heater has covered ~63.2% of the way to its goal. */
  timeConstantSeconds: number;
  maxCelsius: number;
  /** How close to target counts as "at temperature" (gates the start of printing). */
  toleranceCelsius: number;
}

export interface HeaterReading {
  /** Rounded to 0.01 °C. */
  actual: number;
  target: number;
}

export const DEFAULT_HEATER_SPECS: Readonly<Record<HeaterName, Readonly<HeaterSpec>>> = {
  nozzle: { timeConstantSeconds: 12, maxCelsius: 300, toleranceCelsius: 3 },
  bed: { timeConstantSeconds: 40, maxCelsius: 120, toleranceCelsius: 2 },
  chamber: { timeConstantSeconds: 300, maxCelsius: 60, toleranceCelsius: 2 },
};

/** Mutable per-heater state owned by the simulator. */
export interface Heater {
  readonly spec: HeaterSpec;
  /** True temperature, unrounded and without noise. */
  actual: number;
  target: number;
  /** What a reading shows: actual plus seeded noise, rounded to 0.01. Updated once per tick. */
  shown: number;
}

export function resolveHeaterSpec(name: HeaterName, partial: Partial<HeaterSpec> | undefined): HeaterSpec {
  const spec = { ...DEFAULT_HEATER_SPECS[name], ...partial };
  if (!(spec.timeConstantSeconds > 0) || !Number.isFinite(spec.timeConstantSeconds)) {
    throw new RangeError(`${name}.timeConstantSeconds must be a finite number > 0`);
  }
  if (!(spec.maxCelsius > 0) || !(spec.toleranceCelsius >= 0)) {
    throw new RangeError(`${name}: maxCelsius must be > 0 and toleranceCelsius >= 0`);
  }
  return spec;
}

export function createHeater(spec: HeaterSpec, ambientCelsius: number): Heater {
  return { spec, actual: ambientCelsius, target: 0, shown: round2(ambientCelsius) };
}

/**
 * The exact solution of dT/dt = (T_eff − T)/τ over one step, so the curve does not depend on the
 * tick size: T ← T_eff + (T − T_eff)·e^(−dt/τ), with T_eff the target, or ambient when off.
 */
export function stepTemperature(
  actual: number,
  target: number,
  ambientCelsius: number,
  dtSeconds: number,
  timeConstantSeconds: number,
): number {
  const goal = target > 0 ? target : ambientCelsius;
  return goal + (actual - goal) * Math.exp(-dtSeconds / timeConstantSeconds);
}

/** A heater without a target never blocks; one with a target must be within its tolerance. */
export function isAtTarget(heater: Heater): boolean {
  return heater.target <= 0 || Math.abs(heater.actual - heater.target) <= heater.spec.toleranceCelsius;
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
