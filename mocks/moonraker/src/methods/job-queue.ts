/** `/server/job_queue/*` (components/job_queue.py, v0.10.0 L59-75, L268-330). */
import type { Args } from '../args.js';
import { MoonrakerError } from '../errors.js';
import type { MethodTable } from './types.js';

/** WebRequest.get_list: a list, or a comma-separated string. */
function list(args: Args, key: string): string[] {
  const raw = args.get(key);
  if (Array.isArray(raw)) return raw.map((v) => String(v).trim());
  if (typeof raw === 'string')
    return raw
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
  throw new MoonrakerError(
    `Unable to convert argument [${key}] to <class 'list'>: value recieved: ${String(raw)}`,
  );
}

export const JOB_QUEUE_METHODS: MethodTable = {
  'server.job_queue.status': {
    http: [{ verb: 'GET', path: '/server/job_queue/status' }],
    handler: ({ host }) => host.jobQueue.status(),
  },
  'server.job_queue.post_job': {
    http: [{ verb: 'POST', path: '/server/job_queue/job' }],
    handler: ({ host }, args) => {
      host.jobQueue.add(list(args, 'filenames'), args.bool('reset', false));
      return host.jobQueue.status();
    },
  },
  'server.job_queue.delete_job': {
    http: [{ verb: 'DELETE', path: '/server/job_queue/job' }],
    handler: ({ host }, args) => {
      host.jobQueue.remove(args.bool('all', false) ? 'all' : list(args, 'job_ids'));
      return host.jobQueue.status();
    },
  },
  'server.job_queue.pause': {
    http: [{ verb: 'POST', path: '/server/job_queue/pause' }],
    handler: ({ host }) => {
      host.jobQueue.pause();
      return host.jobQueue.status();
    },
  },
  'server.job_queue.start': {
    http: [{ verb: 'POST', path: '/server/job_queue/start' }],
    handler: async ({ host }) => {
      await host.jobQueue.start();
      return host.jobQueue.status();
    },
  },
  'server.job_queue.jump': {
    http: [{ verb: 'POST', path: '/server/job_queue/jump' }],
    handler: ({ host }, args) => {
      host.jobQueue.jump(String(args.get('job_id')));
      return host.jobQueue.status();
    },
  },
};
