/** server.history.* with plain ws and fetch: jobs from real prints, totals, deletion, errors. */
import { describe, expect, it } from 'vitest';
import type { MockMoonraker } from '../src/index.js';
import { http, rpcError } from './rpc.js';
import { client, mock } from './setup.js';

async function printCube(m: MockMoonraker, s: Awaited<ReturnType<typeof client>>): Promise<void> {
  await s.result('printer.print.start', { filename: 'cube.gcode' });
  await m.advance(240_000);
}

describe('server.history', () => {
  it('totals follow finished jobs; reset_totals returns the last ones and refuses during a print', async () => {
    const m = await mock();
    m.sim.addFile({ name: 'cube.gcode', sizeBytes: 4096, estimatedSeconds: 60, layers: 10 });
    const s = await client(m);
    expect(await s.result('server.history.totals')).toEqual({
      job_totals: {
        total_jobs: 0,
        total_time: 0,
        total_print_time: 0,
        total_filament_used: 0,
        longest_job: 0,
        longest_print: 0,
      },
      auxiliary_totals: [],
    });
    await printCube(m, s);
    const totals = (await s.result('server.history.totals')) as { job_totals: Record<string, number> };
    expect(totals.job_totals.total_jobs).toBe(1);
    expect(totals.job_totals.total_print_time).toBeGreaterThan(0);
    expect(totals.job_totals.longest_job).toBe(totals.job_totals.total_time);
    await s.result('printer.print.start', { filename: 'cube.gcode' });
    expect(await rpcError(s, 'server.history.reset_totals')).toEqual({
      code: 400,
      message: 'Job in progress, cannot reset totals',
    });
    await s.result('printer.print.cancel');
    await m.advance(1_000);
    const reset = (await s.result('server.history.reset_totals')) as { last_totals: { total_jobs: number } };
    expect(reset.last_totals.total_jobs).toBe(2);
    expect(
      ((await s.result('server.history.totals')) as { job_totals: { total_jobs: number } }).job_totals
        .total_jobs,
    ).toBe(0);
  });

  it('get_job / delete_job by uid, delete all; unknown uid 404 → -32601', async () => {
    const m = await mock();
    m.sim.addFile({ name: 'cube.gcode', sizeBytes: 4096, estimatedSeconds: 60, layers: 10 });
    const s = await client(m);
    await printCube(m, s);
    await printCube(m, s);
    const list = (await s.result('server.history.list', { order: 'asc' })) as {
      jobs: Array<{ job_id: string }>;
    };
    const [first, second] = list.jobs.map((job) => job.job_id) as [string, string];
    expect(
      (
        (await s.result('server.history.get_job', { uid: first })) as {
          job: { job_id: string; status: string };
        }
      ).job,
    ).toMatchObject({
      job_id: first,
      status: 'completed',
    });
    expect(await s.result('server.history.delete_job', { uid: first })).toEqual({ deleted_jobs: [first] });
    expect(await rpcError(s, 'server.history.get_job', { uid: first })).toEqual({
      code: -32601,
      message: `Invalid job uid: ${first}`,
    });
    expect(await rpcError(s, 'server.history.get_job', { uid: 'zz' })).toEqual({
      code: 500,
      message: "invalid literal for int() with base 16: 'zz'",
    });
    expect(await rpcError(s, 'server.history.get_job', {})).toEqual({
      code: 400,
      message: 'No data for argument: uid',
    });
    const http404 = await http(`${m.url}/server/history/job?uid=${first}`);
    expect(http404.status).toBe(404);
    expect((await http(`${m.url}/server/history/job?all=true`, { method: 'DELETE' })).body.result).toEqual({
      deleted_jobs: [second],
    });
    expect(await s.result('server.history.list')).toEqual({ count: 0, jobs: [] });
  });

  it("list: order by job id, limit/start, since/before; a bad order in Moonraker's words", async () => {
    const m = await mock();
    m.sim.addFile({ name: 'cube.gcode', sizeBytes: 4096, estimatedSeconds: 60, layers: 10 });
    const s = await client(m);
    await printCube(m, s);
    await printCube(m, s);
    const desc = (await s.result('server.history.list')) as {
      count: number;
      jobs: Array<{ job_id: string; start_time: number; end_time: number }>;
    };
    expect(desc.count).toBe(2);
    expect((desc.jobs[0]?.job_id ?? '') > (desc.jobs[1]?.job_id ?? '')).toBe(true);
    const paged = (await s.result('server.history.list', { limit: 1, start: 1 })) as {
      jobs: Array<{ job_id: string }>;
    };
    expect(paged.jobs.map((job) => job.job_id)).toEqual([desc.jobs[1]?.job_id]);
    const older = desc.jobs[1];
    const since = (await s.result('server.history.list', { since: older?.start_time })) as { count: number };
    expect(since.count).toBe(1);
    expect(await rpcError(s, 'server.history.list', { order: 'sideways' })).toEqual({
      code: 400,
      message: 'Invalid `order` value: SIDEWAYS',
    });
  });
});
