/**
 * Moonraker's job queue, as far as an upload with `print=true` reaches it: a file that cannot
 * start now (printer busy or Klippy not ready) is queued, and `server.job_queue.status` shows it.
 * The queue does not start jobs by itself (Moonraker's `automatic_transition` is off by default).
 */

export interface QueuedJob {
  filename: string;
  job_id: string;
  time_added: number;
  time_in_queue: number;
}

export class JobQueue {
  readonly #jobs: Array<{ filename: string; jobId: string; addedAt: number }> = [];
  #nextId = 1;
  queueState: 'ready' | 'paused' | 'loading' | 'starting' = 'ready';

  add(filename: string, nowMs: number): void {
    const jobId = (0x3e8000 + this.#nextId++).toString(16).toUpperCase();
    this.#jobs.push({ filename, jobId, addedAt: nowMs });
  }

  status(nowMs: number): { queued_jobs: QueuedJob[]; queue_state: string } {
    return {
      queued_jobs: this.#jobs.map((job) => ({
        filename: job.filename,
        job_id: job.jobId,
        time_added: job.addedAt / 1000,
        time_in_queue: Math.round((nowMs - job.addedAt) / 10) / 100,
      })),
      queue_state: this.queueState,
    };
  }
}
