/**
 * The query set a LAN client sends on connect and every ~15 s (notes, "LAN mode on stock firmware" step 6)
 * and the reply shapes of "More wire facts": every kind answered as the captures show, or silent where
 * the printer is.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MockAnycubic, startMockAnycubic } from '../src/index.js';
import { Tester } from './helpers.js';

const START = { taskid: '-1', filename: 'benchy.gcode', filetype: 1 };

describe('the LAN query set', () => {
  let mock: MockAnycubic;
  let tester: Tester;
  beforeEach(async () => {
    mock = await startMockAnycubic({ port: 0, httpPort: 0, printers: [{ modelId: 20025 }] });
    tester = await Tester.connect(mock, mock.printer());
  });
  afterEach(async () => {
    await tester.close();
    await mock.stop();
  });

  it('answers info, tempature, fan, light, multiColorBox/getInfo, aiSettings, peripherie and axis in their shapes', async () => {
    const info = await tester.request('web', 'info', 'query');
    expect(info).toMatchObject({ action: 'report', state: 'done', data: { model: 'Anycubic Kobra S1' } });
    const temp = await tester.request('web', 'tempature', 'query');
    expect(Object.keys(temp.data).sort()).toEqual(
      [
        'curr_chamber_temp',
        'curr_hotbed_temp',
        'curr_nozzle_temp',
        'target_chamber_temp',
        'target_hotbed_temp',
        'target_nozzle_temp',
      ].sort(),
    );
    const fan = await tester.request('web', 'fan', 'query');
    expect(Object.keys(fan.data).sort()).toEqual(['aux_fan_speed_pct', 'box_fan_level', 'fan_speed_pct']);
    const light = await tester.request('web', 'light', 'query');
    expect(light.data.lights).toEqual([
      { type: 2, status: 0, brightness: 0 },
      { type: 3, status: 0, brightness: 0 },
    ]);
    const ace = await tester.request('web', 'multiColorBox', 'getInfo', {});
    expect(ace.state).toBe('success');
    expect(ace.data.multi_color_box[0]).toMatchObject({ id: 0, slots: expect.any(Array) });
    // The Kobra S1 capture, nested under data.ai_settings.
    expect((await tester.request('web', 'aiSettings', 'query')).data).toEqual({
      ai_settings: { status: 0, type: 2, count: 60, notice_type: [0, 1], sensitivity_level: [1, 1] },
    });
    expect((await tester.request('web', 'peripherie', 'query')).data).toEqual({
      camera: 1,
      multiColorBox: 1,
      udisk: 0,
    });
    expect((await tester.request('web', 'axis', 'query')).data).toEqual({
      coordinates: { x: 0, y: 0, z: 0 },
    });
  });

  it('print/query and extfilbox/query stay silent when the printer has nothing to say', async () => {
    const since = tester.mark();
    const silentPrint = tester.send('web', 'print', 'query');
    const silentBox = tester.send('web', 'extfilbox', 'query');
    // Both are acked; an info answer after them proves nothing else came first.
    await tester.waitForAck(silentBox, since);
    await tester.request('web', 'info', 'query');
    expect(tester.reports(since).filter((r) => r.msgid === silentPrint || r.msgid === silentBox)).toEqual([]);
    expect(tester.acks(since)).toEqual(expect.arrayContaining([silentPrint, silentBox]));
  });

  it('extfilbox/query reports the external spool of a printer without an ACE', async () => {
    await tester.close();
    await mock.stop();
    mock = await startMockAnycubic({ port: 0, httpPort: 0, printers: [{ aceUnits: 0 }] });
    tester = await Tester.connect(mock, mock.printer());
    const spool = await tester.request('web', 'extfilbox', 'query');
    expect(spool).toMatchObject({ type: 'extfilbox', action: 'reportInfo', state: 'success' });
    expect(Object.keys(spool.data).sort()).toEqual(
      ['color', 'current_status', 'id', 'loaded', 'status_type', 'type'].sort(),
    );
    expect((await tester.request('web', 'peripherie', 'query')).data.multiColorBox).toBe(0);
  });

  it('print/query answers the job like info.project, with the integer task_id', async () => {
    await tester.request('slicer', 'print', 'start', START);
    await mock.advance(1000);
    const job = await tester.request('web', 'print', 'query');
    expect(job).toMatchObject({ type: 'print', action: 'query', state: 'preheating' });
    expect(job.data).toMatchObject({ filename: 'benchy.gcode', print_status: 6, pause: 0 });
    expect(Number.isInteger(job.data.task_id)).toBe(true);
    const info = await tester.request('web', 'info', 'query');
    expect(info.data.project.task_id).toBe(job.data.task_id);
  });

  it('reports supplies_usage in grams on the S1 (filament mm on a Kobra 3)', async () => {
    await tester.request('slicer', 'print', 'start', START);
    await mock.advance(1_200_000);
    const mm = mock.printer().sim.snapshot().job?.filamentMm ?? 0;
    expect(mm).toBeGreaterThan(1000);
    const s1 = (await tester.request('web', 'info', 'query')).data.project.supplies_usage;
    // 1.75 mm PLA: about 2.98 g per metre.
    expect(s1).toBe(Math.round(mm * Math.PI * 0.875 ** 2 * 1.24e-3));
    expect(s1).toBeLessThan(mm / 100);

    const kobra3 = await startMockAnycubic({ port: 0, httpPort: 0 });
    const other = await Tester.connect(kobra3, kobra3.printer());
    try {
      await other.request('slicer', 'print', 'start', START);
      await kobra3.advance(1_200_000);
      const k3mm = kobra3.printer().sim.snapshot().job?.filamentMm ?? 0;
      expect((await other.request('web', 'info', 'query')).data.project.supplies_usage).toBe(
        Math.round(k3mm),
      );
    } finally {
      await other.close();
      await kobra3.stop();
    }
  });

  it('light/control answers one {type, status, brightness}, as the firmware does', async () => {
    const on = await tester.request('web', 'light', 'control', { type: 2, status: 1, brightness: 100 });
    expect(on).toMatchObject({ type: 'light', action: 'control', state: 'done', code: 200 });
    expect(on.data).toEqual({ type: 2, status: 1, brightness: 100 });
    const off = await tester.request('web', 'light', 'control', { type: 2, status: 0, brightness: 0 });
    expect(off.data).toEqual({ type: 2, status: 0, brightness: 0 });
  });

  it.each([
    ['"-1"', () => '-1'],
    ['the real task_id as an integer', (taskId: number) => taskId],
    ['the real task_id as a string', (taskId: number) => String(taskId)],
  ])('pause / resume / stop accept %s; another id is refused', async (_label, taskid) => {
    await tester.request('slicer', 'print', 'start', START);
    await mock.advance(200_000);
    const taskId = (await tester.request('web', 'info', 'query')).data.project.task_id as number;
    const wrong = await tester.request('web', 'print', 'pause', { taskid: taskId + 1 });
    expect(wrong).toMatchObject({ state: 'failed' });
    expect(wrong.code).not.toBe(200);
    // The transitions are the printer's own reports (fresh msgids), so wait for them by state.
    const since = tester.mark();
    tester.send('web', 'print', 'pause', { taskid: taskid(taskId) });
    await tester.waitForReport((r) => r.state === 'pausing', since);
    await mock.advance(1000);
    await tester.waitForReport((r) => r.state === 'paused', since);
    tester.send('web', 'print', 'resume', { taskid: taskid(taskId) });
    await tester.waitForReport((r) => r.state === 'resuming', since);
    await mock.advance(1000);
    await tester.waitForReport((r) => r.state === 'resumed', since);
    tester.send('web', 'print', 'stop', { taskid: taskid(taskId) });
    await tester.waitForReport((r) => r.state === 'stopping', since);
    await mock.advance(1000);
    await tester.waitForReport((r) => r.state === 'stoped', since);
    expect(mock.printer().sim.state).toBe('cancelled');
  });
});

describe('Kobra X habits while printing', () => {
  let mock: MockAnycubic;
  let tester: Tester;
  beforeEach(async () => {
    mock = await startMockAnycubic({ port: 0, httpPort: 0, printers: [{ modelId: 20030 }] });
    tester = await Tester.connect(mock, mock.printer());
  });
  afterEach(async () => {
    await tester.close();
    await mock.stop();
  });

  it('sends print_status 0 mid-print, messages with an empty type and bare {"msgid":""} acks', async () => {
    await tester.request('slicer', 'print', 'start', START);
    await mock.advance(200_000);
    expect(mock.printer().sim.state).toBe('printing');
    const since = tester.mark();
    await mock.advance(5_000);
    const info = await tester.request('web', 'info', 'query');
    expect(info.data.project).toMatchObject({ state: 'printing', print_status: 0 });
    const noise = tester.received.slice(since);
    expect(noise.some((m) => m.topic.endsWith('/print/report') && m.json?.type === '')).toBe(true);
    expect(noise.some((m) => m.topic.endsWith('/response') && m.raw === '{"msgid":""}')).toBe(true);
  });
});

describe('Kobra 3 V2 lights', () => {
  it('type 3 is the chamber LED and type 1 the camera light (notes, More wire facts)', async () => {
    const mock = await startMockAnycubic({ port: 0, httpPort: 0, printers: [{ modelId: 20027 }] });
    const tester = await Tester.connect(mock, mock.printer());
    try {
      const sim = mock.printer().sim;
      await tester.request('web', 'light', 'control', { type: 3, status: 1, brightness: 100 });
      expect(sim.snapshot().lights).toMatchObject({ chamber: true, camera: false });
      await tester.request('web', 'light', 'control', { type: 1, status: 1, brightness: 100 });
      expect(sim.snapshot().lights).toMatchObject({ chamber: true, camera: true });
      expect(Object.keys(sim.snapshot().lights).sort()).toEqual(['camera', 'chamber']);
    } finally {
      await tester.close();
      await mock.stop();
    }
  });
});
