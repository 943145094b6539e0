/**
 * Injectable clocks. The simulator never reads `Date.now()` or calls the global timer functions
 * itself: it asks a `Clock`, so tests can jump time with a `ManualClock` instead of sleeping, and
 * standalone mocks can run a `RealtimeClock`, optionally faster than wall time.
 */

/** An opaque timer reference; pass it back to `clearTimer`. */
export interface TimerHandle {
  readonly id: number;
}

export interface Clock {
  /** Simulated time in ms since the Unix epoch. */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  setInterval(fn: () => void, ms: number): TimerHandle;
  /** Cancels a timer; ignores `undefined`, unknown and already finished handles. */
  clearTimer(handle: TimerHandle | undefined): void;
}

export interface ManualClock extends Clock {
  readonly kind: 'manual';
  /**
   * Moves time forward by `ms`, running every timer that falls due on the way in time order (ties in
   * the order they were scheduled). `now()` is set to each timer's due time before it runs, so every
   * intermediate state is observable; intervals reschedule themselves; timers scheduled by a callback
   * run too if they fall inside the window. Afterwards `now()` is exactly start + ms.
   */
  advance(ms: number): void;
  /** Number of scheduled timers (an interval counts once until cleared). */
  pendingTimers(): number;
}

export interface RealtimeClock extends Clock {
  readonly kind: 'realtime';
  /** Simulated ms per wall-clock ms. */
  readonly speed: number;
  /** Clears every real timer this clock created. */
  dispose(): void;
}

/** 2026-01-01T00:00:00Z: timestamps look real and are the same in every run. */
export const DEFAULT_START_MS = 1_767_225_600_000;

interface ManualTimer {
  readonly fn: () => void;
  due: number;
  /** Tie-breaker: timers due at the same ms run in the order they were (re)scheduled. */
  seq: number;
  /** Period of an interval; undefined for a timeout. */
  readonly every: number | undefined;
}

/** Negative, NaN or infinite delays run as soon as possible, as the global timers do. */
function sanitizeDelay(ms: number): number {
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

export function createManualClock(options: { startMs?: number } = {}): ManualClock {
  let now = options.startMs ?? DEFAULT_START_MS;
  let nextId = 1;
  let nextSeq = 1;
  let advancing = false;
  const timers = new Map<number, ManualTimer>();

  const schedule = (fn: () => void, ms: number, every: number | undefined): TimerHandle => {
    const id = nextId++;
    timers.set(id, { fn, due: now + sanitizeDelay(ms), seq: nextSeq++, every });
    return { id };
  };

  // Linear scan: a simulator keeps a handful of timers, so a heap would only add code.
  const nextDue = (limit: number): [number, ManualTimer] | undefined => {
    let best: [number, ManualTimer] | undefined;
    for (const entry of timers) {
      const timer = entry[1];
      if (timer.due > limit) continue;
      if (!best || timer.due < best[1].due || (timer.due === best[1].due && timer.seq < best[1].seq)) {
        best = entry;
      }
    }
    return best;
  };

  return {
    kind: 'manual',
    now: () => now,
    setTimeout: (fn, ms) => schedule(fn, ms, undefined),
    // A zero period would make `advance` loop forever, so intervals tick at least every 1 ms.
    setInterval: (fn, ms) => {
      const every = Math.max(1, sanitizeDelay(ms));
      return schedule(fn, every, every);
    },
    clearTimer: (handle) => {
      if (handle) timers.delete(handle.id);
    },
    pendingTimers: () => timers.size,
    advance: (ms) => {
      if (!Number.isFinite(ms) || ms < 0)
        throw new RangeError(`advance(ms) needs a finite ms >= 0, got ${ms}`);
      // Re-entrant advancing would run timers out of order; callbacks should schedule instead.
      if (advancing) throw new Error('ManualClock.advance() cannot be called from inside a timer callback');
      advancing = true;
      const end = now + ms;
      try {
        for (let due = nextDue(end); due; due = nextDue(end)) {
          const [id, timer] = due;
          now = timer.due;
          // Reschedule or remove before running, so the callback may clear its own timer.
          if (timer.every === undefined) timers.delete(id);
          else {
            timer.due += timer.every;
            timer.seq = nextSeq++;
          }
          timer.fn();
        }
        now = end;
      } finally {
        advancing = false;
      }
    },
  };
}

/** The global timer functions, typed loosely enough for both Node (objects) and browsers (numbers). */
type RealHandle = ReturnType<typeof globalThis.setTimeout>;

/** Node keeps the process alive for pending timers; a simulator alone should not (its servers do). */
function unref(handle: RealHandle): void {
  const maybe = handle as unknown as { unref?: () => void };
  if (typeof maybe === 'object' && typeof maybe.unref === 'function') maybe.unref();
}

export function createRealtimeClock(options: { speed?: number; startMs?: number } = {}): RealtimeClock {
  const speed = options.speed ?? 1;
  if (!Number.isFinite(speed) || speed <= 0)
    throw new RangeError(`speed must be a finite number > 0, got ${speed}`);
  const wallStart = Date.now();
  const simStart = options.startMs ?? wallStart;
  let nextId = 1;
  const real = new Map<number, { handle: RealHandle; interval: boolean }>();

  return {
    kind: 'realtime',
    speed,
    now: () => Math.round(simStart + (Date.now() - wallStart) * speed),
    setTimeout: (fn, ms) => {
      const id = nextId++;
      const handle = globalThis.setTimeout(() => {
        real.delete(id);
        fn();
      }, sanitizeDelay(ms) / speed);
      unref(handle);
      real.set(id, { handle, interval: false });
      return { id };
    },
    setInterval: (fn, ms) => {
      const id = nextId++;
      const handle = globalThis.setInterval(fn, Math.max(1, sanitizeDelay(ms) / speed));
      unref(handle);
      real.set(id, { handle, interval: true });
      return { id };
    },
    clearTimer: (handle) => {
      const timer = handle && real.get(handle.id);
      if (!timer || !handle) return;
      if (timer.interval) globalThis.clearInterval(timer.handle);
      else globalThis.clearTimeout(timer.handle);
      real.delete(handle.id);
    },
    dispose: () => {
      for (const timer of real.values()) {
        if (timer.interval) globalThis.clearInterval(timer.handle);
        else globalThis.clearTimeout(timer.handle);
      }
      real.clear();
    },
  };
}
