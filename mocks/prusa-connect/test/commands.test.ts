/** Commands changing the sim, 400/409 answers, the command lifecycle in events, jobs and history. */
import { describe, expect, it } from 'vitest';
import { useFreshMock } from './fresh-mock.js';
import { UUID } from './helpers.js';

const t = useFreshMock();
const P = `/app/printers/${UUID}`;

interface SyncReply {
  command: { id: number; state: string; command: string; received: number; source: string; kwargs: unknown };
  event: { event: string; command: string; state: string; created: number; reason?: string };
}

const sync = (command: string, kwargs: Record<string, unknown> = {}) =>
  t.call<SyncReply>(`${P}/commands/sync`, { method: 'POST', body: { command, kwargs } });
const state = async () => (await t.call(P)).json.state;

describe('commands/sync', () => {
  it('START_PRINT, PAUSE_PRINT, RESUME_PRINT, STOP_PRINT drive the sim', async () => {
    const sim = t.mock.printer().sim;
    const started = await sync('START_PRINT', { path: '/usb/benchy.gcode' });
    expect(started.status).toBe(200);
    expect(started.json.command).toMatchObject({
      state: 'CREATED',
      command: 'START_PRINT',
      source: 'CONNECT_USER',
    });
    expect(started.json.event).toMatchObject({ event: 'FINISHED', command: 'START_PRINT', state: 'IDLE' });
    expect(sim.state).toBe('preparing');
    expect(await state()).toBe('PRINTING');

    await t.mock.advance(120_000);
    expect(sim.state).toBe('printing');
    expect((await sync('PAUSE_PRINT')).json.event.event).toBe('FINISHED');
    await t.mock.advance(2_000);
    expect(sim.state).toBe('paused');
    expect(await state()).toBe('PAUSED');
    await sync('RESUME_PRINT');
    await t.mock.advance(2_000);
    expect(sim.state).toBe('printing');
    await sync('STOP_PRINT');
    await t.mock.advance(2_000);
    expect(sim.state).toBe('cancelled');
    expect(await state()).toBe('STOPPED');
  });

  it('temperature, speed, flow, home and move commands change the sim', async () => {
    const sim = t.mock.printer().sim;
    await sync('SET_NOZZLE_TEMPERATURE', { nozzle_temperature: 200 });
    await sync('SET_HEATBED_TEMPERATURE', { bed_temperature: 60 });
    await sync('SET_SPEED', { speed: 150 });
    await sync('SET_FLOW', { flow: 95 });
    await sync('HOME', { axis: 'XYZ' });
    await sync('MOVE', { feedrate: 3000, x: 10, y: 20 });
    await sync('MOVE_Z', { feedrate: 720, distance: 5 });
    const snap = sim.snapshot();
    expect(snap.temperatures.nozzle.target).toBe(200);
    expect(snap.temperatures.bed.target).toBe(60);
    expect(snap.speedPercent).toBe(150);
    expect(snap.flowPercent).toBe(95);
    expect(snap.position).toEqual({ x: 10, y: 20, z: 5 });
    const detail = (await t.call(P)).json;
    expect(detail).toMatchObject({ speed: 150, flow: 95, axis_x: 10, axis_y: 20, axis_z: 5 });
  });

  it('SET_PRINTER_READY / CANCEL_PRINTER_READY toggle READY', async () => {
    await sync('SET_PRINTER_READY');
    expect(await state()).toBe('READY');
    await sync('CANCEL_PRINTER_READY');
    expect(await state()).toBe('IDLE');
  });

  it('a command the printer refuses ends REJECTED with a reason', async () => {
    const reply = await sync('START_PRINT', { path: '/usb/missing.gcode' });
    expect(reply.status).toBe(200);
    expect(reply.json.event).toMatchObject({
      event: 'REJECTED',
      reason: 'File not found: /usb/missing.gcode',
    });
    const moved = await sync('MOVE', { feedrate: 3000, x: 10 });
    expect(moved.json.event.event).toBe('REJECTED');
  });

  it('409 CONFLICT_COMMAND when the state does not allow the command', async () => {
    const paused = await sync('PAUSE_PRINT');
    expect(paused.status).toBe(409);
    expect(paused.json).toEqual({
      code: 'CONFLICT_COMMAND',
      message: 'Command is not allowed in this state',
      reason: 'PAUSE_PRINT is not allowed while the printer is IDLE',
    });
    await sync('START_PRINT', { path: '/usb/benchy.gcode' });
    expect((await sync('START_PRINT', { path: '/usb/benchy.gcode' })).status).toBe(409);
    expect((await sync('HOME', { axis: 'X' })).status).toBe(409);
    t.mock.printer().sim.powerOff();
    expect((await sync('SEND_INFO')).status).toBe(409);
  });

  it('400 BAD_REQUEST for bad bodies and kwargs, checked against supported-commands', async () => {
    const cases: Array<[unknown, string]> = [
      ['{"command":', 'Invalid JSON body'],
      ['"PAUSE_PRINT"', 'JSON body must be an object'],
      [{ kwargs: {} }, 'Field "command" must be a non-empty string'],
      [{ command: 'PAUSE_PRINT', kwargs: [] }, 'Field "kwargs" must be an object'],
      [{ command: 'FLY', kwargs: {} }, 'Unsupported command: FLY'],
      [{ command: 'START_PRINT', kwargs: {} }, 'Missing required argument for START_PRINT: path'],
      [
        { command: 'SET_SPEED', kwargs: { speed: 'fast' } },
        'Argument speed of SET_SPEED must be of type integer',
      ],
      [{ command: 'SET_SPEED', kwargs: { speed: 301 } }, 'Argument speed of SET_SPEED must be <= 300'],
      [
        { command: 'SET_NOZZLE_TEMPERATURE', kwargs: { nozzle_temperature: -1 } },
        'Argument nozzle_temperature of SET_NOZZLE_TEMPERATURE must be >= 0',
      ],
      [{ command: 'PAUSE_PRINT', kwargs: { now: true } }, 'Unknown argument for PAUSE_PRINT: now'],
    ];
    for (const [body, reason] of cases) {
      const { status, json } = await t.call(`${P}/commands/sync`, { method: 'POST', body });
      expect(status).toBe(400);
      expect(json).toEqual({ code: 'BAD_REQUEST', message: 'Bad request', reason });
    }
    expect(t.mock.printer().sim.state).toBe('idle');
  });

  it('CANCEL_OBJECT marks the object canceled in the job detail', async () => {
    await sync('START_PRINT', { path: '/usb/benchy.gcode' });
    await t.mock.advance(120_000);
    const jobs = await t.call<{ jobs: Array<{ id: number }> }>(`${P}/jobs`);
    const jobId = jobs.json.jobs[0]?.id;
    expect((await sync('CANCEL_OBJECT', { object_id: 1 })).json.event.event).toBe('FINISHED');
    expect((await sync('CANCEL_OBJECT', { object_id: 9 })).json.event.event).toBe('REJECTED');
    const detail = await t.call<{
      cancelable: { objects: Array<{ id: number; canceled: boolean; polygon: unknown[] }> };
    }>(`${P}/jobs/${jobId}`);
    expect(detail.json.cancelable.objects.map((o) => [o.id, o.canceled])).toEqual([
      [0, false],
      [1, true],
    ]);
  });
});

describe('async commands and the events log', () => {
  it('POST commands answers at once with CREATED; CREATED → EMIT → FINISHED and STATE_CHANGED follow', async () => {
    const created = await t.call<{ id: number; state: string }>(`${P}/commands`, {
      method: 'POST',
      body: { command: 'SET_PRINTER_READY', kwargs: {} },
    });
    expect(created.status).toBe(201);
    expect(created.json.state).toBe('CREATED');
    await t.mock.settle();
    const { json } = await t.call<{ events: Array<{ event: string; command_id?: number; state: string }> }>(
      `${P}/events?limit=50`,
    );
    const lifecycle = json.events
      .filter((e) => e.command_id === created.json.id)
      .map((e) => e.event)
      .reverse();
    expect(lifecycle).toEqual(['CREATED', 'EMIT', 'STATE_CHANGED', 'FINISHED']);
    const changed = await t.call<{ events: Array<{ event: string; state: string; command?: string }> }>(
      `${P}/events?event=STATE_CHANGED`,
    );
    expect(changed.json.events[0]).toMatchObject({
      event: 'STATE_CHANGED',
      state: 'READY',
      command: 'SET_PRINTER_READY',
    });
  });

  it('logs REJECTED for a refused async command', async () => {
    const created = await t.call<{ id: number }>(`${P}/commands`, {
      method: 'POST',
      body: { command: 'DELETE_FILE', kwargs: { path: '/usb/none.gcode' } },
    });
    await t.mock.settle();
    const { json } = await t.call<{ events: Array<{ event: string; command_id?: number; reason?: string }> }>(
      `${P}/events?event=REJECTED&event=FINISHED`,
    );
    expect(json.events).toEqual([
      expect.objectContaining({
        event: 'REJECTED',
        command_id: created.json.id,
        reason: 'File not found: /usb/none.gcode',
      }),
    ]);
  });

  it('records STATE_CHANGED from the firmware as the sim moves on', async () => {
    await sync('START_PRINT', { path: '/usb/calibration-cube.gcode' });
    t.mock.printer().sim.finishNow();
    const { json } = await t.call<{
      events: Array<{ state: string; source: string }>;
      pager: Record<string, number>;
    }>(`${P}/events?event=STATE_CHANGED&limit=1`);
    expect(json.events).toEqual([expect.objectContaining({ state: 'FINISHED', source: 'FIRMWARE' })]);
    expect(json.pager).toMatchObject({ limit: 1, offset: 0, total: 2 });
  });
});

describe('jobs and history', () => {
  it('history grows as simulated prints finish; state filters repeat; job PATCH stores a reason', async () => {
    expect((await t.call<{ jobs: unknown[] }>(`${P}/jobs`)).json.jobs).toEqual([]);
    await sync('START_PRINT', { path: '/usb/calibration-cube.gcode' });
    await t.mock.advance(60_000);
    const printing = await t.call<{ jobs: Array<{ id: number; state: string; progress: number }> }>(
      `${P}/jobs`,
    );
    expect(printing.json.jobs).toHaveLength(1);
    expect(printing.json.jobs[0]?.state).toBe('PRINTING');

    await t.mock.advance(20 * 60_000);
    const done = await t.call<{ jobs: Array<{ id: number; state: string; progress: number; end?: number }> }>(
      `${P}/jobs?state=FIN_OK`,
    );
    expect(done.json.jobs).toHaveLength(1);
    expect(done.json.jobs[0]).toMatchObject({ state: 'FIN_OK', progress: 100 });
    expect(typeof done.json.jobs[0]?.end).toBe('number');
    expect((await t.call('/app/notifications/unseen')).json).toEqual({ unseen: 1 });

    await sync('START_PRINT', { path: '/usb/benchy.gcode' });
    await t.mock.advance(60_000);
    await sync('STOP_PRINT');
    await t.mock.advance(2_000);
    const both = await t.call<{ jobs: Array<{ state: string }>; pager: Record<string, number> }>(
      `${P}/jobs?state=FIN_OK&state=FIN_STOPPED&limit=1`,
    );
    expect(both.json.jobs.map((j) => j.state)).toEqual(['FIN_STOPPED']);
    expect(both.json.pager).toMatchObject({ limit: 1, offset: 0, total: 2 });
    expect((await t.call<{ jobs: unknown[] }>(`${P}/jobs?state=FIN_ERROR`)).json.jobs).toEqual([]);
    expect((await t.call(`${P}/jobs?state=NOPE`)).status).toBe(400);

    const stoppedId = (both.json.jobs[0] as { id?: number }).id;
    const patched = await t.call(`${P}/jobs/${stoppedId}`, {
      method: 'PATCH',
      body: { reason: { tag: ['CLOGGED_NOZZLE', 'OTHER'], other: 'blob' } },
    });
    expect(patched.status).toBe(204);
    expect(patched.text).toBe('');
    const detail = await t.call(`${P}/jobs/${stoppedId}`);
    expect(detail.json.reason).toEqual({ tag: ['CLOGGED_NOZZLE', 'OTHER'], other: 'blob' });
  });

  it('job list items keep every key of the captured job', async () => {
    await sync('START_PRINT', { path: '/usb/calibration-cube.gcode' });
    t.mock.printer().sim.finishNow();
    const { json } = await t.call<{ jobs: Array<Record<string, unknown>> }>(`${P}/jobs`);
    const captured = (await import('./helpers.js')).capture('jobs.json').jobs as Array<
      Record<string, unknown>
    >;
    expect(Object.keys(json.jobs[0] ?? {})).toEqual(expect.arrayContaining(Object.keys(captured[0] ?? {})));
  });

  it('refuses malformed PATCH bodies and unknown jobs', async () => {
    for (const body of [
      'x',
      { reason: 'x' },
      { reason: { tag: ['MELTED'] } },
      { reason: { tag: [], other: 3 } },
    ]) {
      const { status, json } = await t.call(`${P}/jobs/1`, { method: 'PATCH', body });
      expect(status).toBe(400);
      expect(json.code).toBe('BAD_REQUEST');
    }
    expect((await t.call(`${P}/jobs/999`, { method: 'PATCH', body: { reason: { tag: [] } } })).status).toBe(
      404,
    );
    expect((await t.call(`${P}/jobs/abc`)).status).toBe(400);
  });
});
