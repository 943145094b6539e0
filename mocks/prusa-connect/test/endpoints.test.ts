/** Every endpoint over the loopback server, with plain fetch. */
import { describe, expect, it } from 'vitest';
import { useFreshMock } from './fresh-mock.js';
import { capture, TOKEN, UUID } from './helpers.js';

const t = useFreshMock();
const P = `/app/printers/${UUID}`;

describe('no-auth endpoints', () => {
  it('GET /version.json', async () => {
    const { status, json } = await t.call('/version.json', { token: null });
    expect(status).toBe(200);
    expect(Object.keys(json).sort()).toEqual(['commit', 'date', 'version']);
  });

  it('GET /app/config has the complete auth object real SDKs read', async () => {
    const { status, json } = await t.call<{ auth: Record<string, unknown> }>('/app/config', { token: null });
    expect(status).toBe(200);
    expect(Object.keys(json.auth).sort()).toEqual(
      [
        'afs_enabled',
        'afs_group_id',
        'avatar_server_url',
        'backends',
        'client_id',
        'max_preview_size',
        'max_snapshot_size',
        'max_upload_size',
        'redirect_url',
        'server_url',
      ].sort(),
    );
  });

  it('GET /app/printer-types includes the captured printer type', async () => {
    const { status, json } = await t.call<{ printer_types: Array<{ id: string; name: string }> }>(
      '/app/printer-types',
      { token: null },
    );
    expect(status).toBe(200);
    expect(json.printer_types.map((p) => p.id)).toContain('7.1.0');
  });
});

describe('auth', () => {
  const unauthorized = '{"message":"Missing or invalid security token","code":"UNAUTHORIZED"}';

  it.each([
    ['no token', null],
    ['a wrong token', 'stale'],
  ])('401 with %s', async (_label, token) => {
    const { status, text } = await t.call(P, { token });
    expect(status).toBe(401);
    expect(text).toBe(unauthorized);
  });

  it('accepts the cookie, and a wrong cookie is 401', async () => {
    expect(
      (await t.call(P, { token: null, headers: { Cookie: `a=b; auth.access_token=${TOKEN}` } })).status,
    ).toBe(200);
    expect((await t.call(P, { token: null, headers: { Cookie: 'auth.access_token=nope' } })).status).toBe(
      401,
    );
  });

  it('a token changed on the mock makes the old one stale', async () => {
    t.mock.token = 'rotated';
    expect((await t.call(P)).status).toBe(401);
    expect((await t.call(P, { token: 'rotated' })).status).toBe(200);
  });
});

describe('printer errors', () => {
  it('404 NOT_FOUND_PRINTER for an unknown uuid', async () => {
    const { status, text } = await t.call('/app/printers/99999999-2222-3333-4444-555555555555/queue');
    expect(status).toBe(404);
    expect(text).toBe('{"code":"NOT_FOUND_PRINTER","message":"Printer ID not found"}');
  });

  it('400 BAD_REQUEST for a malformed uuid', async () => {
    const { status, json } = await t.call('/app/printers/not-a-uuid');
    expect(status).toBe(400);
    expect(json).toEqual({
      code: 'BAD_REQUEST',
      message: 'Bad request',
      reason: 'Invalid path parameter: printer_uuid',
    });
  });

  it('404 NOT_FOUND_ENDPOINT for unknown /app paths and other paths', async () => {
    for (const path of ['/app/printers/x/y/z', '/app/nothing', '/elsewhere']) {
      const { status, text } = await t.call(path);
      expect(status).toBe(404);
      expect(text).toBe('{"code":"NOT_FOUND_ENDPOINT","message":"Endpoint not found"}');
    }
  });

  it('400 for bad paging values', async () => {
    for (const query of ['limit=0', 'limit=abc', 'offset=-1']) {
      const { status, json } = await t.call(`/app/printers?${query}`);
      expect(status).toBe(400);
      expect(json.code).toBe('BAD_REQUEST');
    }
  });
});

describe('printers', () => {
  it('paginates the printer list', async () => {
    const m = t.mock;
    expect(m.printers).toHaveLength(1);
    const { json } = await t.call<{ printers: unknown[]; pager: unknown }>('/app/printers?limit=1&offset=1');
    expect(json).toEqual({ printers: [], pager: { limit: 1, offset: 1, total: 1 } });
  });

  it('shows OFFLINE in connect_state while printer_state keeps its last value', async () => {
    t.mock.printer().sim.powerOff();
    const { json } = await t.call(P);
    expect(json).toMatchObject({ state: 'OFFLINE', connect_state: 'OFFLINE', printer_state: 'IDLE' });
  });

  it('reports live telemetry from the sim', async () => {
    await t.call(`${P}/commands/sync`, {
      method: 'POST',
      body: { command: 'SET_NOZZLE_TEMPERATURE', kwargs: { nozzle_temperature: 215 } },
    });
    await t.mock.advance(60_000);
    const { json } = await t.call<{ temp: Record<string, number>; tools: Record<string, { temp: number }> }>(
      P,
    );
    expect(json.temp.target_nozzle).toBe(215);
    expect(json.temp.temp_nozzle).toBeGreaterThan(200);
    expect(json.tools['1']?.temp).toBe(json.temp.temp_nozzle);
  });

  it('shows ATTENTION with a dialog, cleared by DIALOG_ACTION', async () => {
    const printer = t.mock.printer();
    await t.call(`${P}/commands/sync`, {
      method: 'POST',
      body: { command: 'START_PRINT', kwargs: { path: '/usb/benchy.gcode' } },
    });
    printer.requireAttention('Filament runout');
    const { json } = await t.call<{ state: string; dialog_info: { id: number } }>(P);
    expect(json.state).toBe('ATTENTION');
    const resumed = await t.call<{ event: { event: string } }>(`${P}/commands/sync`, {
      method: 'POST',
      body: { command: 'DIALOG_ACTION', kwargs: { dialog_id: json.dialog_info.id, button: 'Resume' } },
    });
    expect(resumed.json.event.event).toBe('FINISHED');
    expect((await t.call(P)).json.state).toBe('PRINTING');
  });
});

describe('queue, download queue, invitations, notifications, teams', () => {
  it('queues, lists with paging and deletes planned jobs', async () => {
    const first = await t.call<{ id: number }>(`${P}/queue`, {
      method: 'POST',
      body: { path: '/usb/benchy.gcode', position: -1, set_ready: true },
    });
    expect(first.status).toBe(201);
    const second = await t.call<{ id: number }>(`${P}/queue`, {
      method: 'POST',
      body: { path: '/usb/calibration-cube.gcode', position: 0, set_ready: false },
    });
    const page = await t.call<{
      planned_jobs: Array<{ id: number; path: string }>;
      pager: Record<string, number>;
    }>(`${P}/queue?limit=1&offset=0`);
    expect(page.json.planned_jobs.map((j) => j.id)).toEqual([second.json.id]);
    expect(page.json.pager).toMatchObject({ limit: 1, offset: 0, total: 2 });
    expect((await t.call(`${P}/queue/${first.json.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await t.call(`${P}/queue/${first.json.id}`, { method: 'DELETE' })).json.code).toBe(
      'NOT_FOUND_JOB',
    );
  });

  it('refuses malformed queue bodies', async () => {
    for (const body of [
      '{nope',
      '[]',
      { position: 0 },
      { path: 3 },
      { path: '/usb/benchy.gcode', position: 'x' },
    ]) {
      const { status, json } = await t.call(`${P}/queue`, { method: 'POST', body });
      expect(status).toBe(400);
      expect(json.code).toBe('BAD_REQUEST');
    }
    expect(
      (await t.call(`${P}/queue`, { method: 'POST', body: { path: '/usb/missing.gcode' } })).status,
    ).toBe(404);
  });

  it('download queue, invitations, notifications, teams', async () => {
    expect((await t.call(`${P}/download-queue`)).json).toMatchObject({
      planned_jobs: [],
      pager: { total: 0 },
    });
    expect((await t.call('/app/invitations')).json).toEqual({ invitations: [], refused: [] });
    expect((await t.call('/app/notifications/unseen')).json).toEqual({ unseen: 0 });
    expect((await t.call('/app/notifications')).json).toMatchObject({
      notifications: [],
      pager: { total: 0 },
    });
    const teams = await t.call<{ teams: Array<{ id: number }> }>('/app/users/teams');
    expect(teams.json.teams[0]?.id).toBe(1);
  });
});

describe('files and storages', () => {
  it('lists files with path, limit and offset, and answers 304 to a matching ETag', async () => {
    const all = await t.call<{ files: Array<{ path: string }>; pager: unknown }>(
      `${P}/files?path=/usb&limit=1&offset=1`,
    );
    expect(all.status).toBe(200);
    expect(all.json.files.map((f) => f.path)).toEqual(['/usb/calibration-cube.gcode']);
    expect(all.json.pager).toEqual({ limit: 1, offset: 1, total: 2 });
    const etag = all.headers.get('etag') ?? '';
    const again = await t.call(`${P}/files?path=/usb&limit=1&offset=1`, {
      headers: { 'If-None-Match': etag },
    });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
  });

  it('deletes files with {files:[paths]} and refuses bad bodies', async () => {
    expect((await t.call(`${P}/files`, { method: 'DELETE', body: { files: 'x' } })).status).toBe(400);
    expect((await t.call(`${P}/files`, { method: 'DELETE', body: { files: ['/usb/nope'] } })).status).toBe(
      404,
    );
    expect(
      (await t.call(`${P}/files`, { method: 'DELETE', body: { files: ['/usb/benchy.gcode'] } })).status,
    ).toBe(204);
    expect(t.mock.printer().sim.getFile('benchy.gcode')).toBeUndefined();
  });

  it('lists storages', async () => {
    const { json } = await t.call<{ storages: Array<Record<string, unknown>> }>(`${P}/storages`);
    expect(json.storages[0]).toMatchObject({ path: '/usb', name: 'usb', read_only: false, file_count: 2 });
  });
});

describe('cameras', () => {
  it('lists team and printer cameras shaped like the seed capture', async () => {
    const team = await t.call<{ cameras: Array<Record<string, unknown>>; pager: unknown }>('/app/cameras');
    const printer = await t.call<{ cameras: Array<Record<string, unknown>> }>(`${P}/cameras`);
    expect(team.json.cameras).toEqual(printer.json.cameras);
    expect(Object.keys(team.json.cameras[0] ?? {})).toEqual(
      expect.arrayContaining(['id', 'name', 'config', 'capabilities', 'features', 'token', 'registered']),
    );
    expect(team.json.pager).toEqual({ limit: 20, offset: 0, total: 1 });
  });

  it('serves a snapshot, 304 without a body on If-None-Match / If-Modified-Since, new bytes 30 s later', async () => {
    const id = t.mock.printer().cameraIds[0];
    const url = `${t.mock.url}/app/cameras/${id}/snapshots/last?printer_uuid=${UUID}`;
    const auth = { Authorization: `Bearer ${TOKEN}` };
    const first = await fetch(url, { headers: auth });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('image/jpeg');
    const bytes = new Uint8Array(await first.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
    const etag = first.headers.get('etag') ?? '';
    const lastModified = first.headers.get('last-modified') ?? '';
    const byTag = await fetch(url, { headers: { ...auth, 'If-None-Match': etag } });
    expect(byTag.status).toBe(304);
    expect(await byTag.text()).toBe('');
    const byDate = await fetch(url, { headers: { ...auth, 'If-Modified-Since': lastModified } });
    expect(byDate.status).toBe(304);
    await t.mock.advance(30_000);
    const later = await fetch(url, { headers: { ...auth, 'If-None-Match': etag } });
    expect(later.status).toBe(200);
    expect(later.headers.get('etag')).not.toBe(etag);
    await later.arrayBuffer();
  });

  it('404 NOT_FOUND_CAMERA for unknown cameras', async () => {
    const { status, text } = await t.call(`/app/cameras/1/snapshots/last?printer_uuid=${UUID}`);
    expect(status).toBe(404);
    expect(text).toBe('{"code":"NOT_FOUND_CAMERA","message":"Camera not found"}');
  });
});

describe('stream-only cameras', () => {
  const s = useFreshMock({ printers: [{ cameras: [{ id: 7, streamOnly: true }] }] });
  it('answers 404 for the snapshot of a stream-only camera', async () => {
    const { status, json } = await s.call(`/app/cameras/7/snapshots/last?printer_uuid=${UUID}`);
    expect(status).toBe(404);
    expect(json.code).toBe('NOT_FOUND_SNAPSHOT');
  });
});

describe('supported commands', () => {
  it('serves the real CORE One capture', async () => {
    const { json } = await t.call(`${P}/supported-commands`);
    expect(json).toEqual(capture('supported_commands.json'));
  });
});
