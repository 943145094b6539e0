import { createManualClock, PrinterSim } from '@printkit/printer-sim';
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
