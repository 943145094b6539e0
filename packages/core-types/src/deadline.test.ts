import { afterEach, describe, expect, it, vi } from 'vitest';
import { abortReason, createDeadline, sleep, throwIfAborted, withDeadline } from './deadline.js';
import { AbortedError, AuthError, TimeoutError } from './errors.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('createDeadline', () => {
  it('aborts with a TimeoutError naming the operation', () => {
    vi.useFakeTimers();
    const deadline = createDeadline({ timeoutMs: 100, operation: 'server.info' });
    vi.advanceTimersByTime(99);
    expect(deadline.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(deadline.signal.aborted).toBe(true);
    const reason = deadline.signal.reason as TimeoutError;
    expect(TimeoutError.isInstance(reason)).toBe(true);
    expect(reason.timeoutMs).toBe(100);
    expect(reason.message).toBe('server.info timed out after 100 ms');
  });

  it('follows the caller signal with an AbortedError', () => {
    const controller = new AbortController();
    const deadline = createDeadline({ signal: controller.signal, timeoutMs: 10_000 });
    controller.abort('user');
    expect(AbortedError.isInstance(deadline.signal.reason)).toBe(true);
    deadline.dispose();
  });

  it('is aborted at once for an already aborted caller signal', () => {
    const deadline = createDeadline({ signal: AbortSignal.abort() });
    expect(deadline.signal.aborted).toBe(true);
  });

  it('keeps a printkit error given as the abort reason', () => {
    const controller = new AbortController();
    const reason = new AuthError('expired');
    controller.abort(reason);
    expect(abortReason(controller.signal)).toBe(reason);
  });

  it('does not fire after dispose and has no timer for 0 or Infinity', () => {
    vi.useFakeTimers();
    const deadline = createDeadline({ timeoutMs: 50 });
    deadline.dispose();
    vi.advanceTimersByTime(100);
    expect(deadline.signal.aborted).toBe(false);
    for (const timeoutMs of [0, Number.POSITIVE_INFINITY]) {
      createDeadline({ timeoutMs });
    }
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('withDeadline', () => {
  it('resolves with the work result and leaves no timer behind', async () => {
    vi.useFakeTimers();
    await expect(withDeadline(async () => 42, { timeoutMs: 1_000 })).resolves.toBe(42);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects on timeout even when the work ignores its signal', async () => {
    vi.useFakeTimers();
    const result = withDeadline(() => new Promise<never>(() => {}), { timeoutMs: 20, operation: 'op' });
    const check = expect(result).rejects.toSatisfy((error) => TimeoutError.isInstance(error));
    await vi.advanceTimersByTimeAsync(20);
    await check;
  });

  it('passes the work its own rejection, and turns rejections after abort into the abort reason', async () => {
    await expect(withDeadline(async () => Promise.reject(new Error('nope')))).rejects.toThrow('nope');
    const controller = new AbortController();
    const result = withDeadline(
      (signal) =>
        new Promise((_, reject) =>
          signal.addEventListener('abort', () => reject(new Error('socket closed'))),
        ),
      { signal: controller.signal },
    );
    controller.abort();
    await expect(result).rejects.toSatisfy((error) => AbortedError.isInstance(error));
  });

  it('rejects before starting the work when already aborted', async () => {
    const work = vi.fn(async () => 1);
    await expect(withDeadline(work, { signal: AbortSignal.abort() })).rejects.toSatisfy((error) =>
      AbortedError.isInstance(error),
    );
    expect(work).not.toHaveBeenCalled();
  });
});

describe('sleep and throwIfAborted', () => {
  it('sleeps, and stops sleeping when aborted', async () => {
    vi.useFakeTimers();
    const done = vi.fn();
    void sleep(100).then(done);
    await vi.advanceTimersByTimeAsync(100);
    expect(done).toHaveBeenCalled();
    const controller = new AbortController();
    const pending = sleep(1_000, controller.signal);
    controller.abort();
    await expect(pending).rejects.toSatisfy((error) => AbortedError.isInstance(error));
    await expect(sleep(1, AbortSignal.abort())).rejects.toSatisfy((error) => AbortedError.isInstance(error));
  });

  it('throws only for aborted signals', () => {
    expect(() => throwIfAborted(undefined)).not.toThrow();
    expect(() => throwIfAborted(new AbortController().signal)).not.toThrow();
    expect(() => throwIfAborted(AbortSignal.abort(), 'upload')).toThrow('upload was aborted');
  });
});
