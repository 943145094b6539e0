/**
 * Lifecycle details as a raw websocket client sees them (Klipper3d/klipper @ 84104bbb, Moonraker
 * v0.10.0): G-code responses around restarts, what a shutdown keeps, virtual_sdcard after a print
 * ends, and the toolhead / query_endstops fields.
 */
import { describe, expect, it } from 'vitest';
import { client, mock } from './setup.js';

type Status = Record<string, Record<string, unknown>>;

const DISCONNECT =
  '{"jsonrpc":"2.0","method":"notify_gcode_response","params":["// Klipper state: Disconnect"]}';

describe('restart responses', () => {
  for (const [how, call] of [
    ['RESTART', { method: 'printer.gcode.script', params: { script: 'RESTART' } }],
    ['FIRMWARE_RESTART', { method: 'printer.gcode.script', params: { script: 'FIRMWARE_RESTART' } }],
    ['printer.restart', { method: 'printer.restart', params: undefined }],
    ['printer.firmware_restart', { method: 'printer.firmware_restart', params: undefined }],
  ] as const) {
    it(`${how}: "// Klipper state: Disconnect" before notify_klippy_disconnected, no "Ready" line after`, async () => {
      const m = await mock({ klippyStartupMs: 1000 });
      const s = await client(m);
      const start = s.log.length;
      await s.call(call.method, call.params, 1).catch(() => undefined);
      const after = s.log.slice(start);
      const disconnectAt = after.indexOf(DISCONNECT);
      expect(disconnectAt).toBeGreaterThanOrEqual(0);
      expect(after.indexOf('{"jsonrpc":"2.0","method":"notify_klippy_disconnected"}')).toBeGreaterThan(
        disconnectAt,
      );
      await m.advance(1000);
      await s.next((f) => f.includes('notify_klippy_ready'));
      // Moonraker subscribes to G-code output only after startup: Klipper's "Ready" line is not relayed.
      expect(s.log.filter((f) => f.includes('Klipper state: Ready'))).toEqual([]);
      const store = await s.result<{ gcode_store: Array<{ message: string }> }>('server.gcode_store');
      expect(store.gcode_store.map((e) => e.message)).toContain('// Klipper state: Disconnect');
    });
  }

  it('mock.klippy.restart() says Disconnect too; a Klippy that just vanishes (disconnect()) says nothing', async () => {
    const m = await mock();
    const s = await client(m);
    m.klippy.restart();
    expect(await s.next((f) => f.includes('Klipper state'))).toBe(DISCONNECT);
    await m.advance(3000);
    const count = s.log.filter((f) => f.includes('Klipper state')).length;
    m.klippy.disconnect();
    await s.next((f) => f.includes('notify_klippy_disconnected'));
    expect(s.log.filter((f) => f.includes('Klipper state')).length).toBe(count);
  });
});

describe('shutdown and restart state', () => {
  it('M112 keeps homing and the reported heater targets; FIRMWARE_RESTART resets both', async () => {
    const m = await mock();
    const s = await client(m);
    await s.result('printer.gcode.script', { script: 'G28\nM104 S200\nM140 S60' });
    await m.advance(5000);
    const query = async () =>
      (
        await s.result<{ status: Status }>('printer.objects.query', {
          objects: { toolhead: ['homed_axes'], extruder: ['target', 'temperature'], heater_bed: ['target'] },
        })
      ).status;
    const before = await query();
    expect(before.toolhead).toEqual({ homed_axes: 'xyz' });
    await s.call('printer.gcode.script', { script: 'M112' }, 2).catch(() => undefined);
    expect(s.log).toContain(
      '{"jsonrpc":"2.0","method":"notify_gcode_response","params":["// Klipper state: Shutdown"]}',
    );
    await m.advance(10_000);
    expect(await s.result('printer.info')).toMatchObject({ state: 'shutdown' });
    // heaters.py leaves target_temp alone on shutdown and no new readings arrive.
    expect(await query()).toEqual(before);
    await s.call('printer.firmware_restart', undefined, 3);
    await m.advance(3000);
    expect(await s.result('printer.info')).toMatchObject({ state: 'ready' });
    const after = await query();
    expect(after.toolhead).toEqual({ homed_axes: '' });
    expect(after.extruder?.target).toBe(0);
    expect(after.heater_bed).toEqual({ target: 0 });
  });

  it('RESTART after homing and heating: homed_axes "" and targets 0 once ready', async () => {
    const m = await mock();
    const s = await client(m);
    await s.result('printer.gcode.script', { script: 'G28 X Y\nM104 S180' });
    await s.call('printer.gcode.script', { script: 'RESTART' }, 4).catch(() => undefined);
    await m.advance(3000);
    const { status } = await s.result<{ status: Status }>('printer.objects.query', {
      objects: { toolhead: ['homed_axes'], extruder: ['target'] },
    });
    expect(status).toEqual({ toolhead: { homed_axes: '' }, extruder: { target: 0 } });
  });
});

describe('virtual_sdcard after a print ends', () => {
  it('cancel: print_stats cancelled, file closed and position/size zeroed (do_cancel)', async () => {
    const m = await mock();
    m.sim.addFile({ name: 'cube.gcode', sizeBytes: 4096, estimatedSeconds: 60, layers: 10 });
    const s = await client(m);
    await s.result('printer.print.start', { filename: 'cube.gcode' });
    await m.advance(1000);
    await s.result('printer.gcode.script', { script: 'CANCEL_PRINT' });
    await m.advance(2000);
    const { status } = await s.result<{ status: Status }>('printer.objects.query', {
      objects: { print_stats: ['state', 'filename'], virtual_sdcard: null, display_status: ['progress'] },
    });
    expect(status).toEqual({
      print_stats: { state: 'cancelled', filename: 'cube.gcode' },
      virtual_sdcard: { file_path: null, progress: 0, is_active: false, file_position: 0, file_size: 0 },
      display_status: { progress: 0 },
    });
    expect(s.log.filter((f) => f.includes('Done printing file'))).toEqual([]);
  });

  it('end of file: "Done printing file", file closed with the position at its end', async () => {
    const m = await mock();
    m.sim.addFile({ name: 'cube.gcode', sizeBytes: 4096, estimatedSeconds: 60, layers: 10 });
    const s = await client(m);
    await s.result('printer.print.start', { filename: 'cube.gcode' });
    await m.advance(240_000);
    // The query's answer comes after every frame the print's end sent on this socket (frames keep
    // their order), so the log is complete once it is here; looking at the log first raced them.
    const { status } = await s.result<{ status: Status }>('printer.objects.query', {
      objects: { print_stats: ['state'], virtual_sdcard: null },
    });
    expect(s.log).toContain(
      '{"jsonrpc":"2.0","method":"notify_gcode_response","params":["Done printing file"]}',
    );
    expect(status).toEqual({
      print_stats: { state: 'complete' },
      virtual_sdcard: {
        file_path: null,
        progress: 1,
        is_active: false,
        file_position: 4096,
        file_size: 4096,
      },
    });
  });
});

describe('toolhead and query_endstops fields (Klipper @ 84104bbb)', () => {
  it('toolhead has exactly the fields toolhead.py + cartesian.py report, with their types', async () => {
    const m = await mock();
    const s = await client(m);
    const { status } = await s.result<{ status: Status }>('printer.objects.query', {
      objects: { toolhead: null },
    });
    const toolhead = status.toolhead ?? {};
    expect(Object.keys(toolhead).sort()).toEqual(
      [
        'homed_axes',
        'axis_minimum',
        'axis_maximum',
        'print_time',
        'stalls',
        'estimated_print_time',
        'extruder',
        'position',
        'max_velocity',
        'max_accel',
        'minimum_cruise_ratio',
        'square_corner_velocity',
        'extra_axes',
      ].sort(),
    );
    expect(toolhead.extra_axes).toEqual({ extruder: 3 });
    expect(toolhead.extruder).toBe('extruder');
    expect(typeof toolhead.homed_axes).toBe('string');
    for (const key of ['axis_minimum', 'axis_maximum', 'position']) expect(toolhead[key]).toHaveLength(4);
    for (const key of ['print_time', 'stalls', 'estimated_print_time', 'max_velocity', 'max_accel'])
      expect(typeof toolhead[key]).toBe('number');
  });

  it('last_query holds raw pin values (0/1); the web request and QUERY_ENDSTOPS use open/TRIGGERED', async () => {
    const m = await mock();
    const s = await client(m);
    const empty = await s.result<{ status: Status }>('printer.objects.query', {
      objects: { query_endstops: null },
    });
    expect(empty.status.query_endstops).toEqual({ last_query: {} });
    await s.result('printer.gcode.script', { script: 'G28' });
    expect(await s.result('printer.query_endstops.status')).toEqual({
      x: 'TRIGGERED',
      y: 'TRIGGERED',
      z: 'TRIGGERED',
    });
    let { status } = await s.result<{ status: Status }>('printer.objects.query', {
      objects: { query_endstops: null },
    });
    expect(status.query_endstops).toEqual({ last_query: { x: 1, y: 1, z: 1 } });
    await s.result('printer.gcode.script', { script: 'G1 X10 F3000\nQUERY_ENDSTOPS' });
    expect(s.log).toContain(
      '{"jsonrpc":"2.0","method":"notify_gcode_response","params":["x:open y:TRIGGERED z:TRIGGERED"]}',
    );
    ({ status } = await s.result<{ status: Status }>('printer.objects.query', {
      objects: { query_endstops: null },
    }));
    expect(status.query_endstops).toEqual({ last_query: { x: 0, y: 1, z: 1 } });
  });
});
