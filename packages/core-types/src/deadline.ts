/**
 * Timeouts that combine with a caller's `AbortSignal`: one helper, used by every client.
 */
import type { Clock } from './clock.js';
import { AbortedError, PrintkitError, TimeoutError } from './errors.js';

export interface RequestOptions {
  /** Aborts the call; it then rejects with an `AbortedError`. */
  signal?: AbortSignal | undefined;
  /** Overrides the client's default timeout for this call, in milliseconds. 0 or Infinity: no timeout. */
  timeoutMs?: number | undefined;
}

export interface Deadline {
  /** Aborts when the timeout fires (reason: `TimeoutError`) or the caller aborts (reason: `AbortedError`). */
  readonly signal: AbortSignal;
  /** Stops the timer and detaches from the caller's signal. Call it when the work settles. */
  dispose(): void;
}

export interface DeadlineOptions extends RequestOptions {
  /** Named in the error message, e.g. `printer.objects.query`. */
  operation?: string;
}

/** The printkit error that explains why `signal` aborted. */
export function abortReason(signal: AbortSignal, operation?: string): PrintkitError {
  const reason: unknown = signal.reason;
  if (PrintkitError.isInstance(reason)) return reason;
  const what = operation ? `${operation} was aborted` : 'The operation was aborted';
  return new AbortedError(what, operation === undefined ? { cause: reason } : { cause: reason, operation });
}

/** Throws the printkit error for an already aborted signal. */
export function throwIfAborted(signal: AbortSignal | undefined, operation?: string): void {
  if (signal?.aborted) throw abortReason(signal, operation);
}

export function createDeadline(options: DeadlineOptions = {}): Deadline {
  const { signal: callerSignal, timeoutMs, operation } = options;
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const onCallerAbort = () => controller.abort(abortReason(callerSignal as AbortSignal, operation));
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });

  if (!controller.signal.aborted && timeoutMs !== undefined && timeoutMs > 0 && Number.isFinite(timeoutMs)) {
    timer = setTimeout(() => {
      const what = operation ?? 'The operation';
      controller.abort(
        new TimeoutError(
          `${what} timed out after ${timeoutMs} ms`,
          operation === undefined ? { timeoutMs } : { timeoutMs, operation },
        ),
      );
    }, timeoutMs);
  }

  return {
    signal: controller.signal,
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
}

/**
 * Runs `work` under a deadline. The returned promise settles when the work does, or rejects with a
 * `TimeoutError` / `AbortedError` as soon as the deadline passes, even if `work` ignores its signal.
 */
export async function withDeadline<T>(
  work: (signal: AbortSignal) => Promise<T>,
  options: DeadlineOptions = {},
): Promise<T> {
  const deadline = createDeadline(options);
  const { signal } = deadline;
  try {
    throwIfAborted(signal, options.operation);
    return await new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(abortReason(signal, options.operation));
      signal.addEventListener('abort', onAbort, { once: true });
      work(signal).then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(signal.aborted ? abortReason(signal, options.operation) : error);
        },
      );
    });
  } finally {
    deadline.dispose();
  }
}

/**
 * Waits `ms` milliseconds (on `clock` when given, so tests can jump time); rejects with the abort
 * reason as soon as `signal` aborts.
 */
export function sleep(
  ms: number,
  signal?: AbortSignal,
  clock: Pick<Clock, 'setTimeout' | 'clearTimeout'> = realTimers,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = () => {
      clock.clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Plain timers (not unref'd: a caller awaiting a sleep expects the process to wait for it). */
const realTimers: Pick<Clock, 'setTimeout' | 'clearTimeout'> = {
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as Parameters<typeof clearTimeout>[0]),
};
