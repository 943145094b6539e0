/** Klipper printers: one fake Moonraker server per printer, as on real hardware. */
import { startMockMoonraker } from '@printkit/mock-moonraker';
import type { Clock } from '@printkit/printer-sim';
import type { PlannedMoonraker } from '../fleet-plan.js';
import type { FleetPrinter, RunningMock } from '../fleet-printer.js';
import { startOrExplain } from '../port-in-use-error.js';
import { createFleetSim, wallCadence } from '../sim-factory.js';

const CASE_LIGHT = 'caselight';

export async function startMoonrakerPrinter(
  planned: PlannedMoonraker,
  options: { clock: Clock; cors?: boolean; stepWallMs?: number | undefined },
): Promise<RunningMock> {
  const sim = createFleetSim({
    clock: options.clock,
    seed: planned.seed,
    name: planned.name,
    stepWallMs: options.stepWallMs,
    lights: { [CASE_LIGHT]: false },
  });
  const mock = await startOrExplain(
    () =>
      startMockMoonraker({
        port: planned.port,
        host: planned.host,
        sim,
        // Real Moonraker pushes status about every 250 ms of wall time; keep that at any speed.
        statusIntervalMs: wallCadence(options.clock, 250, 250),
        // A case light on an [output_pin], switched with SET_PIN, as many Klipper printers have.
        outputPins: [CASE_LIGHT],
        // --cors: Moonraker's cors_domains with one pattern matching every origin.
        ...(options.cors ? { corsDomains: ['*'] } : {}),
      }),
    `moonraker '${planned.name}'`,
    planned.port,
  ).catch((error: unknown) => {
    sim.dispose();
    throw error;
  });
  const printer: FleetPrinter = {
    name: planned.name,
    vendor: 'moonraker',
    sim,
    connection: { name: planned.name, vendor: 'moonraker', url: mock.url, light: { pin: CASE_LIGHT } },
    details: { model: 'Klipper (Moonraker)', endpoints: { http: mock.url, websocket: mock.wsUrl } },
    // A Klipper host usually stays up when the printer loses power: Klippy loses its MCU instead.
    powerOff: async () => {
      sim.powerOff();
      mock.klippy.disconnect();
    },
    powerOn: async () => {
      sim.powerOn();
      mock.klippy.connect();
    },
  };
  return {
    printers: [printer],
    stop: async () => {
      await mock.stop();
      sim.dispose();
    },
  };
}
