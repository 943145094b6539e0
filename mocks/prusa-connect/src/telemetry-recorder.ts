/**
 * Records a printer's telemetry over sim time, the way Connect keeps what a printer reports: one sample
 * every `intervalMs` on the sim's clock (manual or realtime), nothing while the printer is off, and
 * samples older than `retentionMs` dropped so a long realtime run stays bounded.
 */
import type { Clock, TimerHandle } from '@printkit/printer-sim';

export interface TelemetryRecorderOptions<T> {
  clock: Clock;
  intervalMs: number;
  retentionMs: number;
  /** The sample to keep now, or undefined to skip this tick (e.g. the printer is powered off). */
  sample: () => T | undefined;
}

export interface RecordedSample<T> {
  /** Sim time of the sample, ms since the Unix epoch. */
  readonly atMs: number;
  readonly value: T;
}

export class TelemetryRecorder<T> {
  readonly intervalMs: number;
  readonly #samples: RecordedSample<T>[] = [];
  readonly #options: TelemetryRecorderOptions<T>;
  readonly #timer: TimerHandle;

  constructor(options: TelemetryRecorderOptions<T>) {
    if (!(options.intervalMs > 0) || !(options.retentionMs > 0)) {
      throw new RangeError('telemetry intervalMs and retentionMs must be > 0');
    }
    this.#options = options;
    this.intervalMs = options.intervalMs;
    this.#record(); // a sample at start, so a fresh mock already has one
    this.#timer = options.clock.setInterval(() => this.#record(), options.intervalMs);
  }

  /** Samples at or after `fromMs` (all retained ones when omitted), oldest first. */
  since(fromMs = Number.NEGATIVE_INFINITY): readonly RecordedSample<T>[] {
    const first = this.#samples.findIndex((s) => s.atMs >= fromMs);
    return first === -1 ? [] : this.#samples.slice(first);
  }

  dispose(): void {
    this.#options.clock.clearTimer(this.#timer);
  }

  #record(): void {
    const atMs = this.#options.clock.now();
    const value = this.#options.sample();
    if (value !== undefined) this.#samples.push({ atMs, value });
    const oldest = atMs - this.#options.retentionMs;
    while (this.#samples.length > 0 && (this.#samples[0] as RecordedSample<T>).atMs < oldest) {
      this.#samples.shift();
    }
  }
}
