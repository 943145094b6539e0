/** The HTTP API with fetch and curl: envelopes, status codes, query-string type hints, /server/jsonrpc. */
import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { connect } from 'node:net';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { client, mock } from './setup.js';

const run = promisify(execFile);

describe('HTTP', () => {
  it('GET /printer/info → {"result": ...} with an Etag', async () => {
    const m = await mock();
    const response = await fetch(`${m.url}/printer/info`);
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{40}"$/);
    const body = (await response.json()) as { result: Record<string, unknown> };
    expect(body.result).toMatchObject({ state: 'ready', state_message: 'Printer is ready' });
  });

  it('unknown paths and missing files: 404 {"error":{"code","message","traceback"}}; wrong verb 405', async () => {
    const m = await mock();
    const unknown = await fetch(`${m.url}/printer/nope`);
    expect(unknown.status).toBe(404);
    const body = (await unknown.json()) as { error: { code: number; message: string; traceback: string } };
    expect(body.error.code).toBe(404);
    expect(body.error.message).toBe('Not Found');
    expect(body.error.traceback).toContain('Traceback');
    const metadata = await fetch(`${m.url}/server/files/metadata?filename=nope.gcode`);
    expect(metadata.status).toBe(404);
    expect(((await metadata.json()) as { error: { message: string } }).error.message).toBe(
      'Metadata not available for <nope.gcode>',
    );
    // Klippy's endpoints take GET and POST alike (is_remote); Moonraker's own ones only their verbs.
    expect((await fetch(`${m.url}/server/info`, { method: 'POST' })).status).toBe(405);
  });

  it('metadata of a missing file over the websocket is -32601 with the same message', async () => {
    const m = await mock();
    const s = await client(m);
    expect(await s.call('server.files.metadata', { filename: 'missing.gcode' }, 71)).toBe(
      '{"jsonrpc":"2.0","error":{"code":-32601,"message":"Metadata not available for <missing.gcode>"},"id":71}',
    );
    expect(await s.call('server.files.metadata', {}, 72)).toBe(
      '{"jsonrpc":"2.0","error":{"code":400,"message":"No data for argument: filename"},"id":72}',
    );
  });

  it('GET /printer/objects/query with the query-string form and POST with a JSON body', async () => {
    const m = await mock();
    const viaQuery = (await (
      await fetch(`${m.url}/printer/objects/query?webhooks&extruder=target,temperature`)
    ).json()) as {
      result: { status: Record<string, unknown> };
    };
    expect(viaQuery.result.status).toEqual({
      webhooks: { state: 'ready', state_message: 'Printer is ready' },
      extruder: { target: 0, temperature: 25 },
    });
    const viaBody = await fetch(`${m.url}/printer/objects/query`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ objects: { heater_bed: ['target'] } }),
    });
    expect(((await viaBody.json()) as { result: { status: unknown } }).result.status).toEqual({
      heater_bed: { target: 0 },
    });
    const asList = await fetch(`${m.url}/printer/objects/query`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ objects: ['webhooks'] }),
    });
    expect(asList.status).toBe(400);
    expect(((await asList.json()) as { error: { message: string } }).error.message).toBe(
      'Invalid Argument Type [objects]',
    );
  });

  it('malformed JSON bodies and bad type hints are 400s', async () => {
    const m = await mock();
    const bad = await fetch(`${m.url}/printer/gcode/script`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"script":',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: number } }).error.code).toBe(400);
    const notObject = await fetch(`${m.url}/printer/gcode/script`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '["G28"]',
    });
    expect(notObject.status).toBe(400);
    const hint = await fetch(`${m.url}/server/history/list?limit:int=ten`);
    expect(hint.status).toBe(400);
    const ok = await fetch(`${m.url}/server/history/list?limit:int=5&order=asc`);
    expect(((await ok.json()) as { result: unknown }).result).toEqual({ count: 0, jobs: [] });
  });

  it('a websocket upgrade whose request target is no URL gets a 400, and the server carries on', async () => {
    const m = await mock();
    const { port } = new URL(m.url);
    const reply = await new Promise<string>((resolve, reject) => {
      const raw = connect(Number(port), '127.0.0.1');
      let text = '';
      raw.setEncoding('utf8');
      raw.on('data', (chunk: string) => {
        text += chunk;
      });
      raw.on('end', () => {
        raw.destroy();
        resolve(text);
      });
      raw.on('error', reject);
      raw.write(
        'GET http://[x/websocket HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
      );
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    const info = await fetch(`${m.url}/server/info`);
    expect(info.status).toBe(200);
  });

  it('a plain HTTP request with a broken % escape gets a 400 error envelope, not a 500', async () => {
    const m = await mock();
    const answer = await fetch(`${m.url}/server/files/metadata%E0%A4%A`);
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ error: { code: 400, message: 'Bad Request' } });
  });

  it("GET /printer/gcode/script?script=... runs G-code; G-code errors are 400 with Klipper's message", async () => {
    const m = await mock();
    const ok = await fetch(`${m.url}/printer/gcode/script?script=${encodeURIComponent('M140 S50')}`);
    expect(await ok.json()).toEqual({ result: 'ok' });
    expect(m.sim.snapshot().temperatures.bed.target).toBe(50);
    const fail = await fetch(`${m.url}/printer/gcode/script`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ script: 'G1 Z5' }),
    });
    expect(fail.status).toBe(400);
    expect(((await fail.json()) as { error: { message: string } }).error.message).toBe(
      'Must home axis first: 0.000 0.000 5.000 [0.000]',
    );
  });

  it('503 "Klippy Host not connected" over HTTP while Klippy is away', async () => {
    const m = await mock();
    m.klippy.disconnect();
    const response = await fetch(`${m.url}/printer/print/start?filename=benchy.gcode`, { method: 'POST' });
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
      'Klippy Host not connected',
    );
  });

  it('POST /server/jsonrpc answers JSON-RPC frames with HTTP 200, errors included', async () => {
    const m = await mock();
    const post = (body: string) =>
      fetch(`${m.url}/server/jsonrpc`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      });
    const ok = await post('{"jsonrpc":"2.0","method":"printer.print.pause","id":4564}');
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('{"jsonrpc":"2.0","result":"ok","id":4564}');
    expect(
      await (await post('{"jsonrpc":"2.0","method":"server.connection.identify","params":{},"id":1}')).text(),
    ).toBe('{"jsonrpc":"2.0","error":{"code":-32601,"message":"Method not found"},"id":1}');
    // Subscribing needs a websocket to send to (klippy_connection.py L622-626).
    expect(
      await (
        await post('{"jsonrpc":"2.0","method":"printer.objects.subscribe","params":{"objects":{}},"id":2}')
      ).text(),
    ).toBe(
      '{"jsonrpc":"2.0","error":{"code":400,"message":"No connection associated with subscription request"},"id":2}',
    );
    expect(await (await post('nope')).text()).toBe(
      '{"jsonrpc":"2.0","error":{"code":-32700,"message":"Parse error"},"id":null}',
    );
  });

  it('node:http: history, job queue, stores and machine info answer with their shapes', async () => {
    const m = await mock();
    const get = (path: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        request(`${m.url}${path}`, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => {
            body += c.toString();
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        })
          .on('error', reject)
          .end();
      });
    expect(JSON.parse((await get('/server/job_queue/status')).body)).toEqual({
      result: { queued_jobs: [], queue_state: 'paused' },
    });
    expect(JSON.parse((await get('/machine/system_info')).body).result.system_info.cpu_info.cpu_count).toBe(
      4,
    );
    expect(JSON.parse((await get('/server/gcode_store?count=5')).body)).toEqual({
      result: { gcode_store: [] },
    });
    expect(JSON.parse((await get('/printer/gcode/help')).body).result.SDCARD_PRINT_FILE).toContain(
      'Loads a SD file',
    );
    expect(JSON.parse((await get('/printer/query_endstops/status')).body)).toEqual({
      result: { x: 'open', y: 'open', z: 'open' },
    });
    expect(JSON.parse((await get('/server/files/list')).body).result).toEqual([
      { path: 'benchy.gcode', modified: 1767225600, size: 1234567, permissions: 'rw' },
      { path: 'calibration-cube.gcode', modified: 1767225600, size: 345678, permissions: 'rw' },
    ]);
  });

  it('curl, a real third-party HTTP client, reads /server/info and posts G-code', async () => {
    const m = await mock();
    const info = await run('/usr/bin/curl', ['-sS', `${m.url}/server/info`]);
    expect(JSON.parse(info.stdout).result).toMatchObject({ klippy_connected: true, klippy_state: 'ready' });
    const gcode = await run('/usr/bin/curl', [
      '-sS',
      '-w',
      '\n%{http_code}',
      '-H',
      'Content-Type: application/json',
      '-d',
      '{"script":"G28"}',
      `${m.url}/printer/gcode/script`,
    ]);
    expect(gcode.stdout).toBe('{"result":"ok"}\n200');
    expect(m.sim.snapshot().homedAxes).toBe('xyz');
  });
});

describe('HTTP subscription', () => {
  it('POST /printer/objects/subscribe?connection_id= sends notify_status_update to that websocket', async () => {
    const m = await mock();
    const s = await client(m);
    const { websocket_id } = await s.result<{ websocket_id: number }>('server.websocket.id');
    const response = await fetch(
      `${m.url}/printer/objects/subscribe?connection_id=${websocket_id}&print_stats=state`,
      {
        method: 'POST',
      },
    );
    expect(((await response.json()) as { result: { status: unknown } }).result.status).toEqual({
      print_stats: { state: 'standby' },
    });
    await s.result('printer.print.start', { filename: 'benchy.gcode' });
    await m.advance(2_000);
    await s.next((f) => f.includes('notify_status_update') && f.includes('"state":"printing"'));
  });

  it('object names from the wire are looked up as own properties only', async () => {
    const m = await mock();
    const s = await client(m);
    // Written as text: a `__proto__` key in an object literal would set the prototype instead.
    const params = JSON.parse('{"objects":{"constructor":["name"],"__proto__":null,"toString":null}}');
    const reply = await s.call('printer.objects.query', params);
    expect(reply).toContain('"status":{"constructor":{},"__proto__":{},"toString":{}}');
  });
});
