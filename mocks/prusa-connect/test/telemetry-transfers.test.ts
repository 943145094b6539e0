/** Telemetry recorded over sim time, transfers of uploads to a printer, and the file time field (raw fetch). */
import { describe, expect, it } from 'vitest';
import { startMockPrusaConnect } from '../src/index.js';
import { useFreshMock } from './fresh-mock.js';
import { caller, TOKEN, UUID } from './helpers.js';

const t = useFreshMock();
const P = `/app/printers/${UUID}`;

interface TelemetryPoint {
  time: number;
  state: string;
  temp_nozzle: number;
  target_nozzle: number;
  temp_bed: number;
  fan_hotend: number;
  [key: string]: unknown;
}
interface TelemetryReply {
  uuid: string;
  from: number;
  to: number;
  granularity: number;
  data: TelemetryPoint[];
}

const nowSeconds = () => Math.floor(t.mock.printer().sim.clock.now() / 1000);

describe('GET /app/printers/{uuid}/telemetry', () => {
  it('answers the samples recorded every 10 s of sim time, with the detail field names', async () => {
    const start = nowSeconds();
    await t.mock.advance(60_000);
    const { status, json } = await t.call<TelemetryReply>(`${P}/telemetry`);
    expect(status).toBe(200);
    expect(json).toMatchObject({ uuid: UUID, from: start, to: start + 60, granularity: 10 });
    expect(json.data.map((p) => p.time)).toEqual([0, 10, 20, 30, 40, 50, 60].map((s) => start + s));
    expect(Object.keys(json.data[0] ?? {}).sort()).toEqual(
      [
        'time',
        'state',
        'temp_nozzle',
        'temp_bed',
        'target_nozzle',
        'target_bed',
        'temp_chamber',
        'target_chamber',
        'axis_x',
        'axis_y',
        'axis_z',
        'speed',
        'flow',
        'fan_print',
        'fan_hotend',
      ].sort(),
    );
    expect(json.data[0]).toMatchObject({ state: 'IDLE', target_nozzle: 0, speed: 100, flow: 100 });
  });

  it('follows a print: heating shows in targets and temperatures, buckets average what is measured', async () => {
    const from = nowSeconds();
    const sync = await t.call(`${P}/commands/sync`, {
      method: 'POST',
      body: { command: 'START_PRINT', kwargs: { path: '/usb/benchy.gcode' } },
    });
    expect(sync.status).toBe(200);
    await t.mock.advance(120_000);

    const raw = await t.call<TelemetryReply>(`${P}/telemetry?from=${from}&granularity=10`);
    const minute = await t.call<TelemetryReply>(`${P}/telemetry?from=${from}&granularity=60`);
    expect(minute.json.granularity).toBe(60);
    const last = raw.json.data.at(-1);
    expect(last?.state).toBe('PRINTING');
    expect(last?.target_nozzle).toBeGreaterThan(150);
    expect(last?.temp_nozzle).toBeGreaterThan(raw.json.data[0]?.temp_nozzle ?? Infinity);
    expect(last?.fan_hotend).toBeGreaterThan(0);

    for (const point of minute.json.data) {
      const inBucket = raw.json.data.filter((p) => p.time >= point.time && p.time < point.time + 60);
      expect(inBucket.length).toBeGreaterThan(0);
      const mean = inBucket.reduce((sum, p) => sum + p.temp_nozzle, 0) / inBucket.length;
      // Measured values are averaged (rounded to 0.1).
      expect(Math.abs(point.temp_nozzle - mean)).toBeLessThanOrEqual(0.05 + 1e-9);
      expect(point.target_nozzle).toBe(inBucket.at(-1)?.target_nozzle); // set: the last value
      expect(point.state).toBe(inBucket.at(-1)?.state);
    }
    // Heating: the first minute's average is below the readings at its end.
    const firstMinute = minute.json.data[0];
    const endOfFirstMinute = raw.json.data.filter((p) => p.time < (firstMinute?.time ?? 0) + 60).at(-1);
    expect(firstMinute?.temp_nozzle).toBeLessThan(endOfFirstMinute?.temp_nozzle ?? 0);
  });

  it('filters by from, and records nothing while the printer is off', async () => {
    await t.mock.advance(30_000);
    const cut = nowSeconds();
    await t.mock.advance(30_000);
    const since = await t.call<TelemetryReply>(`${P}/telemetry?from=${cut}`);
    expect(since.json.from).toBe(cut);
    expect(since.json.data.map((p) => p.time)).toEqual([cut, cut + 10, cut + 20, cut + 30]);

    t.mock.printer().sim.powerOff();
    const off = nowSeconds();
    await t.mock.advance(60_000);
    t.mock.printer().sim.powerOn();
    await t.mock.advance(10_000);
    const all = await t.call<TelemetryReply>(`${P}/telemetry?from=${off}`);
    // The sample taken just before power-off, then nothing until the printer is back on.
    expect(all.json.data.map((p) => p.time)).toEqual([off, off + 70]);
  });

  it('refuses bad parameters with 400 BAD_REQUEST, and knows Connect auth and uuids', async () => {
    for (const query of ['granularity=0', 'granularity=1.5', 'granularity=x', 'from=-5', 'from=yesterday']) {
      const { status, json } = await t.call(`${P}/telemetry?${query}`);
      expect(status, query).toBe(400);
      expect(json).toMatchObject({ code: 'BAD_REQUEST', reason: expect.stringMatching(/^Invalid query/) });
    }
    expect((await t.call(`${P}/telemetry`, { token: null })).status).toBe(401);
    const unknown = await t.call('/app/printers/99999999-2222-3333-4444-555555555555/telemetry');
    expect(unknown.json).toMatchObject({ code: 'NOT_FOUND_PRINTER' });
  });

  it('keeps samples for retentionMs only, sampling at sampleIntervalMs', async () => {
    const mock = await startMockPrusaConnect({
      port: 0,
      telemetry: { sampleIntervalMs: 1_000, retentionMs: 5_000 },
    });
    try {
      await mock.advance(20_000);
      const { json } = await caller(mock.url)<TelemetryReply>(`${P}/telemetry`);
      const now = Math.floor(mock.printer().sim.clock.now() / 1000);
      expect(json.granularity).toBe(1);
      expect(json.data.map((p) => p.time)).toEqual([now - 5, now - 4, now - 3, now - 2, now - 1, now]);
    } finally {
      await mock.stop();
    }
  });
});

describe('GET /app/printers/{uuid}/transfers', () => {
  const GCODE = new TextEncoder().encode('; tiny\nG1 X1\n');

  async function startUpload(body: Record<string, unknown>): Promise<number> {
    const init = await t.call<{ id: number }>('/app/users/teams/1/uploads', {
      method: 'POST',
      body: { destination: '/usb/', size: GCODE.length, ...body },
    });
    expect(init.status).toBe(201);
    return init.json.id;
  }

  async function putBytes(uploadId: number): Promise<void> {
    const response = await fetch(`${t.mock.url}/app/teams/1/files/raw?upload_id=${uploadId}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Upload-Size': String(GCODE.length) },
      body: GCODE,
    });
    expect(response.status).toBe(200);
  }

  interface TransfersReply {
    transfers: Array<Record<string, unknown>>;
    pager: { limit: number; offset: number; total: number };
  }

  it('is empty on a fresh printer', async () => {
    const { status, json } = await t.call(`${P}/transfers`);
    expect(status).toBe(200);
    expect(json).toEqual({ transfers: [], pager: { limit: 20, offset: 0, total: 0 } });
  });

  it('lists each upload sent on to this printer, newest first, with its events', async () => {
    const first = await startUpload({ filename: 'a.gcode', printer_uuid: UUID });
    await startUpload({ filename: 'team-only.gcode' }); // no printer: no transfer
    const second = await startUpload({ filename: 'b.gcode', printer_uuid: UUID });

    const before = await t.call<TransfersReply>(`${P}/transfers`);
    expect(before.json.pager.total).toBe(2);
    expect(before.json.transfers.map((x) => [x.upload_id, x.state, x.progress])).toEqual([
      [second, 'TRANSFERRING', 0],
      [first, 'TRANSFERRING', 0],
    ]);

    await putBytes(first);
    const abort = await t.call(`/app/uploads/${second}/abort`, { method: 'POST' });
    expect(abort.status).toBe(204);

    const after = await t.call<TransfersReply>(`${P}/transfers`);
    const [aborted, finished] = after.json.transfers;
    expect(finished).toMatchObject({
      upload_id: first,
      type: 'FROM_CONNECT',
      state: 'FINISHED',
      path: '/usb/a.gcode',
      display_name: 'a.gcode',
      size: GCODE.length,
      transferred: GCODE.length,
      progress: 100,
      hash: expect.stringMatching(/^[0-9a-f]{40}$/),
      team_id: 1,
    });
    expect(aborted).toMatchObject({ upload_id: second, state: 'ABORTED', transferred: 0 });
    expect(finished?.origin_id).toBe(finished?.id);

    const events = await t.call<{ events: Array<{ event: string; transfer_id?: number }> }>(
      `${P}/events?event=TRANSFER_FINISHED&event=TRANSFER_ABORTED`,
    );
    expect(events.json.events).toEqual([
      expect.objectContaining({ event: 'TRANSFER_ABORTED', transfer_id: aborted?.id }),
      expect.objectContaining({ event: 'TRANSFER_FINISHED', transfer_id: finished?.id }),
    ]);

    const page = await t.call<TransfersReply>(`${P}/transfers?limit=1&offset=1`);
    expect(page.json.transfers.map((x) => x.upload_id)).toEqual([first]);
    expect(page.json.pager).toEqual({ limit: 1, offset: 1, total: 2 });
  });

  it('refuses bad paging with 400 BAD_REQUEST, and unknown printers with 404', async () => {
    expect((await t.call(`${P}/transfers?limit=0`)).json).toMatchObject({ code: 'BAD_REQUEST' });
    expect((await t.call(`${P}/transfers?offset=-1`)).status).toBe(400);
    expect((await t.call('/app/printers/not-a-uuid/transfers')).status).toBe(400);
    expect((await t.call(`${P}/transfers`, { token: 'stale' })).status).toBe(401);
  });
});

describe('printer file entries', () => {
  it('carry their modification time as m_time (Unix seconds), the spelling captured on job files', async () => {
    const { json } = await t.call<{ files: Array<Record<string, unknown>> }>(`${P}/files`);
    expect(json.files.length).toBeGreaterThan(0);
    for (const file of json.files) {
      expect(file.m_time).toEqual(expect.any(Number));
      expect(file).not.toHaveProperty('m_timestamp');
    }
  });

  it('use m_timestamp instead when created with fileTimeField: "m_timestamp"', async () => {
    const mock = await startMockPrusaConnect({ port: 0, fileTimeField: 'm_timestamp' });
    try {
      const { json } = await caller(mock.url)<{ files: Array<Record<string, unknown>> }>(`${P}/files`);
      expect(json.files[0]?.m_timestamp).toEqual(expect.any(Number));
      expect(json.files[0]).not.toHaveProperty('m_time');
    } finally {
      await mock.stop();
    }
  });
});
