/** Prusa printers: one Prusa Connect mock (a cloud service) with every Prusa printer behind it. */
import { startMockPrusaConnect } from '@printkit/mock-prusa-connect';
import type { Clock } from '@printkit/printer-sim';
import type { PlannedPrusa } from '../fleet-plan.js';
import type { FleetPrinter, RunningMock } from '../fleet-printer.js';
import { startOrExplain } from '../port-in-use-error.js';
import { createFleetSim } from '../sim-factory.js';

/** The bearer token the Connect mock accepts; printed with the fleet. */
export const PRUSA_CONNECT_TOKEN = 'printkit-token';

export async function startPrusaConnectPrinters(
  planned: readonly PlannedPrusa[],
  options: {
    clock: Clock;
    host: string;
    port: number;
    seed: number;
    cors?: boolean;
    stepWallMs?: number | undefined;
  },
): Promise<RunningMock> {
  // Every fleet Prusa is a CORE One, which has a heated chamber (the captured detail's `chamber`).
  const sims = planned.map((p) =>
    createFleetSim({
      clock: options.clock,
      seed: p.seed,
      name: p.name,
      heaters: { chamber: {} },
      stepWallMs: options.stepWallMs,
    }),
  );
  const owner = `prusa-connect mock for ${planned.map((p) => `'${p.name}'`).join(', ')}`;
  const mock = await startOrExplain(
    () =>
      startMockPrusaConnect({
        port: options.port,
        host: options.host,
        token: PRUSA_CONNECT_TOKEN,
        cors: options.cors ?? false,
        clock: options.clock,
        seed: options.seed,
        printers: planned.map((p, i) => ({ uuid: p.uuid, name: p.name, sim: sims[i]! })),
      }),
    owner,
    options.port,
  ).catch((error: unknown) => {
    for (const sim of sims) sim.dispose();
    throw error;
  });
  const printers = planned.map((p, i): FleetPrinter => {
    const sim = sims[i]!;
    return {
      name: p.name,
      vendor: 'prusa-connect',
      sim,
      connection: { name: p.name, vendor: 'prusa-connect', url: mock.url, token: mock.token, uuid: p.uuid },
      // The OAuth token endpoint is its own origin (as account.prusa3d.com is): listed apart.
      details: {
        model: 'Prusa CORE One (via Connect)',
        endpoints: { http: mock.url, oauth: `${mock.accountUrl}/o/token/` },
      },
      // Connect stays up; the printer behind it goes dark.
      powerOff: async () => sim.powerOff(),
      powerOn: async () => sim.powerOn(),
    };
  });
  return {
    printers,
    stop: async () => {
      await mock.stop();
      for (const sim of sims) sim.dispose();
    },
  };
}
