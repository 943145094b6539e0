import { describe, expect, it } from 'vitest';
import { capture, decodeReport } from '../../test/wire.js';
import { applyReport, createInitialState } from './state.js';

describe('merged state', () => {
  it('merges a partial ACE report into the full one by box id and slot index', () => {
    const state = createInitialState();
    applyReport(state, decodeReport('multiColorBox', { data: capture('multicolorbox_full.json') }), 1);
    applyReport(state, decodeReport('multiColorBox', { data: capture('multicolorbox_slim.json') }), 2);
    expect(state.multiColorBox).toHaveLength(1);
    const box = state.multiColorBox[0]!;
    // Untouched by the slim report: kept.
    expect(box).toMatchObject({ id: 0, status: 1, model_id: 40002, temp: 35, auto_feed: 0 });
    // Changed by the slim report.
    expect(box.loaded_slot).toBe(1);
    expect(box.drying_status).toEqual({
      status: 1,
      target_temp: 45,
      duration: 240,
      remain_time: 0,
      humidity: 30,
    });
    // The slim report carries humidity inside drying_status only.
    expect(box.humidity).toBe(30);
    expect(box.slots?.map((slot) => [slot.index, slot.consumables_percent, slot.color])).toEqual([
      [0, 0, [33, 39, 33]],
      [1, 95, [67, 82, 59]],
    ]);
  });

  it('adds a second ACE unit and never overwrites a known value with null', () => {
    const state = createInitialState();
    applyReport(state, decodeReport('multiColorBox', { data: capture('multicolorbox_full.json') }), 1);
    applyReport(
      state,
      decodeReport('multiColorBox', {
        data: {
          multi_color_box: [
            { id: 1, model_id: 40001, slots: [{ index: 2, type: 'PLA', color: [1, 2, 3] }] },
            { id: 0, temp: null, humidity: null, slots: [{ index: 0, type: 'PLA', sku: null }] },
          ],
        },
      }),
      2,
    );
    expect(state.multiColorBox.map((box) => box.id)).toEqual([0, 1]);
    expect(state.multiColorBox[0]).toMatchObject({ temp: 35, humidity: 24 });
    expect(state.multiColorBox[0]?.slots?.[0]).toMatchObject({ index: 0, type: 'PLA', sku: '' });
    expect(state.multiColorBox[1]).toMatchObject({
      id: 1,
      model_id: 40001,
      slots: [{ index: 2, type: 'PLA' }],
    });
  });

  it('takes temperatures and fans from info, tempature and print update reports', () => {
    const state = createInitialState();
    applyReport(state, decodeReport('info', { data: capture('info_report.json') }), 1);
    expect(state.tempature).toMatchObject({
      curr_nozzle_temp: 45,
      curr_chamber_temp: 43,
      target_nozzle_temp: 0,
    });
    applyReport(
      state,
      decodeReport('tempature', { action: 'auto', data: { curr_nozzle_temp: 180, target_nozzle_temp: 210 } }),
      2,
    );
    expect(state.tempature).toMatchObject({
      curr_nozzle_temp: 180,
      target_nozzle_temp: 210,
      curr_hotbed_temp: 39,
    });
    applyReport(
      state,
      decodeReport('print', {
        action: 'update',
        state: 'updated',
        data: {
          taskid: '-1',
          curr_hotbed_temp: 58,
          curr_nozzle_temp: 205,
          settings: { target_hotbed_temp: 60, fan_speed_pct: 80, print_speed_mode: 3 },
        },
      }),
      3,
    );
    expect(state.tempature).toMatchObject({
      curr_hotbed_temp: 58,
      target_hotbed_temp: 60,
      curr_nozzle_temp: 205,
    });
    expect(state.fan.fan_speed_pct).toBe(80);
    applyReport(state, decodeReport('fan', { data: { fan_speed_pct: 20, aux_fan_speed_pct: 10 } }), 4);
    expect(state.fan).toMatchObject({ fan_speed_pct: 20, aux_fan_speed_pct: 10, box_fan_level: 0 });
  });

  it('merges print reports of one task and starts over for a new one', () => {
    const state = createInitialState();
    const print = (fields: Record<string, unknown>) => decodeReport('print', { action: 'start', ...fields });
    applyReport(
      state,
      print({
        state: 'printing',
        data: { taskid: '7', filename: 'a.gcode', progress: 10, total_layers: 100 },
      }),
      1,
    );
    applyReport(state, print({ state: 'printing', data: { taskid: '7', progress: 20 } }), 2);
    expect(state.print?.data).toMatchObject({ filename: 'a.gcode', progress: 20, total_layers: 100 });
    applyReport(
      state,
      print({ state: 'preheating', data: { taskid: '8', filename: 'b.gcode', progress: 0 } }),
      3,
    );
    expect(state.print?.data).toEqual({ taskid: '8', filename: 'b.gcode', progress: 0 });
    expect(state.print).toMatchObject({ state: 'preheating', action: 'start', updatedAt: 3 });
  });

  it('replaces the project when an info report says there is none', () => {
    const state = createInitialState();
    applyReport(state, decodeReport('info', { data: capture('info_report.json') }), 1);
    applyReport(state, decodeReport('info', { data: { state: 'free', project: null } }), 2);
    expect(state.info?.project).toBeNull();
    expect(state.info?.printerName).toBe('Anycubic Kobra S1 Max');
    expect(state.status).toBe('free');
  });

  it('tracks status, lastWill, lights by type, video, file lists and peripherals', () => {
    const state = createInitialState();
    applyReport(state, decodeReport('status', { state: 'busy' }), 1);
    applyReport(state, decodeReport('light', { data: capture('light_report.json') }), 1);
    applyReport(
      state,
      decodeReport('light', { action: 'control', data: { type: 3, status: 0, brightness: 0 } }),
      2,
    );
    applyReport(state, decodeReport('video', { action: 'startCapture', state: 'initSuccess' }), 3);
    applyReport(
      state,
      decodeReport('file', { action: 'listLocal', data: { records: [{ filename: 'a.gcode', size: 3 }] } }),
      4,
    );
    applyReport(state, decodeReport('file', { action: 'listUdisk', data: { records: [] } }), 4);
    applyReport(state, decodeReport('peripherie', { data: { camera: 1, multiColorBox: 1, udisk: 0 } }), 5);
    // Last: any later report from the printer would say it is back (see 'lastWill' below).
    applyReport(state, decodeReport('lastWill', { state: 'offline' }), 5);
    expect(state.status).toBe('busy');
    expect(state.lastWill).toBe('offline');
    expect(state.light).toEqual({
      2: { type: 2, status: 1, brightness: 100 },
      3: { type: 3, status: 0, brightness: 0 },
    });
    expect(state.video).toBe('initSuccess');
    expect(state.file.local?.records).toEqual([{ filename: 'a.gcode', size: 3 }]);
    expect(state.file.udisk?.records).toEqual([]);
    expect(state.peripherie).toEqual({ camera: 1, multiColorBox: 1, udisk: 0 });
    expect(state.updatedAt).toBe(5);
  });
});

describe('lastWill', () => {
  it('a report from the printer after its last will says it is back', () => {
    const state = createInitialState();
    applyReport(state, decodeReport('lastWill', { state: 'offline' }), 1);
    expect(state.lastWill).toBe('offline');
    applyReport(state, decodeReport('info', { data: { state: 'free' } }), 2);
    expect(state.lastWill).toBe('online');
  });
});
