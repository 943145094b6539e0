/**
 * `startFleet(options)`: every vendor mock in one process, one shared clock, and the control API.
 * The `printkit-mocks` binary is a thin shell around it, and `printkit demo` embeds it.
 */
import { type Clock, createRealtimeClock } from '@printkit/printer-sim';
import { type ControlApi, startControlApi } from './control-api.js';
import { describeFleet, type FleetDescription } from './fleet-description.js';
import { type PlannedAnycubic, type PlannedMoonraker, type PlannedPrusa, planFleet } from './fleet-plan.js';
import type { FleetPrinter, RunningMock } from './fleet-printer.js';
import { DEFAULT_FLEET, type FleetCounts } from './fleet-spec.js';
import { startOrExplain } from './port-in-use-error.js';
import { startAnycubicPrinter } from './vendors/anycubic.js';
import { startMoonrakerPrinter } from './vendors/moonraker.js';
import { startPrusaConnectPrinters } from './vendors/prusa-connect.js';

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
}

export interface Fleet {
  readonly printers: readonly FleetPrinter[];
  /** The printer of that name; throws for an unknown one. */
  printer(name: string): FleetPrinter;
  /** Undefined when started with `control: false`. */
  readonly control: { readonly url: string; readonly port: number } | undefined;
  readonly clock: Clock;
  readonly seed: number;
  /** The fleet as one JSON-ready document (what `printkit-mocks --json` prints). */
  describe(): FleetDescription;
  /** Closes every server and socket and stops the simulators. Idempotent. */
  stop(): Promise<void>;
}

export async function startFleet(options: FleetOptions = {}): Promise<Fleet> {
  const counts: FleetCounts = options.fleet
    ? { anycubic: 0, moonraker: 0, 'prusa-connect': 0, ...options.fleet }
    : { ...DEFAULT_FLEET };
  const seed = options.seed ?? 1;
  const host = options.host ?? '127.0.0.1';
  const ownClock = options.clock === undefined;
  const clock = options.clock ?? createRealtimeClock({ speed: options.speed ?? 1 });
  const plan = planFleet({ counts, seed, portBase: options.portBase, controlPort: options.controlPort });

  const prusa = plan.printers.filter((p): p is PlannedPrusa => p.vendor === 'prusa-connect');
  const starts: Array<Promise<RunningMock>> = [];
  for (const planned of plan.printers) {
    if (planned.vendor === 'anycubic')
      starts.push(
        startAnycubicPrinter(planned as PlannedAnycubic, {
          clock,
          host,
          pushInfo: options.anycubicPushInfo ?? true,
        }),
      );
    if (planned.vendor === 'moonraker')
      starts.push(
        startMoonrakerPrinter(planned as PlannedMoonraker, { clock, host, cors: options.cors ?? false }),
      );
  }
  if (prusa.length > 0) {
    starts.push(
      startPrusaConnectPrinters(prusa, {
        clock,
        host,
        seed,
        port: plan.prusaConnectPort ?? 0,
        cors: options.cors ?? false,
      }),
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
        throw new Error(`no printer named '${name}' in the fleet (known: ${[...byName.keys()].join(', ')})`);
      return found;
    },
    get control() {
      return control && { url: control.url, port: control.port };
    },
    clock,
    seed,
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

function once(run: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => {
    running ??= run();
    return running;
  };
}
