import { ProtocolError } from '@printkit/core-types';
import { describe, expect, it } from 'vitest';
import { type MoonrakerMethod, RESULT_SCHEMAS } from './methods.js';
import { parseResult } from './result.js';
import { RESULT_CHECKS, UNCHECKED } from './result-checks.js';

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

describe('hand-written result checks', () => {
  it('every check has samples here', () => {
    const sampled = new Set(Object.keys(SAMPLES));
    const checkedKinds = new Set(
      Object.entries(RESULT_CHECKS).map(([method, check]) =>
        // The `"ok"` methods share one check; one of them stands for all.
        check === RESULT_CHECKS['printer.gcode.script'] ? 'printer.gcode.script' : method,
      ),
    );
    for (const method of checkedKinds) {
      const sample = method === 'printer.objects.subscribe' ? 'printer.objects.query' : method;
      expect(sampled.has(sample), method).toBe(true);
    }
  });

  for (const [method, samples] of Object.entries(SAMPLES) as Array<[MoonrakerMethod, unknown[]]>) {
    it(`${method}: accepts exactly what the schema accepts and returns the same value`, () => {
      const check = RESULT_CHECKS[method];
      if (!check) throw new Error(`no check for ${method}`);
      for (const raw of samples) {
        // A fresh copy each time: a check may return its input as is. (JSON.parse('1e999') is Infinity.)
        const input = () => structuredClone(raw);
        const schema = RESULT_SCHEMAS[method].safeParse(input());
        const checked = check(input());
        if (checked === UNCHECKED) {
          // Not vouched for: parseResult must then give the schema's answer.
          if (schema.success) expect(parseResult(method, input())).toEqual(schema.data);
          else expect(() => parseResult(method, input())).toThrow(ProtocolError);
          continue;
        }
        expect(schema.success, JSON.stringify(raw)).toBe(true);
        expect(checked).toEqual(schema.data);
        expect(parseResult(method, input())).toEqual(schema.data);
      }
    });
  }

  it('vouches for the well-formed results (the fast path is taken)', () => {
    expect(RESULT_CHECKS['server.info']?.(structuredClone(SERVER_INFO))).not.toBe(UNCHECKED);
    expect(RESULT_CHECKS['printer.info']?.(structuredClone(PRINTER_INFO))).not.toBe(UNCHECKED);
    expect(RESULT_CHECKS['printer.gcode.script']?.('ok')).toBe('ok');
    expect(RESULT_CHECKS['server.info']?.({ ...SERVER_INFO, klippy_state: 'hibernating' })).toMatchObject({
      klippy_state: 'unknown',
      klippy_state_raw: 'hibernating',
    });
  });
});
