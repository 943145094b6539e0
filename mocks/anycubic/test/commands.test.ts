import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MockAnycubic, startMockAnycubic } from '../src/index.js';
import { commandTopicOf, reportTopicOf, Tester } from './helpers.js';

const lightCapture = JSON.parse(
  readFileSync(new URL('./fixtures/light_report.json', import.meta.url), 'utf8'),
) as { lights: Array<Record<string, unknown>> };

describe('machine and file commands', () => {
  let mock: MockAnycubic;
  let tester: Tester;
  beforeEach(async () => {
    mock = await startMockAnycubic({
      port: 0,
      httpPort: 0,
      printers: [
        {
          udiskFiles: Array.from({ length: 5 }, (_, i) => ({
            filename: `usb-${i}.gcode`,
            size: 1000 + i,
            timestamp: 1_700_000_000_000 + i,
          })),
        },
      ],
    });
    tester = await Tester.connect(mock, mock.printer());
  });
  afterEach(async () => {
    await tester.close();
    await mock.stop();
  });

  it('tempature/set sets targets while idle (type 0 nozzle, 1 bed, 2 both) and tempature/query reads them', async () => {
    const sim = mock.printer().sim;
    const both = await tester.request('web', 'tempature', 'set', {
      type: 2,
      target_hotbed_temp: 55,
      target_nozzle_temp: 200,
    });
    expect(both).toMatchObject({ type: 'tempature', action: 'set', state: 'done', code: 200 });
    expect(both.data).toMatchObject({ target_hotbed_temp: 55, target_nozzle_temp: 200 });
    await tester.request('web', 'tempature', 'set', {
      type: 1,
      target_hotbed_temp: 70,
      target_nozzle_temp: 0,
    });
    expect(sim.snapshot().temperatures).toMatchObject({ bed: { target: 70 }, nozzle: { target: 200 } });
    await tester.request('web', 'tempature', 'set', { type: 0, target_nozzle_temp: 180 });
    expect(sim.snapshot().temperatures.nozzle.target).toBe(180);
    await mock.advance(120_000);
    const query = await tester.request('web', 'tempature', 'query');
    expect(query).toMatchObject({ action: 'query', state: 'done' });
    expect(query.data.curr_nozzle_temp).toBeGreaterThan(170);
    const tooHot = await tester.request('web', 'tempature', 'set', { type: 0, target_nozzle_temp: 999 });
    expect(tooHot).toMatchObject({ state: 'failed', code: 10001 });
    const badType = await tester.request('web', 'tempature', 'set', { type: 9, target_nozzle_temp: 200 });
    expect(badType.state).toBe('failed');
  });

  it('fan/setSpeed and fan/query', async () => {
    const set = await tester.request('web', 'fan', 'setSpeed', { fan_speed_pct: 60 });
    expect(set).toMatchObject({
      type: 'fan',
      action: 'setSpeed',
      state: 'done',
      data: { fan_speed_pct: 60, aux_fan_speed_pct: 0, box_fan_level: 0 },
    });
    expect(mock.printer().sim.snapshot().fanPercent).toBe(60);
    expect((await tester.request('web', 'fan', 'query')).data.fan_speed_pct).toBe(60);
    expect((await tester.request('web', 'fan', 'setSpeed', {})).state).toBe('failed');
    expect((await tester.request('web', 'fan', 'setSpeed', { fan_speed_pct: 150 })).state).toBe('failed');
  });

  it('light/control switches the head and camera lights; light/query is shaped like the capture', async () => {
    const on = await tester.request('web', 'light', 'control', { type: 3, status: 1, brightness: 100 });
    expect(on).toMatchObject({
      type: 'light',
      action: 'control',
      state: 'done',
      data: { type: 3, status: 1, brightness: 100 },
    });
    await tester.request('web', 'light', 'control', { type: 1, status: 1, brightness: 40 });
    const query = await tester.request('web', 'light', 'query');
    expect(Object.keys(query.data)).toEqual(Object.keys(lightCapture));
    for (const light of query.data.lights)
      expect(Object.keys(light).sort()).toEqual(Object.keys(lightCapture.lights[0]!).sort());
    expect(query.data.lights).toEqual([
      { type: 1, status: 1, brightness: 40 },
      { type: 3, status: 1, brightness: 100 },
    ]);
    expect(mock.printer().sim.snapshot().lights).toEqual({ head: true, camera: true });
    const off = await tester.request('web', 'light', 'control', { type: 3, status: 0, brightness: 0 });
    expect(off.data).toEqual({ type: 3, status: 0, brightness: 0 });
  });

  it('refuses a light the model lacks (no chamber light on a Kobra 3, no head light on an S1)', async () => {
    const chamber = await tester.request('web', 'light', 'control', { type: 2, status: 1, brightness: 100 });
    expect(chamber).toMatchObject({ state: 'failed', code: 10001 });
    await tester.close();
    await mock.stop();
    mock = await startMockAnycubic({ port: 0, httpPort: 0, printers: [{ modelId: 20025 }] });
    tester = await Tester.connect(mock, mock.printer());
    expect(
      (await tester.request('web', 'light', 'control', { type: 1, status: 1, brightness: 100 })).state,
    ).toBe('failed');
    expect(
      (await tester.request('web', 'light', 'control', { type: 2, status: 1, brightness: 100 })).state,
    ).toBe('done');
  });

  it('video/startCapture → initSuccess, stopCapture → pushStopped', async () => {
    const start = await tester.request('web', 'video', 'startCapture', null);
    expect(start).toMatchObject({ type: 'video', action: 'startCapture', state: 'initSuccess', code: 200 });
    expect(mock.printer().online).toBe(true);
    const stop = await tester.request('web', 'video', 'stopCapture', null);
    expect(stop).toMatchObject({ type: 'video', action: 'stopCapture', state: 'pushStopped' });
  });

  it('axis/move homes and moves relative; moving unhomed is refused', async () => {
    const unhomed = await tester.request('web', 'axis', 'move', { axis: 1, move_type: 1, distance: 10 });
    expect(unhomed).toMatchObject({ state: 'failed' });
    // A finished move is `done` with `data: null`; the position comes from axis/query (notes).
    const home = await tester.request('web', 'axis', 'move', { axis: 5, move_type: 2, distance: 0 });
    expect(home).toMatchObject({ state: 'done', data: null });
    expect((await tester.request('web', 'axis', 'query')).data).toEqual({
      coordinates: { x: 0, y: 0, z: 0 },
    });
    await tester.request('web', 'axis', 'move', { axis: 4, move_type: 1, distance: 10 });
    expect((await tester.request('web', 'axis', 'query')).data.coordinates).toMatchObject({
      x: 10,
      y: 10,
      z: 0,
    });
    await tester.request('web', 'axis', 'move', { axis: 1, move_type: 0, distance: 4 });
    expect((await tester.request('web', 'axis', 'query')).data).toEqual({
      coordinates: { x: 6, y: 10, z: 0 },
    });
    expect(await tester.request('web', 'axis', 'turnOff')).toMatchObject({ state: 'done', data: null });
    expect((await tester.request('web', 'axis', 'move', { axis: 9, move_type: 1 })).state).toBe('failed');
  });

  it('file/listLocal pages through the local files; missing paging → 10112', async () => {
    const page = await tester.request('slicer', 'file', 'listLocal', {
      path: '/',
      page_num: 1,
      page_size: 1,
    });
    expect(page).toMatchObject({ type: 'file', action: 'listLocal', state: 'done', code: 200 });
    expect(page.data.records).toHaveLength(1);
    expect(page.data.list_mode).toBe(0);
    expect(Object.keys(page.data.records[0]).sort()).toEqual([
      'filename',
      'is_dir',
      'plate_number',
      'size',
      'timestamp',
    ]);
    expect(page.data.total).toBe(2);
    const second = await tester.request('slicer', 'file', 'listLocal', {
      path: '/',
      page_num: 2,
      page_size: 1,
    });
    const names = [page.data.records[0].filename, second.data.records[0].filename].sort();
    expect(names).toEqual(['benchy.gcode', 'calibration-cube.gcode']);
    const missing = await tester.request('slicer', 'file', 'listLocal', { path: '/' });
    expect(missing).toMatchObject({ state: 'failed', code: 10112 });
    // A list without a path: 10112 "path is empty" (notes, "More wire facts").
    const noPath = await tester.request('slicer', 'file', 'listLocal', { page_num: 1, page_size: 10 });
    expect(noPath).toMatchObject({ state: 'failed', code: 10112, msg: 'path is empty' });
    const zero = await tester.request('slicer', 'file', 'listLocal', {
      path: '/',
      page_num: 0,
      page_size: 10,
    });
    expect(zero.code).toBe(10112);
  });

  it('file/listUdisk pages the USB files newest first', async () => {
    const page = await tester.request('slicer', 'file', 'listUdisk', {
      path: '/',
      page_num: 2,
      page_size: 2,
    });
    expect(page.data.records.map((r: { filename: string }) => r.filename)).toEqual([
      'usb-2.gcode',
      'usb-1.gcode',
    ]);
    expect((await tester.request('slicer', 'file', 'listUdisk', { path: '/', page_size: 2 })).code).toBe(
      10112,
    );
  });

  it('file/deleteLocal, deleteUdisk and fileDetails', async () => {
    const details = await tester.request('slicer', 'file', 'fileDetails', {
      root: 'local',
      filename: 'benchy.gcode',
    });
    expect(details.data).toMatchObject({
      root: 'local',
      filename: 'benchy.gcode',
      size: 1_234_567,
      total_layers: 120,
      estimate_time: 45,
    });
    const usb = await tester.request('slicer', 'file', 'fileDetails', {
      root: 'udisk',
      filename: 'usb-0.gcode',
    });
    expect(usb.data).toMatchObject({ filename: 'usb-0.gcode', size: 1000 });
    const deleted = await tester.request('slicer', 'file', 'deleteLocal', {
      path: '/',
      filename: 'benchy.gcode',
    });
    expect(deleted).toMatchObject({ state: 'done', data: { filename: 'benchy.gcode' } });
    expect(mock.printer().sim.getFile('benchy.gcode')).toBeUndefined();
    expect(
      (await tester.request('slicer', 'file', 'deleteLocal', { path: '/', filename: 'benchy.gcode' })).code,
    ).toBe(10115);
    expect(
      (await tester.request('slicer', 'file', 'fileDetails', { root: 'local', filename: 'benchy.gcode' }))
        .code,
    ).toBe(10115);
    expect(
      (await tester.request('slicer', 'file', 'deleteUdisk', { path: '/', filename: 'usb-4.gcode' })).state,
    ).toBe('done');
    expect(
      (await tester.request('slicer', 'file', 'deleteUdisk', { path: '/', filename: 'usb-4.gcode' })).code,
    ).toBe(10115);
  });

  it('refuses to delete the file being printed', async () => {
    mock.printer().sim.startPrint('benchy.gcode');
    const report = await tester.request('slicer', 'file', 'deleteLocal', {
      path: '/',
      filename: 'benchy.gcode',
    });
    expect(report).toMatchObject({ state: 'failed', code: 10101 });
  });

  it('peripherie/query names camera, multiColorBox and udisk', async () => {
    const report = await tester.request('web', 'peripherie', 'query');
    expect(report).toMatchObject({
      type: 'peripherie',
      state: 'done',
      data: { camera: 1, multiColorBox: 1, udisk: 1 },
    });
  });

  it('peripherie/query says camera 0 for a printer made without one', async () => {
    const bare = await startMockAnycubic({
      port: 0,
      httpPort: 0,
      printers: [{ camera: false, aceUnits: 0 }],
    });
    const other = await Tester.connect(bare, bare.printer());
    try {
      const report = await other.request('web', 'peripherie', 'query');
      expect(report).toMatchObject({ data: { camera: 0, multiColorBox: 0, udisk: 0 } });
    } finally {
      await other.close();
      await bare.stop();
    }
  });

  it('acks and ignores an unknown type or action (the notes do not describe an answer)', async () => {
    const since = tester.mark();
    const unknownType = tester.send('web', 'teleport', 'now', {});
    const unknownAction = tester.send('web', 'print', 'explode', {});
    await tester.request('web', 'info', 'query');
    await tester.waitForAck(unknownType, since);
    await tester.waitForAck(unknownAction, since);
    expect(tester.reports(since).filter((r) => r.msgid === unknownType || r.msgid === unknownAction)).toEqual(
      [],
    );
  });

  it('survives malformed commands: not JSON, no type, data not an object; acks those with a msgid', async () => {
    const since = tester.mark();
    const topic = commandTopicOf(mock.printer(), 'web', 'info');
    tester.client.publish(topic, '{not json');
    tester.client.publish(topic, JSON.stringify([1, 2]));
    tester.client.publish(topic, JSON.stringify({ action: 'query', msgid: 'no-type' }));
    tester.client.publish(
      topic,
      JSON.stringify({ type: 'info', action: 'query', msgid: 'bad-data', data: 'x' }),
    );
    tester.client.publish(topic, JSON.stringify({ type: 'info', action: 'query', msgid: 7 }));
    const report = await tester.request('web', 'info', 'query');
    expect(report.state).toBe('done');
    expect(tester.acks(since)).toEqual(expect.arrayContaining(['no-type', 'bad-data']));
    // The broken ones get no report; a command whose msgid is not a string is still answered (with a
    // msgid of the printer's own) but cannot be acked.
    const answered = tester.reports(since).filter((r) => r.type === 'info');
    expect(answered).toHaveLength(2);
    expect(answered.map((r) => r.msgid)).not.toContain('bad-data');
    expect(tester.acks(since)).not.toContain('7');
  });

  it('answers a command published to the bare device topic (no type suffix) by its JSON type', async () => {
    const since = tester.mark();
    const printer = mock.printer();
    tester.client.publish(
      `anycubic/anycubicCloud/v1/web/printer/${printer.modelId}/${printer.deviceId}`,
      JSON.stringify({ type: 'info', action: 'query', msgid: 'bare', timestamp: 1, data: null }),
    );
    const report = await tester.waitForReport((r) => r.msgid === 'bare', since);
    expect(report.type).toBe('info');
    expect(tester.received.find((m) => m.json?.msgid === 'bare' && m.topic.endsWith('/report'))?.topic).toBe(
      reportTopicOf(printer, 'info'),
    );
  });
});
