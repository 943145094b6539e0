import { describe, expect, it } from 'vitest';
import { createHeater, isAtTarget, resolveHeaterSpec, stepTemperature } from './thermal.js';

/** Runs the model in `tickMs` steps for `seconds`. */
function run(actual: number, target: number, seconds: number, tau: number, tickMs = 250): number {
  let t = actual;
  for (let ms = 0; ms < seconds * 1000; ms += tickMs) t = stepTemperature(t, target, 25, tickMs / 1000, tau);
  return t;
}

describe('thermal model', () => {
  it('covers ~63.2% of the way after one time constant', () => {
    const t = run(25, 225, 12, 12);
    expect((t - 25) / 200).toBeCloseTo(1 - Math.exp(-1), 6);
    expect((t - 25) / 200).toBeCloseTo(0.632, 3);
  });

  it('does not depend on the step size (exact first-order solution)', () => {
    expect(run(25, 200, 30, 12, 250)).toBeCloseTo(run(25, 200, 30, 12, 1000), 9);
    expect(stepTemperature(25, 200, 25, 30, 12)).toBeCloseTo(run(25, 200, 30, 12, 100), 9);
  });

  it('reaches the tolerance band and then stays in it', () => {
    const heater = createHeater(resolveHeaterSpec('nozzle', undefined), 25);
    heater.target = 210;
    expect(isAtTarget(heater)).toBe(false);
    // 185 K away, 3 K tolerance: ln(185/3)·12 s ≈ 49.4 s.
    heater.actual = run(25, 210, 49, 12);
    expect(isAtTarget(heater)).toBe(false);
    heater.actual = run(25, 210, 50, 12);
    expect(isAtTarget(heater)).toBe(true);
    expect(run(25, 210, 600, 12)).toBeCloseTo(210, 6);
  });

  it('cools toward ambient when the target is 0', () => {
    expect(run(200, 0, 40, 40)).toBeCloseTo(25 + 175 * Math.exp(-1), 6);
    expect(run(200, 0, 2000, 40)).toBeCloseTo(25, 6);
  });

  it('treats a heater without target as at temperature', () => {
    const heater = createHeater(resolveHeaterSpec('bed', undefined), 25);
    expect(isAtTarget(heater)).toBe(true);
  });

  it('merges partial specs over the defaults and rejects nonsense', () => {
    expect(resolveHeaterSpec('bed', { maxCelsius: 110 })).toEqual({
      timeConstantSeconds: 40,
      maxCelsius: 110,
      toleranceCelsius: 2,
    });
    expect(() => resolveHeaterSpec('nozzle', { timeConstantSeconds: 0 })).toThrow(RangeError);
  });
});
