/**
 * PrusaLink printers (MK4/CORE One on the Buddy firmware): one PrusaLink server per printer, as each
 * real printer serves its own, on a fleet sim the mock never disposes (it is the fleet's).
 */
import { type StartedMockPrusaLink, startMockPrusaLink } from '@printkit/mock-prusalink';
import type { Clock } from '@printkit/printer-sim';
import type { PlannedPrusaLink } from '../fleet-plan.js';
import type { FleetPrinter, RunningMock } from '../fleet-printer.js';
import { startOrExplain } from '../port-in-use-error.js';
import { createFleetSim } from '../sim-factory.js';

/** The firmware's fixed Digest user and the password the fleet's printers take (also their X-Api-Key). */
export const PRUSALINK_CREDENTIALS = { username: 'maker', password: 'printkit-pass' } as const;

export async function startPrusaLinkPrinter(
  planned: PlannedPrusaLink,
  options: { clock: Clock; stepWallMs?: number | undefined },
): Promise<RunningMock> {
  const sim = createFleetSim({
    clock: options.clock,
    seed: planned.seed,
    name: planned.name,
    stepWallMs: options.stepWallMs,
  });
  const start = (port: number) =>
    startMockPrusaLink({ port, host: planned.host, sim, ...PRUSALINK_CREDENTIALS });
  // undefined while powered off; a promise, so two power-ons at once start one server.
  let mock: Promise<StartedMockPrusaLink> | undefined;
  const first = await startOrExplain(
    () => start(planned.port),
    `prusalink '${planned.name}'`,
    planned.port,
  ).catch((error: unknown) => {
    sim.dispose();
    throw error;
  });
  mock = Promise.resolve(first);
  const { url, port } = first;
  const printer: FleetPrinter = {
    name: planned.name,
    vendor: 'prusalink',
    sim,
    connection: { name: planned.name, vendor: 'prusalink', url, ...PRUSALINK_CREDENTIALS },
    details: { model: 'Original Prusa MK4 (PrusaLink)', endpoints: { http: url } },
    // A printer without power serves nothing: its web server goes away, and comes back on the same port.
    powerOff: async () => {
      sim.powerOff();
      const running = mock;
      mock = undefined;
      await (await running)?.stop();
    },
    powerOn: async () => {
      sim.powerOn();
      mock ??= start(port).catch((error: unknown) => {
        mock = undefined; // a later power-on tries again
        throw error;
      });
      await mock;
    },
  };
  return {
    printers: [printer],
    stop: async () => {
      const running = mock;
      mock = undefined;
      await (await running?.catch(() => undefined))?.stop();
      sim.dispose();
    },
  };
}
