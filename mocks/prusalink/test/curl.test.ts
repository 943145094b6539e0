/** curl, a third-party HTTP client, drives the mock through a whole print with `--digest`. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useMockPrusaLink } from '../src/vitest.js';
import { curl } from './helpers.js';

describe('curl --digest', () => {
  const mock = useMockPrusaLink();
  const dir = mkdtempSync(join(tmpdir(), 'prusalink-curl-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('uploads, starts, pauses, resumes and stops a print', async () => {
    const { url } = mock();
    const file = join(dir, 'part.gcode');
    writeFileSync(file, '; estimated printing time (normal mode) = 10m 0s\nG28\nG1 X10 Y10\n');

    const upload = await curl([
      '-X',
      'PUT',
      '-H',
      'Print-After-Upload: ?0',
      '--data-binary',
      `@${file}`,
      `${url}/api/v1/files/usb/part.gcode`,
    ]);
    expect(upload.status).toBe(201);
    expect(mock().sim.getFile('part.gcode')?.estimatedSeconds).toBe(600);

    const again = await curl([
      '-X',
      'PUT',
      '--data-binary',
      `@${file}`,
      `${url}/api/v1/files/usb/part.gcode`,
    ]);
    expect(again.status).toBe(409);

    const start = await curl(['-X', 'POST', `${url}/api/v1/files/usb/part.gcode`]);
    expect(start.status).toBe(204);
    await mock().advance(120_000);

    const status = await curl([`${url}/api/v1/status`]);
    expect(status.status).toBe(200);
    const body = JSON.parse(status.body);
    expect(body.printer.state).toBe('PRINTING');
    const id = body.job.id as number;

    const job = JSON.parse((await curl([`${url}/api/v1/job`])).body);
    expect(job).toMatchObject({ id, state: 'PRINTING', file: { name: 'part.gcode', path: '/usb' } });

    expect((await curl(['-X', 'PUT', `${url}/api/v1/job/${id}/pause`])).status).toBe(204);
    await mock().advance(2_000);
    expect(JSON.parse((await curl([`${url}/api/v1/status`])).body).printer.state).toBe('PAUSED');

    expect((await curl(['-X', 'PUT', `${url}/api/v1/job/${id}/resume`])).status).toBe(204);
    await mock().advance(2_000);
    expect(JSON.parse((await curl([`${url}/api/v1/status`])).body).printer.state).toBe('PRINTING');

    expect((await curl(['-X', 'PUT', `${url}/api/v1/job/${id + 1}/pause`])).status).toBe(404);
    expect((await curl(['-X', 'DELETE', `${url}/api/v1/job/${id}`])).status).toBe(204);
    await mock().advance(2_000);
    expect(JSON.parse((await curl([`${url}/api/v1/status`])).body).printer.state).toBe('STOPPED');
    expect(JSON.parse((await curl([`${url}/api/v1/job`])).body).state).toBe('STOPPED');

    expect((await curl(['-X', 'DELETE', `${url}/api/v1/files/usb/part.gcode`])).status).toBe(204);
    expect((await curl([`${url}/api/v1/files/usb/part.gcode`])).status).toBe(404);
  });

  it('prints right after an upload with Print-After-Upload: ?1 and runs to FINISHED', async () => {
    const { url } = mock();
    const file = join(dir, 'quick.gcode');
    writeFileSync(file, '; estimated printing time (normal mode) = 2m\nG28\n');
    const upload = await curl([
      '-X',
      'PUT',
      '-H',
      'Print-After-Upload: ?1',
      '-H',
      'Overwrite: ?1',
      '--data-binary',
      `@${file}`,
      `${url}/api/v1/files/usb/quick.gcode`,
    ]);
    expect(upload.status).toBe(201);
    for (let i = 0; i < 20 && mock().state !== 'FINISHED'; i++) await mock().advance(30_000);
    const status = JSON.parse((await curl([`${url}/api/v1/status`])).body);
    expect(status.printer.state).toBe('FINISHED');
    expect(status.job.progress).toBe(100);
  });

  it('is refused with a wrong password', async () => {
    const result = await curl([`${mock().url}/api/v1/status`], 'wrong-password');
    expect(result.status).toBe(401);
  });

  it('fetches a JPEG snapshot', async () => {
    const out = join(dir, 'snap.jpg');
    const result = await curl(['-o', out, `${mock().url}/api/v1/cameras/snap`]);
    expect(result.status).toBe(200);
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(out);
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
    expect([bytes.at(-2), bytes.at(-1)]).toEqual([0xff, 0xd9]);
  });
});
