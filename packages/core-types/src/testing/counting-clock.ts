import { type Clock, systemClock } from '../clock.js';

/**
 * The system clock, counting the timers armed through it and not yet fired or cleared: a test
 * passes it as a client's `clock` and checks that nothing is left pending after `close()`.
 */
export function createCountingClock(): Clock & { pending(): number } {
  const live = new Set<unknown>();
  return {
    now: () => systemClock.now(),
    setTimeout(callback, delayMs) {
      const handle: unknown = systemClock.setTimeout(() => {
        live.delete(handle);
        callback();
      }, delayMs);
      live.add(handle);
      return handle;
    },
    clearTimeout(handle) {
      live.delete(handle);
      systemClock.clearTimeout(handle);
    },
    pending: () => live.size,
  };
}
