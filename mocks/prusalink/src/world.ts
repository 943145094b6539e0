/** Everything the routes share: options, the simulator (replaced on reset), nonces, overrides, transfer. */
import { PrinterSim } from '@printkit/printer-sim';
import { DigestNonces } from './digest.js';
import { type LinkState, linkState } from './link-state.js';
import type { ResolvedOptions } from './options.js';

export interface UploadTransfer {
  readonly id: number;
  readonly path: string;
  readonly displayName: string;
  readonly size: number;
  readonly toPrint: boolean;
  readonly startedAt: number;
  transferred: number;
  /** Ends the upload (DELETE /api/v1/transfer/{id}). */
  abort(): void;
}

export class LinkWorld {
  readonly options: ResolvedOptions;
  sim: PrinterSim;
  readonly nonces: DigestNonces;
  attention: string | undefined;
  busy = false;
  transfer: UploadTransfer | undefined;
  /** The legacy dialect's selected file (`select` without `print`), shown by `/api/job` while idle. */
  legacySelected: string | undefined;
  #nextTransferId = 1;

  constructor(options: ResolvedOptions) {
    this.options = options;
    this.sim = options.simInstance ?? new PrinterSim(options.sim);
    // Nonce age follows the printer's clock (the firmware counts uptime seconds), at wall speed: a
    // realtime clock running N× fast still lets a nonce live its 300 wall seconds.
    this.nonces = new DigestNonces(() => {
      const clock = this.sim.clock as { now(): number; speed?: unknown };
      const speed = typeof clock.speed === 'number' && clock.speed > 0 ? clock.speed : 1;
      return clock.now() / speed;
    });
  }

  get state(): LinkState {
    return linkState(this.sim.state, { attention: this.attention !== undefined, busy: this.busy });
  }

  /** The v1 job id of the current or last job, when one is shown. */
  get jobId(): number | undefined {
    const job = this.sim.snapshot().job;
    if (!job || this.sim.state === 'idle') return undefined;
    return job.id;
  }

  nextTransferId(): number {
    return this.#nextTransferId++;
  }

  /** A fresh simulator (the clock restarts; a caller's sim only loses its faults), no overrides, no transfer. */
  reset(): void {
    this.transfer?.abort();
    this.transfer = undefined;
    if (this.options.simInstance) {
      this.sim.faults.clear();
    } else {
      this.sim.dispose();
      this.sim = new PrinterSim(this.options.sim);
    }
    this.attention = undefined;
    this.busy = false;
    this.legacySelected = undefined;
  }
}
