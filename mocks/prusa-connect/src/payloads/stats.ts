/**
 * The per-printer statistics of `/app/stats/printers/{uuid}/…`, computed from the printer's jobs and
 * queue over `[from, to]` (Unix seconds). Reply shapes: the inferred OpenAPI description of
 * dcode/python-prusa-connect-sdk-client (`PrintingNotPrinting`, `MaterialQuantity`, `PlannedTasks`,
 * `JobsSuccess`) and its pydantic models (`models/stats.py`). What the values mean beyond those
 * names — the entry names `printing`/`not_printing`, material entries `{name, value}` in grams,
 * whole UTC days as buckets, `time_shift` `"+00:00"` — is the mock's own.
 */
import type { PrinterRecord } from '../printer-record.js';
import { type JobView, jobsOf } from './job.js';

export interface StatsRange {
  from: number;
  to: number;
}

const DAY = 86_400;

/** Seconds of [a0, a1] inside [b0, b1]. */
function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

function jobSpan(view: JobView, nowSeconds: number): [number, number] {
  const start = view.sim.startedAt / 1000;
  const end = view.sim.endedAt === undefined ? nowSeconds : view.sim.endedAt / 1000;
  return [start, end];
}

/** The day starts (UTC midnight, Unix seconds) from `from`'s day to `to`'s day. */
export function dayStarts(range: StatsRange): number[] {
  const days: number[] = [];
  for (let day = Math.floor(range.from / DAY) * DAY; day <= range.to; day += DAY) days.push(day);
  return days;
}

function head(printer: PrinterRecord, range: StatsRange) {
  return { from: range.from, to: range.to, name: printer.name, uuid: printer.uuid };
}

export function printingNotPrinting(
  printer: PrinterRecord,
  range: StatsRange,
  nowSeconds: number,
): Record<string, unknown> {
  const printing = jobsOf(printer).reduce((sum, view) => {
    const [start, end] = jobSpan(view, nowSeconds);
    return sum + overlap(start, end, range.from, range.to);
  }, 0);
  const total = range.to - range.from;
  return {
    ...head(printer, range),
    data: [
      { name: 'printing', value: Math.round(printing) },
      { name: 'not_printing', value: Math.max(0, Math.round(total - printing)) },
    ],
  };
}

/** Grams per material of the jobs started in the range (the job file's `filament_used_g` × progress). */
export function materialQuantity(
  printer: PrinterRecord,
  range: StatsRange,
  gramsOf: (view: JobView) => { material: string; grams: number },
): Record<string, unknown> {
  const grams = new Map<string, number>();
  for (const view of jobsOf(printer)) {
    const start = view.sim.startedAt / 1000;
    if (start < range.from || start > range.to) continue;
    const used = gramsOf(view);
    grams.set(used.material, (grams.get(used.material) ?? 0) + used.grams * view.sim.progress);
  }
  return {
    ...head(printer, range),
    data: [...grams].map(([name, value]) => ({ name, value: Math.round(value * 100) / 100 })),
  };
}

/** Queue entries per day they are planned for (`wait_until`, else when they were queued). */
export function plannedTasks(printer: PrinterRecord, range: StatsRange): Record<string, unknown> {
  const days = dayStarts(range);
  const counts = new Map<number, number>(days.map((day) => [day, 0]));
  for (const planned of printer.queue) {
    const at = planned.wait_until ?? planned.created;
    const day = Math.floor(at / DAY) * DAY;
    const count = counts.get(day);
    if (count !== undefined) counts.set(day, count + 1);
  }
  return {
    from: range.from,
    to: range.to,
    xAxis: days,
    series: { uuid: printer.uuid, name: printer.name, data: days.map((day) => [day, counts.get(day) ?? 0]) },
  };
}

const ENDED_STATES = ['FIN_OK', 'FIN_STOPPED', 'FIN_ERROR'] as const;

/** Ended jobs per day they ended, one series per ended state. */
export function jobsSuccess(printer: PrinterRecord, range: StatsRange): Record<string, unknown> {
  const days = dayStarts(range);
  const series = ENDED_STATES.map((state) => ({ name: state, data: days.map(() => 0) }));
  for (const view of jobsOf(printer)) {
    if (view.sim.endedAt === undefined) continue;
    const end = view.sim.endedAt / 1000;
    if (end < range.from || end > range.to) continue;
    const entry = series.find((s) => s.name === view.state);
    const index = days.indexOf(Math.floor(end / DAY) * DAY);
    if (entry && index >= 0) entry.data[index] = (entry.data[index] ?? 0) + 1;
  }
  return {
    ...head(printer, range),
    xAxis: days.map((day) => new Date(day * 1000).toISOString().slice(0, 10)),
    series,
    time_shift: '+00:00',
  };
}
