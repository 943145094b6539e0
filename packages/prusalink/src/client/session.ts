/**
 * The adapter's liveness: poll the printer every `intervalMs` on the injected clock. A failed poll
 * marks the link `reconnecting` and backs off (capped, with jitter); an `AuthError` is reported once
 * per streak and retried more slowly (policy 10); the first poll that works again marks it
 * `connected`. Nothing here outlives `stop()`.
 */
import {
  AuthError,
  backoffDelay,
  type Clock,
  type PrintkitError,
  toPrintkitError,
} from '@printkit/core-types';

export interface PollSessionOptions {
  readonly intervalMs: number;
  readonly clock: Clock;
  /** One poll; rejects when the printer could not be read. */
  poll(signal: AbortSignal): Promise<void>;
  onFailure(error: PrintkitError, firstOfStreak: boolean): void;
  onRecovered(): void;
  /** Ends the session (the adapter's closed signal). */
  readonly signal: AbortSignal;
}

export interface PollSession {
  stop(): void;
}

export function startPolling(options: PollSessionOptions): PollSession {
  const { clock, signal } = options;
  let handle: unknown;
  let failures = 0;
  let stopped = false;
  let inFlight: AbortController | undefined;

  const schedule = (delayMs: number) => {
    if (stopped || signal.aborted) return;
    handle = clock.setTimeout(run, delayMs);
  };

  async function run(): Promise<void> {
    if (stopped || signal.aborted) return;
    inFlight = new AbortController();
    try {
      await options.poll(AbortSignal.any([signal, inFlight.signal]));
      if (failures > 0) options.onRecovered();
      failures = 0;
      schedule(options.intervalMs);
    } catch (reason) {
      if (stopped || signal.aborted) return;
      const error = toPrintkitError(reason, 'poll');
      failures += 1;
      options.onFailure(error, failures === 1);
      // Refused credentials will not fix themselves quickly: ask less often.
      const slow = AuthError.isInstance(error) ? 4 : 1;
      schedule(
        backoffDelay(failures - 1, {
          initialDelayMs: options.intervalMs * slow,
          maxDelayMs: 30_000 * slow,
          jitter: 0.2,
        }),
      );
    } finally {
      inFlight = undefined;
    }
  }

  schedule(options.intervalMs);
  return {
    stop() {
      stopped = true;
      clock.clearTimeout(handle);
      inFlight?.abort();
    },
  };
}
