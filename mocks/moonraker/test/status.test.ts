/** Subscriptions and notify_status_update / notify_proc_stat_update cadence on the manual clock. */
import { describe, expect, it } from 'vitest';
import { client, mock } from './setup.js';

type Status = Record<string, Record<string, unknown>>;

describe('printer objects and status updates', () => {
  it('query: unknown objects are {}, unknown attributes null, objects as a list → 400', async () => {
    const m = await mock();
    const s = await client(m);
    const result = await s.result<{ eventtime: number; status: Status }>('printer.objects.query', {
      objects: { webhooks: null, toolhead: ['position', 'nope'], no_such_object: null },
    });
    expect(typeof result.eventtime).toBe('number');
    expect(result.status).toEqual({
      webhooks: { state: 'ready', state_message: 'Printer is ready' },
      toolhead: { position: [0, 0, 0, 0], nope: null },
      no_such_object: {},
    });
    expect(await s.call('printer.objects.query', { objects: ['webhooks'] }, 1)).toBe(
      '{"jsonrpc":"2.0","error":{"code":400,"message":"Invalid Argument Type [objects]"},"id":1}',
    );
  });

  it('idle objects look like a real Klippy', async () => {
    const m = await mock();
    const s = await client(m);
    const { status } = await s.result<{ status: Status }>('printer.objects.query', {
      objects: {
        print_stats: null,
        virtual_sdcard: null,
        display_status: null,
        idle_timeout: null,
        fan: null,
      },
    });
    expect(status).toEqual({
      print_stats: {
        filename: '',
        total_duration: 0,
        print_duration: 0,
        filament_used: 0,
        state: 'standby',
        message: '',
        info: { total_layer: null, current_layer: null },
      },
      virtual_sdcard: { file_path: null, progress: 0, is_active: false, file_position: 0, file_size: 0 },
      display_status: { message: '', progress: 0 },
      idle_timeout: { state: 'Idle', printing_time: 0, idle_timeout: 600 },
      fan: { speed: 0, rpm: null },
    });
    const list = await s.result<{ objects: string[] }>('printer.objects.list');
    expect(list.objects).toEqual(
      expect.arrayContaining(['webhooks', 'print_stats', 'toolhead', 'extruder', 'heater_bed']),
    );
  });

  it('diffs carry only changed fields, every ~250 ms, and nothing when nothing changed', async () => {
    const m = await mock();
    const s = await client(m);
    const sub = await s.result<{ status: Status }>('printer.objects.subscribe', {
      objects: { extruder: ['temperature', 'target'], heater_bed: null, print_stats: ['state'] },
    });
    expect(sub.status.extruder).toEqual({ temperature: 25, target: 0 });
    await m.advance(2000);
    // A round trip first: a frame sent before its answer has arrived by then (frames keep their order).
    await s.result('server.info');
    expect(s.notifications('notify_status_update')).toEqual([]);

    await s.result('printer.gcode.script', { script: 'M104 S200' });
    await m.advance(250);
    const first = await s.next((f) => f.includes('notify_status_update'));
    const parsed = JSON.parse(first) as { params: [Status, number] };
    // The target changed and the reading moved; heater_bed and print_stats did not change at all.
    expect(Object.keys(parsed.params[0])).toEqual(['extruder']);
    expect(parsed.params[0].extruder?.target).toBe(200);
    expect(typeof parsed.params[1]).toBe('number');
    await m.advance(250);
    const second = JSON.parse(await s.next((f) => f.includes('notify_status_update'))) as {
      params: [Status, number];
    };
    expect(second.params[0]).toEqual({ extruder: { temperature: expect.any(Number) } });
    expect(second.params[1]).toBeCloseTo(parsed.params[1] + 0.25, 3);
  });

  it('a new subscribe replaces the old one; {} cancels', async () => {
    const m = await mock();
    const s = await client(m);
    await s.result('printer.objects.subscribe', { objects: { extruder: ['target'] } });
    await s.result('printer.objects.subscribe', { objects: { heater_bed: ['target'] } });
    await s.result('printer.gcode.script', { script: 'M104 S200\nM140 S60' });
    await m.advance(250);
    expect(await s.next((f) => f.includes('notify_status_update'))).toMatch(
      /^\{"jsonrpc":"2.0","method":"notify_status_update","params":\[\{"heater_bed":\{"target":60\}\},[\d.]+\]\}$/,
    );
    expect(await s.result('printer.objects.subscribe', { objects: {} })).toEqual({
      eventtime: expect.any(Number),
      status: {},
    });
    const count = s.notifications('notify_status_update').length;
    await s.result('printer.gcode.script', { script: 'M140 S70' });
    await m.advance(1000);
    // A round trip first: a frame sent before its answer has arrived by then (frames keep their order).
    await s.result('server.info');
    expect(s.notifications('notify_status_update').length).toBe(count);
  });

  it('notify_proc_stat_update arrives every sim second, whatever the printer does', async () => {
    const m = await mock();
    const s = await client(m);
    await m.advance(999);
    expect(s.notifications('notify_proc_stat_update')).toHaveLength(0);
    await m.advance(1);
    expect(s.notifications('notify_proc_stat_update')).toHaveLength(1);
    m.klippy.disconnect();
    await m.advance(3000);
    const stats = s.notifications('notify_proc_stat_update');
    expect(stats).toHaveLength(4);
    expect(stats[0]?.params?.[0]).toMatchObject({
      moonraker_stats: { mem_units: 'kB' },
      websocket_connections: 1,
    });
  });

  it('server.temperature_store samples every second; server.gcode_store keeps commands and responses', async () => {
    const m = await mock();
    const s = await client(m);
    await s.result('printer.gcode.script', { script: 'M140 S60\nFOO' });
    await m.advance(3000);
    const store =
      await s.result<Record<string, { temperatures: number[]; targets: number[] }>>(
        'server.temperature_store',
      );
    // The first value is the one taken when Klippy became ready (data_store.py L117-121).
    expect(store.heater_bed?.targets).toEqual([0, 60, 60, 60]);
    expect(store.extruder?.temperatures).toHaveLength(4);
    const gcode = await s.result<{ gcode_store: Array<{ message: string; type: string }> }>(
      'server.gcode_store',
      { count: 2 },
    );
    expect(gcode.gcode_store.map(({ message, type }) => ({ message, type }))).toEqual([
      { message: 'M140 S60\nFOO', type: 'command' },
      { message: '// Unknown command:"FOO"', type: 'response' },
    ]);
  });
});
