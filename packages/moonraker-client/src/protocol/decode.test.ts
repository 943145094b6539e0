// The results a client asks for all the time, decoded through core-types' compiled fast check:
// for each sample (well-formed, edge cases, broken), the decoder must give exactly zod's verdict and
// value. (Was result-checks.test.ts, when these checks were written by hand.)
import { ProtocolError } from '@printkit/core-types';
import { compileFastCheck, lenientEnum } from '@printkit/core-types/codec';
import { describe, expect, it } from 'vitest';
import { decodeResult, resultSchema } from './decode.js';
import type { MoonrakerMethod } from './table.js';
import { KLIPPY_STATES, SERVER_KLIPPY_STATES } from './wire.js';

const SERVER_INFO = {
  klippy_connected: true,
  klippy_state: 'ready',
  components: ['klippy_apis', 'history'],
  failed_components: [],
  registered_directories: ['gcodes'],
  warnings: [],
  websocket_count: 2,
  moonraker_version: 'v0.9.3',
  missing_klippy_requirements: [],
  api_version: [1, 5, 0],
  api_version_string: '1.5.0',
};
const PRINTER_INFO = {
  state: 'ready',
  state_message: 'Printer is ready',
  hostname: 'pi',
  software_version: 'v0.12.0',
  cpu_info: '4 core',
  process_id: 1,
};

/** Results a check must agree with the schema on: accepted ones, edge cases, and broken ones. */
const SAMPLES: Partial<Record<MoonrakerMethod, unknown[]>> = {
  'server.info': [
    SERVER_INFO,
    { klippy_connected: false, klippy_state: 'disconnected' },
    { ...SERVER_INFO, klippy_state: 'hibernating', extra: { nested: true } },
    { ...SERVER_INFO, klippy_state: 3 },
    { ...SERVER_INFO, klippy_connected: 'yes' },
    { ...SERVER_INFO, components: ['ok', 1] },
    { ...SERVER_INFO, components: null },
    { ...SERVER_INFO, websocket_count: Number.POSITIVE_INFINITY },
    { ...SERVER_INFO, api_version: [1, '5'] },
    { ...SERVER_INFO, moonraker_version: null },
    { klippy_state: 'ready' },
    [SERVER_INFO],
    null,
    'ok',
  ],
  'printer.info': [
    PRINTER_INFO,
    { state: 'startup', state_message: '' },
    { ...PRINTER_INFO, state: 'rebooting' },
    { ...PRINTER_INFO, state_message: null },
    { ...PRINTER_INFO, process_id: '1' },
    { ...PRINTER_INFO, hostname: 7 },
    [],
  ],
  'printer.objects.query': [
    { eventtime: 12.5, status: { extruder: { temperature: 20 }, 'output_pin caselight': { value: 1 } } },
    { eventtime: 0, status: {} },
    { eventtime: 1, status: { extruder: null } },
    { eventtime: 1, status: { extruder: [1] } },
    { eventtime: 1, status: [] },
    { eventtime: '1', status: {} },
    { eventtime: Number.POSITIVE_INFINITY, status: {} },
    { status: {} },
    { eventtime: 1, status: {}, extra: 'kept' },
  ],
  'server.connection.identify': [{ connection_id: 4 }, { connection_id: '4' }, {}, null],
  'printer.objects.list': [
    { objects: ['webhooks', 'output_pin caselight'] },
    { objects: [] },
    { objects: [1] },
    { objects: 'webhooks' },
    {},
  ],
  'printer.gcode.script': ['ok', '', 0, null, { result: 'ok' }],
};

/** What zod says of the sample, with the lenient enum step the decoder adds. */
function zodVerdict(method: MoonrakerMethod, raw: unknown): { success: boolean; data?: unknown } {
  const parsed = resultSchema(method).safeParse(raw);
  if (!parsed.success) return { success: false };
  const data = parsed.data as Record<string, unknown>;
  if (method === 'server.info')
    return { success: true, data: lenientEnum(data, 'klippy_state', SERVER_KLIPPY_STATES) };
  if (method === 'printer.info') return { success: true, data: lenientEnum(data, 'state', KLIPPY_STATES) };
  return { success: true, data };
}

describe('result decoding', () => {
  for (const [method, samples] of Object.entries(SAMPLES) as Array<[MoonrakerMethod, unknown[]]>) {
    it(`${method}: accepts exactly what the schema accepts and returns the same value`, () => {
      for (const raw of samples) {
        // A fresh copy each time: the decoder may return its input as is. (JSON.parse('1e999') is Infinity.)
        const input = () => structuredClone(raw);
        const verdict = zodVerdict(method, input());
        if (verdict.success) expect(decodeResult(method, input()), JSON.stringify(raw)).toEqual(verdict.data);
        else expect(() => decodeResult(method, input()), JSON.stringify(raw)).toThrow(ProtocolError);
      }
    });
  }

  it('the hot results compile to a fast check (no zod copy per answer)', () => {
    for (const method of [
      'server.info',
      'printer.info',
      'printer.objects.query',
      'printer.objects.list',
      'server.connection.identify',
      'printer.gcode.script',
    ] as const) {
      expect(compileFastCheck(resultSchema(method)), method).toBeDefined();
    }
  });

  it('unknown enum values become unknown + <field>_raw', () => {
    expect(decodeResult('server.info', { ...SERVER_INFO, klippy_state: 'hibernating' })).toMatchObject({
      klippy_state: 'unknown',
      klippy_state_raw: 'hibernating',
    });
  });

  it('a method name from the object prototype is not a table entry', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(decodeResult(name as MoonrakerMethod, { any: 1 })).toEqual({ any: 1 });
    }
  });
});
