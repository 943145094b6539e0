/**
 * Moonraker's job history, fed by the simulator's jobs: `added` when a print starts, `finished`
 * when it ends (notify_history_changed), and `server.history.list` with paging and ordering.
 */
import type { SimJob } from '@printkit/printer-sim';

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

export class History {
  readonly #jobs = new Map<number, HistoryJob>();

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

  list(query: { limit: number; start: number; since?: number; before?: number; order: string }): {
    count: number;
    jobs: HistoryJob[];
  } {
    let jobs = [...this.#jobs.values()].filter(
      (job) =>
        (query.since === undefined || job.start_time > query.since) &&
        (query.before === undefined || job.start_time < query.before),
    );
    if (query.order !== 'asc') jobs = jobs.reverse();
    const count = jobs.length;
    const page =
      query.limit > 0 ? jobs.slice(query.start, query.start + query.limit) : jobs.slice(query.start);
    return { count, jobs: page.map((job) => ({ ...job })) };
  }
}

/** Moonraker's job ids are 6-digit upper-case hex strings. */
function jobId(id: number): string {
  return id.toString(16).toUpperCase().padStart(6, '0');
}
