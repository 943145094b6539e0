/** The legacy dialect (PrusaLink 0.9 on a Pi) met with plain fetch and X-Api-Key. */
import { describe, expect, it } from 'vitest';
import { startMockPrusaLink } from '../src/index.js';
import { useMockPrusaLink } from '../src/vitest.js';

const KEY = { 'X-Api-Key': 'printkit-pass' };

describe('legacy dialect', () => {
  const mock = useMockPrusaLink({ dialect: 'legacy' });
  const get = (path: string, init: RequestInit = {}) =>
    fetch(`${mock().url}${path}`, { ...init, headers: KEY });

  it('reports api "0.9.0-legacy" and has no v1 endpoints', async () => {
    expect(await (await get('/api/version')).json()).toMatchObject({
      api: '0.9.0-legacy',
      text: 'PrusaLink 0.6.0',
    });
    expect((await get('/api/v1/status')).status).toBe(404);
  });

  it('refuses a wrong key with 403 "Bad X-Api-Key." and a missing one with 401', async () => {
    const wrong = await fetch(`${mock().url}/api/printer`, { headers: { 'X-Api-Key': 'nope' } });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toBe('Bad X-Api-Key.');
    expect((await fetch(`${mock().url}/api/printer`)).status).toBe(401);
  });

  it('/api/printer: temperatures and state text/flags', async () => {
    const body = await (await get('/api/printer')).json();
    expect(body.state).toMatchObject({ text: 'Operational', flags: { ready: true, printing: false } });
    expect(body.temperature.tool0).toEqual({ actual: 25, target: 0 });
  });

  it('/api/job: progress.completion as a 0..1 fraction while printing; pause/resume/cancel by POST', async () => {
    mock().sim.startPrint('cube.gcode');
    await mock().advance(150_000);
    const job = await (await get('/api/job')).json();
    expect(job.state).toBe('Printing');
    expect(job.job.file).toMatchObject({ name: 'cube.gcode', display: 'cube.gcode', origin: 'local' });
    expect(job.progress.completion).toBeGreaterThan(0);
    expect(job.progress.completion).toBeLessThan(1);
    const post = (body: unknown) =>
      fetch(`${mock().url}/api/job`, {
        method: 'POST',
        headers: { ...KEY, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post({ command: 'pause', action: 'pause' })).status).toBe(204);
    await mock().advance(2_000);
    expect((await (await get('/api/job')).json()).state).toBe('Paused');
    expect((await post({ command: 'pause', action: 'resume' })).status).toBe(204);
    await mock().advance(2_000);
    expect((await post({ command: 'cancel' })).status).toBe(204);
    await mock().advance(2_000);
    expect((await post({ command: 'cancel' })).status).toBe(409);
    expect((await post({ command: 'constructor' })).status).toBe(501);
    expect((await post('not an object')).status).toBe(400);
    const broken = await fetch(`${mock().url}/api/job`, {
      method: 'POST',
      headers: KEY,
      body: '{"command":',
    });
    expect(broken.status).toBe(400);
  });

  it('POST /api/files/local/{path}: select shows the file, select+print starts it; 404, 409, 400', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${mock().url}${path}`, {
        method: 'POST',
        headers: { ...KEY, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post('/api/files/local/PrusaLink%20gcodes/cube.gcode', { command: 'select' })).status).toBe(
      204,
    );
    expect((await (await get('/api/job')).json()).job.file.name).toBe('cube.gcode');
    expect(mock().state).toBe('IDLE');
    expect((await post('/api/files/sdcard/cube.gcode', { command: 'select', print: true })).status).toBe(404);
    expect(
      (await post('/api/files/local/PrusaLink%20gcodes/none.gcode', { command: 'select', print: true }))
        .status,
    ).toBe(404);
    expect((await post('/api/files/local/PrusaLink%20gcodes/cube.gcode', { command: 'delete' })).status).toBe(
      400,
    );
    expect(
      (await post('/api/files/local/PrusaLink%20gcodes/cube.gcode', { command: 'select', print: true }))
        .status,
    ).toBe(204);
    expect(mock().state).toBe('PRINTING');
    expect(
      (await post('/api/files/local/PrusaLink%20gcodes/benchy.gcode', { command: 'select', print: true }))
        .status,
    ).toBe(409);
  });

  it('/api/job when idle has null file fields and null completion', async () => {
    const job = await (await get('/api/job')).json();
    expect(job.job.file.name).toBeNull();
    expect(job.progress.completion).toBeNull();
  });

  it('/api/files lists the storage folder with machinecode children', async () => {
    const body = await (await get('/api/files')).json();
    expect(body.files[0]).toMatchObject({ type: 'folder', origin: 'local' });
    expect(body.files[0].children.map((f: { name: string }) => f.name).sort()).toEqual([
      'benchy.gcode',
      'cube.gcode',
    ]);
    expect(body.files[0].children[0]).toMatchObject({
      type: 'machinecode',
      typePath: ['machinecode', 'gcode'],
    });
  });
});

describe('legacy completion scale', () => {
  it("sends 0..100 with legacyCompletionScale: 'percent'", async () => {
    const mock = await startMockPrusaLink({ dialect: 'legacy', legacyCompletionScale: 'percent' });
    try {
      mock.sim.startPrint('cube.gcode');
      await mock.advance(200_000);
      const job = await (await fetch(`${mock.url}/api/job`, { headers: KEY })).json();
      expect(job.progress.completion).toBeGreaterThan(1);
    } finally {
      await mock.stop();
    }
  });
});
