import { AbortedError, TimeoutError } from '@printkit/core-types';
import { describe, expect, it } from 'vitest';
import { type CallSignal, runWithDeadline } from './call-deadline.js';

/** Work that ignores its signal and never settles, recording the signal it got. */
const hang = (seen: CallSignal[]) => (signal: CallSignal) => {
  seen.push(signal);
  return new Promise<never>(() => {});
};

describe('runWithDeadline (one shared timer)', () => {
  it('rejects each call at its own deadline, an earlier one armed after a later one too', async () => {
    const seen: CallSignal[] = [];
    const started = performance.now();
    const slow = runWithDeadline(hang(seen), undefined, 400, 'GET /slow').catch((e: unknown) => e);
    const fast = runWithDeadline(hang(seen), undefined, 40, 'GET /fast').catch((e: unknown) => e);
    const fastError = await fast;
    const fastAt = performance.now() - started;
    expect(TimeoutError.isInstance(fastError)).toBe(true);
    expect((fastError as TimeoutError).message).toBe('GET /fast timed out after 40 ms');
    expect(fastAt).toBeLessThan(300);
    expect(seen[1]?.aborted).toBe(true);
    expect(seen[0]?.aborted).toBe(false);
    const slowError = await slow;
    expect(TimeoutError.isInstance(slowError)).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
    expect(seen[0]?.reason).toBe(slowError);
  });

  it('settles with the value and no later timeout once the work is done', async () => {
    await expect(runWithDeadline(async () => 7, undefined, 30, 'GET /x')).resolves.toBe(7);
    await new Promise((resolve) => setTimeout(resolve, 60));
  });

  it("rejects with the caller's AbortedError, before and during the call", async () => {
    const before = new AbortController();
    before.abort();
    const early = await runWithDeadline(hang([]), before.signal, 1000, 'GET /a').catch((e: unknown) => e);
    expect(AbortedError.isInstance(early)).toBe(true);
    const during = new AbortController();
    const seen: CallSignal[] = [];
    const pending = runWithDeadline(hang(seen), during.signal, 0, 'GET /b').catch((e: unknown) => e);
    // Both ways a transport listens: a real AbortSignal (fetch) and an emitter-style listener (undici).
    const real = seen[0]?.signal;
    let heard = 0;
    seen[0]?.once('abort', () => heard++);
    const removed = () => (heard += 100);
    seen[0]?.on('abort', removed);
    seen[0]?.removeListener('abort', removed);
    during.abort();
    const error = await pending;
    expect(AbortedError.isInstance(error)).toBe(true);
    expect(seen[0]?.aborted).toBe(true);
    expect(real?.aborted).toBe(true);
    expect(real?.reason).toBe(error);
    expect(heard).toBe(1);
    // A real signal asked for after the abort is born aborted.
    expect(seen[0]?.signal.aborted).toBe(true);
  });

  it("passes the work's own error through when nothing aborted", async () => {
    const failure = new Error('boom');
    await expect(runWithDeadline(() => Promise.reject(failure), undefined, 1000, 'GET /c')).rejects.toBe(
      failure,
    );
  });

  it('keeps every call apart: settled ones in any order, the rest each timed out at its own deadline', async () => {
    // 40 calls in flight, linked in start order; some settle early in a shuffled order (unlinked from
    // the front, middle and back of the list), the others must still time out, each once, on time.
    const started = performance.now();
    const calls = Array.from({ length: 40 }, (_, index) => {
      let finish: ((value: number) => void) | undefined;
      const timeoutMs = 30 + ((index * 7) % 50);
      const result = runWithDeadline(
        () =>
          new Promise<number>((resolve) => {
            finish = resolve;
          }),
        undefined,
        timeoutMs,
        `GET /${index}`,
      ).then(
        (value) => ({ value, at: performance.now() - started }),
        (error: unknown) => ({ error, at: performance.now() - started }),
      );
      return { index, timeoutMs, result, finish: (value: number) => finish?.(value) };
    });
    const early = [0, 39, 17, 5, 38, 20, 1, 21];
    for (const index of early) calls[index]?.finish(index);
    const outcomes = await Promise.all(calls.map((call) => call.result));
    outcomes.forEach((outcome, index) => {
      const call = calls[index];
      if (early.includes(index)) {
        expect(outcome).toMatchObject({ value: index });
      } else {
        expect(TimeoutError.isInstance((outcome as { error: unknown }).error)).toBe(true);
        expect((outcome as { error: Error }).error.message).toBe(
          `GET /${index} timed out after ${call?.timeoutMs} ms`,
        );
        expect(outcome.at).toBeGreaterThanOrEqual((call?.timeoutMs ?? 0) - 1);
        expect(outcome.at).toBeLessThan((call?.timeoutMs ?? 0) + 250);
      }
    });
    // A call that settles after its deadline changes nothing (its entry was already released).
    calls[2]?.finish(2);
    await new Promise((resolve) => setTimeout(resolve, 10));
  });
});
