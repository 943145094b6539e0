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
import {
  AuthError,
  backoffDelay,
  type Clock,
  isJobActive,
  type PrinterState,
  type PrintkitError,
  toPrintkitError,
} from '@printkit/core-types';

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

/** What the poll session needs from the printer it polls. */
export interface PollHooks {
  /** Reads the printer once (the adapter's `refresh()`). */
  refresh(): Promise<unknown>;
  /** The printer's current printkit state (picks the interval). */
  state(): PrinterState;
  /** Ends polling for good (the printer was closed). */
  readonly closed: AbortSignal;
  /** A poll succeeded after failures, or the first one did. */
  onSuccess(): void;
  /** A poll failed; `report` is false for a repeated auth refusal (policy 10: reported once). */
  onFailure(error: PrintkitError, report: boolean, failures: number): void;
}

/**
 * The adaptive poll loop (Connect has no push channel: polling is its session). One timer at a time;
 * a command brings the next poll forward; failures back off (see `nextPollDelay`) and the first poll
 * that succeeds ends the backoff. An auth refusal is reported once until a poll succeeds again.
 */
export class PollSession {
  readonly #clock: Clock;
  readonly #intervals: PollIntervals | undefined;
  readonly #hooks: PollHooks;
  #timer: unknown;
  #dueAt = Number.POSITIVE_INFINITY;
  #lastCommandAt: number | undefined;
  #failures = 0;
  #authRefused = false;
  #polling = false;

  constructor(clock: Clock, intervals: PollIntervals | undefined, hooks: PollHooks) {
    this.#clock = clock;
    this.#intervals = intervals;
    this.#hooks = hooks;
  }

  /** The delay the poller would wait now. */
  nextDelay(): number {
    const now = this.#clock.now();
    return nextPollDelay(
      {
        state: this.#hooks.state(),
        msSinceCommand: this.#lastCommandAt === undefined ? undefined : now - this.#lastCommandAt,
        failures: this.#failures,
      },
      this.#intervals,
    );
  }

  /** Schedules the next poll, unless one is already due sooner. */
  schedule(): void {
    if (this.#hooks.closed.aborted || this.#polling) return;
    const delay = this.nextDelay();
    const dueAt = this.#clock.now() + delay;
    if (dueAt >= this.#dueAt) return;
    this.stop();
    this.#dueAt = dueAt;
    this.#timer = this.#clock.setTimeout(() => void this.#poll(), delay);
  }

  /** A command was sent: poll soon to show its effect (when `scheduleNow`). */
  commandSent(scheduleNow: boolean): void {
    this.#lastCommandAt = this.#clock.now();
    if (scheduleNow) this.schedule();
  }

  /** Cancels the pending poll. */
  stop(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#dueAt = Number.POSITIVE_INFINITY;
  }

  async #poll(): Promise<void> {
    this.#timer = undefined;
    this.#dueAt = Number.POSITIVE_INFINITY;
    if (this.#hooks.closed.aborted) return;
    this.#polling = true;
    try {
      await this.#hooks.refresh();
      this.#failures = 0;
      this.#authRefused = false;
      this.#hooks.onSuccess();
    } catch (error) {
      if (this.#hooks.closed.aborted) return;
      this.#failures += 1;
      const printkitError = toPrintkitError(error, 'poll');
      const refused = AuthError.isInstance(printkitError);
      this.#hooks.onFailure(printkitError, !(refused && this.#authRefused), this.#failures);
      this.#authRefused = refused;
    } finally {
      this.#polling = false;
    }
    this.schedule();
  }
}
