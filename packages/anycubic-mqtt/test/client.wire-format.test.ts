// What the client puts on the wire, watched by a bare MQTT client on the same broker, compared with
// the seed's examples (msgid and timestamp are fresh per message, so they are checked for shape).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LightType } from '../src/protocol/models.js';
import { commandSpy, type Harness, startHarness } from './harness.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let h: Harness;
let spy: Awaited<ReturnType<typeof commandSpy>>;

beforeEach(async () => {
  h = await startHarness({}, { timeoutMs: 2_000 });
  await h.client.connect();
  spy = await commandSpy(h.mock, 20024, h.deviceId);
});

afterEach(async () => {
  await spy.close();
  await h.stop();
});

/** Runs a client call (its outcome does not matter here) and returns what it published. */
async function published(call: () => Promise<unknown>) {
  const before = spy.seen.length;
  await call().catch(() => undefined);
  await vi.waitFor(() => expect(spy.seen.length).toBe(before + 1));
  const { topic, message } = spy.last();
  expect(message.msgid).toMatch(UUID);
  expect(Math.abs(message.timestamp - Date.now())).toBeLessThan(60_000);
  const base = `anycubic/anycubicCloud/v1/`;
  expect(topic.startsWith(base)).toBe(true);
  return {
    topic: topic.slice(base.length).replace(`/printer/20024/${h.deviceId}`, ''),
    type: message.type,
    action: message.action,
    data: message.data,
  };
}

describe('commands on the wire match the seed', () => {
  it('info query', async () => {
    expect(await published(() => h.client.queryInfo())).toEqual({
      topic: 'web/info',
      type: 'info',
      action: 'query',
      data: null,
    });
  });

  it('print start, minimal and full, on the slicer root', async () => {
    expect(await published(() => h.client.startPrint('test_model/FlexibleShark-41m.gcode'))).toEqual({
      topic: 'slicer/print',
      type: 'print',
      action: 'start',
      data: { taskid: '-1', filename: 'test_model/FlexibleShark-41m.gcode', filetype: 1 },
    });
    const full = {
      taskid: '-1',
      url: 'https://anycubic.com/store/aaa.gcode',
      filename: 'test_model/FlexibleShark-41m.gcode',
      md5: '943c0dff568dd508e21af2d894bb6b49',
      filepath: null,
      filetype: 1,
      project_type: 1,
      filesize: 188000,
      ams_settings: {
        use_ams: true,
        ams_box_mapping: [
          {
            paint_index: 0,
            ams_index: 0,
            paint_color: [255, 255, 255, 255],
            ams_color: [255, 255, 255, 255],
            material_type: 'PLA',
          },
        ],
      },
      task_settings: {
        auto_leveling: 0,
        vibration_compensation: 0,
        ai_settings: { status: 0, count: 468, type: 723012352 },
      },
    };
    expect((await published(() => h.client.startPrint(full))).data).toEqual(full);
  });

  it('stop, pause and resume carry the current task', async () => {
    expect(await published(() => h.client.stopPrint())).toEqual({
      topic: 'web/print',
      type: 'print',
      action: 'stop',
      data: { taskid: '-1' },
    });
    expect((await published(() => h.client.pausePrint())).action).toBe('pause');
    expect((await published(() => h.client.resumePrint({ taskid: '492102245' }))).data).toEqual({
      taskid: '492102245',
    });
  });

  it('print update: bed and nozzle temperature, speed modes, fans, z offset', async () => {
    const update = (settings: Parameters<typeof h.client.updatePrint>[0]) =>
      published(() => h.client.updatePrint(settings, { taskid: '492102245' }));
    expect(await update({ target_hotbed_temp: 60 })).toEqual({
      topic: 'web/print',
      type: 'print',
      action: 'update',
      data: { taskid: '492102245', settings: { target_hotbed_temp: 60 } },
    });
    expect((await update({ target_nozzle_temp: 211 })).data).toEqual({
      taskid: '492102245',
      settings: { target_nozzle_temp: 211 },
    });
    for (const mode of [1, 2, 3] as const) {
      expect((await update({ print_speed_mode: mode })).data).toEqual({
        taskid: '492102245',
        settings: { print_speed_mode: mode },
      });
    }
    expect((await update({ fan_speed_pct: 40, aux_fan_speed_pct: 10, z_comp: 0.05 })).data).toEqual({
      taskid: '492102245',
      settings: { fan_speed_pct: 40, aux_fan_speed_pct: 10, z_comp: 0.05 },
    });
  });

  it('camera light and head light on and off', async () => {
    expect(await published(() => h.client.setLight(LightType.camera, true))).toEqual({
      topic: 'web/light',
      type: 'light',
      action: 'control',
      data: { type: 3, status: 1, brightness: 100 },
    });
    expect((await published(() => h.client.setLight(LightType.camera, false))).data).toEqual({
      type: 3,
      status: 0,
      brightness: 0,
    });
    expect((await published(() => h.client.setLight(LightType.head, true))).data).toEqual({
      type: 1,
      status: 1,
      brightness: 100,
    });
    expect((await published(() => h.client.setLight(LightType.head, false))).data).toEqual({
      type: 1,
      status: 0,
      brightness: 0,
    });
  });

  it('video start and stop capture with data null', async () => {
    expect(await published(() => h.client.startCamera())).toEqual({
      topic: 'web/video',
      type: 'video',
      action: 'startCapture',
      data: null,
    });
    expect((await published(() => h.client.stopCamera())).action).toBe('stopCapture');
  });

  it('the commands from the notes', async () => {
    expect((await published(() => h.client.setIdleTemperature({ nozzle: 200, bed: 60 }))).data).toEqual({
      type: 2,
      target_nozzle_temp: 200,
      target_hotbed_temp: 60,
    });
    expect((await published(() => h.client.setIdleTemperature({ bed: 55 }))).data).toEqual({
      type: 1,
      target_hotbed_temp: 55,
    });
    expect(await published(() => h.client.setFanSpeed(30))).toEqual({
      topic: 'web/fan',
      type: 'fan',
      action: 'setSpeed',
      data: { fan_speed_pct: 30 },
    });
    expect((await published(() => h.client.moveAxis({ axis: 3, move_type: 1, distance: 10 }))).data).toEqual({
      axis: 3,
      move_type: 1,
      distance: 10,
    });
    expect((await published(() => h.client.homeAxis())).data).toEqual({ axis: 5, move_type: 2, distance: 0 });
    expect((await published(() => h.client.turnOffAxes())).action).toBe('turnOff');
    expect(await published(() => h.client.listFiles('udisk', { pageNum: 2, pageSize: 10 }))).toEqual({
      topic: 'slicer/file',
      type: 'file',
      action: 'listUdisk',
      data: { path: '/', page_num: 2, page_size: 10 },
    });
    expect(await published(() => h.client.deleteFile('local', 'a.gcode'))).toEqual({
      topic: 'slicer/file',
      type: 'file',
      action: 'deleteLocal',
      data: { path: '/', filename: 'a.gcode' },
    });
    expect((await published(() => h.client.fileDetails('udisk', 'b.gcode'))).data).toEqual({
      root: 'udisk',
      filename: 'b.gcode',
    });
    expect((await published(() => h.client.queryPeripherals())).topic).toBe('web/peripherie');
    expect((await published(() => h.client.getAceInfo())).action).toBe('getInfo');
    expect(
      (await published(() => h.client.setAceDrying(0, { status: 1, target_temp: 45, duration: 240 }))).data,
    ).toEqual({
      multi_color_box: [{ id: 0, drying_status: { status: 1, target_temp: 45, duration: 240 } }],
    });
    expect((await published(() => h.client.feedFilament(2, 1))).data).toEqual({
      feed_status: { slot_index: 2, type: 1 },
    });
  });
});
