import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { createManualClock, PrinterSim } from '@printkit/printer-sim';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ControlApi, startControlApi } from './control-api.js';
import type { FleetPrinter } from './fleet-printer.js';

// The control API only needs FleetPrinters; plain simulators stand in for the vendor mocks here.
function simulatedPrinter(name: string): FleetPrinter {
  const sim = new PrinterSim({ clock: createManualClock(), seed: 1, name });
  return {
    name,
    vendor: 'moonraker',
    sim,
    connection: { name, vendor: 'moonraker', url: 'http://127.0.0.1:1' },
    details: { model: 'Klipper (Moonraker)', endpoints: { http: 'http://127.0.0.1:1' } },
    powerOff: async () => sim.powerOff(),
    powerOn: async () => sim.powerOn(),
  };
}

let api: ControlApi;
let printers: FleetPrinter[];

beforeEach(async () => {
  printers = [simulatedPrinter('klipper-1'), simulatedPrinter('klipper-2')];
  api = await startControlApi(
    { printers, describe: () => ({ printers: printers.map((p) => p.connection) }) },
    { port: 0, host: '127.0.0.1' },
  );
});

afterEach(async () => {
  await api.stop();
  for (const p of printers) p.sim.dispose();
});

async function call(method: string, path: string, body?: string): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${api.url}${path}`, {
    method,
    ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }),
  });
  return { status: response.status, json: await response.json() };
}

const sim = (i: number) => printers[i]!.sim;

describe('control API', () => {
  it('describes the fleet and lists printers with their sim snapshots', async () => {
    expect(await call('GET', '/')).toEqual({
      status: 200,
      json: {
        printers: [
          expect.objectContaining({ name: 'klipper-1' }),
          expect.objectContaining({ name: 'klipper-2' }),
        ],
      },
    });
    const { status, json } = await call('GET', '/printers');
    expect(status).toBe(200);
    expect(json).toEqual([
      expect.objectContaining({
        name: 'klipper-1',
        vendor: 'moonraker',
        snapshot: expect.objectContaining({ state: 'idle' }),
      }),
      expect.objectContaining({ name: 'klipper-2' }),
    ]);
    expect((await call('GET', '/printers/klipper-2')).json).toMatchObject({ name: 'klipper-2', faults: [] });
    expect((await call('GET', '/printers/klipper-1/files')).json).toEqual([
      expect.objectContaining({ name: 'benchy.gcode', estimatedSeconds: 2700 }),
      expect.objectContaining({ name: 'calibration-cube.gcode' }),
    ]);
  });

  it('starts, pauses, resumes, finishes and cancels prints on the simulator', async () => {
    const started = await call('POST', '/printers/klipper-1/print', '{"file":"calibration-cube.gcode"}');
    expect(started.status).toBe(200);
    expect(started.json).toMatchObject({
      snapshot: { state: 'preparing', job: { file: 'calibration-cube.gcode' } },
    });
    expect(sim(0).state).toBe('preparing');
    expect(sim(1).state).toBe('idle');

    expect((await call('POST', '/printers/klipper-1/pause')).status).toBe(200);
    expect(sim(0).state).toBe('paused');
    await call('POST', '/printers/klipper-1/resume');
    expect(sim(0).state).toBe('resuming');
    await call('POST', '/printers/klipper-1/finish');
    expect(sim(0).state).toBe('finished');

    // No file given: the printer's first file.
    await call('POST', '/printers/klipper-1/print');
    expect(sim(0).snapshot().job?.file).toBe('benchy.gcode');
    await call('POST', '/printers/klipper-1/cancel');
    expect(sim(0).state).toBe('cancelling');
  });

  it('trips a heater error, clears it, and powers a printer off and on', async () => {
    await call('POST', '/printers/klipper-2/print');
    const tripped = await call('POST', '/printers/klipper-2/heater-error', '{"heater":"bed"}');
    expect(tripped.json).toMatchObject({
      snapshot: {
        state: 'error',
        error: { code: 'heater-fault', message: 'Heater bed not heating at expected rate' },
      },
    });
    await call('POST', '/printers/klipper-2/clear-error');
    expect(sim(1).state).toBe('idle');

    await call('POST', '/printers/klipper-2/power-off');
    expect(sim(1).snapshot().powered).toBe(false);
    await call('POST', '/printers/klipper-2/power-on');
    expect(sim(1).snapshot().powered).toBe(true);
  });

  it('injects, lists and clears faults in the printer-sim fault plan', async () => {
    const added = await call(
      'POST',
      '/printers/klipper-1/faults',
      '{"operation":"printer.objects.query","kind":"delay","delayMs":500,"times":"Infinity"}',
    );
    expect(added.status).toBe(201);
    expect(added.json).toEqual([
      { operation: 'printer.objects.query', kind: 'delay', delayMs: 500, times: 'Infinity', id: 1 },
    ]);
    await call(
      'POST',
      '/printers/klipper-1/faults',
      '{"operation":"*","kind":"error-reply","status":503,"times":2}',
    );
    expect(sim(0).faults.take('server.info')).toMatchObject({ kind: 'error-reply', status: 503 });
    expect(sim(0).faults.list()).toHaveLength(2);
    expect(sim(1).faults.list()).toHaveLength(0);

    expect(await call('DELETE', '/printers/klipper-1/faults')).toEqual({ status: 200, json: [] });
    expect(sim(0).faults.list()).toEqual([]);
  });

  it('answers a refused simulator command with 409 and the simulator code', async () => {
    expect(await call('POST', '/printers/klipper-1/pause')).toEqual({
      status: 409,
      json: { error: { code: 'not-printing', message: 'Cannot pause while idle' } },
    });
    expect(await call('POST', '/printers/klipper-1/print', '{"file":"nope.gcode"}')).toEqual({
      status: 409,
      json: { error: { code: 'file-not-found', message: 'No such file: nope.gcode' } },
    });
  });

  it.each([
    [
      'malformed JSON',
      '/printers/klipper-1/faults',
      '{"operation":',
      400,
      'malformed-json',
      /not valid JSON/,
    ],
    [
      'a fault without kind',
      '/printers/klipper-1/faults',
      '{"operation":"x"}',
      400,
      'invalid-body',
      /^kind: /,
    ],
    [
      'an unknown fault kind',
      '/printers/klipper-1/faults',
      '{"operation":"x","kind":"explode"}',
      400,
      'invalid-body',
      /kind/,
    ],
    [
      'times 0',
      '/printers/klipper-1/faults',
      '{"operation":"x","kind":"drop","times":0}',
      400,
      'invalid-body',
      /^times: /,
    ],
    [
      'probability 2',
      '/printers/klipper-1/faults',
      '{"operation":"x","kind":"drop","probability":2}',
      400,
      'invalid-body',
      /probability/,
    ],
    [
      'an unknown fault field',
      '/printers/klipper-1/faults',
      '{"operation":"x","kind":"drop","tims":2}',
      400,
      'invalid-body',
      /tims/,
    ],
    ['a body that is an array', '/printers/klipper-1/faults', '[]', 400, 'invalid-body', /object/],
    [
      'a print file that is a number',
      '/printers/klipper-1/print',
      '{"file":3}',
      400,
      'invalid-body',
      /^file: /,
    ],
    [
      'an unknown heater',
      '/printers/klipper-1/heater-error',
      '{"heater":"chamber"}',
      400,
      'invalid-body',
      /^heater: /,
    ],
    [
      'malformed JSON to an action',
      '/printers/klipper-1/pause',
      'nope',
      400,
      'malformed-json',
      /not valid JSON/,
    ],
  ])('refuses %s with %i', async (_what, path, body, status, code, message) => {
    const result = await call('POST', path, body);
    expect(result.status).toBe(status);
    expect(result.json).toEqual({ error: { code, message: expect.stringMatching(message) } });
    expect(sim(0).faults.list()).toEqual([]);
    expect(sim(0).state).toBe('idle');
  });

  it('refuses an oversized body with 413', async () => {
    const result = await call('POST', '/printers/klipper-1/faults', `{"operation":"${'x'.repeat(70_000)}"}`);
    expect(result.status).toBe(413);
  });

  it('says which printers exist for an unknown name, and 404/405 for unknown routes and methods', async () => {
    expect(await call('POST', '/printers/kobra-9/print')).toEqual({
      status: 404,
      json: {
        error: {
          code: 'unknown-printer',
          message: "no printer named 'kobra-9' (known: klipper-1, klipper-2)",
        },
      },
    });
    expect((await call('POST', '/printers/klipper-1/explode')).status).toBe(404);
    expect((await call('GET', '/nope')).status).toBe(404);
    expect((await call('GET', '/printers/klipper-1/print')).status).toBe(405);
    expect((await call('POST', '/printers')).status).toBe(405);
    expect((await call('PUT', '/printers/klipper-1/faults', '{}')).status).toBe(405);
    expect(await call('GET', '/printers/%E0%A4%A')).toEqual({
      status: 400,
      json: { error: { code: 'bad-path', message: 'cannot decode path segment "%E0%A4%A"' } },
    });
  });
});

/** A request with headers fetch would not let us forge (Host), through plain node:http. */
function forged(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${api.url}${path}`, { method, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, json: JSON.parse(text) }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** The status line and body of a raw HTTP/1.1 request with a target no HTTP library would send. */
function rawTarget(target: string): Promise<{ statusLine: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(api.port, '127.0.0.1', () => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    });
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
    });
    socket.on('end', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n');
      resolve({ statusLine: head.split('\r\n')[0] ?? '', body: body.trim() });
    });
    socket.on('error', reject);
  });
}

describe('control API: who may call it (DNS rebinding, cross-site pages)', () => {
  const port = () => String(api.port);

  it.each([
    ['a name that resolved to 127.0.0.1 (DNS rebinding)', 'evil.example'],
    ['a name with our port', 'printer-farm.attacker.test:7070'],
    ['localhost as a suffix of another name', 'localhost.evil.example'],
  ])('refuses a Host that is %s with 403, and does nothing', async (_what, host) => {
    const result = await forged('POST', '/printers/klipper-1/print', { host });
    expect(result).toEqual({
      status: 403,
      json: {
        error: { code: 'forbidden-host', message: expect.stringContaining('is not this control API') },
      },
    });
    expect(sim(0).state).toBe('idle');
  });

  it('refuses a malformed Host with 400', async () => {
    const result = await forged('GET', '/printers', { host: 'a b@c' });
    expect(result.status).toBe(400);
    expect(result.json).toEqual({ error: { code: 'bad-host', message: expect.any(String) } });
  });

  it.each([
    ['127.0.0.1', () => `127.0.0.1:${api.port}`],
    ['localhost', () => `localhost:${api.port}`],
    ['LOCALHOST (any case)', () => 'LOCALHOST'],
    ['a *.localhost name', () => 'fleet.localhost'],
    ['[::1]', () => `[::1]:${api.port}`],
    ['another IP address (no rebinding without a name)', () => '192.168.1.20:7070'],
  ])('answers a Host that is %s', async (_what, host) => {
    expect((await forged('GET', '/printers', { host: host() })).status).toBe(200);
  });

  it.each([
    ['another site', 'https://evil.example'],
    ['a sandboxed frame or a file (null)', 'null'],
    ['a site that puts localhost in its name', 'http://localhost.evil.example'],
    ['garbage', 'not an origin'],
  ])('refuses a request from a page of %s with 403, also a simple text/plain POST', async (_what, origin) => {
    const result = await forged(
      'POST',
      '/printers/klipper-1/print',
      { host: `127.0.0.1:${port()}`, origin, 'content-type': 'text/plain' },
      '{}',
    );
    expect(result).toEqual({
      status: 403,
      json: { error: { code: 'forbidden-origin', message: expect.stringContaining('other sites') } },
    });
    expect(sim(0).state).toBe('idle');
  });

  it('answers pages served from this host or from loopback (a local dashboard)', async () => {
    for (const origin of [api.url, 'http://localhost:5173', 'http://127.0.0.1:3000']) {
      const result = await forged(
        'POST',
        '/printers/klipper-1/faults',
        { host: `127.0.0.1:${port()}`, origin },
        '{"operation":"x","kind":"drop"}',
      );
      expect(result.status).toBe(201);
    }
    expect(sim(0).faults.list()).toHaveLength(3);
  });

  it('answers the extra host names it was given, and only those', async () => {
    const extra = await startControlApi(
      { printers, describe: () => ({}) },
      { port: 0, host: '127.0.0.1', allowedHosts: ['farm.lan'] },
    );
    try {
      const get = (host: string) =>
        new Promise<number>((resolve, reject) => {
          httpRequest(`${extra.url}/printers`, { headers: { host } }, (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          })
            .on('error', reject)
            .end();
        });
      expect(await get('farm.lan:7070')).toBe(200);
      expect(await get('other.lan:7070')).toBe(403);
    } finally {
      await extra.stop();
    }
  });
});

describe('control API: odd request targets and oversized bodies', () => {
  it.each([
    ['////', '404 Not Found', 'not-found'],
    ['//printers', '404 Not Found', 'not-found'],
    ['/printers//klipper-1', '404 Not Found', 'not-found'],
    ['*', '400 Bad Request', 'bad-target'],
    ['http://127.0.0.1/printers', '400 Bad Request', 'bad-target'],
    // Node's parser refuses these before any handler runs; the answer still has the API's shape.
    ['/printers x', '400 Bad Request', 'bad-request'],
  ])('GET %s gets %s, never 500', async (target, status, code) => {
    const { statusLine, body } = await rawTarget(target);
    expect(statusLine).toBe(`HTTP/1.1 ${status}`);
    expect(JSON.parse(body)).toEqual({ error: { code, message: expect.any(String) } });
  });

  it('still takes one trailing slash and a query', async () => {
    expect((await call('GET', '/printers/')).status).toBe(200);
    expect((await call('GET', '/printers/klipper-1?x=1')).status).toBe(200);
  });

  /** POSTs exactly `size` bytes through Node's keep-alive agent; a hang fails after 5 s. */
  function postBody(size: number, chunked: boolean): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(
        `${api.url}/printers/klipper-1/faults`,
        { method: 'POST', headers: chunked ? {} : { 'content-length': String(size) } },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            text += chunk;
          });
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        },
      );
      request.on('error', reject);
      request.setTimeout(5_000, () => request.destroy(new Error(`no answer to a ${size}-byte body in 5 s`)));
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let sent = 0;
      const pump = () => {
        while (sent < size) {
          const part = chunk.subarray(0, Math.min(chunk.length, size - sent));
          sent += part.length;
          if (!request.write(part)) {
            request.once('drain', pump);
            return;
          }
        }
        request.end();
      };
      pump();
    });
  }

  it.each([
    ['with a Content-Length', false],
    ['chunked', true],
  ])(
    'answers oversized bodies (300 KB to 12 MB) %s with 413, never a reset or a hang, on a reused connection',
    async (_what, chunked) => {
      // Twice each: the second request goes on the kept-alive socket of the first (it hung before).
      for (const size of [300_000, 300_000, 1_000_000, 12 * 1024 * 1024, 12 * 1024 * 1024]) {
        const result = await postBody(size, chunked);
        expect(result.status).toBe(413);
        expect(JSON.parse(result.text)).toEqual({
          error: { code: 'body-too-large', message: 'body over 65536 bytes' },
        });
      }
      expect(sim(0).faults.list()).toEqual([]);
      expect((await call('GET', '/printers')).status).toBe(200);
    },
  );
});

describe('control API: arbitrary requests (property)', () => {
  /** One request through node:http with a raw path; resolves with the status and the parsed body. */
  function send(method: string, path: string, body: string | undefined) {
    return new Promise<{ status: number; json: unknown }>((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port: api.port, method, path }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          try {
            resolve({ status, json: JSON.parse(text) });
          } catch {
            resolve({ status, json: `not JSON: ${text}` });
          }
        });
      });
      request.on('error', reject);
      request.setTimeout(5_000, () => request.destroy(new Error(`${method} ${path}: no answer in 5 s`)));
      request.end(body);
    });
  }

  const segment = fc.oneof(
    fc.constantFrom(
      'printers',
      'klipper-1',
      'klipper-2',
      'faults',
      'print',
      'files',
      'constructor',
      '__proto__',
    ),
    fc.constantFrom('', '%', '%E0%A4%A', '%2F', '..', '*', '?x=%', '#'),
    fc.stringMatching(/^[A-Za-z0-9%._~!$&'()*+,;=:@-]{0,12}$/),
  );

  it('never answers 500, always JSON, and every refusal has the error shape', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'PATCH', 'OPTIONS', 'TRACE'),
        fc.array(segment, { maxLength: 5 }).map((parts) => `/${parts.join('/')}`),
        fc.option(fc.json({ maxDepth: 3 }), { nil: undefined }),
        async (method, path, body) => {
          const { status, json } = await send(method, path, body);
          expect(json).not.toEqual(expect.stringMatching(/^not JSON/));
          expect(status).toBeGreaterThanOrEqual(200);
          expect(status).toBeLessThan(500);
          if (status >= 400) {
            expect(json).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
          }
        },
      ),
      { numRuns: 300 },
    );
    // Whatever was sent, the simulators are still there and answer.
    expect((await call('GET', '/printers')).status).toBe(200);
  });
});
