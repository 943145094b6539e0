/**
 * `machine.proc_stats` and `notify_proc_stat_update` (components/proc_stats.py, v0.10.0 L115-182):
 * one sample per wall-clock second, the last 30 kept (a FIFO, oldest first). The host is the
 * Raspberry Pi 4 of `machine.system_info`, so `throttled_state` is reported (bits 0, no flags);
 * figures are plausible constants with a little movement, never measurements of this machine.
 */

const QUEUE_SIZE = 30;
/** The fake host booted this long before the mock started (`system_uptime`). */
const BOOT_UPTIME_SECONDS = 2_876_970;

export interface MoonrakerStatsSample {
  time: number;
  cpu_usage: number;
  memory: number;
  mem_units: 'kB';
}

export class ProcStats {
  readonly #queue: MoonrakerStatsSample[] = [];
  readonly #startedAtMs: number;
  #sequence = 0;

  constructor(wallNowMs: number) {
    this.#startedAtMs = wallNowMs;
  }

  /** Takes the once-a-second sample; returns the `notify_proc_stat_update` payload. */
  sample(wallNowMs: number, websocketConnections: number): Record<string, unknown> {
    this.#sequence += 1;
    const sample: MoonrakerStatsSample = {
      time: wallNowMs / 1000,
      cpu_usage: 1.2 + (this.#sequence % 5) * 0.03,
      memory: 48_236 + (this.#sequence % 3) * 4,
      mem_units: 'kB',
    };
    this.#queue.push(sample);
    if (this.#queue.length > QUEUE_SIZE) this.#queue.shift();
    return {
      moonraker_stats: { ...sample },
      cpu_temp: this.#cpuTemp(),
      network: this.#network(),
      system_cpu_usage: this.#cpuUsage(),
      system_memory: this.#memory(),
      websocket_connections: websocketConnections,
    };
  }

  /** The `machine.proc_stats` answer. */
  snapshot(wallNowMs: number, websocketConnections: number): Record<string, unknown> {
    return {
      moonraker_stats: this.#queue.map((sample) => ({ ...sample })),
      throttled_state: { bits: 0, flags: [] },
      cpu_temp: this.#cpuTemp(),
      network: this.#network(),
      system_cpu_usage: this.#cpuUsage(),
      system_uptime: BOOT_UPTIME_SECONDS + (wallNowMs - this.#startedAtMs) / 1000,
      system_memory: this.#memory(),
      websocket_connections: websocketConnections,
    };
  }

  #cpuTemp(): number {
    return Math.round((45.26 + (this.#sequence % 4) * 0.49) * 1000) / 1000;
  }

  #network(): Record<string, Record<string, number>> {
    // Counters grow with every sample, as an interface's do.
    const bytes = 2_450_128 + this.#sequence * 3_342;
    const packets = 15_213 + this.#sequence * 21;
    return {
      lo: {
        rx_bytes: bytes,
        tx_bytes: bytes,
        rx_packets: packets,
        tx_packets: packets,
        rx_errs: 0,
        tx_errs: 0,
        rx_drop: 0,
        tx_drop: 0,
        bandwidth: 3342.68,
      },
    };
  }

  #cpuUsage(): Record<string, number> {
    return { cpu: 2.53, cpu0: 2.91, cpu1: 2.1, cpu2: 2.6, cpu3: 2.5 };
  }

  #memory(): Record<string, number> {
    return { total: 3_884_376, available: 3_251_208, used: 633_168 };
  }
}
