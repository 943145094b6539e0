/**
 * The demo's choreography, through the `Printer` interface only (as any app would drive printers):
 * each printer prints one file after another; the second printer pauses for a while in its first
 * job and resumes, so every state shows up. Errors are logged, never thrown.
 */
import type { Printer, PrinterStatus } from '@printkit/core-types';
import { secretsOf } from '../config/printer-secrets.js';
import { describeError } from '../report-error.js';
import { pauseFor } from '../wait.js';
import type { LiveTarget } from '../watch/live-view.js';

export type DemoLog = (printer: string, message: string) => void;

/** Used when a printer cannot list its files: the simulator's default files. */
const FALLBACK_FILES = ['calibration-cube.gcode', 'benchy.gcode'];
const BETWEEN_JOBS_MS = 4000;
const PAUSE_FOR_MS = 6000;
const STAGGER_MS = 1200;

/** Resolves with the status once `accept` holds (checked now and on every change), or undefined on abort / timeout. */
function waitForStatus(
  printer: Printer,
  accept: (status: PrinterStatus) => boolean,
  signal: AbortSignal,
  timeoutMs = Number.POSITIVE_INFINITY,
): Promise<PrinterStatus | undefined> {
  return new Promise((resolve) => {
    if (accept(printer.status)) return resolve(printer.status);
    if (signal.aborted) return resolve(undefined);
    const timer = Number.isFinite(timeoutMs) ? setTimeout(() => finish(undefined), timeoutMs) : undefined;
    const off = printer.on('status', (status) => {
      if (accept(status)) finish(status);
    });
    const onAbort = () => finish(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    function finish(status: PrinterStatus | undefined) {
      clearTimeout(timer);
      off();
      signal.removeEventListener('abort', onAbort);
      resolve(status);
    }
  });
}

async function printableFiles(printer: Printer, signal: AbortSignal): Promise<string[]> {
  if (!printer.capabilities.has('files.list')) return FALLBACK_FILES;
  try {
    const files = (await printer.listFiles({ signal }))
      .map((file) => file.path)
      .filter((path) => /\.(b?gcode|gco)$/i.test(path));
    return files.length > 0 ? files.sort() : FALLBACK_FILES;
  } catch {
    return FALLBACK_FILES;
  }
}

const RUNNING = new Set(['preparing', 'printing', 'pausing', 'paused', 'resuming']);
const ENDED = new Set(['finished', 'cancelled', 'error', 'idle', 'offline']);

async function drive(target: LiveTarget, index: number, log: DemoLog, signal: AbortSignal): Promise<void> {
  const { printer, config } = target;
  const connected = () =>
    new Promise<void>((resolve) => {
      if (printer.connectionState === 'connected' || signal.aborted) return resolve();
      const off = printer.on('connection', (state) => {
        if (state === 'connected') {
          off();
          resolve();
        }
      });
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
  await connected();
  await pauseFor(index * STAGGER_MS, signal);
  const files = await printableFiles(printer, signal);
  let next = index;
  let pausedOnce = index !== 1;
  while (!signal.aborted) {
    const file = files[next++ % files.length]!;
    try {
      await printer.startPrint(file, { signal });
      log(config.name, `started ${file}`);
    } catch (error) {
      if (signal.aborted) return;
      log(config.name, `could not start ${file}: ${describeError(error, secretsOf(config)).message}`);
      await pauseFor(BETWEEN_JOBS_MS, signal);
      continue;
    }
    // The start is acknowledged; wait until the status shows the job, then until it ends.
    await waitForStatus(printer, (s) => RUNNING.has(s.state), signal, 30_000);
    if (!pausedOnce) {
      pausedOnce = true;
      const printing = await waitForStatus(
        printer,
        (s) => (s.state === 'printing' && (s.job?.progress ?? 0) >= 0.15) || ENDED.has(s.state),
        signal,
      );
      if (printing?.state === 'printing') {
        try {
          await printer.pause({ signal });
          log(config.name, 'paused (scripted)');
          await pauseFor(PAUSE_FOR_MS, signal);
          await printer.resume({ signal });
          log(config.name, 'resumed');
        } catch (error) {
          if (signal.aborted) return;
          log(config.name, `pause/resume: ${describeError(error, secretsOf(config)).message}`);
        }
      }
    }
    const ended = await waitForStatus(printer, (s) => ENDED.has(s.state), signal);
    if (!ended) return;
    log(
      config.name,
      ended.state === 'finished'
        ? `finished ${file}`
        : `${ended.state}${ended.message ? `: ${ended.message}` : ''}`,
    );
    await pauseFor(BETWEEN_JOBS_MS, signal);
  }
}

/** Drives every printer until the signal aborts; resolves once every loop has stopped. */
export async function runDemoScript(
  targets: readonly LiveTarget[],
  log: DemoLog,
  signal: AbortSignal,
): Promise<void> {
  await Promise.all(targets.map((target, index) => drive(target, index, log, signal)));
}
