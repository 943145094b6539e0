/**
 * Klipper's objects in printkit's vocabulary: `webhooks` / `print_stats` / `idle_timeout` /
 * `extruder` / `heater_bed` / `virtual_sdcard` / `display_status` → `PrinterStatus`.
 *
 * The merged status holds what the printer sent, unchecked (the hot path only checks its shape).
 * Every value that reaches `PrinterStatus` goes through a `FieldGuard` here: a field of the wrong
 * type, not finite or out of range is dropped and named in one `ProtocolError`, and the rest of the
 * status is still used. Object and field names are wire data, read as own properties only.
 */
import type {
  JobStatus,
  PrinterState,
  PrinterStatus,
  ProtocolError,
  Temperatures,
} from '@printkit/core-types';
import { FieldGuard, knownOr, lookupTable, ownValue } from '@printkit/core-types/codec';
import type { KlippyState } from '../client/client.js';
import {
  IDLE_TIMEOUT_STATES,
  KLIPPY_STATES,
  type KlipperStatus,
  PRINT_STATS_STATES,
} from '../protocol/wire.js';

export interface MappedStatus {
  status: PrinterStatus;
  /** The fields that were dropped, as one error; undefined when every field was usable. */
  problem: ProtocolError | undefined;
}

const PRINT_STATE: Readonly<Record<string, PrinterState>> = lookupTable({
  printing: 'printing',
  paused: 'paused',
  complete: 'finished',
  cancelled: 'cancelled',
  error: 'error',
});

/** States in which `print_stats.filename` names the job in question. */
const WITH_JOB: ReadonlySet<PrinterState> = new Set(['printing', 'paused', 'finished', 'cancelled', 'error']);

/** Absolute zero to a generous ceiling: a reading outside it is a broken sensor value, not a temperature. */
const CELSIUS = { min: -273.15, max: 2_000 } as const;
const TARGET = { min: 0, max: 2_000 } as const;
const NON_NEGATIVE = { min: 0 } as const;
const FRACTION = { min: 0, max: 1 } as const;

type Fields = Readonly<Record<string, unknown>>;

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads one object's fields, own properties only; a present non-object is a dropped field. */
class StatusReader {
  readonly guard = new FieldGuard();
  readonly #status: KlipperStatus;
  #lastName: string | undefined;
  #lastObject: Fields | undefined;

  constructor(status: KlipperStatus) {
    this.#status = status;
  }

  field(object: string, key: string): unknown {
    const fields = this.object(object);
    return fields === undefined ? undefined : ownValue(fields, key);
  }

  /** A nested object (`print_stats.info`); a present value that is not one is reported. */
  nested(object: string, key: string): Fields | undefined {
    const value = this.field(object, key);
    if (value === undefined || value === null) return undefined;
    if (isFields(value)) return value;
    this.guard.problems.push({ field: `${object}.${key}`, expected: 'an object', value });
    return undefined;
  }

  object(name: string): Fields | undefined {
    // Fields are read object by object (extruder's, then heater_bed's, …): remembering the last
    // object looked up saves most of the lookups, and each costs an own-property check.
    if (name === this.#lastName) return this.#lastObject;
    const value = ownValue(this.#status as Record<string, unknown>, name);
    this.#lastName = name;
    this.#lastObject = isFields(value) ? value : undefined;
    return this.#lastObject;
  }

  number(object: string, key: string, range?: { min?: number; max?: number }): number | undefined {
    return this.guard.number(`${object}.${key}`, this.field(object, key), range);
  }

  string(object: string, key: string): string | undefined {
    return this.guard.string(`${object}.${key}`, this.field(object, key));
  }
}

function temperatures(read: StatusReader): Temperatures {
  const result: Temperatures = {};
  const nozzle = read.number('extruder', 'temperature', CELSIUS);
  const nozzleTarget = read.number('extruder', 'target', TARGET);
  if (nozzle !== undefined) result.nozzle = { actual: nozzle, target: nozzleTarget ?? 0 };
  const bed = read.number('heater_bed', 'temperature', CELSIUS);
  const bedTarget = read.number('heater_bed', 'target', TARGET);
  if (bed !== undefined) result.bed = { actual: bed, target: bedTarget ?? 0 };
  return result;
}

function job(read: StatusReader): JobStatus | undefined {
  const file = read.string('print_stats', 'filename');
  if (!file) return undefined;
  const progress =
    read.number('virtual_sdcard', 'progress', FRACTION) ??
    read.number('display_status', 'progress', FRACTION) ??
    0;
  const result: JobStatus = { file, progress };
  const elapsed = read.number('print_stats', 'total_duration', NON_NEGATIVE);
  if (elapsed !== undefined) result.elapsedSeconds = elapsed;
  const printing = read.number('print_stats', 'print_duration', NON_NEGATIVE);
  if (printing !== undefined && printing > 0 && progress > 0 && progress < 1) {
    // What the slicer-agnostic clients do: extrapolate the time spent extruding by file progress.
    const remaining = printing / progress - printing;
    if (Number.isFinite(remaining)) result.remainingSeconds = Math.max(0, remaining);
  }
  const info = read.nested('print_stats', 'info');
  if (info !== undefined) {
    const layer = read.guard.number(
      'print_stats.info.current_layer',
      ownValue(info, 'current_layer'),
      NON_NEGATIVE,
    );
    const total = read.guard.number(
      'print_stats.info.total_layer',
      ownValue(info, 'total_layer'),
      NON_NEGATIVE,
    );
    if (layer !== undefined) result.layer = layer;
    if (total !== undefined) result.totalLayers = total;
  }
  return result;
}

/** Klippy's state: the client's view (`server.info`, `notify_klippy_*`), or `webhooks.state` when known. */
function klippyStateOf(read: StatusReader, klippy: KlippyState): KlippyState {
  const webhooks = knownOr(read.string('webhooks', 'state'), KLIPPY_STATES);
  if (klippy === 'disconnected' || klippy === 'unknown' || webhooks === 'unknown') return klippy;
  return webhooks;
}

/**
 * Maps the merged Klipper status. `klippy` is the client's view of Klippy (from `server.info` and
 * `notify_klippy_*`); `webhooks.state` wins when the status carries a known one.
 */
export function toPrinterStatus(status: KlipperStatus, klippy: KlippyState, updatedAt: number): MappedStatus {
  const read = new StatusReader(status);
  const mapped = map(read, klippy, updatedAt);
  return { status: mapped, problem: read.guard.toError('the Klipper status', 'status') };
}

function map(read: StatusReader, klippy: KlippyState, updatedAt: number): PrinterStatus {
  const klippyState = klippyStateOf(read, klippy);
  const temps = temperatures(read);
  const stateMessage = read.string('webhooks', 'state_message');

  if (klippyState === 'disconnected' || klippyState === 'unknown') {
    return printerStatus(
      temps,
      updatedAt,
      'offline',
      `klippy:${klippyState}`,
      'Klippy is not connected to Moonraker',
    );
  }
  if (klippyState === 'startup') {
    return printerStatus(temps, updatedAt, 'busy', 'klippy:startup', stateMessage);
  }
  if (klippyState === 'shutdown' || klippyState === 'error') {
    return printerStatus(temps, updatedAt, 'error', `klippy:${klippyState}`, stateMessage);
  }

  const raw = read.string('print_stats', 'state');
  const printState = raw === undefined ? undefined : knownOr(raw, PRINT_STATS_STATES);
  let state: PrinterState;
  if (printState === undefined || printState === 'unknown') state = 'unknown';
  else if (printState === 'standby') {
    const idle = knownOr(read.string('idle_timeout', 'state'), IDLE_TIMEOUT_STATES);
    state = idle === 'Printing' ? 'busy' : 'idle';
  } else state = ownValue(PRINT_STATE, printState) ?? 'unknown';

  const message = read.string('print_stats', 'message') || read.string('display_status', 'message');
  const current = WITH_JOB.has(state) ? job(read) : undefined;
  return printerStatus(temps, updatedAt, state, raw, message, current);
}

/**
 * A status with its optional fields set only when they have a value (an empty message is none).
 * Built field by field rather than with conditional spreads (`...(message ? { message } : {})`): V8
 * copies each such spread on its slow path, which measured more than half of the mapping's time, and
 * the mapping runs for every status frame.
 */
function printerStatus(
  temperatures: Temperatures,
  updatedAt: number,
  state: PrinterState,
  rawState: string | undefined,
  message?: string,
  job?: JobStatus,
): PrinterStatus {
  const status: PrinterStatus = { temperatures, updatedAt, state };
  if (rawState !== undefined) status.rawState = rawState;
  if (message) status.message = message;
  if (job !== undefined) status.job = job;
  return status;
}
