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
 * Every value that reaches `PrinterStatus` is checked with a `FieldGuard` (type, finite, range, and
 * the minutes → seconds product, which overflows for 1e308): a bad one is dropped and named in one
 * `ProtocolError`, the rest of the report is kept. Tables keyed by wire words are null-prototype, so
 * a state named `constructor` is just an unknown state.
 *
 * An `error` always says why in `message`: the failed print report's code and `msg`
 * (`Filament runout (10107)`, see `describeFirmwareError`), else `Print failed`.
 */
import type {
  JobStatus,
  PrinterState,
  PrinterStatus,
  ProtocolError,
  Temperatures,
} from '@printkit/core-types';
import { FieldGuard, lookupTable, ownValue } from '@printkit/core-types/codec';
import type { AnycubicState } from '../client/state.js';
import { describeFirmwareError } from '../protocol/errors.js';
import type { PrintData, ProjectData } from '../protocol/wire.js';

/** `print` report states and `project.state` values → printkit states. */
const PRINT_STATE_MAP: Readonly<Record<string, PrinterState>> = lookupTable({
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
  // All four spellings are seen on the wire (notes, "More wire facts").
  stoped: 'cancelled',
  stopped: 'cancelled',
  canceled: 'cancelled',
  cancelled: 'cancelled',
  finished: 'finished',
  failed: 'error',
});

/** `project.pause` → printkit state; 0 (running) defers to `project.state`. */
const PAUSE_FLAG_MAP: Readonly<Record<string, PrinterState>> = lookupTable({
  1: 'paused',
  2: 'pausing',
  3: 'resuming',
  4: 'cancelling',
});

/** `project.print_status` → printkit state, the last resort. */
const PRINT_STATUS_MAP: Readonly<Record<string, PrinterState>> = lookupTable({
  1: 'printing',
  2: 'finished',
  3: 'cancelled',
  4: 'preparing',
  5: 'preparing',
  6: 'preparing',
  7: 'preparing',
  9: 'preparing',
});

/** A wire state word → printkit state, own entries only. */
function printState(raw: string | undefined): PrinterState | undefined {
  return raw === undefined ? undefined : ownValue(PRINT_STATE_MAP, raw);
}

/** A wire number → printkit state from a numeric table, own entries only. */
function byNumber(table: Readonly<Record<string, PrinterState>>, value: unknown): PrinterState | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? ownValue(table, String(value)) : undefined;
}

const ENDED: ReadonlySet<PrinterState> = new Set(['finished', 'cancelled', 'error']);

export interface StatusMapOptions {
  /** Unit of `print_time` / `remain_time` on the wire. Minutes per the notes (disputed by one source). */
  timeUnit?: 'minutes' | 'seconds';
  /** The state shown before this report: kept when a project's `print_status` says nothing (0). */
  previous?: PrinterState;
}

/** States a job in progress can be in: what a `print_status` 0 (or unknown) keeps. */
const JOB_STATES: ReadonlySet<PrinterState> = new Set([
  'preparing',
  'printing',
  'pausing',
  'paused',
  'resuming',
  'cancelling',
]);

function projectState(
  project: ProjectData,
  previous: PrinterState | undefined,
): { state: PrinterState; raw: string | undefined } {
  const raw = project.state ?? undefined;
  const byPause = byNumber(PAUSE_FLAG_MAP, project.pause);
  if (byPause) return { state: byPause, raw };
  const byState = printState(raw);
  if (byState) return { state: byState, raw };
  const byStatus = byNumber(PRINT_STATUS_MAP, project.print_status);
  if (byStatus) return { state: byStatus, raw: raw ?? `print_status ${project.print_status}` };
  // `print_status` 0 (a Kobra X mid-print) or a value not in the table says nothing new: keep the
  // previous job state (notes, "More wire facts").
  if (previous !== undefined && JOB_STATES.has(previous)) return { state: previous, raw };
  return { state: raw === undefined ? 'printing' : 'unknown', raw };
}

type JobSource = Pick<
  PrintData & ProjectData,
  'filename' | 'progress' | 'print_time' | 'remain_time' | 'curr_layer' | 'total_layers'
>;

/** Progress 0–100 on the wire; a value outside it is dropped (reported) and the job shows 0. */
function job(
  source: JobSource | null | undefined,
  secondsPerUnit: number,
  guard: FieldGuard,
): JobStatus | undefined {
  const file = guard.string('filename', source?.filename);
  if (!source || !file) return undefined;
  const progress = guard.number('progress', source.progress, { min: 0, max: 100 }) ?? 0;
  const out: JobStatus = { file, progress: progress / 100 };
  const duration = { min: 0, max: Number.MAX_SAFE_INTEGER };
  const elapsed = guard.scaled('print_time', source.print_time, secondsPerUnit, duration);
  const remaining = guard.scaled('remain_time', source.remain_time, secondsPerUnit, duration);
  const layer = guard.number('curr_layer', source.curr_layer, duration);
  const totalLayers = guard.number('total_layers', source.total_layers, duration);
  if (elapsed !== undefined) out.elapsedSeconds = elapsed;
  if (remaining !== undefined) out.remainingSeconds = remaining;
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

/** °C a printer can report at all: below it is a sensor fault (-273 is absolute zero), above it garbage. */
const CELSIUS = { min: -273, max: 1_000 } as const;

function temperatures(state: AnycubicState, guard: FieldGuard): Temperatures {
  const t = state.tempature;
  const out: Temperatures = {};
  const reading = (name: string, actual: unknown, target: unknown) => {
    const current = guard.number(`curr_${name}_temp`, actual, CELSIUS);
    // A target of 0 means "off"; a negative one is not a temperature.
    const wanted = guard.number(`target_${name}_temp`, target, { min: 0, max: CELSIUS.max });
    return current === undefined ? undefined : { actual: current, target: wanted ?? 0 };
  };
  const nozzle = reading('nozzle', t.curr_nozzle_temp, t.target_nozzle_temp);
  const bed = reading('hotbed', t.curr_hotbed_temp, t.target_hotbed_temp);
  const chamber = reading('chamber', t.curr_chamber_temp, t.target_chamber_temp);
  if (nozzle) out.nozzle = nozzle;
  if (bed) out.bed = bed;
  if (chamber) out.chamber = chamber;
  return out;
}

/** The status and, when fields were dropped, one `ProtocolError` naming them. */
export interface MappedStatus {
  readonly status: PrinterStatus;
  readonly error: ProtocolError | undefined;
}

/** Maps the merged state; never throws, whatever the wire sent. */
export function mapStatus(state: AnycubicState, options: StatusMapOptions = {}): MappedStatus {
  const guard = new FieldGuard();
  const status = mapChecked(state, options, guard);
  return { status, error: guard.toError('the printer state', 'status') };
}

/** `mapStatus` without the error, for callers that only want the status. */
export function toPrinterStatus(state: AnycubicState, options: StatusMapOptions = {}): PrinterStatus {
  return mapStatus(state, options).status;
}

function mapChecked(state: AnycubicState, options: StatusMapOptions, guard: FieldGuard): PrinterStatus {
  const secondsPerUnit = options.timeUnit === 'seconds' ? 1 : 60;
  const base = { temperatures: temperatures(state, guard), updatedAt: state.updatedAt };
  if (state.lastWill === 'offline') return { ...base, state: 'offline', rawState: 'offline' };

  const print = state.print;
  const info = state.info;
  const printIsNewer = print !== undefined && (info === undefined || print.updatedAt >= state.infoUpdatedAt);

  if (printIsNewer) {
    const raw = print.rawState;
    const mapped = printState(raw);
    if (mapped) {
      const status: PrinterStatus = { ...base, state: mapped, rawState: raw as string };
      const current = job(print.data, secondsPerUnit, guard);
      if (current) status.job = current;
      if (mapped === 'error') status.message = errorMessage(state);
      return status;
    }
  }

  const project = info?.project;
  if (project) {
    const { state: mapped, raw } = projectState(project, options.previous);
    const status: PrinterStatus = { ...base, state: mapped };
    if (raw !== undefined) status.rawState = raw;
    const current = job(project, secondsPerUnit, guard);
    if (current) status.job = current;
    if (mapped === 'error') status.message = errorMessage(state, project.filename);
    return status;
  }

  const busy = (state.status ?? info?.state) === 'busy';
  if (busy) return { ...base, state: 'busy', rawState: 'busy' };

  // No job on the printer: say how the last one ended, from the info report or the last print report.
  const last = info?.last_project;
  const lastState = printState(last?.state ?? undefined);
  if (last && lastState && ENDED.has(lastState)) {
    const status: PrinterStatus = { ...base, state: lastState, rawState: last.state as string };
    const lastJob = job(last, secondsPerUnit, guard);
    if (lastJob) status.job = lastJob;
    if (lastState === 'error') status.message = errorMessage(state, last.filename);
    return status;
  }
  const ended = printState(print?.rawState);
  if (print && ended && ENDED.has(ended)) {
    const status: PrinterStatus = { ...base, state: ended, rawState: print.rawState as string };
    const endedJob = job(print.data, secondsPerUnit, guard);
    if (endedJob) status.job = endedJob;
    if (ended === 'error') status.message = errorMessage(state);
    return status;
  }
  if (info === undefined && state.status === undefined) {
    return { ...base, state: state.updatedAt > 0 ? 'unknown' : 'offline' };
  }
  return { ...base, state: 'idle', rawState: state.status ?? info?.state ?? 'free' };
}
