/**
 * Klippy as Moonraker sees it: a state machine on the simulator's clock.
 * disconnected → startup → ready; ready → shutdown (emergency stop); restart and firmware_restart
 * go through disconnected → startup → ready again. Side effects on the wire (notify_klippy_*,
 * dropped subscriptions, reset homing) are the host's job; this class only keeps time and state.
 */
import type { Clock, TimerHandle } from '@printkit/printer-sim';

export type KlippyState = 'disconnected' | 'startup' | 'ready' | 'error' | 'shutdown';

export const READY_MESSAGE = 'Printer is ready';
export const STARTUP_MESSAGE =
  'Printer is not ready\nThe klippy host software is attempting to connect.  Please\nretry in a few moments.\n';
const SHUTDOWN_SUFFIX =
  '\nOnce the underlying issue is corrected, use the\n"FIRMWARE_RESTART" command to reset the firmware, reload the\nconfig, and restart the host software.\nPrinter is shutdown\n';
export const DISCONNECTED_MESSAGE = 'Klippy Disconnected';

/** Real Moonraker sends notify_klippy_shutdown ~200 ms after the emergency stop was answered. */
export const SHUTDOWN_NOTIFY_DELAY_MS = 200;
/** A restarting Klippy is gone for a moment before it reconnects in 'startup'. */
const RECONNECT_DELAY_MS = 200;

export interface KlippyHooks {
  /** Klippy reached 'ready' (send notify_klippy_ready). */
  ready(): void;
  /** Klippy went into 'shutdown'; called when the notification is due. */
  shutdownNotified(): void;
  /** Klippy dropped its connection to Moonraker (send notify_klippy_disconnected, drop subscriptions). */
  disconnected(): void;
  /** Klippy (re)connected and is starting up: homing and heater targets are reset. */
  starting(): void;
}

export class Klippy {
  readonly #clock: Clock;
  readonly #startupMs: number;
  readonly #hooks: KlippyHooks;
  #state: KlippyState;
  #message: string;
  #connectedOnce: boolean;
  #timers: TimerHandle[] = [];
  /** Sim ms at which the current Klippy process started (its monotonic clock's origin). */
  #startedAt: number;

  constructor(options: {
    clock: Clock;
    initial: 'ready' | 'startup' | 'disconnected';
    startupMs: number;
    hooks: KlippyHooks;
  }) {
    this.#clock = options.clock;
    this.#startupMs = options.startupMs;
    this.#hooks = options.hooks;
    this.#startedAt = this.#clock.now();
    this.#state = options.initial;
    this.#connectedOnce = options.initial !== 'disconnected';
    this.#message =
      options.initial === 'ready'
        ? READY_MESSAGE
        : options.initial === 'startup'
          ? STARTUP_MESSAGE
          : DISCONNECTED_MESSAGE;
    if (options.initial === 'startup') this.#scheduleReady(this.#startupMs);
  }

  get state(): KlippyState {
    return this.#state;
  }

  get stateMessage(): string {
    return this.#message;
  }

  /** Klippy is connected to Moonraker (any state but 'disconnected'). */
  get connected(): boolean {
    return this.#state !== 'disconnected';
  }

  /** Klippy registered its endpoints at least once (before that they answer "Method not found"). */
  get connectedOnce(): boolean {
    return this.#connectedOnce;
  }

  get startedAt(): number {
    return this.#startedAt;
  }

  /** Klippy (re)connects: 'startup' now, 'ready' after the configured startup time. */
  connect(): void {
    if (this.#state !== 'disconnected') return;
    this.#clearTimers();
    this.#enterStartup();
    this.#scheduleReady(this.#startupMs);
  }

  /** Klippy goes away and stays away until `connect()`. */
  disconnect(): void {
    this.#clearTimers();
    this.#goDisconnected();
  }

  /** RESTART / FIRMWARE_RESTART: disconnected at once, back in 'startup' shortly, 'ready' after startupMs. */
  restart(): void {
    this.#clearTimers();
    this.#goDisconnected();
    const reconnectMs = Math.min(RECONNECT_DELAY_MS, this.#startupMs / 2);
    this.#timers.push(
      this.#clock.setTimeout(() => {
        this.#enterStartup();
        this.#scheduleReady(this.#startupMs - reconnectMs);
      }, reconnectMs),
    );
  }

  /** Klipper's invoke_shutdown: the state changes now, Moonraker notifies ~200 ms later. */
  shutdown(reason: string): void {
    if (this.#state === 'disconnected' || this.#state === 'shutdown') return;
    this.#clearTimers();
    this.#state = 'shutdown';
    this.#message = `${reason}${SHUTDOWN_SUFFIX}`;
    this.#timers.push(this.#clock.setTimeout(() => this.#hooks.shutdownNotified(), SHUTDOWN_NOTIFY_DELAY_MS));
  }

  dispose(): void {
    this.#clearTimers();
  }

  #goDisconnected(): void {
    if (this.#state === 'disconnected') return;
    this.#state = 'disconnected';
    this.#message = DISCONNECTED_MESSAGE;
    this.#hooks.disconnected();
  }

  #enterStartup(): void {
    this.#state = 'startup';
    this.#message = STARTUP_MESSAGE;
    this.#connectedOnce = true;
    this.#startedAt = this.#clock.now();
    this.#hooks.starting();
  }

  #scheduleReady(ms: number): void {
    this.#timers.push(
      this.#clock.setTimeout(
        () => {
          this.#state = 'ready';
          this.#message = READY_MESSAGE;
          this.#hooks.ready();
        },
        Math.max(0, ms),
      ),
    );
  }

  #clearTimers(): void {
    for (const timer of this.#timers) this.#clock.clearTimer(timer);
    this.#timers = [];
  }
}
