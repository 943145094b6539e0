/** Pieces `startMockAnycubic` and `attachSimulatedAnycubicPrinter` share: default sims, tokens, advance. */
import { type Clock, type ManualClock, PrinterSim, type Random } from '@printkit/printer-sim';
import { type AnycubicModel, lightName } from './models.js';
import type { SimulatedAnycubicPrinter } from './simulated-printer.js';

export function defaultAnycubicSim(
  model: AnycubicModel,
  clock: Clock,
  seed: number,
  name?: string,
): PrinterSim {
  return new PrinterSim({
    clock,
    seed,
    name: name ?? model.name,
    ...(model.hasChamber ? { heaters: { chamber: {} } } : {}),
    lights: Object.fromEntries(
      model.lightTypes.flatMap((type) => {
        const name = lightName(model, type);
        return name ? [[name, false]] : [];
      }),
    ),
  });
}

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 32 letters and digits, like `OCL9W949OatvcjBvtmcerIbwT9k6TG7b` in the seed. */
export function uploadToken(random: Random): string {
  return Array.from({ length: 32 }, () => random.pick([...TOKEN_ALPHABET])).join('');
}

/** Advances each distinct manual clock once, then waits for every printer's reports to pass the broker. */
export async function advanceAll(printers: readonly SimulatedAnycubicPrinter[], ms: number): Promise<void> {
  const clocks = new Set<Clock>(printers.map((printer) => printer.sim.clock));
  for (const clock of clocks) {
    if ((clock as Partial<ManualClock>).kind !== 'manual') {
      throw new Error('advance(ms) needs a manual clock; this mock runs on a realtime clock');
    }
  }
  for (const clock of clocks) (clock as ManualClock).advance(ms);
  await Promise.all(printers.map((printer) => printer.flush()));
}
