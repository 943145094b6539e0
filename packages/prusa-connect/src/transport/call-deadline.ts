/**
 * The deadline every request runs under, kept cheap for the common call (no caller signal, the default
 * timeout): one shared timer for all calls in flight instead of a `setTimeout` per call, and the call
 * settled from here at the deadline rather than through an extra racing promise with its listeners.
 * The guarantee is core-types' `withDeadline`'s: the call rejects with a `TimeoutError` at the deadline
 * (or the caller's `AbortedError`) even if the transport ignores its signal, and the signal aborts.
 */
import { abortReason, TimeoutError } from '@printkit/core-types';

/**
 * A call's abort state without an `AbortController` unless someone needs a real `AbortSignal` (the
 * fetch transport, a retry's sleep, an error path): undici takes this as its EventEmitter-style
 * `signal` (`on`/`once`/`removeListener`, `aborted`, `reason`), which saves an AbortController and its
 * EventTarget listeners per call.
 */
export class CallSignal {
  aborted = false;
  reason: unknown;
  #listeners: Array<() => void> | undefined;
  #controller: AbortController | undefined;

  /** A real AbortSignal that follows this one (made on first use). */
  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.aborted) this.#controller.abort(this.reason);
    }
    return this.#controller.signal;
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.#controller?.abort(reason);
    const listeners = this.#listeners;
    this.#listeners = undefined;
    if (listeners) for (const listener of listeners) listener();
  }

  on(event: string, listener: () => void): this {
    if (event !== 'abort' || this.aborted) return this;
    if (this.#listeners) this.#listeners.push(listener);
    else this.#listeners = [listener];
    return this;
  }

  once(event: string, listener: () => void): this {
    return this.on(event, listener); // 'abort' fires at most once
  }

  removeListener(event: string, listener: () => void): this {
    const listeners = this.#listeners;
    const index = event === 'abort' && listeners ? listeners.indexOf(listener) : -1;
    if (index >= 0) listeners?.splice(index, 1);
    return this;
  }

  off(event: string, listener: () => void): this {
    return this.removeListener(event, listener);
  }
}

/**
 * A call in flight with a finite timeout, linked into the list of such calls (no Set: its table is
 * reallocated as it grows and shrinks, at one call in flight on every call). Its links to the call
 * (signal, `reject`) are dropped as soon as it settles: an entry that reached the old generation may
 * still point at it until the next full GC, and through `reject` it would keep the call's promise —
 * and the reply it resolved with — alive that long (measured: GC per request ×3 under load).
 */
class Pending {
  previous: Pending | undefined;
  next: Pending | undefined;
  linked = false;

  constructor(
    readonly expiresAt: number,
    public controller: CallSignal | undefined,
    readonly operation: string,
    readonly timeoutMs: number,
    public reject: ((error: Error) => void) | undefined,
  ) {}
}

/** Calls in flight with a finite timeout, oldest first. */
let first: Pending | undefined;
let last: Pending | undefined;
let inFlight = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let timerAt = Infinity;

function link(call: Pending): void {
  call.previous = last;
  if (last) last.next = call;
  else first = call;
  last = call;
  call.linked = true;
  inFlight++;
}

function expire(): void {
  timer = undefined;
  timerAt = Infinity;
  const now = performance.now();
  let next = Infinity;
  const expired: Pending[] = [];
  for (let call = first; call; call = call.next) {
    if (call.expiresAt <= now) expired.push(call);
    else if (call.expiresAt < next) next = call.expiresAt;
  }
  // Unlinked first, then told: an abort listener that settles another call cannot upset the walk.
  for (const call of expired) {
    const { controller, reject } = call;
    release(call);
    const error = new TimeoutError(`${call.operation} timed out after ${call.timeoutMs} ms`, {
      timeoutMs: call.timeoutMs,
      operation: call.operation,
    });
    controller?.abort(error);
    reject?.(error);
  }
  if (next !== Infinity) arm(next);
}

function arm(at: number): void {
  // An armed timer that fires earlier re-arms itself for the rest: no timer per call.
  if (timer !== undefined && timerAt <= at) {
    timer.ref?.();
    return;
  }
  if (timer !== undefined) clearTimeout(timer);
  timerAt = at;
  timer = setTimeout(expire, Math.max(0, at - performance.now()));
}

function release(call: Pending): void {
  if (!call.linked) return;
  call.linked = false;
  const { previous, next } = call;
  if (previous) previous.next = next;
  else first = next;
  if (next) next.previous = previous;
  else last = previous;
  call.previous = undefined;
  call.next = undefined;
  call.controller = undefined;
  call.reject = undefined;
  inFlight--;
  // Nothing in flight: the shared timer must not keep the process alive (it fires, finds nothing, stops).
  if (inFlight === 0) timer?.unref?.();
}

/**
 * Runs `work` with a signal that aborts at `timeoutMs` (0 or Infinity: never) or when `callerSignal`
 * does; the returned promise rejects with the `TimeoutError` / `AbortedError` at that moment.
 */
export function runWithDeadline<T>(
  work: (signal: CallSignal) => Promise<T>,
  callerSignal: AbortSignal | undefined,
  timeoutMs: number,
  operation: string,
): Promise<T> {
  const controller = new CallSignal();
  if (callerSignal?.aborted) return Promise.reject(abortReason(callerSignal, operation));
  return new Promise<T>((resolve, reject) => {
    let call: Pending | undefined;
    if (timeoutMs > 0 && Number.isFinite(timeoutMs)) {
      call = new Pending(performance.now() + timeoutMs, controller, operation, timeoutMs, reject);
      link(call);
      arm(call.expiresAt);
    }
    const failed = (error: unknown) => {
      if (call) release(call);
      reject(controller.aborted ? abortReason(controller.signal, operation) : error);
    };
    if (!callerSignal) {
      // The common call: no listener to add or remove, so no closures for them.
      work(controller).then((value) => {
        if (call) release(call);
        resolve(value);
      }, failed);
      return;
    }
    const onCallerAbort = () => {
      if (call) release(call);
      const reason = abortReason(callerSignal, operation);
      controller.abort(reason);
      reject(reason);
    };
    callerSignal.addEventListener('abort', onCallerAbort, { once: true });
    work(controller).then(
      (value) => {
        if (call) release(call);
        callerSignal.removeEventListener('abort', onCallerAbort);
        resolve(value);
      },
      (error: unknown) => {
        callerSignal.removeEventListener('abort', onCallerAbort);
        failed(error);
      },
    );
  });
}
