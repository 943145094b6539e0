/**
 * One timer for the deadlines of many calls in flight, instead of a `setTimeout` + `clearTimeout` per
 * call (on a client's hot path the per-call timer cost more than the rest of its bookkeeping). The
 * timer is armed for the earliest deadline; when it fires, the owner settles what is due and arms it
 * again for the next deadline. A call that settles early leaves it armed: the firing then finds
 * nothing due and re-arms or stops.
 */
import { type Clock, systemClock } from './clock.js';

export class DeadlineTimer {
  readonly #clock: Clock;
  readonly #fire: () => void;
  #handle: unknown;
  #at = Number.POSITIVE_INFINITY;
  /**
   * The time deadlines are measured on: monotonic (`performance.now()`) under the system clock, so
   * that a step of the wall clock (NTP, a suspended VM) neither times calls out early nor leaves one
   * waiting past its deadline; an injected clock's `now()` as it is (a test moves it and its timers
   * together).
   */
  readonly now: () => number;

  /** `onDue` runs when the earliest armed deadline has come; it arms again for what is left. */
  constructor(onDue: () => void, clock: Clock = systemClock) {
    this.#clock = clock;
    this.now = clock === systemClock ? () => performance.now() : () => clock.now();
    this.#fire = () => {
      this.#handle = undefined;
      this.#at = Number.POSITIVE_INFINITY;
      onDue();
    };
  }

  /** Makes sure the timer fires by `at` (on `now`'s scale); a timer armed for earlier stays. */
  arm(at: number): void {
    if (this.#handle !== undefined && this.#at <= at) return;
    this.disarm();
    this.#at = at;
    this.#handle = this.#clock.setTimeout(this.#fire, Math.max(0, Math.ceil(at - this.now())));
  }

  /** Stops the timer (e.g. every call was rejected because the connection closed). */
  disarm(): void {
    if (this.#handle !== undefined) this.#clock.clearTimeout(this.#handle);
    this.#handle = undefined;
    this.#at = Number.POSITIVE_INFINITY;
  }
}
