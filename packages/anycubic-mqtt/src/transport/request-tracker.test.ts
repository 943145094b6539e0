import {
  AbortedError,
  type Clock,
  ConnectionError,
  PrinterRejectedError,
  systemClock,
  TimeoutError,
} from '@printkit/core-types';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { COMMANDS } from '../protocol/table.js';
import type { AnyReport } from '../protocol/wire.js';
import { RequestTracker } from './request-tracker.js';

function report(fields: Partial<AnyReport> & Pick<AnyReport, 'type'>): AnyReport {
  return {
    action: 'report',
    state: 'done',
    rawState: 'done',
    code: 200,
    msg: 'done',
    msgid: 'printer-own-id',
    timestamp: 1,
    data: null,
    topic: 't',
    ...fields,
  } as AnyReport;
}

/** The system clock (faked by vitest when asked), counting the timers armed and still live. */
function countingClock(): Clock & { armed: number; live: () => number } {
  const live = new Set<unknown>();
  const clock = {
    armed: 0,
    live: () => live.size,
    now: () => systemClock.now(),
    setTimeout(callback: () => void, delayMs: number): unknown {
      clock.armed += 1;
      const handle = systemClock.setTimeout(() => {
        live.delete(handle);
        callback();
      }, delayMs);
      live.add(handle);
      return handle;
    },
    clearTimeout(handle: unknown): void {
      live.delete(handle);
      systemClock.clearTimeout(handle);
    },
  };
  return clock;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('RequestTracker', () => {
  it('settles a call by the msgid the printer echoes, and only that call', async () => {
    const tracker = new RequestTracker();
    const a = tracker.track({
      spec: COMMANDS['light/control'],
      msgid: 'a',
      settle: 'report',
      timeoutMs: 1_000,
    });
    const b = tracker.track({
      spec: COMMANDS['light/control'],
      msgid: 'b',
      settle: 'report',
      timeoutMs: 1_000,
    });
    tracker.handleReport(report({ type: 'light', action: 'control', msgid: 'b' }));
    await expect(b).resolves.toMatchObject({ msgid: 'b', report: { msgid: 'b' } });
    expect(tracker.size).toBe(1);
    tracker.handleReport(report({ type: 'light', action: 'control', msgid: 'a' }));
    await expect(a).resolves.toMatchObject({ msgid: 'a' });
  });

  it('settles by type and action when the report carries a msgid of its own (seed info report)', async () => {
    const tracker = new RequestTracker();
    const pause = tracker.track({
      spec: COMMANDS['print/pause'],
      msgid: 'p',
      settle: 'report',
      timeoutMs: 1_000,
    });
    // A progress report (action start) does not answer a pause.
    tracker.handleReport(report({ type: 'print', action: 'start', state: 'printing', rawState: 'printing' }));
    expect(tracker.size).toBe(1);
    tracker.handleReport(report({ type: 'print', action: 'pause', state: 'pausing', rawState: 'pausing' }));
    await expect(pause).resolves.toMatchObject({ report: { rawState: 'pausing' } });
  });

  it('waits for the listed state (video initSuccess) but takes any error code', async () => {
    const tracker = new RequestTracker();
    const start = tracker.track({
      spec: COMMANDS['video/startCapture'],
      msgid: 'v',
      settle: 'report',
      timeoutMs: 1_000,
    });
    tracker.handleReport(
      report({ type: 'video', action: 'stopCapture', state: 'pushStopped', rawState: 'pushStopped' }),
    );
    expect(tracker.size).toBe(1);
    tracker.handleReport(
      report({ type: 'video', state: 'failed', rawState: 'failed', code: 10500, msg: 'no camera' }),
    );
    const error = await start.catch((e: unknown) => e);
    expect(PrinterRejectedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      printerCode: 10500,
      printerMessage: 'no camera',
      operation: 'video/startCapture',
    });
  });

  it('rejects with the firmware code and message (10101 task still active)', async () => {
    const tracker = new RequestTracker();
    const start = tracker.track({
      spec: COMMANDS['print/start'],
      msgid: 's',
      settle: 'report',
      timeoutMs: 1_000,
    });
    tracker.handleReport(
      report({
        type: 'print',
        action: 'start',
        state: 'failed',
        rawState: 'failed',
        code: 10101,
        msgid: 's',
        msg: 'task still active',
      }),
    );
    await expect(start).rejects.toMatchObject({
      code: 'rejected',
      printerCode: 10101,
      printerMessage: 'task still active',
    });
  });

  it('settles ack commands on the ack, report commands only on the report', async () => {
    const tracker = new RequestTracker();
    const update = tracker.track({
      spec: COMMANDS['print/update'],
      msgid: 'u',
      settle: 'ack',
      timeoutMs: 1_000,
    });
    const info = tracker.track({
      spec: COMMANDS['info/query'],
      msgid: 'i',
      settle: 'report',
      timeoutMs: 1_000,
    });
    tracker.handleAck({ msgid: 'u' });
    tracker.handleAck({ msgid: 'i' });
    await expect(update).resolves.toEqual({ msgid: 'u', report: undefined, ack: { msgid: 'u' } });
    expect(tracker.size).toBe(1);
    tracker.handleReport(report({ type: 'info', data: { state: 'free' } }));
    await expect(info).resolves.toMatchObject({ ack: { msgid: 'i' }, report: { type: 'info' } });
  });

  it('rejects on an ack that carries an error code', async () => {
    const tracker = new RequestTracker();
    const call = tracker.track({
      spec: COMMANDS['fan/setSpeed'],
      msgid: 'f',
      settle: 'report',
      timeoutMs: 1_000,
    });
    tracker.handleAck({ msgid: 'f', code: 10112, msg: 'bad' });
    await expect(call).rejects.toMatchObject({ printerCode: 10112 });
  });

  it('times out, saying when the printer acknowledged but never answered', async () => {
    vi.useFakeTimers();
    const tracker = new RequestTracker();
    const silent = tracker.track({
      spec: COMMANDS['info/query'],
      msgid: 'x',
      settle: 'report',
      timeoutMs: 500,
    });
    const acked = tracker.track({
      spec: COMMANDS['info/query'],
      msgid: 'y',
      settle: 'report',
      timeoutMs: 500,
    });
    tracker.handleAck({ msgid: 'y' });
    const results = Promise.allSettled([silent, acked]);
    await vi.advanceTimersByTimeAsync(500);
    const [first, second] = await results;
    expect(first.status === 'rejected' && TimeoutError.isInstance(first.reason)).toBe(true);
    expect(second.status === 'rejected' && String(second.reason.message)).toContain('acknowledged');
    expect(tracker.size).toBe(0);
  });

  it('rejects with AbortedError when the caller aborts, before or during the call', async () => {
    const tracker = new RequestTracker();
    const controller = new AbortController();
    const call = tracker.track({
      spec: COMMANDS['info/query'],
      msgid: 'z',
      settle: 'report',
      timeoutMs: 0,
      signal: controller.signal,
    });
    controller.abort();
    await expect(call).rejects.toSatisfy((e) => AbortedError.isInstance(e));
    const late = tracker.track({
      spec: COMMANDS['info/query'],
      msgid: 'w',
      settle: 'report',
      timeoutMs: 0,
      signal: controller.signal,
    });
    await expect(late).rejects.toSatisfy((e) => AbortedError.isInstance(e));
    expect(tracker.size).toBe(0);
  });

  it('rejects every pending call on failAll', async () => {
    const tracker = new RequestTracker();
    const calls = [1, 2, 3].map((n) =>
      tracker.track({ spec: COMMANDS['print/stop'], msgid: `c${n}`, settle: 'report', timeoutMs: 0 }),
    );
    tracker.failAll((operation) => new ConnectionError('closed', { operation }));
    for (const call of calls)
      await expect(call).rejects.toMatchObject({ code: 'connection', operation: 'print/stop' });
  });

  it('arms one timer for many calls, and each still times out at its own deadline', async () => {
    vi.useFakeTimers();
    const clock = countingClock();
    const tracker = new RequestTracker(clock);
    const track = (msgid: string, timeoutMs: number) =>
      tracker.track({ spec: COMMANDS['info/query'], msgid, settle: 'report', timeoutMs }).then(
        () => 'answered',
        (error: unknown) =>
          TimeoutError.isInstance(error) ? `timed out at ${Date.now() - started}` : 'other',
      );
    const started = Date.now();
    const slow = Array.from({ length: 50 }, (_, n) => track(`slow${n}`, 1_000));
    const answered = track('answered', 1_000);
    tracker.handleReport(report({ type: 'info', msgid: 'answered' }));
    expect(clock.armed).toBe(1);
    // An earlier deadline re-arms the one timer for itself.
    const fast = track('fast', 100);
    expect(clock.armed).toBe(2);
    expect(clock.live()).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(await fast).toBe('timed out at 100');
    expect(tracker.size).toBe(50);
    await vi.advanceTimersByTimeAsync(900);
    expect(new Set(await Promise.all(slow))).toEqual(new Set(['timed out at 1000']));
    expect(await answered).toBe('answered');
    expect(tracker.size).toBe(0);
    // Nothing left: the timer stopped instead of re-arming.
    expect(clock.live()).toBe(0);
    expect(clock.armed).toBe(3);
  });

  it('leaves no timer behind after failAll (close, link loss)', async () => {
    const clock = countingClock();
    const tracker = new RequestTracker(clock);
    const call = tracker.track({
      spec: COMMANDS['info/query'],
      msgid: 'q',
      settle: 'report',
      timeoutMs: 5_000,
    });
    tracker.handleReport(report({ type: 'info', msgid: 'q' }));
    await call;
    // Still armed for a call that settled (it would fire once and stop) ...
    expect(clock.live()).toBe(1);
    tracker.failAll((operation) => new ConnectionError('closed', { operation }));
    // ... until the tracker is failed, as a closing client does.
    expect(clock.live()).toBe(0);
  });

  it('keeps deadlines through a step of the wall clock (system clock: measured monotonically)', async () => {
    vi.useFakeTimers();
    const tracker = new RequestTracker();
    const outcome = (call: Promise<unknown>) =>
      call.then(
        () => 'answered',
        (error: unknown) =>
          TimeoutError.isInstance(error) ? `timed out at ${performance.now() - started}` : 'other',
      );
    const started = performance.now();
    const short = outcome(
      tracker.track({ spec: COMMANDS['info/query'], msgid: 's', settle: 'report', timeoutMs: 100 }),
    );
    const long = outcome(
      tracker.track({ spec: COMMANDS['info/query'], msgid: 'l', settle: 'report', timeoutMs: 1_000 }),
    );
    // The wall clock jumps an hour ahead: the long call is not due when the short one's timer fires ...
    vi.setSystemTime(Date.now() + 3_600_000);
    await vi.advanceTimersByTimeAsync(100);
    expect(await short).toBe('timed out at 100');
    expect(tracker.size).toBe(1);
    // ... and an hour back: it still times out at its own deadline, not an hour later.
    vi.setSystemTime(Date.now() - 7_200_000);
    await vi.advanceTimersByTimeAsync(900);
    expect(await long).toBe('timed out at 1000');
  });
});
