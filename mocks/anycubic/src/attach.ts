/** `attachSimulatedAnycubicPrinter`: one simulated printer joining any broker (e.g. a real mosquitto). */
import { createManualClock, createRandom, type FaultPlan, type PrinterSim } from '@printkit/printer-sim';
import type { IClientOptions } from 'mqtt';
import { anycubicModel, KOBRA_3 } from './models.js';
import type { PrintTimeUnit } from './reports/context.js';
import { advanceAll, defaultAnycubicSim, uploadToken } from './sim-helpers.js';
import { SimulatedAnycubicPrinter } from './simulated-printer.js';

export interface AttachSimulatedPrinterOptions {
  /** e.g. 'mqtt://127.0.0.1:1883' or 'mqtts://…' */
  brokerUrl: string;
  /** Undefined means none (anonymous broker). */
  username?: string | undefined;
  password?: string | undefined;
  /** Extra mqtt.js options (e.g. `{ ca, rejectUnauthorized }` for mqtts). */
  mqttOptions?: IClientOptions;
  deviceId?: string;
  modelId?: number;
  name?: string;
  /** Default: a PrinterSim on a new manual clock. */
  sim?: PrinterSim;
  /** Base URL put in info.urls (this printer serves no HTTP itself); default 'http://127.0.0.1:18910'. */
  httpUrl?: string;
  seed?: number;
  reportIntervalMs?: number;
  pushInfo?: boolean;
  printTimeUnit?: PrintTimeUnit;
  aceUnits?: number;
}

export interface AttachedAnycubicPrinter {
  readonly deviceId: string;
  readonly modelId: number;
  readonly sim: PrinterSim;
  readonly faults: FaultPlan;
  readonly uploadToken: string;
  powerOff(): Promise<void>;
  powerOn(): Promise<void>;
  dropConnection(): void;
  /** Manual clock only: moves sim time and waits until the printer's reports went through the broker. */
  advance(ms: number): Promise<void>;
  /** Leaves the broker cleanly (no will) and stops the printer's timers. */
  detach(): Promise<void>;
}

export async function attachSimulatedAnycubicPrinter(
  options: AttachSimulatedPrinterOptions,
): Promise<AttachedAnycubicPrinter> {
  const seed = options.seed ?? 1;
  const random = createRandom(seed);
  const model = anycubicModel(options.modelId ?? KOBRA_3);
  const ownSim = options.sim ? undefined : defaultAnycubicSim(model, createManualClock(), seed, options.name);
  const sim = options.sim ?? ownSim!;
  const printer = new SimulatedAnycubicPrinter({
    brokerUrl: options.brokerUrl,
    deviceId: options.deviceId ?? random.hex(32),
    modelId: model.modelId,
    sim,
    printerName: options.name ?? model.name,
    uploadToken: uploadToken(random),
    httpUrl: options.httpUrl ?? 'http://127.0.0.1:18910',
    seed,
    ...(options.username === undefined ? {} : { username: options.username }),
    ...(options.password === undefined ? {} : { password: options.password }),
    ...(options.mqttOptions === undefined ? {} : { mqttOptions: options.mqttOptions }),
    ...(options.reportIntervalMs === undefined ? {} : { reportIntervalMs: options.reportIntervalMs }),
    ...(options.pushInfo === undefined ? {} : { pushInfo: options.pushInfo }),
    ...(options.printTimeUnit === undefined ? {} : { printTimeUnit: options.printTimeUnit }),
    ...(options.aceUnits === undefined ? {} : { aceUnits: options.aceUnits }),
  });
  try {
    await printer.start();
  } catch (error) {
    await printer.stop();
    ownSim?.dispose();
    throw error;
  }
  return {
    deviceId: printer.deviceId,
    modelId: printer.modelId,
    sim,
    faults: printer.faults,
    uploadToken: printer.uploadToken,
    powerOff: () => printer.powerOff(),
    powerOn: () => printer.powerOn(),
    dropConnection: () => printer.dropConnection(),
    advance: (ms) => advanceAll([printer], ms),
    detach: async () => {
      await printer.stop();
      ownSim?.dispose();
    },
  };
}
