/** PUT uploads as a third-party client sends them (node:http for exact control of the headers). */
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startMockPrusaLink } from '../src/index.js';
import { useMockPrusaLink } from '../src/vitest.js';

interface RawResult {
  status: number;
  body: string;
}

function put(
  url: string,
  path: string,
  body: Buffer | undefined,
  headers: Record<string, string>,
): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}${path}`,
      { method: 'PUT', headers: { 'X-Api-Key': 'printkit-pass', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    if (body) req.end(body);
    else req.end();
  });
}

const GCODE = Buffer.from('; estimated printing time (normal mode) = 1h 2m 3s\nG28\n');

describe('uploads', () => {
  const mock = useMockPrusaLink();

  it('stores the file with its size and the slicer estimate; 201', async () => {
    const result = await put(mock().url, '/api/v1/files/usb/dir/part.gcode', GCODE, {
      'Content-Length': String(GCODE.length),
    });
    expect(result.status).toBe(201);
    expect(mock().sim.getFile('dir/part.gcode')).toMatchObject({
      sizeBytes: GCODE.length,
      estimatedSeconds: 3723,
    });
    const folder = await (
      await fetch(`${mock().url}/api/v1/files/usb/dir`, { headers: { 'X-Api-Key': 'printkit-pass' } })
    ).json();
    expect(folder.children).toEqual([expect.objectContaining({ name: 'part.gcode', type: 'PRINT_FILE' })]);
  });

  it('refuses a missing Content-Length with 411 (chunked body)', async () => {
    const result = await put(mock().url, '/api/v1/files/usb/a.gcode', undefined, {
      'Transfer-Encoding': 'chunked',
    });
    expect(result.status).toBe(411);
    expect(mock().sim.getFile('a.gcode')).toBeUndefined();
  });

  it('refuses an empty file with 501, bad structured booleans with 400', async () => {
    expect(
      (await put(mock().url, '/api/v1/files/usb/a.gcode', Buffer.alloc(0), { 'Content-Length': '0' })).status,
    ).toBe(501);
    for (const header of ['Print-After-Upload', 'Overwrite']) {
      for (const value of ['true', '1', '?2', '']) {
        const result = await put(mock().url, '/api/v1/files/usb/a.gcode', GCODE, {
          'Content-Length': String(GCODE.length),
          [header]: value,
        });
        expect(result.status, `${header}: ${value}`).toBe(400);
      }
    }
  });

  it('409 on an existing file without Overwrite: ?1; replaces it with ?1', async () => {
    const headers = { 'Content-Length': String(GCODE.length) };
    expect((await put(mock().url, '/api/v1/files/usb/cube.gcode', GCODE, headers)).status).toBe(409);
    expect(
      (await put(mock().url, '/api/v1/files/usb/cube.gcode', GCODE, { ...headers, Overwrite: '?0' })).status,
    ).toBe(409);
    expect(
      (await put(mock().url, '/api/v1/files/usb/cube.gcode', GCODE, { ...headers, Overwrite: '?1' })).status,
    ).toBe(201);
    expect(mock().sim.getFile('cube.gcode')?.sizeBytes).toBe(GCODE.length);
  });

  it('refuses to overwrite the file being printed (409 File is busy)', async () => {
    mock().sim.startPrint('cube.gcode');
    const result = await put(mock().url, '/api/v1/files/usb/cube.gcode', GCODE, {
      'Content-Length': String(GCODE.length),
      Overwrite: '?1',
    });
    expect(result.status).toBe(409);
    expect(result.body).toContain('File is busy');
  });

  it('starts the print with Print-After-Upload: ?1', async () => {
    const result = await put(mock().url, '/api/v1/files/usb/now.gcode', GCODE, {
      'Content-Length': String(GCODE.length),
      'Print-After-Upload': '?1',
    });
    expect(result.status).toBe(201);
    expect(mock().state).toBe('PRINTING');
    expect(mock().sim.snapshot().job?.file).toBe('now.gcode');
  });
});

describe('upload limits', () => {
  it('refuses a body above maxUploadBytes with 413 before reading it', async () => {
    const mock = await startMockPrusaLink({ maxUploadBytes: 1_000 });
    try {
      const big = Buffer.alloc(5_000, 0x41);
      const result = await put(mock.url, '/api/v1/files/usb/big.gcode', big, {
        'Content-Length': String(big.length),
      });
      expect(result.status).toBe(413);
      expect(mock.sim.getFile('big.gcode')).toBeUndefined();
    } finally {
      await mock.stop();
    }
  });

  it('shows an upload in progress in /api/v1/transfer and /status, and DELETE stops it', async () => {
    const mock = await startMockPrusaLink();
    try {
      const size = 100_000;
      const req = request(`${mock.url}/api/v1/files/usb/slow.gcode`, {
        method: 'PUT',
        headers: { 'X-Api-Key': 'printkit-pass', 'Content-Length': String(size) },
      });
      req.on('error', () => {});
      req.write(Buffer.alloc(1_000, 0x47));
      const key = { headers: { 'X-Api-Key': 'printkit-pass' } };
      let transfer: Record<string, unknown> | undefined;
      for (let i = 0; i < 50 && !transfer; i++) {
        const response = await fetch(`${mock.url}/api/v1/transfer`, key);
        if (response.status === 200) transfer = await response.json();
        else await new Promise((r) => setTimeout(r, 10));
      }
      expect(transfer).toMatchObject({
        type: 'FROM_CLIENT',
        display_name: 'slow.gcode',
        size: '100000',
        to_print: false,
      });
      const status = await (await fetch(`${mock.url}/api/v1/status`, key)).json();
      expect(status.transfer).toMatchObject({ data_transferred: 1_000 });
      const stop = await fetch(`${mock.url}/api/v1/transfer/${status.transfer.id}`, {
        ...key,
        method: 'DELETE',
      });
      expect(stop.status).toBe(204);
      expect((await fetch(`${mock.url}/api/v1/transfer`, key)).status).toBe(204);
      expect(mock.sim.getFile('slow.gcode')).toBeUndefined();
      req.destroy();
    } finally {
      await mock.stop();
    }
  });
});
