/**
 * Wire state → `PrinterStatus`. Every value taken from the wire is checked with core-types'
 * `FieldGuard`: a field of the wrong type or out of range is dropped and reported (one
 * `ProtocolError` per mapping), the rest is kept.
 *
 * States (spec StatusPrinter; firmware src/state/printer_state.cpp):
 * IDLE, READY → idle · BUSY → busy · PRINTING → printing · PAUSED → paused · FINISHED → finished ·
 * STOPPED → cancelled · ERROR → error · ATTENTION (the printer shows a dialog and waits for a
 * person) → paused while a job is on (the firmware's own `/api/v1/job` calls it PAUSED), busy
 * otherwise · anything else → unknown, with the wire value in `rawState`.
 *
 * Progress: v1 `progress` is in percent (spec: "Percents"; the firmware sends `sd_percent_done`).
 * Legacy `progress.completion` is a 0..1 fraction on both implementations (firmware
 * basic_gets.cpp divides by 100, PrusaLink 0.9 main.py too) although the legacy spec and OctoPrint
 * document a percentage: `legacyProgressScale` chooses.
 */
import type { PrinterState, PrinterStatus, ProtocolError, Temperatures } from '@printkit/core-types';
import { FieldGuard } from '@printkit/core-types/codec';
import type { WireState } from '../client/state.js';

export type LegacyProgressScale = 'fraction' | 'percent';

export interface StatusMappingOptions {
  legacyProgressScale: LegacyProgressScale;
}

const V1_STATES: ReadonlyMap<string, PrinterState> = new Map<string, PrinterState>([
  ['IDLE', 'idle'],
  ['READY', 'idle'],
  ['BUSY', 'busy'],
  ['PRINTING', 'printing'],
  ['PAUSED', 'paused'],
  ['FINISHED', 'finished'],
  ['STOPPED', 'cancelled'],
  ['ERROR', 'error'],
]);

/** Legacy `state.text` (OctoPrint's names, as PrusaLink 0.9 and the firmware write them). */
const LEGACY_STATES: ReadonlyMap<string, PrinterState> = new Map<string, PrinterState>([
  ['Operational', 'idle'],
  ['Printing', 'printing'],
  ['Pausing', 'pausing'],
  ['Paused', 'paused'],
  ['Resuming', 'resuming'],
  ['Cancelling', 'cancelling'],
  ['Busy', 'busy'],
  ['Error', 'error'],
  ['Offline', 'offline'],
]);

const TEMPERATURE = { min: -100, max: 1_000 };

function reading(guard: FieldGuard, name: string, actual: unknown, target: unknown) {
  const a = guard.number(`${name}.actual`, actual, TEMPERATURE);
  const t = guard.number(`${name}.target`, target, { min: 0, max: TEMPERATURE.max });
  return a === undefined ? undefined : { actual: a, target: t ?? 0 };
}

export interface MappedStatus {
  status: PrinterStatus;
  /** The dropped fields, when any. */
  problem: ProtocolError | undefined;
}

export function mapStatus(wire: WireState, options: StatusMappingOptions): MappedStatus {
  const guard = new FieldGuard();
  const status = wire.dialect === 'v1' ? mapV1(wire, guard) : mapLegacy(wire, guard, options);
  return { status, problem: guard.toError('the PrusaLink status', 'refresh') };
}

function mapV1(wire: Extract<WireState, { dialect: 'v1' }>, guard: FieldGuard): PrinterStatus {
  const { printer } = wire.status;
  const raw = printer.state === 'unknown' ? (printer.state_raw ?? 'unknown') : printer.state;
  const hasJob = wire.status.job != null || wire.job !== undefined;
  let state: PrinterState = V1_STATES.get(raw) ?? 'unknown';
  let message: string | undefined;
  if (raw === 'ATTENTION') {
    state = hasJob ? 'paused' : 'busy';
    message = 'The printer needs attention (a dialog on its screen)';
  }
  const temperatures: Temperatures = {};
  const nozzle = reading(guard, 'printer.temp_nozzle', printer.temp_nozzle, printer.target_nozzle);
  if (nozzle) temperatures.nozzle = nozzle;
  const bed = reading(guard, 'printer.temp_bed', printer.temp_bed, printer.target_bed);
  if (bed) temperatures.bed = bed;

  const result: PrinterStatus = { state, rawState: raw, temperatures, updatedAt: wire.receivedAt };
  if (message !== undefined) result.message = message;
  const job = wire.job;
  const statusJob = wire.status.job;
  if (hasJob && state !== 'idle') {
    const percent = guard.number('job.progress', job?.progress ?? statusJob?.progress, { min: 0, max: 100 });
    const file = job?.file
      ? guard.string('job.file.display_name', job.file.display_name ?? job.file.name)
      : undefined;
    result.job = { file: file ?? '', progress: (percent ?? 0) / 100 };
    const elapsed = guard.number('job.time_printing', job?.time_printing ?? statusJob?.time_printing, {
      min: 0,
    });
    if (elapsed !== undefined) result.job.elapsedSeconds = elapsed;
    const remaining = guard.number('job.time_remaining', job?.time_remaining ?? statusJob?.time_remaining, {
      min: 0,
    });
    if (remaining !== undefined) result.job.remainingSeconds = remaining;
  }
  return result;
}

function mapLegacy(
  wire: Extract<WireState, { dialect: 'legacy' }>,
  guard: FieldGuard,
  options: StatusMappingOptions,
): PrinterStatus {
  const text = wire.printer.state.text;
  const linkState = wire.printer.state.flags?.link_state ?? undefined;
  let state: PrinterState = LEGACY_STATES.get(text) ?? 'unknown';
  const flags = wire.printer.state.flags;
  // The firmware's `link_state` flag tells FINISHED and STOPPED apart from a plain "Operational";
  // PrusaLink 0.9 on a Pi sets `flags.finished`, and writes STOPPED as "Cancelling" with
  // `operational: true` (a job that has ended, not one being cancelled).
  if (linkState === 'FINISHED' || (state === 'idle' && flags?.finished === true)) state = 'finished';
  if (linkState === 'STOPPED' || (text === 'Cancelling' && flags?.operational === true)) state = 'cancelled';
  const temperatures: Temperatures = {};
  const t = wire.printer.temperature;
  const nozzle = reading(guard, 'temperature.tool0', t?.tool0?.actual, t?.tool0?.target);
  if (nozzle) temperatures.nozzle = nozzle;
  const bed = reading(guard, 'temperature.bed', t?.bed?.actual, t?.bed?.target);
  if (bed) temperatures.bed = bed;
  const chamber = reading(guard, 'temperature.chamber', t?.chamber?.actual, t?.chamber?.target);
  if (chamber) temperatures.chamber = chamber;
  const result: PrinterStatus = {
    state,
    rawState: linkState ?? text,
    temperatures,
    updatedAt: wire.receivedAt,
  };

  const file = wire.job.job?.file;
  const name = guard.string('job.file.display', file?.display ?? file?.name);
  const max = options.legacyProgressScale === 'percent' ? 100 : 1;
  const completion = guard.number('progress.completion', wire.job.progress?.completion, { min: 0, max });
  if (name !== undefined && name !== '' && state !== 'idle') {
    result.job = { file: name, progress: completion === undefined ? 0 : completion / max };
    const elapsed = guard.number('progress.printTime', wire.job.progress?.printTime, { min: 0 });
    if (elapsed !== undefined) result.job.elapsedSeconds = elapsed;
    const remaining = guard.number('progress.printTimeLeft', wire.job.progress?.printTimeLeft, { min: 0 });
    if (remaining !== undefined) result.job.remainingSeconds = remaining;
  }
  return result;
}
