/**
 * The `Printer` contract as one vitest suite. Every vendor adapter runs it against its mock:
 *
 * ```ts
 * import { describePrinterConformance } from '@printkit/core-types/testing';
 * describePrinterConformance('moonraker', async () => {
 *   const mock = await startMockMoonraker({ port: 0 });
 *   // A short job keeps the suite fast: the waits give up after `maxSteps` × `stepMs` of sim time.
 *   mock.sim.addFile({ name: 'short.gcode', sizeBytes: 10_000, estimatedSeconds: 120, layers: 10 });
 *   const printer = createMoonrakerPrinter({ url: mock.url });
 *   return { printer, sim: { advance: (ms) => mock.advance(ms) }, printableFile: 'short.gcode', cleanup: () => mock.stop() };
 * });
 * ```
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CAPABILITIES, type Capability } from '../capabilities.js';
import { AbortedError, PrintkitError, UnsupportedError } from '../errors.js';
import { METHOD_CAPABILITIES, type Printer } from '../printer.js';
import { HEATER_NAMES, isPrinterState, type PrinterState, type PrinterStatus } from '../status.js';

export interface ConformanceSim {
  /** Moves simulated time forward by `ms` and resolves once the mock has delivered what changed. */
  advance(ms: number): Promise<void>;
}

export interface ConformanceHarness {
  printer: Printer;
  sim: ConformanceSim;
  /** A file that is on the printer and can be printed; a short job keeps the suite fast. */
  printableFile: string;
  /** Stops the mock and anything else the factory started. The suite closes the printer itself. */
  cleanup(): Promise<void>;
}

export interface ConformanceOptions {
  /** Simulated time advanced between two status checks. Default 1 000 ms. */
  stepMs?: number;
  /** Status checks before a wait gives up. Default 900. */
  maxSteps?: number;
  /** vitest timeout of each test, in real milliseconds. Default 60 000. */
  testTimeoutMs?: number;
  /** The longest a call may take to settle after `close()`, in real milliseconds. Default 2 000. */
  settleAfterCloseMs?: number;
}

type Call = {
  capability: Capability | undefined;
  name: string;
  invoke: (printer: Printer) => Promise<unknown>;
};

/** One call per `Printer` method, with harmless arguments. */
const CALLS: Call[] = [
  { capability: undefined, name: 'refresh', invoke: (p) => p.refresh() },
  { capability: METHOD_CAPABILITIES.startPrint, name: 'startPrint', invoke: (p) => p.startPrint('x.gcode') },
  { capability: METHOD_CAPABILITIES.pause, name: 'pause', invoke: (p) => p.pause() },
  { capability: METHOD_CAPABILITIES.resume, name: 'resume', invoke: (p) => p.resume() },
  { capability: METHOD_CAPABILITIES.cancel, name: 'cancel', invoke: (p) => p.cancel() },
  ...HEATER_NAMES.map(
    (heater): Call => ({
      capability: `temperature.${heater}`,
      name: `setTargetTemperature(${heater})`,
      invoke: (p) => p.setTargetTemperature(heater, 0),
    }),
  ),
  { capability: METHOD_CAPABILITIES.listFiles, name: 'listFiles', invoke: (p) => p.listFiles() },
  {
    capability: METHOD_CAPABILITIES.uploadFile,
    name: 'uploadFile',
    invoke: (p) => p.uploadFile('x.gcode', new TextEncoder().encode('G28\n')),
  },
  { capability: METHOD_CAPABILITIES.sendGcode, name: 'sendGcode', invoke: (p) => p.sendGcode('M115') },
  { capability: METHOD_CAPABILITIES.setLight, name: 'setLight', invoke: (p) => p.setLight(true) },
  { capability: METHOD_CAPABILITIES.camera, name: 'camera', invoke: (p) => p.camera() },
  { capability: METHOD_CAPABILITIES.setSpeed, name: 'setSpeed', invoke: (p) => p.setSpeed(100) },
  { capability: METHOD_CAPABILITIES.setFan, name: 'setFan', invoke: (p) => p.setFan(50) },
  { capability: METHOD_CAPABILITIES.emergencyStop, name: 'emergencyStop', invoke: (p) => p.emergencyStop() },
  { capability: METHOD_CAPABILITIES.cancelObject, name: 'cancelObject', invoke: (p) => p.cancelObject(1) },
];

/** Checks the shape of a status; returns the problems found (empty when well-formed). */
export function statusProblems(status: PrinterStatus): string[] {
  const problems: string[] = [];
  if (!isPrinterState(status.state))
    problems.push(`state ${JSON.stringify(status.state)} is not a PrinterState`);
  if (!Number.isFinite(status.updatedAt) || status.updatedAt < 0)
    problems.push('updatedAt is not a timestamp');
  for (const [heater, reading] of Object.entries(status.temperatures)) {
    if (!HEATER_NAMES.includes(heater as never)) problems.push(`unknown heater ${heater}`);
    if (!Number.isFinite(reading?.actual)) problems.push(`${heater}.actual is not a number`);
    if (!Number.isFinite(reading?.target) || (reading?.target ?? -1) < 0)
      problems.push(`${heater}.target invalid`);
  }
  if (status.job) {
    const { progress, file } = status.job;
    if (typeof file !== 'string') problems.push('job.file is not a string');
    if (!(progress >= 0 && progress <= 1)) problems.push(`job.progress ${progress} is outside 0..1`);
    for (const key of ['elapsedSeconds', 'remainingSeconds', 'layer', 'totalLayers'] as const) {
      const value = status.job[key];
      if (value !== undefined && !(Number.isFinite(value) && value >= 0)) problems.push(`job.${key} invalid`);
    }
  }
  return problems;
}

function settlesWithin<T>(promise: Promise<T>, ms: number): Promise<PromiseSettledResult<T> | 'hung'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), ms);
  });
  const settled = promise.then(
    (value): PromiseFulfilledResult<T> => ({ status: 'fulfilled', value }),
    (reason: unknown): PromiseRejectedResult => ({ status: 'rejected', reason }),
  );
  return Promise.race([settled, hung]).finally(() => clearTimeout(timer));
}

export function describePrinterConformance(
  name: string,
  factory: () => Promise<ConformanceHarness>,
  options: ConformanceOptions = {},
): void {
  const { stepMs = 1_000, maxSteps = 900, testTimeoutMs = 60_000, settleAfterCloseMs = 2_000 } = options;

  describe(`Printer conformance: ${name}`, () => {
    let current: ConformanceHarness | undefined;

    async function setUp(connect = true): Promise<ConformanceHarness> {
      current = await factory();
      if (connect) await current.printer.connect();
      return current;
    }

    afterEach(async () => {
      const harness = current;
      current = undefined;
      if (!harness) return;
      await harness.printer.close();
      await harness.cleanup();
    });

    async function waitFor(
      harness: ConformanceHarness,
      what: string,
      predicate: (status: PrinterStatus) => boolean,
    ): Promise<PrinterStatus> {
      for (let step = 0; step < maxSteps; step++) {
        const status = await harness.printer.refresh();
        if (predicate(status)) return status;
        await harness.sim.advance(stepMs);
      }
      throw new Error(`gave up waiting for ${what}; last status: ${JSON.stringify(harness.printer.status)}`);
    }

    const inState =
      (...states: PrinterState[]) =>
      (status: PrinterStatus) =>
        states.includes(status.state);

    const has = (capability: Capability) => current?.printer.capabilities.has(capability) ?? false;

    it(
      'connects, reports a well-formed status, refreshes and closes idempotently',
      async () => {
        const { printer } = await setUp(false);
        expect(printer.connectionState).toBe('disconnected');
        expect(statusProblems(printer.status)).toEqual([]);
        const states: string[] = [];
        printer.on('connection', (state) => states.push(state));
        await printer.connect();
        expect(printer.connectionState).toBe('connected');
        expect(states).toContain('connected');
        const status = await printer.refresh();
        expect(statusProblems(status)).toEqual([]);
        expect(status.state).not.toBe('offline');
        expect(status.updatedAt).toBeGreaterThan(0);
        expect(printer.status).toEqual(status);
        for (const capability of printer.capabilities) expect(CAPABILITIES).toContain(capability);
        await printer.close();
        await printer.close();
        expect(printer.connectionState).toBe('closed');
      },
      testTimeoutMs,
    );

    it(
      'rejects every undeclared capability with UnsupportedError',
      async () => {
        const { printer } = await setUp();
        const undeclared = CALLS.filter(
          (call) => call.capability && !printer.capabilities.has(call.capability),
        );
        for (const call of undeclared) {
          const error = await call.invoke(printer).then(
            () => new Error(`${call.name} resolved`),
            (reason: unknown) => reason,
          );
          expect(UnsupportedError.isInstance(error), `${call.name} should reject as unsupported`).toBe(true);
          expect((error as UnsupportedError).capability).toBe(call.capability);
        }
      },
      testTimeoutMs,
    );

    it(
      'sets heater targets that reach the status',
      async ({ skip }) => {
        const harness = await setUp();
        const { printer } = harness;
        // Reported as skipped, never as passed, when there is nothing to check.
        if (!HEATER_NAMES.some((heater) => has(`temperature.${heater}`)))
          skip('no heater capability declared');
        const targets = { nozzle: 200, bed: 60, chamber: 40 } as const;
        for (const heater of HEATER_NAMES) {
          if (!has(`temperature.${heater}`)) continue;
          const seen: PrinterStatus[] = [];
          const off = printer.on('status', (status) => seen.push(status));
          await printer.setTargetTemperature(heater, targets[heater]);
          await waitFor(
            harness,
            `${heater} target ${targets[heater]}`,
            (s) => s.temperatures[heater]?.target === targets[heater],
          );
          expect(seen.some((s) => s.temperatures[heater]?.target === targets[heater])).toBe(true);
          off();
          await printer.setTargetTemperature(heater, 0);
          await waitFor(harness, `${heater} off`, (s) => s.temperatures[heater]?.target === 0);
        }
      },
      testTimeoutMs,
    );

    it(
      'runs a print through pause, resume and cancel',
      async ({ skip }) => {
        const harness = await setUp();
        if (!has('print.start')) skip('print.start not declared');
        const { printer, printableFile } = harness;
        await waitFor(harness, 'a state that accepts a job', inState('idle', 'finished', 'cancelled'));
        await printer.startPrint(printableFile);
        const started = await waitFor(harness, 'printing', inState('printing'));
        expect(started.job?.file).toContain(printableFile.replace(/^.*\//, '').replace(/\.[^.]*$/, ''));
        expect(statusProblems(started)).toEqual([]);
        if (has('print.pause')) {
          await printer.pause();
          await waitFor(harness, 'paused', inState('paused'));
        }
        if (has('print.resume')) {
          await printer.resume();
          await waitFor(harness, 'printing again', inState('printing'));
        }
        if (has('print.cancel')) {
          await printer.cancel();
          await waitFor(harness, 'cancelled', inState('cancelled', 'idle'));
        }
      },
      testTimeoutMs,
    );

    it(
      'runs a print to completion with progress that only grows',
      async ({ skip }) => {
        const harness = await setUp();
        if (!has('print.start')) skip('print.start not declared');
        await waitFor(harness, 'a state that accepts a job', inState('idle', 'finished', 'cancelled'));
        await harness.printer.startPrint(harness.printableFile);
        let lastProgress = 0;
        const done = await waitFor(harness, 'finished', (status) => {
          const progress = status.job?.progress;
          if (progress !== undefined && status.state === 'printing') {
            expect(progress).toBeGreaterThanOrEqual(lastProgress);
            lastProgress = progress;
          }
          return status.state === 'finished';
        });
        expect(statusProblems(done)).toEqual([]);
        expect(lastProgress).toBeGreaterThan(0);
      },
      testTimeoutMs,
    );

    it(
      'answers every declared optional capability',
      async ({ skip }) => {
        const { printer } = await setUp();
        const optional = ['files.list', 'files.upload', 'light', 'fan', 'gcode', 'camera'] as const;
        if (!optional.some(has)) skip('no optional capability declared');
        if (has('files.list')) {
          const files = await printer.listFiles();
          expect(Array.isArray(files)).toBe(true);
          for (const file of files) expect(typeof file.path).toBe('string');
        }
        if (has('files.upload')) {
          const name = 'conformance-upload.gcode';
          await printer.uploadFile(name, new TextEncoder().encode('; conformance\nG28\n'));
          if (has('files.list')) {
            const files = await printer.listFiles();
            expect(files.some((file) => file.path.endsWith(name))).toBe(true);
          }
        }
        if (has('light')) {
          await printer.setLight(true);
          await printer.setLight(false);
        }
        if (has('fan')) await printer.setFan(50);
        if (has('gcode')) await printer.sendGcode('M115');
        if (has('camera')) {
          const feed = await printer.camera();
          expect(['stream', 'snapshot']).toContain(feed.kind);
        }
      },
      testTimeoutMs,
    );

    it(
      'rejects a call whose signal is already aborted',
      async () => {
        const { printer } = await setUp();
        const controller = new AbortController();
        controller.abort();
        const error = await printer.refresh({ signal: controller.signal }).catch((reason: unknown) => reason);
        expect(AbortedError.isInstance(error)).toBe(true);
      },
      testTimeoutMs,
    );

    it(
      'settles every call, pending or new, once closed',
      async () => {
        const { printer } = await setUp();
        const pending = printer.refresh();
        const closing = printer.close();
        const results = await Promise.all([
          settlesWithin(pending, settleAfterCloseMs),
          settlesWithin(closing, settleAfterCloseMs),
          ...CALLS.map((call) => settlesWithin(call.invoke(printer), settleAfterCloseMs)),
        ]);
        results.forEach((result, index) => {
          const what = index < 2 ? ['pending refresh', 'close'][index] : CALLS[index - 2]?.name;
          expect(result, `${what} hung after close`).not.toBe('hung');
          if (index >= 2) {
            expect(result !== 'hung' && result.status, `${what} after close`).toBe('rejected');
            const reason = (result as PromiseRejectedResult).reason;
            expect(PrintkitError.isInstance(reason), `${what} rejects with a PrintkitError`).toBe(true);
          }
        });
      },
      testTimeoutMs,
    );
  });
}
