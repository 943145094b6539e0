/** Print-job bookkeeping: progress from a file's estimated time, scaled by the speed factor. */
import type { SimFile } from './files.js';

export interface SimJob {
  id: number;
  file: string;
  startedAt: number;
  /** 0..1 */
  progress: number;
  /** Sim seconds since start, including heating and pauses. */
  elapsedSeconds: number;
  /** Sim seconds actually spent in 'printing'. */
  printSeconds: number;
  /** Work left at the current speed factor, whole seconds. */
  remainingSeconds: number;
  /** 0 before printing starts, then 1..totalLayers. */
  layer: number;
  totalLayers: number;
  estimatedSeconds: number;
  filamentMm: number;
  endedAt?: number;
  result?: 'finished' | 'cancelled' | 'error';
  message?: string;
}

/**
 * Filament per byte of G-code. A 1.2 MB benchy then uses ~4.9 m, close to what slicers report; the
 * point is only that it is plausible and deterministic.
 */
export const FILAMENT_MM_PER_BYTE = 0.004;

/** The simulator's private view of a job: the public record plus what it needs to advance it. */
export interface ActiveJob {
  readonly record: SimJob;
  /** Estimated-time seconds of work done (progress = workSeconds / estimatedSeconds). */
  workSeconds: number;
  readonly totalFilamentMm: number;
  /** Whether the job has reached 'printing' once (resume goes back to 'preparing' otherwise). */
  hasPrinted: boolean;
}

export function createJob(id: number, file: SimFile, now: number, speedPercent: number): ActiveJob {
  const job: ActiveJob = {
    record: {
      id,
      file: file.name,
      startedAt: now,
      progress: 0,
      elapsedSeconds: 0,
      printSeconds: 0,
      remainingSeconds: 0,
      layer: 0,
      totalLayers: file.layers,
      estimatedSeconds: file.estimatedSeconds,
      filamentMm: 0,
    },
    workSeconds: 0,
    totalFilamentMm: file.sizeBytes * FILAMENT_MM_PER_BYTE,
    hasPrinted: false,
  };
  refreshDerived(job, now, speedPercent);
  return job;
}

/** Advances the work by `dtSeconds` of printing at `speedPercent`; returns true when it is done. */
export function addPrintTime(job: ActiveJob, dtSeconds: number, speedPercent: number): boolean {
  job.hasPrinted = true;
  job.record.printSeconds = roundMs(job.record.printSeconds + dtSeconds);
  job.workSeconds = Math.min(job.record.estimatedSeconds, job.workSeconds + (dtSeconds * speedPercent) / 100);
  return job.workSeconds >= job.record.estimatedSeconds;
}

/** Marks all work as done (finish, or the `finishNow` scenario helper). */
export function completeWork(job: ActiveJob): void {
  job.workSeconds = job.record.estimatedSeconds;
}

/** Recomputes every field that follows from the work done, the clock and the speed factor. */
export function refreshDerived(job: ActiveJob, now: number, speedPercent: number): void {
  const r = job.record;
  const estimated = r.estimatedSeconds;
  r.progress = estimated > 0 ? Math.min(1, job.workSeconds / estimated) : 1;
  r.elapsedSeconds = roundMs((now - r.startedAt) / 1000);
  r.remainingSeconds = Math.max(0, Math.round((estimated - job.workSeconds) / (speedPercent / 100)));
  r.filamentMm = Math.round(r.progress * job.totalFilamentMm * 100) / 100;
  if (r.progress >= 1) r.layer = r.totalLayers;
  else if (job.hasPrinted) r.layer = Math.min(r.totalLayers, Math.floor(r.progress * r.totalLayers) + 1);
}

export function endJob(
  job: ActiveJob,
  now: number,
  result: 'finished' | 'cancelled' | 'error',
  message?: string,
) {
  job.record.endedAt = now;
  job.record.result = result;
  if (message !== undefined) job.record.message = message;
}

export function copyJob(job: SimJob): SimJob {
  return { ...job };
}

/** Seconds with ms resolution, without float dust like 0.30000000000000004. */
function roundMs(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
