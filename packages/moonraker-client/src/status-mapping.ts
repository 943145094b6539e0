/**
 * Klipper's objects in printkit's vocabulary: `webhooks` / `print_stats` / `idle_timeout` /
 * `extruder` / `heater_bed` / `virtual_sdcard` / `display_status` → `PrinterStatus`.
 */
import type { JobStatus, PrinterState, PrinterStatus, Temperatures } from '@printkit/core-types';
import type { KlippyState } from './events.js';
import { type KlipperStatus, parseKlipperObject } from './objects.js';

const PRINT_STATE: Record<string, PrinterState> = {
  printing: 'printing',
  paused: 'paused',
  complete: 'finished',
  cancelled: 'cancelled',
  error: 'error',
};

/** States in which `print_stats.filename` names the job in question. */
const WITH_JOB: ReadonlySet<PrinterState> = new Set(['printing', 'paused', 'finished', 'cancelled', 'error']);

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function temperatures(status: KlipperStatus): Temperatures {
  const result: Temperatures = {};
  const nozzle = finite(status.extruder?.temperature);
  if (nozzle !== undefined)
    result.nozzle = { actual: nozzle, target: Math.max(0, finite(status.extruder?.target) ?? 0) };
  const bed = finite(status.heater_bed?.temperature);
  if (bed !== undefined)
    result.bed = { actual: bed, target: Math.max(0, finite(status.heater_bed?.target) ?? 0) };
  return result;
}

function job(status: KlipperStatus): JobStatus | undefined {
  const stats = status.print_stats;
  const file = stats?.filename;
  if (!file) return undefined;
  const progress = Math.min(
    1,
    Math.max(0, finite(status.virtual_sdcard?.progress) ?? finite(status.display_status?.progress) ?? 0),
  );
  const result: JobStatus = { file, progress };
  const elapsed = finite(stats.total_duration);
  if (elapsed !== undefined) result.elapsedSeconds = elapsed;
  const printing = finite(stats.print_duration);
  if (printing !== undefined && printing > 0 && progress > 0 && progress < 1) {
    // What the slicer-agnostic clients do: extrapolate the time spent extruding by file progress.
    result.remainingSeconds = Math.max(0, printing / progress - printing);
  }
  const layer = finite(stats.info?.current_layer);
  const totalLayers = finite(stats.info?.total_layer);
  if (layer !== undefined && layer >= 0) result.layer = layer;
  if (totalLayers !== undefined && totalLayers >= 0) result.totalLayers = totalLayers;
  return result;
}

/**
 * Maps the merged Klipper status. `klippy` is the client's view of Klippy (from `server.info` and
 * `notify_klippy_*`); `webhooks.state` wins when the status carries it.
 */
export function toPrinterStatus(
  status: KlipperStatus,
  klippy: KlippyState,
  updatedAt: number,
): PrinterStatus {
  const webhooks = parseKlipperObject('webhooks', status.webhooks);
  const klippyState =
    klippy === 'disconnected' ||
    klippy === 'unknown' ||
    !webhooks.success ||
    webhooks.data.state === undefined
      ? klippy
      : webhooks.data.state === 'unknown'
        ? klippy
        : webhooks.data.state;
  const base = { temperatures: temperatures(status), updatedAt };
  const stateMessage = webhooks.success ? webhooks.data.state_message : undefined;

  if (klippyState === 'disconnected' || klippyState === 'unknown') {
    return {
      ...base,
      state: 'offline',
      rawState: `klippy:${klippyState}`,
      message: 'Klippy is not connected to Moonraker',
    };
  }
  if (klippyState === 'startup') {
    return {
      ...base,
      state: 'busy',
      rawState: 'klippy:startup',
      ...(stateMessage ? { message: stateMessage } : {}),
    };
  }
  if (klippyState === 'shutdown' || klippyState === 'error') {
    return {
      ...base,
      state: 'error',
      rawState: `klippy:${klippyState}`,
      ...(stateMessage ? { message: stateMessage } : {}),
    };
  }

  const stats = parseKlipperObject('print_stats', status.print_stats);
  const idle = parseKlipperObject('idle_timeout', status.idle_timeout);
  const raw = stats.success ? (stats.data.state_raw ?? stats.data.state) : undefined;
  let state: PrinterState;
  if (!stats.success || stats.data.state === undefined) state = 'unknown';
  else if (stats.data.state === 'standby')
    state = idle.success && idle.data.state === 'Printing' ? 'busy' : 'idle';
  else state = PRINT_STATE[stats.data.state] ?? 'unknown';

  const printMessage = stats.success ? stats.data.message : undefined;
  const displayMessage = status.display_status?.message;
  const message = printMessage || displayMessage || undefined;
  const current = WITH_JOB.has(state) ? job(status) : undefined;
  return {
    ...base,
    state,
    ...(raw !== undefined ? { rawState: raw } : {}),
    ...(message ? { message } : {}),
    ...(current ? { job: current } : {}),
  };
}
