import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock, createRealtimeClock, DEFAULT_START_MS, type RealtimeClock } from './clock.js';

describe('createManualClock', () => {
  it('starts at 2026-01-01T00:00:00Z by default, or at startMs', () => {
    expect(createManualClock().now()).toBe(DEFAULT_START_MS);
    expect(new Date(DEFAULT_START_MS).toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(createManualClock({ startMs: 5 }).now()).toBe(5);
  });

  it('runs interleaved timeouts and intervals in time order, with now() at each due time', () => {
    const clock = createManualClock({ startMs: 0 });
    const log: string[] = [];
    clock.setInterval(() => log.push(`i@${clock.now()}`), 100);
    clock.setTimeout(() => log.push(`t250@${clock.now()}`), 250);
    clock.setTimeout(() => log.push(`t50@${clock.now()}`), 50);
    clock.setTimeout(() => log.push(`t100@${clock.now()}`), 100);
    clock.advance(300);
    // The interval was scheduled first, so it wins the tie at 100.
    expect(log).toEqual(['t50@50', 'i@100', 't100@100', 'i@200', 't250@250', 'i@300']);
    expect(clock.now()).toBe(300);
  });

  it('ends at start + ms even when no timer is due', () => {
    const clock = createManualClock({ startMs: 1000 });
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(clock.now()), 500);
    clock.advance(499);
    expect(fired).toEqual([]);
    expect(clock.now()).toBe(1499);
    clock.advance(1);
    expect(fired).toEqual([1500]);
  });

  it('runs timers scheduled inside callbacks when they fall inside the window, not after it', () => {
    const clock = createManualClock({ startMs: 0 });
    const log: number[] = [];
    clock.setTimeout(() => {
      log.push(clock.now());
      clock.setTimeout(() => log.push(clock.now()), 30);
      clock.setTimeout(() => log.push(clock.now()), 500);
    }, 10);
    clock.advance(100);
    expect(log).toEqual([10, 40]);
    expect(clock.pendingTimers()).toBe(1);
    clock.advance(410);
    expect(log).toEqual([10, 40, 510]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('clearTimer cancels timeouts and intervals, also from inside a callback', () => {
    const clock = createManualClock({ startMs: 0 });
    const log: string[] = [];
    const timeout = clock.setTimeout(() => log.push('timeout'), 10);
    let ticks = 0;
    const interval = clock.setInterval(() => {
      ticks++;
      if (ticks === 3) clock.clearTimer(interval);
    }, 10);
    clock.clearTimer(timeout);
    clock.clearTimer(undefined);
    clock.clearTimer({ id: 9999 });
    clock.advance(1000);
    expect(log).toEqual([]);
    expect(ticks).toBe(3);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('counts pending timers', () => {
    const clock = createManualClock();
    clock.setInterval(() => {}, 5);
    clock.setTimeout(() => {}, 5);
    expect(clock.pendingTimers()).toBe(2);
    clock.advance(5);
    expect(clock.pendingTimers()).toBe(1);
  });

  it('rejects negative advances and re-entrant advance calls', () => {
    const clock = createManualClock();
    expect(() => clock.advance(-1)).toThrow(RangeError);
    let inner: unknown;
    clock.setTimeout(() => {
      try {
        clock.advance(1);
      } catch (error) {
        inner = error;
      }
    }, 1);
    clock.advance(2);
    expect(inner).toBeInstanceOf(Error);
  });

  it('treats a zero-period interval as 1 ms instead of looping forever', () => {
    const clock = createManualClock({ startMs: 0 });
    let ticks = 0;
    clock.setInterval(() => ticks++, 0);
    clock.advance(10);
    expect(ticks).toBe(10);
  });
});

describe('createRealtimeClock', () => {
  let clock: RealtimeClock | undefined;
  afterEach(() => clock?.dispose());

  it('runs sim time `speed` times faster than wall time', async () => {
    clock = createRealtimeClock({ speed: 20, startMs: 0 });
    const wallStart = Date.now();
    const firedAt = await new Promise<number>((resolve) =>
      clock?.setTimeout(() => resolve(Date.now()), 1000),
    );
    const wall = firedAt - wallStart;
    // 1000 sim ms at 20× is 50 wall ms; timers may fire late but never early.
    expect(wall).toBeGreaterThanOrEqual(45);
    expect(wall).toBeLessThan(600);
    expect(clock.now()).toBeGreaterThanOrEqual(900);
    expect(clock.kind).toBe('realtime');
    expect(clock.speed).toBe(20);
  });

  it('repeats intervals and stops them on clearTimer', async () => {
    clock = createRealtimeClock({ speed: 10 });
    let ticks = 0;
    const handle = clock.setInterval(() => ticks++, 100); // 10 wall ms
    await new Promise((resolve) => setTimeout(resolve, 80));
    clock.clearTimer(handle);
    const after = ticks;
    expect(after).toBeGreaterThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(ticks).toBe(after);
  });

  it('dispose clears every pending timer', async () => {
    clock = createRealtimeClock({ speed: 100 });
    let fired = 0;
    clock.setTimeout(() => fired++, 100);
    clock.setInterval(() => fired++, 100);
    clock.dispose();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fired).toBe(0);
  });

  it('rejects a non-positive speed', () => {
    expect(() => createRealtimeClock({ speed: 0 })).toThrow(RangeError);
  });
});
