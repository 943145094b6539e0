/** server.job_queue.* with plain ws and fetch. */
import { describe, expect, it } from 'vitest';
import { http, rpcError } from './rpc.js';
import { client, mock } from './setup.js';

describe('server.job_queue', () => {
  it('post, jump, delete, start (loads the first job), pause; events; errors', async () => {
    const m = await mock();
    const s = await client(m);
    expect(await s.result('server.job_queue.status')).toEqual({ queued_jobs: [], queue_state: 'paused' });
    const posted = (await s.result('server.job_queue.post_job', {
      filenames: ['benchy.gcode', 'calibration-cube.gcode'],
    })) as { queued_jobs: Array<{ job_id: string; filename: string }> };
    expect(posted.queued_jobs.map((j) => j.filename)).toEqual(['benchy.gcode', 'calibration-cube.gcode']);
    expect(posted.queued_jobs[0]?.job_id).toMatch(/^[0-9A-F]{16}$/);
    const second = posted.queued_jobs[1]?.job_id ?? '';
    const jumped = (await s.result('server.job_queue.jump', { job_id: second })) as {
      queued_jobs: Array<{ filename: string }>;
    };
    expect(jumped.queued_jobs.map((j) => j.filename)).toEqual(['calibration-cube.gcode', 'benchy.gcode']);
    expect(await rpcError(s, 'server.job_queue.post_job', { filenames: ['nope.gcode'] })).toEqual({
      code: 400,
      message: 'G-Code File nope.gcode does not exist',
    });
    expect(await rpcError(s, 'server.job_queue.jump', { job_id: 'X' })).toEqual({
      code: 400,
      message: 'Invalid job id: X',
    });
    const started = (await s.result('server.job_queue.start')) as {
      queued_jobs: Array<{ filename: string }>;
      queue_state: string;
    };
    expect(started.queued_jobs.map((j) => j.filename)).toEqual(['benchy.gcode']);
    expect(m.sim.snapshot().job?.file).toBe('calibration-cube.gcode');
    const actions = s
      .notifications('notify_job_queue_changed')
      .map((n) => (n.params?.[0] as { action: string } | undefined)?.action);
    expect(actions).toEqual(['jobs_added', 'state_changed', 'state_changed', 'job_loaded']);
    const removed = await http(`${m.url}/server/job_queue/job?all=true`, { method: 'DELETE' });
    expect(removed.body.result).toEqual({ queued_jobs: [], queue_state: 'paused' });
  });
});
