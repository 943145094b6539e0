/**
 * How long the adapter waits before polling the printer detail again. Connect is a shared cloud
 * service and its data is only as fresh as the printer's own reports (every few seconds while
 * printing), so polling faster buys nothing; the defaults follow what integrations do:
 * - right after a command (`afterCommandMs` = 1 s, for `afterCommandWindowMs` = 10 s): the user just
 *   acted and wants to see the effect (paused, heating) promptly;
 * - while a job is active or the printer is busy (`activeMs` = 5 s): progress and temperatures move;
 * - idle, finished or offline (`idleMs` = 30 s): nothing moves; the Home Assistant integration polls
 *   at this rate too;
 * - after a failed poll: backoff from `activeMs` doubling up to `maxErrorMs` = 60 s.
 */
import { backoffDelay, isJobActive, type PrinterState } from '@printkit/core-types';

export interface PollIntervals {
  /** Default 1 000 ms. */
  afterCommandMs?: number;
  /** How long after a command the fast rate lasts. Default 10 000 ms. */
  afterCommandWindowMs?: number;
  /** Default 5 000 ms. */
  activeMs?: number;
  /** Default 30 000 ms. */
  idleMs?: number;
  /** Cap of the backoff after failed polls. Default 60 000 ms. */
  maxErrorMs?: number;
}

export const DEFAULT_POLL_INTERVALS: Required<PollIntervals> = {
  afterCommandMs: 1_000,
  afterCommandWindowMs: 10_000,
  activeMs: 5_000,
  idleMs: 30_000,
  maxErrorMs: 60_000,
};

export interface PollSituation {
  state: PrinterState;
  /** ms since the last command was sent; undefined if none was. */
  msSinceCommand: number | undefined;
  /** Polls that failed in a row. */
  failures: number;
}

export function nextPollDelay(situation: PollSituation, intervals: PollIntervals = {}): number {
  const settings = { ...DEFAULT_POLL_INTERVALS, ...intervals };
  if (situation.failures > 0) {
    return backoffDelay(situation.failures - 1, {
      initialDelayMs: settings.activeMs,
      maxDelayMs: settings.maxErrorMs,
      jitter: 0.2,
    });
  }
  if (situation.msSinceCommand !== undefined && situation.msSinceCommand < settings.afterCommandWindowMs) {
    return settings.afterCommandMs;
  }
  if (isJobActive(situation.state) || situation.state === 'busy') return settings.activeMs;
  return settings.idleMs;
}
