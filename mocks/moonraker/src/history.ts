/**
 * Moonraker's job history (components/history.py, v0.10.0), fed by the simulator's jobs: `added`
 * when a print starts, `finished` when it ends (notify_history_changed); list with paging and
 * ordering by job id, single jobs by uid, deletion, and the totals (BASE_TOTALS, L40-47, updated
 * in `_update_job_totals`, L536-557).
 */

import type { SimJob } from '@printkit/printer-sim';
import { MoonrakerError } from './errors.js';

export type HistoryStatus =
  | 'in_progress'
  | 'completed'
  | 'cancelled'
  | 'error'
  | 'klippy_shutdown'
  | 'klippy_disconnect'
  | 'interrupted';

export interface HistoryJob {
  job_id: string;
  user: string;
  filename: string;
  exists: boolean;
  status: HistoryStatus;
  start_time: number;
  end_time: number | null;
  print_duration: number;
  total_duration: number;
  filament_used: number;
  metadata: Record<string, unknown>;
  auxiliary_data: unknown[];
}

export interface JobTotals {
  total_jobs: number;
  total_time: number;
  total_print_time: number;
  total_filament_used: number;
  longest_job: number;
  longest_print: number;
}

function baseTotals(): JobTotals {
  return {
    total_jobs: 0,
    total_time: 0,
    total_print_time: 0,
    total_filament_used: 0,
    longest_job: 0,
    longest_print: 0,
  };
}

export class History {
  readonly #jobs = new Map<number, HistoryJob>();
  #totals = baseTotals();
  #current: number | undefined;

  /** A print began; returns the record to send with action 'added'. */
  added(job: SimJob, metadata: Record<string, unknown>, wallNowMs: number): HistoryJob {
    const record: HistoryJob = {
      job_id: jobId(job.id),
      user: '_TRUSTED_USER_',
      filename: job.file,
      exists: true,
      status: 'in_progress',
      // Wall-clock time, not the sim's: at --speed 30 sim time runs hours ahead.
      start_time: wallNowMs / 1000,
      end_time: null,
      print_duration: 0,
      total_duration: 0,
      filament_used: 0,
      metadata,
      auxiliary_data: [],
    };
    this.#jobs.set(job.id, record);
    this.#current = job.id;
    return { ...record };
  }

  /** A print ended; `reason` overrides the status when Klippy itself went away. */
  finished(
    job: SimJob,
    reason: 'klippy_shutdown' | 'klippy_disconnect' | undefined,
    wallNowMs: number,
  ): HistoryJob | undefined {
    const record = this.#jobs.get(job.id);
    if (!record) return undefined;
    record.status =
      reason ??
      (job.result === 'finished' ? 'completed' : job.result === 'cancelled' ? 'cancelled' : 'error');
    record.end_time = wallNowMs / 1000;
    record.print_duration = job.printSeconds;
    record.total_duration = job.elapsedSeconds;
    record.filament_used = job.filamentMm;
    if (this.#current === job.id) this.#current = undefined;
    const totals = this.#totals;
    totals.total_jobs += 1;
    totals.total_time += record.total_duration;
    totals.total_print_time += record.print_duration;
    totals.total_filament_used += record.filament_used;
    totals.longest_job = Math.max(totals.longest_job, record.total_duration);
    totals.longest_print = Math.max(totals.longest_print, record.print_duration);
    return { ...record };
  }

  /** The most recent job of a file, for `print_start_time` / `job_id` in file metadata. */
  lastFor(filename: string): { jobId: string; startTime: number } | undefined {
    let last: HistoryJob | undefined;
    for (const job of this.#jobs.values()) if (job.filename === filename) last = job;
    return last && { jobId: last.job_id, startTime: last.start_time };
  }

  markDeleted(filename: string): void {
    for (const job of this.#jobs.values()) if (job.filename === filename) job.exists = false;
  }

  /** `before` compares the end time, `since` the start time; ordered by job id. */
  list(query: { limit: number; start: number; since?: number; before?: number; order: 'ASC' | 'DESC' }): {
    count: number;
    jobs: HistoryJob[];
  } {
    let jobs = [...this.#jobs.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, job]) => job)
      .filter(
        (job) =>
          (query.since === undefined || job.start_time > query.since) &&
          (query.before === undefined || (job.end_time !== null && job.end_time < query.before)),
      );
    if (query.order === 'DESC') jobs = jobs.reverse();
    const page = query.limit > 0 ? jobs.slice(query.start, query.start + query.limit) : jobs;
    // history.py returns the page's length as `count`.
    return { count: page.length, jobs: page.map((job) => ({ ...job })) };
  }

  get(uid: string): HistoryJob {
    const record = this.#jobs.get(parseUid(uid));
    if (!record) throw new MoonrakerError(`Invalid job uid: ${uid}`, 404);
    return { ...record };
  }

  /** Deletes one job (or every job); returns the deleted uids. */
  delete(uid: string | undefined): string[] {
    if (uid === undefined) {
      const all = [...this.#jobs.keys()].sort((a, b) => a - b).map(jobId);
      this.#jobs.clear();
      return all;
    }
    if (!this.#jobs.delete(parseUid(uid))) throw new MoonrakerError(`Invalid job uid: ${uid}`, 404);
    return [uid];
  }

  totals(): { job_totals: JobTotals; auxiliary_totals: unknown[] } {
    return { job_totals: { ...this.#totals }, auxiliary_totals: [] };
  }

  resetTotals(): { last_totals: JobTotals; last_auxiliary_totals: unknown[] } {
    if (this.#current !== undefined) throw new MoonrakerError('Job in progress, cannot reset totals');
    const last = this.#totals;
    this.#totals = baseTotals();
    return { last_totals: last, last_auxiliary_totals: [] };
  }
}

/** Moonraker's job ids are 6-digit upper-case hex strings. */
function jobId(id: number): string {
  return id.toString(16).toUpperCase().padStart(6, '0');
}

/** Python's `int(uid, 16)`; a ValueError there becomes a 500 with Python's message. */
function parseUid(uid: string): number {
  const text = uid.trim().replace(/^0x/i, '').replaceAll('_', '');
  if (!/^[0-9a-f]+$/i.test(text)) {
    throw new MoonrakerError(`invalid literal for int() with base 16: '${uid}'`, 500);
  }
  return Number.parseInt(text, 16);
}
