/** curl against the endpoints real Connect clients call (team jobs, previews, commands, teams, stats). */
import { describe, expect, it } from 'vitest';
import { curl } from './curl-helper.js';
import { useFreshMock } from './fresh-mock.js';
import { TOKEN, UUID } from './helpers.js';

const t = useFreshMock();
const auth = ['-H', `Authorization: Bearer ${TOKEN}`];

describe('curl: endpoints the public clients call', () => {
  it('GET /app/jobs, GET .../commands, GET /app/users/teams/1', async () => {
    const jobs = await curl(...auth, `${t.mock.url}/app/jobs`);
    expect(jobs.status).toBe(200);
    expect(JSON.parse(jobs.body)).toMatchObject({ jobs: [], pager: { limit: 20, offset: 0, total: 0 } });
    const commands = await curl(...auth, `${t.mock.url}/app/printers/${UUID}/commands`);
    expect(commands.status).toBe(200);
    expect(JSON.parse(commands.body).commands.length).toBeGreaterThan(10);
    const team = await curl(...auth, `${t.mock.url}/app/users/teams/1`);
    expect(JSON.parse(team.body)).toMatchObject({ id: 1, users: [{ id: 157235 }] });
    expect(await curl(...auth, `${t.mock.url}/app/users/teams/7`)).toEqual({
      status: 404,
      body: '{"code":"NOT_FOUND_TEAM","message":"Team not found"}',
    });
  });

  it('stats with a bad range, add-user with a broken body, a preview that does not exist', async () => {
    expect(await curl(...auth, `${t.mock.url}/app/stats/printers/${UUID}/jobs_success?from=x`)).toEqual({
      status: 400,
      body: '{"code":"BAD_REQUEST","message":"Bad request","reason":"Invalid query parameter: from"}',
    });
    const usage = await curl(...auth, `${t.mock.url}/app/stats/printers/${UUID}/printing_not_printing`);
    expect(JSON.parse(usage.body).data.map((d: { name: string }) => d.name)).toEqual([
      'printing',
      'not_printing',
    ]);
    expect(
      await curl(
        ...auth,
        '-X',
        'POST',
        '-H',
        'Content-Type: application/json',
        '--data',
        '{"email":',
        `${t.mock.url}/app/teams/1/add-user`,
      ),
    ).toEqual({
      status: 400,
      body: '{"code":"BAD_REQUEST","message":"Bad request","reason":"Invalid JSON body"}',
    });
    expect(await curl(...auth, `${t.mock.url}/app/teams/1/files/abc/preview`)).toEqual({
      status: 404,
      body: '{"code":"NOT_FOUND_FILE","message":"File not found"}',
    });
  });

  it('camera registration, the snapshot trigger, a preview, the other two stats, a bad job state', async () => {
    const url = t.mock.url;
    const registered = await curl(...auth, '-X', 'POST', `${url}/app/printers/${UUID}/camera?origin=OTHER`);
    expect(registered.status).toBe(201);
    const camera = JSON.parse(registered.body) as { token: string };
    expect(await curl(...auth, '-X', 'POST', `${url}/app/printers/${UUID}/camera?origin=nope`)).toEqual({
      status: 400,
      body: '{"code":"BAD_REQUEST","message":"Bad request","reason":"Invalid query parameter: origin"}',
    });
    expect(await curl(...auth, '-X', 'POST', `${url}/app/cameras/${camera.token}/snapshots`)).toEqual({
      status: 204,
      body: '',
    });
    expect(await curl(...auth, '-X', 'POST', `${url}/app/cameras/nope/snapshots`)).toEqual({
      status: 404,
      body: '{"code":"NOT_FOUND_CAMERA","message":"Camera not found"}',
    });

    await curl(
      ...auth,
      '-X',
      'POST',
      '-H',
      'Content-Type: application/json',
      '--data',
      '{"command":"START_PRINT","kwargs":{"path":"/usb/benchy.gcode"}}',
      `${url}/app/printers/${UUID}/commands/sync`,
    );
    const detail = JSON.parse((await curl(...auth, `${url}/app/printers/${UUID}`)).body) as {
      job_info: { preview_url: string };
    };
    const preview = await curl(
      ...auth,
      '-o',
      '/dev/null',
      '-w',
      '%{content_type}\n%{http_code}',
      `${url}${detail.job_info.preview_url}`,
    );
    expect(preview).toEqual({ status: 200, body: 'image/png' });

    for (const stat of ['material_quantity', 'planned_tasks']) {
      const reply = await curl(...auth, `${url}/app/stats/printers/${UUID}/${stat}?from=0&to=86400`);
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body)).toMatchObject({ from: 0, to: 86400 });
    }
    expect(await curl(...auth, `${url}/app/jobs?state=DONE`)).toEqual({
      status: 400,
      body: '{"code":"BAD_REQUEST","message":"Bad request","reason":"Invalid query parameter: state"}',
    });
  });
});
