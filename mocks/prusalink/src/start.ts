/**
 * `startMockPrusaLink`: a PrusaLink printer on 127.0.0.1 over node:http, driven by printer-sim.
 */
import type { ManualClock, PrinterSim } from '@printkit/printer-sim';
import { type MockPrusaLinkOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { type LinkServer, listen } from './server.js';
import { LinkWorld } from './world.js';

export interface StartMockPrusaLinkOptions extends MockPrusaLinkOptions {
  /** Default 0 (any free port). */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
}

export class StartedMockPrusaLink {
  /** `http://127.0.0.1:<port>`: the printer's address. */
  readonly url: string;
  readonly port: number;
  /** The options in force, defaults filled in (the password and API key a test should use). */
  readonly options: ResolvedOptions;
  readonly #world: LinkWorld;
  readonly #server: LinkServer;

  constructor(world: LinkWorld, server: LinkServer) {
    this.#world = world;
    this.#server = server;
    this.url = server.url;
    this.port = server.port;
    this.options = world.options;
  }

  /** The simulated printer (a new one after `reset()`). */
  get sim(): PrinterSim {
    return this.#world.sim;
  }

  /** The fault plan requests consult: operations are `<METHOD> <route template>`, e.g. `GET /api/v1/status`. */
  get faults(): PrinterSim['faults'] {
    return this.#world.sim.faults;
  }

  /** The state PrusaLink reports now (IDLE, BUSY, PRINTING, PAUSED, FINISHED, STOPPED, ERROR, ATTENTION). */
  get state(): string {
    return this.#world.state;
  }

  /** Moves the manual clock; throws when the mock runs on a realtime clock. */
  async advance(ms: number): Promise<void> {
    const clock = this.#world.sim.clock as Partial<ManualClock>;
    if (clock.kind !== 'manual' || !clock.advance)
      throw new Error('advance(ms) needs the default manual clock');
    clock.advance(ms);
  }

  /**
   * ATTENTION (a dialog on the printer, e.g. a filament runout): a running print pauses. Cleared by
   * `clearAttention()` or stopping the job.
   */
  requireAttention(text = 'Filament runout'): void {
    if (this.#world.sim.state === 'printing' || this.#world.sim.state === 'preparing')
      this.#world.sim.pause();
    this.#world.attention = text;
  }

  clearAttention(): void {
    this.#world.attention = undefined;
  }

  /** BUSY while idle (homing, loading filament from the printer's menu). */
  setBusy(busy: boolean): void {
    this.#world.busy = busy;
  }

  /** Every nonce issued so far becomes stale (as after a reboot). */
  expireNonces(): void {
    this.#world.nonces.rotate();
  }

  /** A fresh simulator, no faults, no overrides (nonces stay valid only if the clock allows). */
  reset(): void {
    this.#world.reset();
  }

  async stop(): Promise<void> {
    await this.#server.close();
    this.#world.transfer = undefined;
    if (!this.options.simInstance) this.#world.sim.dispose();
  }
}

export async function startMockPrusaLink(
  options: StartMockPrusaLinkOptions = {},
): Promise<StartedMockPrusaLink> {
  const { port = 0, host = '127.0.0.1', ...rest } = options;
  const world = new LinkWorld(resolveOptions(rest));
  try {
    const server = await listen(world, { host, port });
    return new StartedMockPrusaLink(world, server);
  } catch (error) {
    if (!world.options.simInstance) world.sim.dispose();
    throw error;
  }
}
