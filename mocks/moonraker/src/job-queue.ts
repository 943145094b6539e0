/**
 * Moonraker's job queue (components/job_queue.py, v0.10.0) with its defaults: starts `paused`
 * (L37), `automatic_transition` off, so a finished print does not start the next job; `start`
 * loads the first job when the printer can print (L231-246). Job ids are 16 hex digits (Python
 * object ids, L337); events go out as `notify_job_queue_changed` {action, updated_queue, queue_state}.
 */
import { MoonrakerError } from './errors.js';

export interface QueuedJob {
  filename: string;
  job_id: string;
  time_added: number;
  time_in_queue: number;
}

export interface JobQueueHost {
  nowMs(): number;
  fileExists(name: string): boolean;
  canPrint(): boolean;
  startPrint(filename: string): Promise<void>;
  notify(payload: Record<string, unknown>): void;
}

export class JobQueue {
  readonly #jobs = new Map<string, { filename: string; addedAt: number }>();
  readonly #host: JobQueueHost;
  #nextId = 1;
  queueState: 'ready' | 'paused' | 'loading' | 'starting' = 'paused';

  constructor(host: JobQueueHost) {
    this.#host = host;
  }

  status(): { queued_jobs: QueuedJob[]; queue_state: string } {
    const now = this.#host.nowMs();
    return {
      queued_jobs: [...this.#jobs].map(([jobId, job]) => ({
        filename: job.filename,
        job_id: jobId,
        time_added: job.addedAt / 1000,
        time_in_queue: Math.round((now - job.addedAt) / 10) / 100,
      })),
      queue_state: this.queueState,
    };
  }

  /** `post_job`: every file must exist first; `reset` empties the queue. */
  add(filenames: readonly string[], reset = false): void {
    for (const name of filenames) {
      if (!this.#host.fileExists(name)) throw new MoonrakerError(`G-Code File ${name} does not exist`);
    }
    if (reset) this.#jobs.clear();
    for (const filename of filenames) {
      const jobId = (0x7f3a_5c00_0000 + this.#nextId++ * 0x1d0).toString(16).toUpperCase().padStart(16, '0');
      this.#jobs.set(jobId, { filename, addedAt: this.#host.nowMs() });
    }
    this.#event('jobs_added');
  }

  remove(jobIds: readonly string[] | 'all'): void {
    if (this.#jobs.size === 0) return;
    if (jobIds === 'all') this.#jobs.clear();
    else if (jobIds.length > 0) for (const id of jobIds) this.#jobs.delete(id);
    else return;
    this.#event('jobs_removed');
  }

  pause(): void {
    this.#setState('paused');
  }

  async start(): Promise<void> {
    if (this.queueState !== 'ready' && this.queueState !== 'paused') return;
    const first = this.#jobs.entries().next();
    if (first.done) {
      this.#setState('paused');
      return;
    }
    if (!this.#host.canPrint()) {
      this.#setState('paused');
      return;
    }
    this.#setState('loading');
    const [jobId, job] = first.value;
    this.#setState('starting');
    try {
      await this.#host.startPrint(job.filename);
    } catch {
      this.#setState('paused');
      return;
    }
    this.#jobs.delete(jobId);
    this.queueState = 'paused';
    this.#event('job_loaded');
  }

  jump(jobId: string): void {
    const job = this.#jobs.get(jobId);
    if (!job) throw new MoonrakerError(`Invalid job id: ${jobId}`);
    const rest = [...this.#jobs].filter(([id]) => id !== jobId);
    this.#jobs.clear();
    this.#jobs.set(jobId, job);
    for (const [id, other] of rest) this.#jobs.set(id, other);
  }

  #setState(state: JobQueue['queueState']): void {
    if (state === this.queueState) return;
    this.queueState = state;
    this.#event('state_changed');
  }

  #event(action: string): void {
    this.#host.notify({
      action,
      updated_queue: action === 'state_changed' ? null : this.status().queued_jobs,
      queue_state: this.queueState,
    });
  }
}
