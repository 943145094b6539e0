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
 */
import type { JobStatus, PrinterState, PrinterStatus, Temperatures } from '@printkit/core-types';
import type { JobInfo, Printer } from '../protocol/wire.js';

const STATE_MAP: Record<string, PrinterState> = {
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
};

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function reading(actual: unknown, target: unknown) {
  if (!finite(actual)) return undefined;
  return { actual, target: finite(target) && target > 0 ? target : 0 };
}

function temperaturesOf(detail: Printer): Temperatures {
  const temperatures: Temperatures = {};
  const nozzle = reading(detail.temp?.temp_nozzle ?? detail.tools?.['1']?.temp, detail.temp?.target_nozzle);
  const bed = reading(detail.temp?.temp_bed, detail.temp?.target_bed);
  const chamber = reading(detail.chamber?.temp, detail.chamber?.target_temp);
  if (nozzle) temperatures.nozzle = nozzle;
  if (bed) temperatures.bed = bed;
  if (chamber) temperatures.chamber = chamber;
  return temperatures;
}

function fileNameOf(info: JobInfo): string {
  if (info.display_name) return info.display_name;
  if (info.path) return info.path.slice(info.path.lastIndexOf('/') + 1);
  const id = info.id ?? info.origin_id;
  return id === undefined ? '' : `job ${id}`;
}

function jobOf(info: JobInfo, state: PrinterState): JobStatus {
  const percent = finite(info.progress) ? info.progress : state === 'finished' ? 100 : 0;
  const job: JobStatus = { file: fileNameOf(info), progress: Math.min(1, Math.max(0, percent / 100)) };
  if (finite(info.time_printing) && info.time_printing >= 0) job.elapsedSeconds = info.time_printing;
  if (finite(info.time_remaining) && info.time_remaining >= 0) job.remainingSeconds = info.time_remaining;
  return job;
}

function dialogText(detail: Printer): string | undefined {
  const text = (detail.dialog_info as { text?: unknown } | null | undefined)?.text;
  return typeof text === 'string' ? text : undefined;
}

/** The printkit status of a printer detail received at `receivedAt` (ms since the epoch). */
export function toPrinterStatus(detail: Printer, receivedAt: number): PrinterStatus {
  const offline = detail.connect_state === 'OFFLINE' || detail.state === 'OFFLINE';
  const rawState = offline ? 'OFFLINE' : (detail.state ?? detail.printer_state ?? detail.connect_state);
  const state: PrinterState = rawState === undefined ? 'unknown' : (STATE_MAP[rawState] ?? 'unknown');
  const status: PrinterStatus = {
    state,
    temperatures: offline ? {} : temperaturesOf(detail),
    updatedAt: finite(detail.last_online) && detail.last_online > 0 ? detail.last_online * 1000 : receivedAt,
  };
  if (rawState !== undefined) status.rawState = rawState;
  if (state === 'error') {
    status.message =
      detail.state_reason ??
      dialogText(detail) ??
      (rawState === 'ATTENTION' ? 'The printer needs attention' : 'The printer reports an error');
  }
  if (detail.job_info && !offline) status.job = jobOf(detail.job_info, state);
  return status;
}
