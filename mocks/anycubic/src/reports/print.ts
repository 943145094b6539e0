/**
 * Print job payloads: the `project` object of the info report and the `data` of print reports
 * (protocol notes, "print" and "info"; the Kobra S1 capture for the key set and units).
 */
import type { SimSnapshot, SimState } from '@printkit/printer-sim';
import { type ReportContext, wireDuration } from './context.js';

/**
 * `project.state`, the `pause` flag and `print_status` for each sim state with a job underway (the
 * ones where the info report's `state` is `busy`). A job that ended (finished, cancelled, failed)
 * leaves the printer `free`, and the notes say `project` is null when idle, next to a separate
 * `last_project`: so an ended job is only in `last_project`. The notes also list `finished`/`stoped`
 * among `project.state` values and `print_status` 2 complete / 3 cancelled; a firmware may show them
 * for a moment while it winds down. The mock does not (clients handle both).
 */
const PROJECT_STATES: Partial<Record<SimState, { state: string; pause: number; print_status: number }>> = {
  preparing: { state: 'preheating', pause: 0, print_status: 6 },
  printing: { state: 'printing', pause: 0, print_status: 1 },
  pausing: { state: 'pausing', pause: 2, print_status: 1 },
  paused: { state: 'paused', pause: 1, print_status: 1 },
  resuming: { state: 'resuming', pause: 3, print_status: 1 },
  cancelling: { state: 'stopping', pause: 4, print_status: 1 },
};

/**
 * Grams of 1.75 mm PLA per mm of filament: π × 0.875² mm² × 1.24 g/cm³ (PLA's usual density) — the
 * mock's own conversion for models that report grams.
 */
const PLA_GRAMS_PER_MM = Math.PI * 0.875 ** 2 * 1.24e-3;

function suppliesUsage(ctx: ReportContext, filamentMm: number): number {
  return Math.round(ctx.model.suppliesUsageUnit === 'grams' ? filamentMm * PLA_GRAMS_PER_MM : filamentMm);
}

/** Data of a print report: the capture's keys (`curr_layer` ... `total_layers`). */
export function printProgressData(ctx: ReportContext, snapshot: SimSnapshot = ctx.snapshot()) {
  const job = snapshot.job;
  return {
    taskid: ctx.device.taskid,
    filename: job?.file ?? '',
    localtask: '',
    slicer: 'AnycubicSlicer',
    curr_layer: job?.layer ?? 0,
    total_layers: job?.totalLayers ?? 0,
    progress: job ? Math.floor(job.progress * 100) : 0,
    print_time: wireDuration(job?.elapsedSeconds ?? 0, ctx.printTimeUnit),
    remain_time: wireDuration(job?.remainingSeconds ?? 0, ctx.printTimeUnit),
    supplies_usage: suppliesUsage(ctx, job?.filamentMm ?? 0),
  };
}

/** `info.project`: null unless a job is underway, also once it ended (notes: "project (null when idle)"). */
export function projectData(ctx: ReportContext, snapshot: SimSnapshot = ctx.snapshot()) {
  const flags = PROJECT_STATES[snapshot.state];
  if (!flags || !snapshot.job) return null;
  const progress = printProgressData(ctx, snapshot);
  return {
    taskid: progress.taskid,
    progress: progress.progress,
    curr_layer: progress.curr_layer,
    total_layers: progress.total_layers,
    remain_time: progress.remain_time,
    print_time: progress.print_time,
    supplies_usage: progress.supplies_usage,
    state: flags.state,
    // The Kobra X sends 0 mid-print; clients keep the status they had (notes, "More wire facts").
    print_status: ctx.model.printingNoise && snapshot.state === 'printing' ? 0 : flags.print_status,
    filename: progress.filename,
    pause: flags.pause,
    project_type: ctx.device.projectType,
    task_id: ctx.device.taskId,
    task_settings: ctx.device.taskSettings,
  };
}

/** `info.last_project`: the last ended job (finished, stoped or failed), or null. */
export function lastProjectData(ctx: ReportContext) {
  const last = ctx.sim.history().at(-1);
  if (!last) return null;
  return {
    filename: last.file,
    progress: Math.floor(last.progress * 100),
    print_time: wireDuration(last.elapsedSeconds, ctx.printTimeUnit),
    state: last.result === 'finished' ? 'finished' : last.result === 'cancelled' ? 'stoped' : 'failed',
  };
}

/** Data of `print/update` → `updated` (notes: temps plus `settings{...}`). */
export function printUpdateData(ctx: ReportContext, snapshot: SimSnapshot = ctx.snapshot()) {
  const { nozzle, bed } = snapshot.temperatures;
  return {
    taskid: ctx.device.taskid,
    curr_hotbed_temp: Math.round(bed.actual),
    curr_nozzle_temp: Math.round(nozzle.actual),
    settings: {
      target_hotbed_temp: bed.target,
      target_nozzle_temp: nozzle.target,
      fan_speed_pct: snapshot.fanPercent,
      aux_fan_speed_pct: ctx.device.auxFanSpeedPct,
      box_fan_level: ctx.device.boxFanLevel,
      print_speed_pct: snapshot.speedPercent,
      print_speed_mode: ctx.device.printSpeedMode,
      z_comp: ctx.device.zComp,
    },
  };
}
