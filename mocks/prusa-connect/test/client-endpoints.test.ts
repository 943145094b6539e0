/**
 * The endpoints the two public Connect clients call that earlier versions of the mock answered 404:
 * the team-wide job list, previews, `GET .../commands`, one team, add-user, and the stats. Plain fetch.
 */
import { PrinterSim } from '@printkit/printer-sim';
import { describe, expect, it } from 'vitest';
import { useFreshMock } from './fresh-mock.js';
import { capture, UUID } from './helpers.js';

const SECOND = '11111111-2222-3333-4444-555555555556';
const t = useFreshMock({ printers: [{}, { name: 'Right' }] });
const P = `/app/printers/${UUID}`;

const sync = (uuid: string, command: string, kwargs: Record<string, unknown> = {}) =>
  t.call<{ event: { event: string; reason?: string } }>(`/app/printers/${uuid}/commands/sync`, {
    method: 'POST',
    body: { command, kwargs },
  });

interface Job {
  id: number;
  printer_uuid: string;
  state: string;
  start: number;
  file: { preview_url: string };
}

describe('GET /app/jobs', () => {
  it('lists every printer’s jobs, newest first, each with its printer_uuid and the capture’s keys', async () => {
    await sync(UUID, 'START_PRINT', { path: '/usb/benchy.gcode' });
    t.mock.printer(UUID).sim.finishNow();
    await t.mock.advance(60_000);
    await sync(SECOND, 'START_PRINT', { path: '/usb/benchy.gcode' });
    const { status, json } = await t.call<{ jobs: Job[]; pager: Record<string, number> }>('/app/jobs');
    expect(status).toBe(200);
    expect(json.jobs.map((j) => [j.printer_uuid, j.state])).toEqual([
      [SECOND, 'PRINTING'],
      [UUID, 'FIN_OK'],
    ]);
    const captured = (capture('jobs.json').jobs as Array<Record<string, unknown>>)[0] ?? {};
    const ended = json.jobs[1] as unknown as Record<string, unknown>;
    for (const key of Object.keys(captured)) expect(ended).toHaveProperty(key);
    expect(json.pager).toMatchObject({ limit: 20, offset: 0, total: 2 });
    expect(json.pager.to).toBeGreaterThanOrEqual(json.pager.from ?? Number.POSITIVE_INFINITY);
  });

  it('filters by state (repeatable) and pages; a bad state or limit is 400; no token is 401', async () => {
    await sync(UUID, 'START_PRINT', { path: '/usb/benchy.gcode' });
    const printing = await t.call<{ jobs: Job[] }>('/app/jobs?state=PRINTING&state=PAUSED');
    expect(printing.json.jobs).toHaveLength(1);
    expect((await t.call<{ jobs: Job[] }>('/app/jobs?state=FIN_OK')).json.jobs).toEqual([]);
    expect((await t.call<{ jobs: Job[] }>('/app/jobs?limit=1&offset=1')).json.jobs).toEqual([]);
    const bad = await t.call('/app/jobs?state=constructor');
    expect([bad.status, bad.json]).toEqual([
      400,
      { code: 'BAD_REQUEST', message: 'Bad request', reason: 'Invalid query parameter: state' },
    ]);
    expect((await t.call('/app/jobs?limit=0')).status).toBe(400);
    expect((await t.call('/app/jobs', { token: null })).status).toBe(401);
  });
});

describe('previews', () => {
  it('serves job_info.preview_url and the job file’s preview_url as a PNG, with 304', async () => {
    await sync(UUID, 'START_PRINT', { path: '/usb/benchy.gcode' });
    const detail = await t.call<{ job_info: { preview_url: string } }>(P);
    const url = detail.json.job_info.preview_url;
    expect(url).toMatch(/^\/app\/teams\/1\/files\/[0-9a-f]{40}\/preview$/);
    const jobs = await t.call<{ jobs: Job[] }>('/app/jobs');
    expect(jobs.json.jobs[0]?.file.preview_url).toBe(url);

    const response = await fetch(`${t.mock.url}${url}`, {
      headers: { Authorization: 'Bearer printkit-token' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const etag = response.headers.get('etag') ?? '';
    const again = await t.call(url, { headers: { 'If-None-Match': etag } });
    expect([again.status, again.text]).toEqual([304, '']);
  });

  it('404 for an unknown hash or team, 401 without a token', async () => {
    const unknown = await t.call('/app/teams/1/files/0123abcd/preview');
    expect([unknown.status, unknown.json]).toEqual([
      404,
      { code: 'NOT_FOUND_FILE', message: 'File not found' },
    ]);
    expect((await t.call('/app/teams/2/files/0123abcd/preview')).json.code).toBe('NOT_FOUND_TEAM');
    expect((await t.call('/app/teams/constructor/files/__proto__/preview')).json.code).toBe('NOT_FOUND_TEAM');
    expect((await t.call('/app/teams/1/files/__proto__/preview')).json.code).toBe('NOT_FOUND_FILE');
    expect((await t.call('/app/teams/1/files/x/preview', { token: null })).status).toBe(401);
  });
});

describe('GET /app/printers/{uuid}/commands', () => {
  it('answers the supported commands (with STOP_PRINT), as the Python SDK reads them', async () => {
    const commands = await t.call<{ commands: Array<{ command: string }> }>(`${P}/commands`);
    const supported = await t.call<{ commands: Array<{ command: string }> }>(`${P}/supported-commands`);
    expect(commands.status).toBe(200);
    expect(commands.json).toEqual(supported.json);
    expect(commands.json.commands.map((c) => c.command)).toContain('STOP_PRINT');
    expect((await t.call('/app/printers/constructor/commands')).status).toBe(400);
    expect((await t.call('/app/printers/00000000-0000-0000-0000-000000000000/commands')).status).toBe(404);
  });
});

describe('teams', () => {
  it('GET /app/users/teams/{id} has the team, its user and invitees; other ids are 404', async () => {
    const { status, json } = await t.call('/app/users/teams/1');
    expect(status).toBe(200);
    expect(json).toMatchObject({ id: 1, name: 'Team', role: 'OWNER', user_count: 1, invitees: [] });
    expect(json.users).toEqual([
      expect.objectContaining({ id: 157235, rights_ro: true, rights_rw: true, rights_use: true }),
    ]);
    for (const id of ['2', 'constructor', '__proto__', '1.0']) {
      const other = await t.call(`/app/users/teams/${id}`);
      expect([other.status, other.json]).toEqual([
        404,
        { code: 'NOT_FOUND_TEAM', message: 'Team not found' },
      ]);
    }
  });

  it('POST /app/teams/{id}/add-user invites once (204), then 409; bad bodies are 400', async () => {
    const add = (body: unknown) => t.call('/app/teams/1/add-user', { method: 'POST', body });
    expect((await add({ email: 'a@example.com', rights_use: true })).status).toBe(204);
    expect((await t.call('/app/users/teams/1')).json.invitees).toEqual([
      { email: 'a@example.com', rights_ro: true, rights_use: true, rights_rw: false },
    ]);
    expect((await add({ email: 'A@example.com' })).status).toBe(409);
    expect((await add({ email: 'not-an-email' })).json.reason).toBe('Field "email" must be an email');
    expect((await add({ email: 'b@example.com', rights_rw: 'yes' })).json.reason).toBe(
      'Field "rights_rw" must be a boolean',
    );
    expect((await add('{"email":')).status).toBe(400);
    expect((await add([1])).status).toBe(400);
    expect((await t.call('/app/teams/9/add-user', { method: 'POST', body: { email: 'c@d.e' } })).status).toBe(
      404,
    );
  });
});

describe('stats', () => {
  it('the four statistics follow the printer’s jobs and queue', async () => {
    const from = t.mock.printer().sim.clock.now() / 1000;
    await sync(UUID, 'START_PRINT', { path: '/usb/benchy.gcode' });
    await t.mock.advance(600_000);
    t.mock.printer(UUID).sim.finishNow();
    await t.mock.advance(60_000);
    await t.call(`${P}/queue`, { method: 'POST', body: { path: '/usb/benchy.gcode', position: -1 } });
    const to = Math.floor(t.mock.printer().sim.clock.now() / 1000);
    const range = `from=${Math.floor(from)}&to=${to}`;
    const S = `/app/stats/printers/${UUID}`;

    const usage = await t.call<{ data: Array<{ name: string; value: number }> }>(
      `${S}/printing_not_printing?${range}`,
    );
    expect(usage.json).toMatchObject({ from: Math.floor(from), to, name: 'CORE One', uuid: UUID });
    const [printing, idle] = usage.json.data;
    expect(printing?.name).toBe('printing');
    expect(printing?.value).toBeGreaterThan(300);
    expect((printing?.value ?? 0) + (idle?.value ?? 0)).toBe(to - Math.floor(from));

    const material = await t.call(`${S}/material_quantity?${range}`);
    expect(material.json.data).toEqual([{ name: 'PLA', value: 11.01 }]);

    const planned = await t.call<{ xAxis: number[]; series: { uuid: string; data: number[][] } }>(
      `${S}/planned_tasks?${range}`,
    );
    expect(planned.json.series.uuid).toBe(UUID);
    expect(planned.json.series.data.reduce((sum, [, count]) => sum + (count ?? 0), 0)).toBe(1);
    expect(planned.json.xAxis).toEqual(planned.json.series.data.map(([day]) => day));

    const success = await t.call<{ xAxis: string[]; series: Array<{ name: string; data: number[] }> }>(
      `${S}/jobs_success?${range}`,
    );
    expect(success.json.xAxis.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
    const ok = success.json.series.find((s) => s.name === 'FIN_OK');
    expect(ok?.data.reduce((a, b) => a + b, 0)).toBe(1);
    expect(success.json).toHaveProperty('time_shift');
  });

  it.each([
    ['from=abc', 'Invalid query parameter: from'],
    ['to=-1', 'Invalid query parameter: to'],
    ['from=200&to=100', 'Invalid query parameter: from is after to'],
    ['from=0&to=99999999', 'Range longer than 366 days'],
  ])('400 for %s', async (query, reason) => {
    const bad = await t.call(`/app/stats/printers/${UUID}/jobs_success?${query}`);
    expect([bad.status, bad.json.reason]).toEqual([400, reason]);
  });

  it('unknown printer 404, malformed uuid 400, no token 401', async () => {
    const S = '/app/stats/printers';
    expect((await t.call(`${S}/00000000-0000-0000-0000-000000000000/planned_tasks`)).status).toBe(404);
    expect((await t.call(`${S}/__proto__/planned_tasks`)).status).toBe(400);
    expect((await t.call(`${S}/${UUID}/planned_tasks`, { token: null })).status).toBe(401);
  });
});

describe('chamber', () => {
  it('a printer with a chamber shows the capture’s chamber block', async () => {
    const withChamber = await t.call<{ chamber: Record<string, number> }>(P);
    expect(Object.keys(withChamber.json.chamber).sort()).toEqual(
      ['fan_1_rpm', 'fan_2_rpm', 'led_intensity', 'target_temp', 'temp'].sort(),
    );
  });
});

describe('REJECTED and FAILED carry the printer’s reason', () => {
  it('START_PRINT of a missing file is REJECTED with "File not found: <path>", in the reply and the events', async () => {
    const reply = await sync(UUID, 'START_PRINT', { path: '/usb/missing.bgcode' });
    expect(reply.json.event).toMatchObject({
      event: 'REJECTED',
      reason: 'File not found: /usb/missing.bgcode',
    });
    const events = await t.call<{ events: Array<{ event: string; reason?: string }> }>(
      `${P}/events?event=REJECTED`,
    );
    expect(events.json.events[0]?.reason).toBe('File not found: /usb/missing.bgcode');
  });

  it('a COMMAND fault ends the command FAILED with the fault’s message', async () => {
    t.mock
      .printer()
      .faults.add({ operation: 'COMMAND SET_PRINTER_READY', kind: 'error-reply', message: 'Busy' });
    t.mock.printer().faults.add({ operation: '*', kind: 'delay', delayMs: 0, times: 5 });
    const reply = await sync(UUID, 'SET_PRINTER_READY');
    expect(reply.json.event).toMatchObject({ event: 'FAILED', reason: 'Busy' });
    expect((await sync(UUID, 'SET_PRINTER_READY')).json.event.event).toBe('FINISHED');
    const failed = await t.call<{ events: Array<{ reason?: string }> }>(`${P}/events?event=FAILED`);
    expect(failed.json.events.map((e) => e.reason)).toEqual(['Busy']);
  });
});

describe('own properties only', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'command %s is an unsupported command, not a prototype lookup',
    async (name) => {
      const reply = await sync(UUID, name);
      expect([reply.status, (reply.json as unknown as { reason: string }).reason]).toEqual([
        400,
        `Unsupported command: ${name}`,
      ]);
    },
  );

  it('kwargs named __proto__ or constructor are unknown arguments', async () => {
    for (const body of [
      '{"command":"START_PRINT","kwargs":{"__proto__":{"path":"/usb/benchy.gcode"}}}',
      '{"command":"START_PRINT","kwargs":{"path":"/usb/benchy.gcode","constructor":1}}',
    ]) {
      const reply = await t.call(`${P}/commands/sync`, { method: 'POST', body });
      expect(reply.status).toBe(400);
    }
  });
});

describe('fileTimeField', () => {
  const both = useFreshMock({ fileTimeField: 'both' });
  it('"both" sends m_time and m_timestamp on printer files', async () => {
    const files = await both.call<{ files: Array<Record<string, unknown>> }>(`${P}/files`);
    const file = files.json.files[0] ?? {};
    expect(typeof file.m_time).toBe('number');
    expect(file.m_timestamp).toBe(file.m_time);
  });
});

describe('a printer without a chamber', () => {
  const plain = useFreshMock({ printers: [{ sim: new PrinterSim({ name: 'MK4' }) }] });
  it('has no chamber block', async () => {
    const detail = await plain.call(P);
    expect(detail.status).toBe(200);
    expect(detail.json).not.toHaveProperty('chamber');
  });
});
