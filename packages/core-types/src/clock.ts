/**
 * The one way every printkit client takes a clock: a `clock` option. Tests pass a fake one to jump
 * time (timestamps, polling, liveness, token expiry) instead of sleeping.
 */
export interface Clock {
  /** Milliseconds since the epoch, as `Date.now()`. */
  now(): number;
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real clock. Timers are unref'd where the runtime allows, so they never keep Node alive alone. */
export const systemClock: Clock = Object.freeze({
  now: () => Date.now(),
  setTimeout(callback: () => void, delayMs: number): unknown {
    const handle = globalThis.setTimeout(callback, delayMs) as unknown;
    (handle as { unref?: () => void }).unref?.();
    return handle;
  },
  clearTimeout(handle: unknown): void {
    globalThis.clearTimeout(handle as Parameters<typeof globalThis.clearTimeout>[0]);
  },
});
