/**
 * `startFleet(options)`: every vendor mock in one process, one shared clock, and the control API.
 * The `printkit-mocks` binary is a thin shell around it, and `printkit demo` embeds it.
 */
import { createPrinterCertificate, type PrinterCertificate } from '@printkit/mock-anycubic';
import { type Clock, createRealtimeClock } from '@printkit/printer-sim';
import { type ControlApi, startControlApi } from './control-api.js';
import { describeFleet, type FleetDescription } from './fleet-description.js';
import { type PlannedPrusa, planFleet, type Shard } from './fleet-plan.js';
import type { FleetPrinter, RunningMock } from './fleet-printer.js';
import { DEFAULT_FLEET, type FleetCounts, NO_PRINTERS } from './fleet-spec.js';
import { startOrExplain } from './port-in-use-error.js';
import { FARM_PRINTERS, FARM_SIM_STEP_WALL_MS, SIM_STEP_WALL_MS } from './sim-factory.js';
import { startAnycubicPrinter } from './vendors/anycubic.js';
import { startMoonrakerPrinter } from './vendors/moonraker.js';
import { startPrusaConnectPrinters } from './vendors/prusa-connect.js';
import { startPrusaLinkPrinter } from './vendors/prusalink.js';

/**
 * Up to this many Kobras each make their own TLS certificate, as every real one has; a larger fleet
 * shares one per process, since making one costs ~60 ms of CPU (1,000 Kobras would take a minute).
 */
export const OWN_CERTIFICATE_MAX_KOBRAS = 20;

export interface FleetOptions {
  /** How many printers of each vendor; vendors left out get 0. Default one of each. */
  fleet?: Partial<FleetCounts>;
  /** Seeds device ids, uuids and every simulator. Default 1. */
  seed?: number;
  /** Sim time per wall time for the shared realtime clock. Default 1. Ignored when `clock` is given. */
  speed?: number;
  /** A clock of your own, e.g. a manual clock in tests. */
  clock?: Clock;
  /** See `FleetPlanOptions.portBase`: undefined = the real printers' ports, 0 = OS-chosen ports. */
  portBase?: number;
  /** The control API's port (default 7070, or from the port base). */
  controlPort?: number;
  /** Start the control API. Default true. */
  control?: boolean;
  /** Default 127.0.0.1. */
  host?: string;
  /**
   * Whether the simulated Kobras push info/temperature reports unasked (the protocol notes dispute
   * that real ones do). Default true, so a client that only listens still sees live temperatures
   * while printing (print reports carry no temperatures).
   */
  anycubicPushInfo?: boolean;
  /** CORS on the Prusa Connect mock (both its origins), so a browser app can call it. Default false. */
  cors?: boolean;
  /** Every printer on its own loopback address with its vendor's real ports (see `loopbackAddress`). */
  loopback?: boolean;
  /** Run only this slice of the fleet plan (`--shard 2/4`); the other slices run elsewhere. */
  shard?: Shard;
  /** Called as printers come up (`started` of `total` in this process), e.g. for a progress line. */
  onProgress?: (started: number, total: number) => void;
}

export interface Fleet {
  readonly printers: readonly FleetPrinter[];
  /** The printer of that name; throws for an unknown one. */
  printer(name: string): FleetPrinter;
  /** Undefined when started with `control: false`. */
  readonly control: { readonly url: string; readonly port: number } | undefined;
  readonly clock: Clock;
  readonly seed: number;
  /** Which slice of the plan this process runs, and how many printers the whole plan has. */
  readonly shard: Shard & { total: number };
  /** The fleet as one JSON-ready document (what `printkit-mocks --json` prints). */
  describe(): FleetDescription;
  /** Closes every server and socket and stops the simulators. Idempotent. */
  stop(): Promise<void>;
}

export async function startFleet(options: FleetOptions = {}): Promise<Fleet> {
  const counts: FleetCounts = options.fleet ? { ...NO_PRINTERS, ...options.fleet } : { ...DEFAULT_FLEET };
  const seed = options.seed ?? 1;
  const host = options.host ?? '127.0.0.1';
  const ownClock = options.clock === undefined;
  const clock = options.clock ?? createRealtimeClock({ speed: options.speed ?? 1 });
  const plan = planFleet({
    counts,
    seed,
    portBase: options.portBase,
    controlPort: options.controlPort,
    loopback: options.loopback,
    host,
    shard: options.shard,
  });

  const total = plan.printers.length;
  const stepWallMs = total >= FARM_PRINTERS ? FARM_SIM_STEP_WALL_MS : SIM_STEP_WALL_MS;
  let started = 0;
  const progress = <T extends { printers: readonly unknown[] }>(mock: T): T => {
    started += mock.printers.length;
    options.onProgress?.(started, total);
    return mock;
  };
  const kobras = plan.printers.filter((p) => p.vendor === 'anycubic').length;
  const certificate: PrinterCertificate | undefined =
    kobras > OWN_CERTIFICATE_MAX_KOBRAS
      ? await createPrinterCertificate(`printkit-fleet-${seed}`)
      : undefined;
  const prusa = plan.printers.filter((p): p is PlannedPrusa => p.vendor === 'prusa-connect');
  const starts: Array<Promise<RunningMock>> = [];
  for (const planned of plan.printers) {
    if (planned.vendor === 'anycubic')
      starts.push(
        startAnycubicPrinter(planned, {
          clock,
          pushInfo: options.anycubicPushInfo ?? true,
          certificate,
          stepWallMs,
        }).then(progress),
      );
    if (planned.vendor === 'moonraker')
      starts.push(
        startMoonrakerPrinter(planned, { clock, cors: options.cors ?? false, stepWallMs }).then(progress),
      );
    if (planned.vendor === 'prusalink')
      starts.push(startPrusaLinkPrinter(planned, { clock, stepWallMs }).then(progress));
  }
  if (prusa.length > 0) {
    starts.push(
      startPrusaConnectPrinters(prusa, {
        clock,
        host,
        seed,
        port: plan.prusaConnectPort ?? 0,
        cors: options.cors ?? false,
        stepWallMs,
      }).then(progress),
    );
  }

  const settled = await Promise.allSettled(starts);
  const mocks = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const stopMocks = async () => {
    await Promise.allSettled(mocks.map((mock) => mock.stop()));
    if (ownClock && 'dispose' in clock && typeof clock.dispose === 'function') clock.dispose();
  };
  const failure = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) {
    await stopMocks();
    throw failure.reason;
  }

  // Keep the plan's order (Kobra, Klipper, Prusa) whatever order the mocks started in.
  const byName = new Map(mocks.flatMap((mock) => mock.printers).map((p) => [p.name, p]));
  const printers = plan.printers.map((planned) => byName.get(planned.name)!);

  let control: ControlApi | undefined;
  const fleet: Fleet = {
    printers,
    printer: (name) => {
      const found = byName.get(name);
      if (!found)
        throw new Error(`no printer named '${name}' in the fleet (known: ${knownNames([...byName.keys()])})`);
      return found;
    },
    get control() {
      return control && { url: control.url, port: control.port };
    },
    clock,
    seed,
    shard: { ...plan.shard, total: plan.total },
    describe: () => describeFleet(fleet),
    stop: once(async () => {
      await control?.stop();
      await stopMocks();
    }),
  };

  if (options.control ?? true) {
    try {
      control = await startOrExplain(
        () => startControlApi(fleet, { port: plan.controlPort, host }),
        'control API',
        plan.controlPort,
      );
    } catch (error) {
      await stopMocks();
      throw error;
    }
  }
  return fleet;
}

/** A bounded list for a message: a fleet may have thousands of printers. */
function knownNames(names: readonly string[]): string {
  const shown = names.slice(0, 10).join(', ');
  return names.length > 10 ? `${shown}, … ${names.length - 10} more` : shown;
}

function once(run: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => {
    running ??= run();
    return running;
  };
}
