/**
 * Capped exponential backoff with jitter, for reconnects and retries.
 *
 * The delay before retry `attempt` (0-based) is `min(maxDelayMs, initialDelayMs * factor^attempt)`,
 * then jittered down by up to `jitter` of itself, so that many clients that lost the same server
 * do not come back in lock-step.
 */
export interface BackoffOptions {
  /** Delay before the first retry. Default 500 ms. */
  initialDelayMs?: number;
  /** Upper bound of any delay. Default 30 000 ms. */
  maxDelayMs?: number;
  /** Growth per attempt. Default 2. */
  factor?: number;
  /** Fraction of each delay that is randomised, 0 (none) to 1 ("full jitter"). Default 0.5. */
  jitter?: number;
  /** Source of randomness in [0, 1); inject a seeded one for deterministic tests. */
  random?: () => number;
}

export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const {
    initialDelayMs = 500,
    maxDelayMs = 30_000,
    factor = 2,
    jitter = 0.5,
    random = Math.random,
  } = options;
  const exponent = Math.max(0, Math.floor(attempt));
  const capped = Math.min(maxDelayMs, initialDelayMs * factor ** exponent);
  const spread = Math.min(1, Math.max(0, jitter));
  return Math.round(capped * (1 - spread * random()));
}

export interface Backoff {
  /** The delay before the next attempt; each call counts one attempt. */
  next(): number;
  /** Call after a success so the next failure starts from the initial delay again. */
  reset(): void;
  /** How many delays were handed out since the last reset. */
  readonly attempts: number;
}

export function createBackoff(options: BackoffOptions = {}): Backoff {
  let attempts = 0;
  return {
    next: () => backoffDelay(attempts++, options),
    reset: () => {
      attempts = 0;
    },
    get attempts() {
      return attempts;
    },
  };
}
