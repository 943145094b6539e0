/**
 * Kobra printers, each in LAN mode as a stock Kobra with LAN Mode switched on (protocol notes, "LAN mode
 * on stock firmware"): discovery `/info` + signed `/ctrl` + upload on the HTTP port, the MQTTS broker the
 * handshake points to, the camera on a port of its own — plus the plain gkapi port with the seed's fixed
 * credentials, one set of servers per printer as each real Kobra runs its own.
 */
import {
  anycubicModel,
  lightName,
  type PrinterCertificate,
  startMockAnycubic,
} from '@printkit/mock-anycubic';
import type { Clock } from '@printkit/printer-sim';
import type { PlannedAnycubic } from '../fleet-plan.js';
import type { FleetPrinter, RunningMock } from '../fleet-printer.js';
import { startOrExplain } from '../port-in-use-error.js';
import { createFleetSim, wallCadence } from '../sim-factory.js';

/**
 * The gkapi plain-port credentials of the seed (`../shared/seeds/anycubic-gkapi-mqtt.md`), printed with the
 * fleet so any MQTT client can log in. The LAN-mode credentials come from each printer's handshake.
 */
export const ANYCUBIC_CREDENTIALS = { username: 'userFfWiIvys', password: 'jUWjRQZwUUlrHOQ' } as const;

export async function startAnycubicPrinter(
  planned: PlannedAnycubic,
  options: {
    clock: Clock;
    pushInfo: boolean;
    /** Shared by a large fleet (see `fleet.ts`); without it the printer makes its own, like a real one. */
    certificate?: PrinterCertificate | undefined;
    stepWallMs?: number | undefined;
  },
): Promise<RunningMock> {
  // The sim the mock would make for this model (chamber heater, light names), at the fleet's tick rate.
  const model = anycubicModel(planned.modelId);
  const sim = createFleetSim({
    clock: options.clock,
    seed: planned.seed,
    name: planned.name,
    stepWallMs: options.stepWallMs,
    ...(model.hasChamber ? { heaters: { chamber: {} } } : {}),
    // The lights the mock's own default sims get for this model (light type → name per model).
    lights: Object.fromEntries(
      model.lightTypes.flatMap((type) => {
        const name = lightName(model, type);
        return name ? [[name, false]] : [];
      }),
    ),
  });
  const mock = await startOrExplain(
    () =>
      startMockAnycubic({
        port: planned.mqttPort,
        httpPort: planned.httpPort,
        tls: { port: planned.tlsPort, ...(options.certificate ? { certificate: options.certificate } : {}) },
        flvPort: planned.flvPort,
        host: planned.host,
        ...ANYCUBIC_CREDENTIALS,
        clock: options.clock,
        seed: planned.seed,
        printers: [{ deviceId: planned.deviceId, modelId: planned.modelId, name: planned.name, sim }],
        // A Kobra reports about every 5 s of its own time; at high speed keep it near 1 s of wall time.
        reportIntervalMs: wallCadence(options.clock, 1000, 5000),
        pushInfo: options.pushInfo,
      }),
    `anycubic '${planned.name}'`,
    planned.mqttPort,
  ).catch((error: unknown) => {
    sim.dispose();
    throw error;
  });
  const simulated = mock.printer(planned.deviceId);
  const printer: FleetPrinter = {
    name: planned.name,
    vendor: 'anycubic',
    sim,
    connection: {
      name: planned.name,
      vendor: 'anycubic',
      url: mock.url,
      username: mock.username,
      password: mock.password,
      deviceId: simulated.deviceId,
      modelId: simulated.modelId,
    },
    details: {
      model: model.name,
      endpoints: {
        mqtt: mock.url,
        ...(mock.tls ? { mqtts: mock.tls.url } : {}),
        http: mock.httpUrl,
        discovery: simulated.lan.discoveryUrl,
        ...(mock.flvUrl ? { flv: simulated.urls.rtspUrl } : {}),
      },
      ...(mock.tls ? { tlsFingerprint256: mock.tls.fingerprint256 } : {}),
    },
    powerOff: () => simulated.powerOff(),
    powerOn: () => simulated.powerOn(),
  };
  return {
    printers: [printer],
    stop: async () => {
      await mock.stop();
      sim.dispose();
    },
  };
}
