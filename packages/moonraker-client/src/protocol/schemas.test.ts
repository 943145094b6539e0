// Real payloads from ../shared/protocol-notes/moonraker.md (marked [real] there) and the seed
// (../shared/seeds/moonraker-printer-administration.md).
import { describe, expect, it } from 'vitest';
import { parseKlipperObject, decodeResult as parseResult } from './decode.js';
import {
  FilelistChangedParams,
  HistoryChangedParams,
  isStatusEnvelope,
  JobQueueChangedParams,
} from './schemas.js';

const REAL_OBJECTS = {
  webhooks: { state: 'ready', state_message: 'Printer is ready' },
  print_stats: {
    filename: '',
    total_duration: 0.0,
    print_duration: 0.0,
    filament_used: 0.0,
    state: 'standby',
    message: '',
    info: { total_layer: null, current_layer: null },
  },
  virtual_sdcard: { file_path: null, progress: 0.0, is_active: false, file_position: 0, file_size: 0 },
  extruder: {
    temperature: 0.0,
    target: 0.0,
    power: 0.0,
    can_extrude: true,
    pressure_advance: 0.0,
    smooth_time: 0.04,
    motion_queue: null,
  },
  heater_bed: { temperature: 0.0, target: 0.0, power: 0.0 },
  toolhead: {
    homed_axes: '',
    axis_minimum: [0, -4, -2, 0],
    axis_maximum: [250, 210, 220, 0],
    print_time: 0.25,
    stalls: 0,
    estimated_print_time: 0.0,
    extruder: 'extruder',
    position: [0, 0, 0, 0],
    max_velocity: 300,
    max_accel: 1500,
    minimum_cruise_ratio: 0.5,
    square_corner_velocity: 5.0,
  },
  display_status: { message: '', progress: 0.0 },
  idle_timeout: { state: 'Idle', printing_time: 0.0, idle_timeout: 600.0 },
  gcode_move: {
    absolute_coordinates: true,
    absolute_extrude: true,
    extrude_factor: 1,
    gcode_position: [0, 0, 0, 0],
    homing_origin: [0, 0, 0, 0],
    position: [0, 0, 0, 0],
    speed: 1500,
    speed_factor: 1,
  },
  fan: { speed: 0.0, rpm: null },
} as const;

describe('Klipper objects', () => {
  it.each(Object.entries(REAL_OBJECTS))('parses the real %s payload unchanged', (name, payload) => {
    const parsed = parseKlipperObject(name as keyof typeof REAL_OBJECTS, payload);
    expect(parsed).toEqual({ success: true, data: payload });
  });

  it('keeps unknown fields and turns an unknown state into unknown + state_raw', () => {
    const parsed = parseKlipperObject('print_stats', { state: 'printing_fast', future_field: 1 });
    expect(parsed).toEqual({
      success: true,
      data: { state: 'unknown', state_raw: 'printing_fast', future_field: 1 },
    });
  });

  it('rejects wrong field types with a readable reason', () => {
    const parsed = parseKlipperObject('extruder', { temperature: 'hot' });
    expect(parsed.success).toBe(false);
    expect(!parsed.success && parsed.error).toMatch(/^temperature: /);
  });
});

describe('results', () => {
  it('parses the real printer.info', () => {
    const info = {
      state: 'ready',
      state_message: 'Printer is ready',
      hostname: 'pi-debugger',
      klipper_path: '/home/pi/klipper',
      python_path: '/home/pi/klipper/venv/bin/python',
      process_id: 275124,
      user_id: 1000,
      group_id: 1000,
      log_file: '/home/pi/printer_data/logs/klippy.log',
      config_file: '/home/pi/printer_data/config/printer.cfg',
      software_version: 'v0.12.0-85-gd785b396',
      cpu_info: '4 core ?',
    };
    expect(parseResult('printer.info', info)).toEqual(info);
  });

  it('parses printer.objects.query with an unknown object answered as {} and unknown attributes as null', () => {
    const result = {
      eventtime: 578243.57824499,
      status: { gcode_move: { speed: 1500 }, nope: {}, toolhead: { foo: null } },
    };
    expect(parseResult('printer.objects.query', result)).toEqual(result);
  });

  it('turns an unknown klippy_state into unknown and keeps the raw value', () => {
    const result = parseResult('server.info', { klippy_connected: true, klippy_state: 'booting', extra: 1 });
    expect(result).toMatchObject({ klippy_state: 'unknown', klippy_state_raw: 'booting', extra: 1 });
  });

  it('parses endstops, gcode help, "ok" and file lists', () => {
    expect(parseResult('printer.query_endstops.status', { x: 'TRIGGERED', y: 'open', z: 'open' })).toEqual({
      x: 'TRIGGERED',
      y: 'open',
      z: 'open',
    });
    expect(parseResult('printer.gcode.help', { G28: 'Home' })).toEqual({ G28: 'Home' });
    expect(parseResult('printer.print.start', 'ok')).toBe('ok');
    expect(
      parseResult('server.files.list', [{ path: 'a.gcode', modified: 1, size: 2, permissions: 'rw' }]),
    ).toHaveLength(1);
  });

  it.each([
    ['printer.objects.list', { objects: 'webhooks' }],
    ['server.info', { klippy_state: 'ready' }],
    ['printer.objects.query', { status: [] }],
    ['printer.print.start', 42],
    ['server.history.list', { count: 1, jobs: [{ job_id: 1 }] }],
  ] as const)('rejects a malformed %s result with a ProtocolError', (method, payload) => {
    expect(() => parseResult(method, payload)).toThrowError(/Malformed/);
  });

  it('parses history jobs with unknown status leniently', () => {
    const result = parseResult('server.history.list', {
      count: 1,
      jobs: [
        { job_id: '000001', filename: 'cube.gcode', status: 'exploded', start_time: 1, print_duration: 2 },
      ],
    });
    expect(result.jobs[0]).toMatchObject({ status: 'unknown', status_raw: 'exploded' });
  });
});

describe('notification params', () => {
  it('accepts the envelope of a real status diff [diff, eventtime] and rejects broken ones', () => {
    expect(isStatusEnvelope([{ idle_timeout: { printing_time: 0.997 } }, 414.468])).toBe(true);
    expect(isStatusEnvelope([{}, 1])).toBe(true);
    expect(isStatusEnvelope([{ a: {} }])).toBe(true);
    // The objects inside are checked where they are merged (StatusStore.applyKnown).
    expect(isStatusEnvelope([{ idle_timeout: 5 }, 1])).toBe(true);
    expect(isStatusEnvelope([[], 1])).toBe(false);
    expect(isStatusEnvelope([null, 1])).toBe(false);
    expect(isStatusEnvelope([{ a: {} }, 'x'])).toBe(false);
    expect(isStatusEnvelope({ a: {} })).toBe(false);
    expect(isStatusEnvelope([])).toBe(false);
  });

  it('parses history, filelist and job queue changes with lenient actions', () => {
    expect(
      HistoryChangedParams.parse([
        { action: 'added', job: { job_id: '1', filename: 'a.gcode', status: 'in_progress' } },
      ])[0],
    ).toMatchObject({ action: 'added', job: { status: 'in_progress' } });
    expect(
      FilelistChangedParams.parse([
        { action: 'create_file', item: { path: 'a.gcode', root: 'gcodes', size: 3 } },
      ])[0],
    ).toMatchObject({ action: 'create_file' });
    expect(
      JobQueueChangedParams.parse([{ action: 'teleported', updated_queue: null, queue_state: 'ready' }])[0],
    ).toMatchObject({ action: 'unknown', action_raw: 'teleported', queue_state: 'ready' });
  });
});
