/**
 * Printer detail (wire) → printkit `PrinterStatus`.
 *
 * - `connect_state` OFFLINE (or `state` OFFLINE) → `offline`; `printer_state` keeps its last value
 *   while offline, so it is only read when the printer is online.
 * - IDLE, READY → `idle`; BUSY, MANIPULATING → `busy`; PRINTING → `printing`; PAUSED → `paused`;
 *   FINISHED → `finished`; STOPPED → `cancelled`; ERROR → `error`; ATTENTION → `error` with the
 *   printer's message (`state_reason` or the dialog text); anything else → `unknown`.
 *   `rawState` always keeps Connect's value.
 * - `temp.temp_nozzle/target_nozzle`, `temp.temp_bed/target_bed`, `chamber.temp/target_temp` → °C.
 * - `job_info` → `job` (`progress` 0–100 → 0..1, `time_printing`/`time_remaining` in seconds).
 *
 * The detail is read as untrusted JSON: every value is checked (type, finite, range) with a
 * `FieldGuard`, and every lookup reads own properties only, so a state named `constructor` is just an
 * unknown state. A value that cannot be used is left out and named in one `ProtocolError`; the rest of
 * the detail still makes the status.
 */
import type {
  JobStatus,
  PrinterState,
  PrinterStatus,
  ProtocolError,
  TemperatureReading,
  Temperatures,
} from '@printkit/core-types';
import { FieldGuard, lookupTable, ownValue } from '@printkit/core-types/codec';

const STATE_MAP = lookupTable<PrinterState>({
  IDLE: 'idle',
  READY: 'idle',
  BUSY: 'busy',
  MANIPULATING: 'busy',
  PRINTING: 'printing',
  PAUSED: 'paused',
  FINISHED: 'finished',
  STOPPED: 'cancelled',
  ERROR: 'error',
  ATTENTION: 'error',
  OFFLINE: 'offline',
  UNKNOWN: 'unknown',
});

/** °C a reading may take: anything outside is a broken sensor value or a wrong field, not a temperature. */
const ACTUAL_RANGE = { min: -100, max: 1_000 };
const TARGET_RANGE = { min: 0, max: 1_000 };
/** Latest `last_online` taken as a time, ms (year ~2500); Connect sends Unix seconds. */
const UPDATED_AT_RANGE = { min: 0, max: 17_000_000_000_000 };

type WireObject = Readonly<Record<string, unknown>>;

/** The status made from one printer detail, and the error naming what was left out (if anything was). */
export interface MappedStatus {
  readonly status: PrinterStatus;
  readonly error: ProtocolError | undefined;
}

class DetailReader {
  readonly guard = new FieldGuard();

  /** The object at `field`, or undefined (another type is a problem). */
  object(field: string, value: unknown): WireObject | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'object' && !Array.isArray(value)) return value as WireObject;
    this.guard.problems.push({ field, expected: 'an object', value });
    return undefined;
  }

  reading(path: string, source: WireObject | undefined, actualKey: string, targetKey: string) {
    if (!source) return undefined;
    return this.readingOf(
      `${path}.${actualKey}`,
      ownValue(source, actualKey),
      `${path}.${targetKey}`,
      ownValue(source, targetKey),
    );
  }

  readingOf(actualField: string, actual: unknown, targetField: string, target: unknown) {
    const celsius = this.guard.number(actualField, actual, ACTUAL_RANGE);
    if (celsius === undefined) return undefined;
    const reading: TemperatureReading = {
      actual: celsius,
      target: this.guard.number(targetField, target, TARGET_RANGE) ?? 0,
    };
    return reading;
  }
}

function temperaturesOf(reader: DetailReader, detail: WireObject): Temperatures {
  const temperatures: Temperatures = {};
  const temp = reader.object('temp', ownValue(detail, 'temp'));
  let nozzle = reader.reading('temp', temp, 'temp_nozzle', 'target_nozzle');
  if (!nozzle && (temp === undefined || ownValue(temp, 'temp_nozzle') == null)) {
    // Some details carry the nozzle only in `tools` (keyed "1", "2", ...; tool numbers start at 1).
    const tools = reader.object('tools', ownValue(detail, 'tools'));
    const first = tools && reader.object('tools.1', ownValue(tools, '1'));
    if (first) {
      nozzle = reader.readingOf(
        'tools.1.temp',
        ownValue(first, 'temp'),
        'temp.target_nozzle',
        temp && ownValue(temp, 'target_nozzle'),
      );
    }
  }
  const bed = reader.reading('temp', temp, 'temp_bed', 'target_bed');
  const chamber = reader.reading(
    'chamber',
    reader.object('chamber', ownValue(detail, 'chamber')),
    'temp',
    'target_temp',
  );
  if (nozzle) temperatures.nozzle = nozzle;
  if (bed) temperatures.bed = bed;
  if (chamber) temperatures.chamber = chamber;
  return temperatures;
}

function fileNameOf(reader: DetailReader, info: WireObject): string {
  const displayName = reader.guard.string('job_info.display_name', ownValue(info, 'display_name'));
  if (displayName) return displayName;
  const path = reader.guard.string('job_info.path', ownValue(info, 'path'));
  if (path) return path.slice(path.lastIndexOf('/') + 1);
  const id =
    reader.guard.number('job_info.id', ownValue(info, 'id')) ??
    reader.guard.number('job_info.origin_id', ownValue(info, 'origin_id'));
  return id === undefined ? '' : `job ${id}`;
}

function jobOf(reader: DetailReader, info: WireObject, state: PrinterState): JobStatus {
  const { guard } = reader;
  const percent =
    guard.number('job_info.progress', ownValue(info, 'progress'), { min: 0, max: 100 }) ??
    (state === 'finished' ? 100 : 0);
  const job: JobStatus = { file: fileNameOf(reader, info), progress: percent / 100 };
  const elapsed = guard.number('job_info.time_printing', ownValue(info, 'time_printing'), { min: 0 });
  const remaining = guard.number('job_info.time_remaining', ownValue(info, 'time_remaining'), { min: 0 });
  if (elapsed !== undefined) job.elapsedSeconds = elapsed;
  if (remaining !== undefined) job.remainingSeconds = remaining;
  return job;
}

function messageOf(reader: DetailReader, detail: WireObject, rawState: string): string {
  const reason = reader.guard.string('state_reason', ownValue(detail, 'state_reason'));
  if (reason) return reason;
  const dialog = reader.object('dialog_info', ownValue(detail, 'dialog_info'));
  const text = dialog && reader.guard.string('dialog_info.text', ownValue(dialog, 'text'));
  if (text) return text;
  return rawState === 'ATTENTION' ? 'The printer needs attention' : 'The printer reports an error';
}

/** The printkit status of a printer detail received at `receivedAt` (ms since the epoch). */
export function toPrinterStatus(wire: unknown, receivedAt: number): MappedStatus {
  const reader = new DetailReader();
  const detail = reader.object('(detail)', wire) ?? {};
  const { guard } = reader;
  // A decoded detail keeps an unknown state in `<field>_raw` (policy 1); a raw one in the field itself.
  const wireState = (field: string) =>
    guard.string(field, ownValue(detail, `${field}_raw`) ?? ownValue(detail, field));
  const state = wireState('state');
  const printerState = wireState('printer_state');
  const connectState = wireState('connect_state');
  const offline = connectState === 'OFFLINE' || state === 'OFFLINE';
  const rawState = offline ? 'OFFLINE' : (state ?? printerState ?? connectState);
  const mapped: PrinterState =
    rawState === undefined ? 'unknown' : (ownValue(STATE_MAP, rawState) ?? 'unknown');
  const lastOnlineMs = guard.scaled('last_online', ownValue(detail, 'last_online'), 1000, UPDATED_AT_RANGE);
  const status: PrinterStatus = {
    state: mapped,
    temperatures: offline ? {} : temperaturesOf(reader, detail),
    updatedAt: lastOnlineMs !== undefined && lastOnlineMs > 0 ? lastOnlineMs : receivedAt,
  };
  if (rawState !== undefined) status.rawState = rawState;
  if (mapped === 'error') status.message = messageOf(reader, detail, rawState ?? '');
  const jobInfo = offline ? undefined : reader.object('job_info', ownValue(detail, 'job_info'));
  if (jobInfo) status.job = jobOf(reader, jobInfo, mapped);
  return { status, error: guard.toError('the printer detail', 'GET /app/printers/{uuid}') };
}
