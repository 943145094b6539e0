import { describe, expect, it } from 'vitest';
import type { Clock } from './clock.js';
import { DeadlineTimer } from './deadline-timer.js';

/** A clock whose time moves only when the test says, with its timers. */
function manualClock() {
  let time = 1_000;
  const timers = new Map<number, { at: number; callback: () => void }>();
  let nextHandle = 1;
  const clock: Clock = {
    now: () => time,
    setTimeout(callback, delayMs) {
      const handle = nextHandle++;
      timers.set(handle, { at: time + delayMs, callback });
      return handle;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
  };
  const advance = (ms: number) => {
    time += ms;
    for (const [handle, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at > time || !timers.has(handle)) continue;
      timers.delete(handle);
      timer.callback();
    }
  };
  return { clock, advance, armed: () => timers.size };
}

describe('DeadlineTimer', () => {
  it('keeps one timer for many deadlines, fires at the earliest, and the owner re-arms for the rest', () => {
    const { clock, advance, armed } = manualClock();
    const deadlines = [1_300, 1_100, 1_200];
    const fired: number[] = [];
    const timer = new DeadlineTimer(() => {
      fired.push(clock.now());
      const left = deadlines.filter((at) => at > clock.now());
      deadlines.splice(0, deadlines.length, ...left);
      if (left.length > 0) timer.arm(Math.min(...left));
    }, clock);
    for (const at of deadlines) timer.arm(at);
    expect(armed()).toBe(1);
    advance(99);
    expect(fired).toEqual([]);
    advance(1);
    expect(fired).toEqual([1_100]);
    advance(100);
    advance(100);
    expect(fired).toEqual([1_100, 1_200, 1_300]);
    expect(armed()).toBe(0);
  });

  it('moves an armed timer earlier, never later, and disarm stops it', () => {
    const { clock, advance, armed } = manualClock();
    let fired = 0;
    const timer = new DeadlineTimer(() => fired++, clock);
    timer.arm(1_500);
    timer.arm(2_000);
    advance(500);
    expect(fired).toBe(1);
    timer.arm(1_800);
    timer.arm(1_600);
    advance(100);
    expect(fired).toBe(2);
    timer.arm(1_700);
    timer.disarm();
    advance(1_000);
    expect(fired).toBe(2);
    expect(armed()).toBe(0);
  });

  it('measures on the injected clock, and on a monotonic clock under the system clock', () => {
    const { clock } = manualClock();
    expect(new DeadlineTimer(() => {}, clock).now()).toBe(1_000);
    const system = new DeadlineTimer(() => {});
    const before = performance.now();
    expect(system.now()).toBeGreaterThanOrEqual(before);
    expect(system.now()).toBeLessThan(before + 1_000);
  });
});
