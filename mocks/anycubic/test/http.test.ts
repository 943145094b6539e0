import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MockAnycubic, startMockAnycubic } from '../src/index.js';
import { Tester } from './helpers.js';

const GCODE =
  '; estimated printing time (normal mode) = 1h 2m 3s\n;LAYER_COUNT:42\nM104 S215\nM140 S65\nG28\n';

function form(field: string, name: string, content: string, extra: Record<string, string> = {}): FormData {
  const body = new FormData();
  for (const [key, value] of Object.entries(extra)) body.append(key, value);
  body.append(field, new Blob([content]), name);
  return body;
}

/** Reads the first `bytes` of a streaming response, then aborts it. */
async function firstBytes(
  url: string,
  bytes: number,
): Promise<{ status: number; type: string | null; head: Buffer }> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  if (!response.ok || !response.body)
    return { status: response.status, type: response.headers.get('content-type'), head: Buffer.alloc(0) };
  const reader = response.body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  while (size < bytes) {
    const { value, done } = await reader.read();
    if (done) break;
    chunks.push(Buffer.from(value));
    size += value.length;
  }
  controller.abort();
  return { status: response.status, type: response.headers.get('content-type'), head: Buffer.concat(chunks) };
}

describe('HTTP upload, video and info', () => {
  let mock: MockAnycubic;
  let tester: Tester;
  beforeEach(async () => {
    mock = await startMockAnycubic({ port: 0, httpPort: 0 });
    tester = await Tester.connect(mock, mock.printer());
  });
  afterEach(async () => {
    await tester.close();
    await mock.stop();
  });

  it.each(['gcode', 'file'])(
    'uploads a file sent under the "%s" field to the URL from the info report',
    async (field) => {
      const { data } = await tester.request('web', 'info', 'query');
      const response = await fetch(data.urls.fileUploadurl, {
        method: 'POST',
        body: form(field, 'part.gcode', GCODE),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        code: 200,
        msg: 'done',
        data: { filename: 'part.gcode', size: GCODE.length },
      });
      const file = mock.printer().sim.getFile('part.gcode');
      expect(file).toMatchObject({
        sizeBytes: GCODE.length,
        estimatedSeconds: 3723,
        layers: 42,
        nozzleCelsius: 215,
        bedCelsius: 65,
      });
      const list = await tester.request('slicer', 'file', 'listLocal', {
        path: '/',
        page_num: 1,
        page_size: 10,
      });
      expect(list.data.records.map((r: { filename: string }) => r.filename)).toContain('part.gcode');
      // And it prints.
      const start = await tester.request('slicer', 'print', 'start', {
        taskid: '-1',
        filename: 'part.gcode',
        filetype: 1,
      });
      expect(start.state).toBe('checking');
    },
  );

  it('takes the name from a text "filename" field and checks X-File-Length', async () => {
    const url = mock.printer().urls.fileUploadurl;
    const named = await fetch(url, {
      method: 'POST',
      body: form('gcode', 'blob', GCODE, { filename: '../evil/named.gcode' }),
    });
    expect(named.status).toBe(200);
    expect(mock.printer().sim.getFile('named.gcode')).toBeDefined();
    const wrongLength = await fetch(url, {
      method: 'POST',
      headers: { 'X-File-Length': '3' },
      body: form('gcode', 'x.gcode', GCODE),
    });
    expect(wrongLength.status).toBe(400);
    const rightLength = await fetch(url, {
      method: 'POST',
      headers: { 'X-File-Length': String(GCODE.length) },
      body: form('gcode', 'y.gcode', GCODE),
    });
    expect(rightLength.status).toBe(200);
  });

  it('refuses a missing (401) or wrong (403) token with a JSON body, and adds nothing', async () => {
    const before = mock.printer().sim.listFiles().length;
    const missing = await fetch(`${mock.httpUrl}/gcode_upload`, {
      method: 'POST',
      body: form('gcode', 'a.gcode', GCODE),
    });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ code: 401 });
    const wrong = await fetch(`${mock.httpUrl}/gcode_upload?s=not-the-token`, {
      method: 'POST',
      body: form('gcode', 'a.gcode', GCODE),
    });
    expect(wrong.status).toBe(403);
    const body = (await wrong.json()) as { msg: string };
    expect(body.msg).not.toContain(mock.printer().uploadToken);
    expect(mock.printer().sim.listFiles()).toHaveLength(before);
  });

  it('answers 400 to malformed uploads: not multipart, broken multipart, no file field, other field name', async () => {
    const url = mock.printer().urls.fileUploadurl;
    const json = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(400);
    const broken = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
      body: '--xyz\r\nContent-Disposition: form-data; name="gcode"\r\n\r\nunterminated',
    });
    expect(broken.status).toBe(400);
    const textOnly = new FormData();
    textOnly.append('gcode', 'just text');
    expect((await fetch(url, { method: 'POST', body: textOnly })).status).toBe(400);
    const otherField = await fetch(url, { method: 'POST', body: form('upload', 'z.gcode', GCODE) });
    expect(otherField.status).toBe(400);
    expect(((await otherField.json()) as { msg: string }).msg).toContain('"gcode" or "file"');
    expect((await fetch(url)).status).toBe(405);
    expect((await fetch(`${mock.httpUrl}/nothing`)).status).toBe(404);
  });

  it('serves FLV bytes only between startCapture and stopCapture', async () => {
    const flv = `${mock.httpUrl}/flv`;
    expect((await fetch(flv)).status).toBe(503);
    expect((await fetch(`${mock.httpUrl}/live/${mock.printer().videoToken}`)).status).toBe(503);
    await tester.request('web', 'video', 'startCapture', null);
    const stream = await firstBytes(flv, 200);
    expect(stream.status).toBe(200);
    expect(stream.type).toBe('video/x-flv');
    expect(stream.head.subarray(0, 3).toString()).toBe('FLV');
    expect(stream.head[13]).toBe(0x09); // the first tag is a video tag
    expect(stream.head.length).toBeGreaterThanOrEqual(200);
    const live = await firstBytes(`${mock.httpUrl}/live/${mock.printer().videoToken}`, 13);
    // The upload token is not a camera token (a camera URL must not authorise uploads).
    expect((await fetch(`${mock.httpUrl}/live/${mock.printer().uploadToken}`)).status).toBe(404);
    expect(live.head.subarray(0, 3).toString()).toBe('FLV');
    expect((await fetch(`${mock.httpUrl}/live/unknown`)).status).toBe(404);

    // An open stream ends when the capture stops.
    const response = await fetch(flv);
    const done = response.arrayBuffer();
    await tester.request('web', 'video', 'stopCapture', null);
    expect((await done).byteLength).toBeGreaterThan(13);
    expect((await fetch(flv)).status).toBe(503);
  });

  it('answers 400, not 500, to a camera token that is not valid percent-encoding', async () => {
    const response = await fetch(`${mock.httpUrl}/live/%E0%A4%A`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 400 });
  });

  it('answers an empty multipart body (no parts at all) with 400', async () => {
    const url = new URL(mock.printer().urls.fileUploadurl);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        url,
        { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=b' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('--b--\r\n');
    });
    expect(status).toBe(400);
  });
});
