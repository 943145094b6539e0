import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MockAnycubic, startMockAnycubic } from '../src/index.js';
import { type Report, Tester } from './helpers.js';

const MINIMAL_START = { taskid: '-1', filename: 'benchy.gcode', filetype: 1 };

/** The seed's full example payload, pointed at a file the sim has. */
const FULL_START = {
  taskid: '-1',
  url: 'https://anycubic.com/store/aaa.gcode',
  filename: 'test_model/benchy.gcode',
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

const pair = (r: Report) => `${r.action}/${r.state}`;

describe('print job reports', () => {
  let mock: MockAnycubic;
  let tester: Tester;
  beforeEach(async () => {
    mock = await startMockAnycubic({ port: 0, httpPort: 0 });
    tester = await Tester.connect(mock, mock.printer());
  });
  afterEach(async () => {
    await tester.close();
    await mock.stop();
  });

  const printReports = (since = 0) => tester.reports(since).filter((r) => r.type === 'print');

  /** Advances in steps until a print report matches; returns it. */
  async function advanceUntil(
    predicate: (r: Report) => boolean,
    stepMs: number,
    maxSteps = 500,
  ): Promise<Report> {
    for (let step = 0; step < maxSteps; step++) {
      const found = printReports().find(predicate);
      if (found) return found;
      await mock.advance(stepMs);
      await tester.request('web', 'info', 'query'); // everything pushed before it has arrived
    }
    throw new Error('condition never reached');
  }

  it('runs a whole print: checking → preheating → printing (periodic, minutes) → finished', async () => {
    const start = await tester.request('slicer', 'print', 'start', MINIMAL_START);
    expect(start).toMatchObject({ type: 'print', action: 'start', state: 'checking', code: 200 });
    expect(start.data).toEqual({ taskid: '-1', filename: 'benchy.gcode' });
    await tester.waitForReport((r) => r.type === 'print' && r.state === 'preheating');
    await tester.waitForReport((r) => r.type === 'status' && r.state === 'busy');

    await advanceUntil((r) => r.state === 'printing', 10_000);
    const halfway = await advanceUntil((r) => r.state === 'printing' && r.data.progress >= 50, 60_000);
    // benchy: 2700 s estimated → at 50% about 22 minutes remain; seconds would be ~1350.
    expect(halfway.data.remain_time).toBeGreaterThanOrEqual(20);
    expect(halfway.data.remain_time).toBeLessThanOrEqual(23);
    expect(halfway.data.print_time).toBeGreaterThanOrEqual(22);
    expect(halfway.data.print_time).toBeLessThan(60);
    expect(halfway.data).toMatchObject({ taskid: '-1', filename: 'benchy.gcode', total_layers: 120 });
    expect(Object.keys(halfway.data).sort()).toEqual(
      [
        'curr_layer',
        'filename',
        'localtask',
        'print_time',
        'progress',
        'remain_time',
        'slicer',
        'supplies_usage',
        'taskid',
        'total_layers',
      ].sort(),
    );
    const finished = await advanceUntil((r) => r.state === 'finished', 60_000);
    expect(finished).toMatchObject({ action: 'start', code: 200 });
    expect(finished.data).toMatchObject({ progress: 100, curr_layer: 120, remain_time: 0 });
    await tester.waitForReport((r) => r.type === 'status' && r.state === 'free');

    // The order of distinct pairs, and progress never goes backwards.
    const pairs = printReports().map(pair);
    const distinct = pairs.filter((p, i) => p !== pairs[i - 1]);
    expect(distinct).toEqual(['start/checking', 'start/preheating', 'start/printing', 'start/finished']);
    const progress = printReports()
      .filter((r) => r.state === 'printing')
      .map((r) => r.data.progress as number);
    expect(progress.length).toBeGreaterThan(20);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    // Idle again: the ended job moved from `project` (null when idle) to `last_project`.
    const info = await tester.request('web', 'info', 'query');
    expect(info.data.state).toBe('free');
    expect(info.data.project).toBeNull();
    expect(info.data.last_project).toMatchObject({
      filename: 'benchy.gcode',
      state: 'finished',
      progress: 100,
    });
  });

  it('pushes print reports every reportIntervalMs of sim time while printing', async () => {
    const printer = mock.printer();
    printer.sim.startPrint('benchy.gcode');
    await mock.advance(200_000);
    expect(printer.sim.state).toBe('printing');
    await tester.request('web', 'info', 'query'); // drains the reports pushed so far
    const since = tester.mark();
    await mock.advance(25_000);
    await tester.request('web', 'info', 'query');
    const periodic = printReports(since).filter((r) => r.state === 'printing');
    expect(periodic).toHaveLength(5);
    expect(periodic.map((r) => r.timestamp)).toEqual(
      periodic.map((_, i) => periodic[0]!.timestamp + i * 5000),
    );
  });

  it('accepts the full start payload (url, md5, ams_settings, task_settings) and keeps task_settings', async () => {
    const start = await tester.request('slicer', 'print', 'start', { ...FULL_START, taskid: '492102245' });
    expect(start.state).toBe('checking');
    const info = await tester.request('web', 'info', 'query');
    expect(info.data.project).toMatchObject({ taskid: '492102245', task_settings: FULL_START.task_settings });
  });

  it('refuses a start while a task is active with 10101', async () => {
    await tester.request('slicer', 'print', 'start', MINIMAL_START);
    const again = await tester.request('slicer', 'print', 'start', MINIMAL_START);
    expect(again).toMatchObject({ type: 'print', action: 'start', state: 'failed', code: 10101 });
  });

  it('refuses an unknown file or a start without filename with 10115', async () => {
    const unknown = await tester.request('slicer', 'print', 'start', {
      ...MINIMAL_START,
      filename: 'nope.gcode',
    });
    expect(unknown).toMatchObject({ state: 'failed', code: 10115 });
    expect(unknown.msg).toContain('nope.gcode');
    const missing = await tester.request('slicer', 'print', 'start', { taskid: '-1', filetype: 1 });
    expect(missing).toMatchObject({ state: 'failed', code: 10115 });
    expect(mock.printer().sim.state).toBe('idle');
  });

  it('pause → pausing → paused, resume → resuming → resumed → printing, stop → stopping → stoped', async () => {
    const sim = mock.printer().sim;
    sim.startPrint('benchy.gcode');
    await mock.advance(200_000);
    expect(sim.state).toBe('printing');
    await tester.request('web', 'info', 'query'); // drains the reports pushed so far
    const since = tester.mark();
    tester.send('web', 'print', 'pause', { taskid: '-1' });
    await tester.waitForReport((r) => r.state === 'pausing', since);
    await mock.advance(1000);
    await tester.waitForReport((r) => r.state === 'paused', since);
    let info = await tester.request('web', 'info', 'query');
    expect(info.data.project).toMatchObject({ state: 'paused', pause: 1 });

    tester.send('web', 'print', 'resume', { taskid: '-1' });
    await tester.waitForReport((r) => r.state === 'resuming', since);
    await mock.advance(1000);
    await tester.waitForReport((r) => r.action === 'start' && r.state === 'printing', since);

    tester.send('web', 'print', 'stop', { taskid: '-1' });
    await tester.waitForReport((r) => r.state === 'stopping', since);
    info = await tester.request('web', 'info', 'query');
    expect(info.data.project).toMatchObject({ state: 'stopping', pause: 4 });
    await mock.advance(1000);
    await tester.waitForReport((r) => r.state === 'stoped', since);
    expect(printReports(since).map(pair)).toEqual([
      'pause/pausing',
      'pause/paused',
      'resume/resuming',
      'resume/resumed',
      'start/printing',
      'stop/stopping',
      'stop/stoped',
    ]);
    info = await tester.request('web', 'info', 'query');
    expect(info.data).toMatchObject({
      state: 'free',
      project: null,
      last_project: { filename: 'benchy.gcode', state: 'stoped' },
    });
  });

  it('pausing while preheating still reports pausing then paused', async () => {
    await tester.request('slicer', 'print', 'start', MINIMAL_START);
    const since = tester.mark();
    tester.send('web', 'print', 'pause', { taskid: '-1' });
    await tester.waitForReport((r) => r.state === 'paused', since);
    expect(printReports(since).map(pair)).toEqual(['pause/pausing', 'pause/paused']);
  });

  it('refuses pause/resume/stop with nothing to act on (mock code 10001)', async () => {
    for (const action of ['pause', 'resume', 'stop']) {
      const report = await tester.request('web', 'print', action, { taskid: '-1' });
      expect(report).toMatchObject({ type: 'print', action, state: 'failed', code: 10001 });
    }
  });

  it('applies print/update settings while printing and answers updated', async () => {
    const sim = mock.printer().sim;
    sim.startPrint('benchy.gcode');
    await mock.advance(200_000);
    const report = await tester.request('web', 'print', 'update', {
      taskid: '-1',
      settings: {
        target_hotbed_temp: 65,
        target_nozzle_temp: 215,
        print_speed_mode: 3,
        fan_speed_pct: 80,
        aux_fan_speed_pct: 40,
        box_fan_level: 2,
        z_comp: 0.05,
      },
    });
    expect(report).toMatchObject({ type: 'print', action: 'update', state: 'updated', code: 200 });
    expect(report.data.settings).toEqual({
      target_hotbed_temp: 65,
      target_nozzle_temp: 215,
      fan_speed_pct: 80,
      aux_fan_speed_pct: 40,
      box_fan_level: 2,
      print_speed_pct: 150,
      print_speed_mode: 3,
      z_comp: 0.05,
    });
    expect(typeof report.data.curr_nozzle_temp).toBe('number');
    expect(sim.snapshot()).toMatchObject({ speedPercent: 150, fanPercent: 80 });
    const bad = await tester.request('web', 'print', 'update', {
      taskid: '-1',
      settings: { print_speed_mode: 7 },
    });
    expect(bad).toMatchObject({ state: 'failed' });
  });

  it('ignores print/update silently when idle (ack only)', async () => {
    const since = tester.mark();
    const msgid = tester.send('web', 'print', 'update', {
      taskid: '-1',
      settings: { target_hotbed_temp: 60 },
    });
    await tester.waitForAck(msgid, since);
    await tester.request('web', 'info', 'query');
    expect(tester.reports(since).filter((r) => r.msgid === msgid)).toEqual([]);
    expect(mock.printer().sim.snapshot().temperatures.bed.target).toBe(0);
  });

  it('reports a failed job with the reason in msg and the firmware code', async () => {
    const sim = mock.printer().sim;
    sim.startPrint('benchy.gcode');
    await mock.advance(200_000);
    const since = tester.mark();
    sim.fail({ code: '11801', message: 'spaghetti detected' });
    await mock.advance(0);
    const failed = await tester.waitForReport((r) => r.type === 'print' && r.state === 'failed', since);
    expect(failed).toMatchObject({ action: 'start', code: 11801, msg: 'spaghetti detected' });
    const info = await tester.request('web', 'info', 'query');
    expect(info.data).toMatchObject({
      state: 'free',
      project: null,
      last_project: { filename: 'benchy.gcode', state: 'failed' },
    });
  });

  it('can report print_time/remain_time in seconds when configured (the disputed unit)', async () => {
    await tester.close();
    await mock.stop();
    mock = await startMockAnycubic({ port: 0, httpPort: 0, printTimeUnit: 'seconds' });
    tester = await Tester.connect(mock, mock.printer());
    mock.printer().sim.startPrint('benchy.gcode');
    await mock.advance(200_000);
    const info = await tester.request('web', 'info', 'query');
    expect(info.data.project.remain_time).toBeGreaterThan(2000);
  });
});
