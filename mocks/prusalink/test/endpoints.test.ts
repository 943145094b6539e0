/** The v1 endpoints met with plain fetch (X-Api-Key, so each request is one round trip). */
import { describe, expect, it } from 'vitest';
import { useMockPrusaLink } from '../src/vitest.js';

const KEY = { 'X-Api-Key': 'printkit-pass' };

describe('v1 endpoints', () => {
  const mock = useMockPrusaLink();
  const get = (path: string, init: RequestInit = {}) =>
    fetch(`${mock().url}${path}`, {
      ...init,
      headers: { ...KEY, ...(init.headers as Record<string, string>) },
    });

  it('/api/version has the firmware shape with upload-by-put', async () => {
    const body = await (await get('/api/version')).json();
    expect(body).toMatchObject({ api: '2.0.0', text: 'PrusaLink', capabilities: { 'upload-by-put': true } });
  });

  it('/api/v1/info, /api/v1/storage', async () => {
    expect(await (await get('/api/v1/info')).json()).toMatchObject({
      hostname: 'printkit-mk4',
      min_extrusion_temp: 170,
    });
    const storage = await (await get('/api/v1/storage')).json();
    expect(storage.storage_list[0]).toMatchObject({
      path: '/usb/',
      type: 'USB',
      available: true,
      read_only: false,
    });
  });

  it('/api/v1/status when idle: IDLE, no job, X/Y present; /api/v1/job and /transfer are 204', async () => {
    const status = await (await get('/api/v1/status')).json();
    expect(status.printer).toMatchObject({ state: 'IDLE', target_nozzle: 0, target_bed: 0 });
    expect(status.printer.axis_x).toBeTypeOf('number');
    expect(status.job).toBeUndefined();
    expect((await get('/api/v1/job')).status).toBe(204);
    expect((await get('/api/v1/transfer')).status).toBe(204);
  });

  it('reports every state: BUSY, PRINTING, ATTENTION, PAUSED, FINISHED, ERROR', async () => {
    const state = async () => (await (await get('/api/v1/status')).json()).printer.state;
    mock().setBusy(true);
    expect(await state()).toBe('BUSY');
    mock().setBusy(false);
    expect((await get('/api/v1/files/usb/cube.gcode', { method: 'POST' })).status).toBe(204);
    expect(await state()).toBe('PRINTING');
    mock().requireAttention();
    expect(await state()).toBe('ATTENTION');
    expect((await (await get('/api/v1/job')).json()).state).toBe('PAUSED');
    mock().clearAttention();
    expect(await state()).toBe('PAUSED');
    mock().sim.resume();
    await mock().advance(2_000);
    mock().sim.finishNow();
    expect(await state()).toBe('FINISHED');
    mock().sim.fail({ code: 'thermal', message: 'Thermal runaway' });
    expect(await state()).toBe('ERROR');
  });

  it('a second print while printing is a 409; a missing file a 404', async () => {
    expect((await get('/api/v1/files/usb/cube.gcode', { method: 'POST' })).status).toBe(204);
    expect((await get('/api/v1/files/usb/cube.gcode', { method: 'POST' })).status).toBe(409);
    expect((await get('/api/v1/files/usb/none.gcode', { method: 'POST' })).status).toBe(404);
    expect((await get('/api/v1/files/usb/cube.gcode', { method: 'DELETE' })).status).toBe(409);
  });

  it('lists the storage root and describes files, with HEAD headers', async () => {
    const root = await (await get('/api/v1/files/usb')).json();
    expect(root.type).toBe('FOLDER');
    expect(root.children.map((c: { name: string }) => c.name).sort()).toEqual(['benchy.gcode', 'cube.gcode']);
    const file = await (await get('/api/v1/files/usb/cube.gcode')).json();
    expect(file).toMatchObject({
      name: 'cube.gcode',
      type: 'PRINT_FILE',
      size: 120_000,
      meta: { estimated_print_time: 300 },
    });
    const head = await get('/api/v1/files/usb/cube.gcode', { method: 'HEAD' });
    expect(head.headers.get('read-only')).toBe('false');
    expect(head.headers.get('currently-printed')).toBe('false');
  });

  it('lists the camera and serves image/jpeg snapshots', async () => {
    const cameras = await (await get('/api/v1/cameras')).json();
    expect(cameras[0]).toMatchObject({ camera_id: 'printkitcam1', connected: true });
    const snap = await get('/api/v1/cameras/snap');
    expect(snap.headers.get('content-type')).toBe('image/jpeg');
    const bytes = new Uint8Array(await snap.arrayBuffer());
    expect(bytes.subarray(0, 2)).toEqual(new Uint8Array([0xff, 0xd8]));
    expect((await get('/api/v1/cameras/printkitcam1/snap')).headers.get('content-type')).toBe('image/jpeg');
    expect((await get('/api/v1/cameras/constructor/snap')).status).toBe(404);
  });

  it('job control errors: bad id 400, unknown id 404, unknown command 400, continue 409', async () => {
    await get('/api/v1/files/usb/cube.gcode', { method: 'POST' });
    const id = (await (await get('/api/v1/job')).json()).id as number;
    expect((await get('/api/v1/job/abc/pause', { method: 'PUT' })).status).toBe(400);
    expect((await get(`/api/v1/job/${id + 7}/pause`, { method: 'PUT' })).status).toBe(404);
    expect((await get(`/api/v1/job/${id}/constructor`, { method: 'PUT' })).status).toBe(400);
    expect((await get(`/api/v1/job/${id}/continue`, { method: 'PUT' })).status).toBe(409);
    expect((await get(`/api/v1/job/${id}/resume`, { method: 'PUT' })).status).toBe(409);
  });

  it('answers malformed and hostile requests with 4xx, never 500', async () => {
    const cases: Array<[string, RequestInit, number]> = [
      ['/api/v1/files/usb/%E0%A4%A', {}, 400],
      ['/api/v1/files/usb/../etc/passwd', {}, 404],
      ['/api/v1/files/usb/a%2F..%2Fb', {}, 400],
      ['/api/v1/files/constructor/x.gcode', {}, 404],
      ['/api/v1/files/__proto__/x.gcode', {}, 404],
      ['/api/v1/files/usb/constructor', {}, 404],
      ['/api/v1/files/usb/toString', { method: 'DELETE' }, 404],
      ['/api/v1/status', { method: 'POST' }, 405],
      ['/api/v1/job/99999999999999999999', { method: 'DELETE' }, 400],
      ['/api/v1/transfer/1', { method: 'DELETE' }, 404],
      ['/api/v1/transfer/x', { method: 'DELETE' }, 400],
      ['/nothing', {}, 404],
    ];
    for (const [path, init, status] of cases) {
      const response = await get(path, init);
      expect(response.status, `${init.method ?? 'GET'} ${path}`).toBe(status);
    }
  });

  it('answers errors as the spec Error object when JSON is accepted, as text otherwise', async () => {
    const json = await get('/api/v1/files/usb/none.gcode', {
      method: 'POST',
      headers: { Accept: 'application/json' },
    });
    expect(await json.json()).toMatchObject({ title: 'Not Found', text: expect.any(String) });
    const text = await get('/api/v1/files/usb/none.gcode', { method: 'POST' });
    expect(text.headers.get('content-type')).toBe('text/plain');
  });
});
