/**
 * `startMockAnycubic`: an aedes broker hosting simulated printers plus their HTTP side, all on
 * loopback; and `attachSimulatedAnycubicPrinter`: one simulated printer joining any broker.
 */
import {
  type Clock,
  createManualClock,
  createRandom,
  type FaultPlan,
  type ManualClock,
  PrinterSim,
  type Random,
} from '@printkit/printer-sim';
import type { IClientOptions } from 'mqtt';
import { startAnycubicBroker } from './broker.js';
import type { UdiskFile } from './device-state.js';
import { startPrinterHttp } from './http.js';
import { type AnycubicModel, anycubicModel, KOBRA_3 } from './models.js';
import type { PrintTimeUnit } from './reports/context.js';
import { SimulatedAnycubicPrinter } from './simulated-printer.js';
import { InProcessTransport } from './transport/in-process-transport.js';

export interface MockAnycubicPrinterOptions {
  /** Default: 32 hex digits drawn from the seed (the shape of real device ids). */
  deviceId?: string;
  /** Default 20024 (Kobra 3). */
  modelId?: number;
  /** `printerName` in the info report; default the model's name. */
  name?: string;
  /** Default: a PrinterSim on the mock's clock, with a chamber heater on models that have one. */
  sim?: PrinterSim;
  /** ACE units; default 1. */
  aceUnits?: number;
  /** Files on the USB stick; default none. */
  udiskFiles?: UdiskFile[];
}

export interface MockAnycubicOptions {
  /** MQTT port; default 2883 (the printer's). Tests pass 0. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 'printkit'. */
  username?: string;
  /** Default 'printkit'. */
  password?: string;
  /** Upload + video HTTP port; default 18910. Tests pass 0. */
  httpPort?: number;
  /** An MQTTS listener too (9883 on the printer). A self-signed certificate is what printers have. */
  tls?: { port?: number; key: string | Uint8Array; cert: string | Uint8Array };
  /** Default: one Kobra 3. */
  printers?: MockAnycubicPrinterOptions[];
  /** Seeds device ids, tokens, msgids and the default sims; default 1. */
  seed?: number;
  /** Default: one manual clock shared by all simulated printers. */
  clock?: Clock;
  /** Sim ms between pushed print reports while printing; default 5000. */
  reportIntervalMs?: number;
  /** Push info/tempature reports unasked (disputed in the notes); default false. */
  pushInfo?: boolean;
  /** Wire unit of print_time/remain_time; default 'minutes' (notes; one source says seconds). */
  printTimeUnit?: PrintTimeUnit;
  /** Multipart field names accepted by the upload endpoint; default ['gcode', 'file'] (unverified). */
  uploadFieldNames?: readonly string[];
}

export interface MockAnycubicPrinter {
  readonly deviceId: string;
  readonly modelId: number;
  readonly model: AnycubicModel;
  readonly sim: PrinterSim;
  readonly faults: FaultPlan;
  /** The `s` query token in info.urls.fileUploadurl. */
  readonly uploadToken: string;
  /** info.urls as the printer reports them. */
  readonly urls: { readonly fileUploadurl: string; readonly rtspUrl: string };
  /** Powered and connected to the broker. */
  readonly online: boolean;
  /** Publishes lastWill offline, leaves the broker, powers the sim off. */
  powerOff(): Promise<void>;
  /** Powers on, rejoins the broker, publishes lastWill online. */
  powerOn(): Promise<void>;
  /**
   * An abrupt loss of the printer's link (no DISCONNECT): the broker publishes the will (`offline`),
   * commands go unanswered, and after 250 ms the printer rejoins by itself and says `online`.
   */
  dropConnection(): void;
}

export interface MockAnycubic {
  /** 'mqtt://127.0.0.1:<port>' */
  readonly url: string;
  readonly port: number;
  readonly tlsPort?: number;
  readonly username: string;
  readonly password: string;
  /** 'http://127.0.0.1:<httpPort>' */
  readonly httpUrl: string;
  readonly printers: readonly MockAnycubicPrinter[];
  /** The first printer when `deviceId` is omitted; throws for an unknown id. */
  printer(deviceId?: string): MockAnycubicPrinter;
  /** Manual clock only: moves sim time and resolves once the resulting reports went through the broker. */
  advance(ms: number): Promise<void>;
  /**
   * Open MQTT connections (sockets) of clients. The simulated printers live inside the broker's
   * process, like the firmware's embedded broker, and have no connection: they are not counted.
   */
  connectionCount(): number;
  stop(): Promise<void>;
}

/** Light names a default sim gets for the model's light types (head 1, chamber 2, camera 3). */
const LIGHT_NAMES: Readonly<Record<number, string>> = { 1: 'head', 2: 'chamber', 3: 'camera' };

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
      model.lightTypes.flatMap((type) => (LIGHT_NAMES[type] ? [[LIGHT_NAMES[type], false]] : [])),
    ),
  });
}

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 32 letters and digits, like `OCL9W949OatvcjBvtmcerIbwT9k6TG7b` in the seed. */
function uploadToken(random: Random): string {
  return Array.from({ length: 32 }, () => random.pick([...TOKEN_ALPHABET])).join('');
}

/** Advances each distinct manual clock once, then waits for every printer's reports to pass the broker. */
async function advanceAll(printers: readonly SimulatedAnycubicPrinter[], ms: number): Promise<void> {
  const clocks = new Set<Clock>(printers.map((printer) => printer.sim.clock));
  for (const clock of clocks) {
    if ((clock as Partial<ManualClock>).kind !== 'manual') {
      throw new Error('advance(ms) needs a manual clock; this mock runs on a realtime clock');
    }
  }
  for (const clock of clocks) (clock as ManualClock).advance(ms);
  await Promise.all(printers.map((printer) => printer.flush()));
}

export async function startMockAnycubic(options: MockAnycubicOptions = {}): Promise<MockAnycubic> {
  const host = options.host ?? '127.0.0.1';
  const username = options.username ?? 'printkit';
  const password = options.password ?? 'printkit';
  const seed = options.seed ?? 1;
  const random = createRandom(seed);
  const clock = options.clock ?? createManualClock();
  const specs = options.printers ?? [{}];
  let printers: SimulatedAnycubicPrinter[] = [];
  const ownSims: PrinterSim[] = [];

  const broker = await startAnycubicBroker({
    host,
    port: options.port ?? 2883,
    username,
    password,
    tls: options.tls,
    // The printers never CONNECT (they live in the broker), so the fault only ever meets clients.
    refuseConnect: () => {
      const holder = printers.find((printer) => printer.faults.peek('connect')?.kind === 'auth-failure');
      return holder?.faults.take('connect')?.kind === 'auth-failure';
    },
  });
  const http = await startPrinterHttp({
    host,
    port: options.httpPort ?? 18910,
    printers: () => printers,
    ...(options.uploadFieldNames ? { uploadFieldNames: options.uploadFieldNames } : {}),
  }).catch(async (error: unknown) => {
    await broker.close();
    throw error;
  });

  printers = specs.map((spec, index) => {
    const model = anycubicModel(spec.modelId ?? KOBRA_3);
    const deviceId = spec.deviceId ?? random.hex(32);
    let sim = spec.sim;
    if (!sim) {
      sim = defaultAnycubicSim(model, clock, seed + index, spec.name);
      ownSims.push(sim);
    }
    return new SimulatedAnycubicPrinter({
      transport: new InProcessTransport({ aedes: broker.aedes, kick: broker.kick }),
      deviceId,
      modelId: model.modelId,
      sim,
      printerName: spec.name ?? model.name,
      uploadToken: uploadToken(random),
      httpUrl: http.url,
      videoPath: index === 0 ? '/flv' : `/flv?device=${encodeURIComponent(deviceId)}`,
      seed: seed + index,
      ...(options.reportIntervalMs === undefined ? {} : { reportIntervalMs: options.reportIntervalMs }),
      ...(options.pushInfo === undefined ? {} : { pushInfo: options.pushInfo }),
      ...(options.printTimeUnit === undefined ? {} : { printTimeUnit: options.printTimeUnit }),
      ...(spec.aceUnits === undefined ? {} : { aceUnits: spec.aceUnits }),
      ...(spec.udiskFiles === undefined ? {} : { udiskFiles: spec.udiskFiles }),
    });
  });
  const ids = new Set(printers.map((printer) => printer.deviceId));
  if (ids.size !== printers.length) {
    await Promise.all([broker.close(), http.close()]);
    throw new RangeError('Two simulated printers share a deviceId');
  }

  const stop = async () => {
    await Promise.all(printers.map((printer) => printer.stop()));
    for (const sim of ownSims) sim.dispose();
    await Promise.all([broker.close(), http.close()]);
  };
  try {
    await Promise.all(printers.map((printer) => printer.start()));
  } catch (error) {
    await stop();
    throw error;
  }

  const view = printers as readonly MockAnycubicPrinter[];
  return {
    url: `mqtt://${host}:${broker.port}`,
    port: broker.port,
    ...(broker.tlsPort === undefined ? {} : { tlsPort: broker.tlsPort }),
    username,
    password,
    httpUrl: http.url,
    printers: view,
    printer: (deviceId) => {
      const found = deviceId === undefined ? view[0] : view.find((printer) => printer.deviceId === deviceId);
      if (!found) throw new RangeError(`No simulated printer with deviceId ${deviceId ?? '(first)'}`);
      return found;
    },
    advance: (ms) => advanceAll(printers, ms),
    connectionCount: () => broker.connectionCount(),
    stop,
  };
}

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
