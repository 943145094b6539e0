/**
 * From the merged Anycubic state (wire names, wire units) to printkit's `PrinterStatus`.
 *
 * Which source wins: `lastWill` offline first; then the newer of the last `print` report and the
 * last info report. For an info report's `project`, the authoritative `pause` flag decides first
 * (1 paused, 2 pausing, 3 resuming, 4 stopping), then `project.state`, then `print_status` (the
 * notes warn `print_status` is unreliable: a real capture shows `state: "printing"` with
 * `print_status: 2`). With no project, the printer is `busy` or `idle`, unless its last job ended:
 * then `finished` / `cancelled` / `error` stays until the next job starts.
 *
 * An `error` always says why in `message`: the failed print report's code and `msg`
 * (`Filament runout (10107)`, see `describeFirmwareError`), else `Print failed`.
 */
import type { JobStatus, PrinterState, PrinterStatus, Temperatures } from '@printkit/core-types';
import type { AnycubicState } from '../client/state.js';
import { describeFirmwareError } from '../protocol/errors.js';
import type { PrintData, ProjectData } from '../protocol/wire.js';

/** `print` report states and `project.state` values → printkit states. */
export const PRINT_STATE_MAP: Readonly<Record<string, PrinterState>> = {
  downloading: 'preparing',
  checking: 'preparing',
  preheating: 'preparing',
  auto_leveling: 'preparing',
  vibrating: 'preparing',
  flow_calibrating: 'preparing',
  slicing: 'preparing',
  printing: 'printing',
  resumed: 'printing',
  updated: 'printing',
  pausing: 'pausing',
  paused: 'paused',
  resuming: 'resuming',
  stopping: 'cancelling',
  stoped: 'cancelled',
  finished: 'finished',
  failed: 'error',
};

/** `project.pause` → printkit state; 0 (running) defers to `project.state`. */
export const PAUSE_FLAG_MAP: Readonly<Record<number, PrinterState>> = {
  1: 'paused',
  2: 'pausing',
  3: 'resuming',
  4: 'cancelling',
};

/** `project.print_status` → printkit state, the last resort. */
export const PRINT_STATUS_MAP: Readonly<Record<number, PrinterState>> = {
  1: 'printing',
  2: 'finished',
  3: 'cancelled',
  4: 'preparing',
  5: 'preparing',
  6: 'preparing',
  7: 'preparing',
  9: 'preparing',
};

const ENDED: ReadonlySet<PrinterState> = new Set(['finished', 'cancelled', 'error']);

export interface StatusMapOptions {
  /** Unit of `print_time` / `remain_time` on the wire. Minutes per the notes (disputed by one source). */
  timeUnit?: 'minutes' | 'seconds';
}

function projectState(project: ProjectData): { state: PrinterState; raw: string | undefined } {
  const raw = project.state ?? undefined;
  const byPause = project.pause == null ? undefined : PAUSE_FLAG_MAP[project.pause];
  if (byPause) return { state: byPause, raw };
  const byState = raw === undefined ? undefined : PRINT_STATE_MAP[raw];
  if (byState) return { state: byState, raw };
  const byStatus = project.print_status == null ? undefined : PRINT_STATUS_MAP[project.print_status];
  if (byStatus) return { state: byStatus, raw: raw ?? `print_status ${project.print_status}` };
  return { state: raw === undefined ? 'printing' : 'unknown', raw };
}

type JobSource = Pick<
  PrintData & ProjectData,
  'filename' | 'progress' | 'print_time' | 'remain_time' | 'curr_layer' | 'total_layers'
>;

function job(source: JobSource | null | undefined, secondsPerUnit: number): JobStatus | undefined {
  if (!source?.filename) return undefined;
  const out: JobStatus = {
    file: source.filename,
    progress: Math.min(1, Math.max(0, (source.progress ?? 0) / 100)),
  };
  const nonNegative = (value: number | null | undefined) =>
    typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
  const elapsed = nonNegative(source.print_time);
  const remaining = nonNegative(source.remain_time);
  const layer = nonNegative(source.curr_layer);
  const totalLayers = nonNegative(source.total_layers);
  if (elapsed !== undefined) out.elapsedSeconds = elapsed * secondsPerUnit;
  if (remaining !== undefined) out.remainingSeconds = remaining * secondsPerUnit;
  if (layer !== undefined) out.layer = layer;
  if (totalLayers !== undefined) out.totalLayers = totalLayers;
  return out;
}

/** Said when no report tells why a job failed (an info report's project carries no code). */
const UNKNOWN_FAILURE = 'Print failed';

/**
 * Why the printer is in `error`: the last print report's code and `msg` when it is the failure of
 * this job (`filename` when the failure is known from an info report), else `Print failed`.
 */
function errorMessage(state: AnycubicState, filename?: string | null): string {
  const print = state.print;
  const sameJob = filename == null || print?.data.filename == null || print.data.filename === filename;
  const fromReport =
    print?.rawState === 'failed' && sameJob ? describeFirmwareError(print.code, print.msg) : undefined;
  return fromReport ?? UNKNOWN_FAILURE;
}

function temperatures(state: AnycubicState): Temperatures {
  const t = state.tempature;
  const out: Temperatures = {};
  const reading = (actual: number | null | undefined, target: number | null | undefined) =>
    typeof actual === 'number'
      ? { actual, target: typeof target === 'number' && target > 0 ? target : 0 }
      : undefined;
  const nozzle = reading(t.curr_nozzle_temp, t.target_nozzle_temp);
  const bed = reading(t.curr_hotbed_temp, t.target_hotbed_temp);
  const chamber = reading(t.curr_chamber_temp, t.target_chamber_temp);
  if (nozzle) out.nozzle = nozzle;
  if (bed) out.bed = bed;
  if (chamber) out.chamber = chamber;
  return out;
}

export function toPrinterStatus(state: AnycubicState, options: StatusMapOptions = {}): PrinterStatus {
  const secondsPerUnit = options.timeUnit === 'seconds' ? 1 : 60;
  const base = { temperatures: temperatures(state), updatedAt: state.updatedAt };
  if (state.lastWill === 'offline') return { ...base, state: 'offline', rawState: 'offline' };

  const print = state.print;
  const info = state.info;
  const printIsNewer = print !== undefined && (info === undefined || print.updatedAt >= state.infoUpdatedAt);

  if (printIsNewer) {
    const raw = print.rawState;
    const mapped = raw === undefined ? undefined : PRINT_STATE_MAP[raw];
    if (mapped) {
      const status: PrinterStatus = { ...base, state: mapped, rawState: raw as string };
      const current = job(print.data, secondsPerUnit);
      if (current) status.job = current;
      if (mapped === 'error') status.message = errorMessage(state);
      return status;
    }
  }

  const project = info?.project;
  if (project) {
    const { state: mapped, raw } = projectState(project);
    const status: PrinterStatus = { ...base, state: mapped };
    if (raw !== undefined) status.rawState = raw;
    const current = job(project, secondsPerUnit);
    if (current) status.job = current;
    if (mapped === 'error') status.message = errorMessage(state, project.filename);
    return status;
  }

  const busy = (state.status ?? info?.state) === 'busy';
  if (busy) return { ...base, state: 'busy', rawState: 'busy' };

  // No job on the printer: say how the last one ended, from the info report or the last print report.
  const last = info?.last_project;
  const lastState = last?.state == null ? undefined : PRINT_STATE_MAP[last.state];
  if (last && lastState && ENDED.has(lastState)) {
    const status: PrinterStatus = { ...base, state: lastState, rawState: last.state as string };
    const ended = job(last, secondsPerUnit);
    if (ended) status.job = ended;
    if (lastState === 'error') status.message = errorMessage(state, last.filename);
    return status;
  }
  const printState = print?.rawState === undefined ? undefined : PRINT_STATE_MAP[print.rawState];
  if (print && printState && ENDED.has(printState)) {
    const status: PrinterStatus = { ...base, state: printState, rawState: print.rawState as string };
    const ended = job(print.data, secondsPerUnit);
    if (ended) status.job = ended;
    if (printState === 'error') status.message = errorMessage(state);
    return status;
  }
  if (info === undefined && state.status === undefined) {
    return { ...base, state: state.updatedAt > 0 ? 'unknown' : 'offline' };
  }
  return { ...base, state: 'idle', rawState: state.status ?? info?.state ?? 'free' };
}
