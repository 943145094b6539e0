import { describe, expect, it } from 'vitest';
import { backoffDelay, createBackoff } from './backoff.js';

describe('backoff', () => {
  it('grows exponentially up to the cap without jitter', () => {
    const options = { initialDelayMs: 100, maxDelayMs: 1_000, factor: 2, jitter: 0 };
    expect([0, 1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, options))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
  });

  it('jitters downwards within the configured fraction', () => {
    const options = { initialDelayMs: 1_000, jitter: 0.5 };
    expect(backoffDelay(0, { ...options, random: () => 0 })).toBe(1_000);
    expect(backoffDelay(0, { ...options, random: () => 0.999999 })).toBe(500);
    expect(backoffDelay(0, { ...options, jitter: 1, random: () => 0.5 })).toBe(500);
  });

  it('never exceeds the cap or goes negative for odd inputs', () => {
    for (const attempt of [-3, 0, 1.7, 40, 10_000]) {
      const delay = backoffDelay(attempt, { maxDelayMs: 5_000, jitter: 2 });
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(5_000);
    }
  });

  it('counts attempts and starts over after reset', () => {
    const backoff = createBackoff({ initialDelayMs: 10, jitter: 0 });
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([10, 20, 40]);
    expect(backoff.attempts).toBe(3);
    backoff.reset();
    expect(backoff.attempts).toBe(0);
    expect(backoff.next()).toBe(10);
  });
});
