/**
 * Issue 13 endpoints over the loopback mock: the team-wide job list, `GET .../commands`, one team with
 * its members (and inviting a user), the four per-printer statistics and a job's preview image.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectRejectedError } from '../src/index.js';
import { CUBE, type Harness, rejectionOf, startHarness, UUID } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

async function printOnce() {
  await h.client.commands.startPrint(UUID, CUBE);
  await h.mock.advance(120_000);
}

describe('team-wide jobs', () => {
  it('lists every printer’s jobs with their printer_uuid, newest first, paged and filtered', async () => {
    await printOnce();
    const { jobs, pager } = await h.client.jobs.listAll({ limit: 5 });
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs[0]).toMatchObject({ printer_uuid: UUID, state: 'PRINTING' });
    expect(pager).toMatchObject({ limit: 5, offset: 0 });
    const printing = [];
    for await (const job of h.client.jobs.iterateAll({ state: ['PRINTING'], pageSize: 2 }))
      printing.push(job);
    expect(printing.every((job) => job.state === 'PRINTING')).toBe(true);
    expect(h.transport.sent).toContain('GET /app/jobs?limit=5');
  });

  it('a job’s preview_url is served as an image; an unchanged one answers notModified', async () => {
    await printOnce();
    const detail = await h.client.printers.get(UUID);
    const url = detail.job_info?.preview_url;
    expect(url).toMatch(/^\/app\/teams\/\d+\/files\/[^/]+\/preview$/);
    const [, , , teamId, , hash] = (url ?? '').split('/');
    const preview = await h.client.files.team.preview(Number(teamId), hash ?? '');
    expect(preview.notModified).toBe(false);
    if (preview.notModified) return;
    expect(preview.contentType).toMatch(/^image\//);
    expect(preview.data.byteLength).toBeGreaterThan(0);
    if (preview.etag) {
      const again = await h.client.files.team.preview(Number(teamId), hash ?? '', {
        ifNoneMatch: preview.etag,
      });
      expect(again.notModified).toBe(true);
    }
  });
});

describe('commands, teams, stats', () => {
  it('GET .../commands answers the supported list', async () => {
    const listed = await h.client.commands.list(UUID);
    const supported = await h.client.commands.supported(UUID);
    expect(listed.commands.map((c) => c.command)).toEqual(supported.commands.map((c) => c.command));
    expect(listed.commands.map((c) => c.command)).toContain('STOP_PRINT');
  });

  it('reads a team with its members and invites a user once', async () => {
    const { team_id: teamId } = await h.client.printers.get(UUID);
    const team = await h.client.teams.get(teamId ?? -1);
    expect(team).toMatchObject({ id: teamId, users: expect.any(Array) });
    await h.client.teams.addUser(teamId ?? -1, { email: 'friend@example.com', rights_use: true });
    const after = await h.client.teams.get(teamId ?? -1);
    expect(after.invitees).toEqual([
      expect.objectContaining({ email: 'friend@example.com', rights_use: true }),
    ]);
    const twice = await rejectionOf(h.client.teams.addUser(teamId ?? -1, { email: 'friend@example.com' }));
    expect(twice).toMatchObject({ status: 409 });
    expect(ConnectRejectedError.isInstance(await rejectionOf(h.client.teams.get(999_999)))).toBe(true);
    // A POST is never retried.
    expect(h.transport.sent.filter((line) => line.startsWith('POST /app/teams/'))).toHaveLength(2);
  });

  it('reads the four statistics over a range', async () => {
    await printOnce();
    const to = Math.floor(Date.now() / 1000) + 3600;
    const range = { from: to - 7 * 86_400, to };
    const printing = await h.client.stats.printingNotPrinting(UUID, range);
    expect(printing).toMatchObject({ from: range.from, to: range.to, uuid: UUID });
    expect(printing.data?.map((entry) => entry.name)).toEqual(['printing', 'not_printing']);
    const material = await h.client.stats.materialQuantity(UUID, range);
    expect(Array.isArray(material.data)).toBe(true);
    const planned = await h.client.stats.plannedTasks(UUID, range);
    expect(planned.xAxis?.length).toBeGreaterThan(0);
    const success = await h.client.stats.jobsSuccess(UUID, range);
    expect(success.series?.map((s) => s.name)).toEqual(['FIN_OK', 'FIN_STOPPED', 'FIN_ERROR']);
    const refused = await rejectionOf(h.client.stats.jobsSuccess(UUID, { from: to, to: to - 10 }));
    expect(refused).toMatchObject({ status: 400, printerCode: 'BAD_REQUEST' });
  });
});
