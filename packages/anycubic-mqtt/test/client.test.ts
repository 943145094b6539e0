// The client against the aedes mock over loopback: every command and the reports it produces.
import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toPrinterStatus } from '../src/adapter/status.js';
import type { AnyReport } from '../src/protocol/wire.js';
import { commandSpy, type Harness, rawClient, startHarness } from './harness.js';

let h: Harness;

afterEach(async () => {
  await h?.stop();
});

describe('client ⇄ mock', () => {
  beforeEach(async () => {
    h = await startHarness();
    await h.client.connect();
  });

  it('queries info: the mock urls, idle state, temperatures', async () => {
    const info = await h.client.queryInfo();
    expect(info.state).toBe('free');
    expect(info.project).toBeNull();
    expect(info.urls?.fileUploadurl).toMatch(new RegExp(`^${h.mock.httpUrl}/gcode_upload\\?s=`));
    expect(h.client.state.tempature.curr_nozzle_temp).toEqual(expect.any(Number));
    expect(h.client.state.info).toBe(info);
    expect(h.client.connectionState).toBe('connected');
  });

  it('hears the status and lastWill reports as the printer powers off and on', async () => {
    const printer = h.mock.printer();
    await printer.powerOff();
    await vi.waitFor(() => expect(h.client.state.lastWill).toBe('offline'));
    await printer.powerOn();
    await vi.waitFor(() => expect(h.client.state.lastWill).toBe('online'));
    expect(h.client.state.status).toBe('free');
  });

  it('runs a whole print on the manual clock: preheating → printing with progress → finished', async () => {
    const reports: AnyReport[] = [];
    h.client.on('report', (report) => {
      if (report.type === 'print') reports.push(report);
    });
    const started = await h.client.startPrint('calibration-cube.gcode');
    expect(started.report).toMatchObject({ type: 'print', action: 'start', rawState: 'checking' });
    expect(h.client.isPrinting).toBe(true);
    for (let step = 0; step < 400 && h.client.state.print?.rawState !== 'finished'; step++) {
      await h.mock.advance(5_000);
    }
    expect(h.client.state.print?.rawState).toBe('finished');
    const states = reports.map((report) => report.rawState);
    expect(states.slice(0, 3)).toEqual(['checking', 'preheating', 'printing']);
    expect(states.at(-1)).toBe('finished');
    const progress = reports
      .filter((r) => r.rawState === 'printing')
      .map((r) => (r.type === 'print' ? (r.data?.progress ?? 0) : 0));
    expect(progress.length).toBeGreaterThan(10);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    // Minutes on the wire: the 900 s estimate is at most ~20 minutes of printing.
    const last = h.client.state.print?.data;
    expect(last?.print_time).toBeGreaterThanOrEqual(14);
    expect(last?.print_time).toBeLessThan(30);
    expect(h.client.isPrinting).toBe(false);
    // Idle again: `project` is null and the ended job is `last_project` (notes: "project (null when idle)").
    const info = await h.client.queryInfo();
    expect(info.project).toBeNull();
    expect(info.last_project).toMatchObject({ state: 'finished', filename: 'calibration-cube.gcode' });
    expect(h.client.isPrinting).toBe(false);
    expect(toPrinterStatus(h.client.state)).toMatchObject({
      state: 'finished',
      job: { file: 'calibration-cube.gcode', progress: 1 },
    });
  });

  it.each([
    ['finished', 2, 'finished'],
    ['stoped', 3, 'cancelled'],
  ] as const)(
    'reads an info project that still shows the ended job (%s) as ended, not printing',
    async (projectState, printStatus, expected) => {
      // The mock clears `project` when a job ends; a firmware that keeps it for a while must read the same.
      const injector = await rawClient(h.mock);
      const project = {
        filename: 'a.gcode',
        progress: 100,
        state: projectState,
        print_status: printStatus,
        pause: 0,
      };
      await injector.publishAsync(
        h.client.topics.report('info'),
        JSON.stringify({
          type: 'info',
          action: 'report',
          msgid: 'm',
          state: 'done',
          code: 200,
          msg: 'done',
          data: { state: 'free', project },
        }),
      );
      await injector.endAsync();
      await vi.waitFor(() => expect(h.client.state.info?.project?.state).toBe(projectState));
      expect(h.client.isPrinting).toBe(false);
      expect(toPrinterStatus(h.client.state)).toMatchObject({
        state: expected,
        job: { file: 'a.gcode', progress: 1 },
      });
    },
  );

  it('pauses, resumes and stops with the intermediate states', async () => {
    await h.client.startPrint('calibration-cube.gcode');
    await h.mock.advance(120_000);
    expect(h.client.state.print?.rawState).toBe('printing');
    const paused = await h.client.pausePrint();
    expect(paused.report?.action).toBe('pause');
    for (let i = 0; i < 30 && h.client.state.print?.rawState !== 'paused'; i++) await h.mock.advance(1_000);
    expect(h.client.state.print?.rawState).toBe('paused');
    expect((await h.client.queryInfo()).project).toMatchObject({ state: 'paused', pause: 1 });
    const resumed = await h.client.resumePrint();
    expect(resumed.report?.action).toBe('resume');
    for (let i = 0; i < 30 && h.client.state.print?.rawState !== 'printing'; i++) await h.mock.advance(1_000);
    expect(h.client.state.print?.rawState).toBe('printing');
    const stopped = await h.client.stopPrint();
    expect(stopped.report?.action).toBe('stop');
    for (let i = 0; i < 30 && h.client.state.print?.rawState !== 'stoped'; i++) await h.mock.advance(1_000);
    expect(h.client.state.print?.rawState).toBe('stoped');
  });

  it('updates settings while printing (report) and is ignored while idle (ack only)', async () => {
    const idle = await h.client.updatePrint({ print_speed_mode: 3 });
    expect(idle.report).toBeUndefined();
    expect(idle.ack?.msgid).toBe(idle.msgid);
    await h.client.startPrint('calibration-cube.gcode');
    await h.mock.advance(60_000);
    const updated = await h.client.updatePrint({
      target_hotbed_temp: 65,
      target_nozzle_temp: 215,
      print_speed_mode: 3,
      fan_speed_pct: 70,
    });
    expect(updated.report).toMatchObject({ action: 'update', rawState: 'updated' });
    expect(h.client.state.tempature).toMatchObject({ target_hotbed_temp: 65, target_nozzle_temp: 215 });
    expect(h.client.state.print?.data.settings).toMatchObject({ print_speed_mode: 3, fan_speed_pct: 70 });
    expect(h.client.state.fan.fan_speed_pct).toBe(70);
  });

  it('sets idle temperatures and the fan', async () => {
    const temp = await h.client.setIdleTemperature({ nozzle: 190, bed: 55 });
    expect(temp.report?.type).toBe('tempature');
    expect(h.client.state.tempature).toMatchObject({ target_nozzle_temp: 190, target_hotbed_temp: 55 });
    await h.client.setFanSpeed(35);
    expect(h.client.state.fan.fan_speed_pct).toBe(35);
  });

  it('switches and queries lights', async () => {
    await h.client.setLight(1, true, { brightness: 80 });
    await h.client.setLight(3, false);
    const lights = await h.client.queryLights();
    expect(lights).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 1, status: 1, brightness: 80 }),
        expect.objectContaining({ type: 3, status: 0 }),
      ]),
    );
    expect(h.client.state.light[1]).toMatchObject({ status: 1, brightness: 80 });
  });

  it('starts the camera and exposes an FLV URL that serves bytes only after startCapture', async () => {
    await h.client.queryInfo();
    const before = await request(h.client.cameraUrl);
    await before.body.dump();
    expect(before.statusCode).not.toBe(200);
    const stream = await h.client.startCamera();
    expect(stream).toEqual({ url: `${h.mock.httpUrl}/flv`, format: 'flv' });
    expect(h.client.state.video).toBe('initSuccess');
    const controller = new AbortController();
    const response = await request(stream.url, { signal: controller.signal });
    expect(response.statusCode).toBe(200);
    for await (const chunk of response.body) {
      expect(
        Buffer.from(chunk as Uint8Array)
          .subarray(0, 3)
          .toString(),
      ).toBe('FLV');
      break;
    }
    controller.abort();
    await h.client.stopCamera();
    expect(h.client.state.video).toBe('pushStopped');
  });

  it('moves, homes, releases and queries the axes', async () => {
    await expect(h.client.moveAxis({ axis: 3, move_type: 1, distance: 5 })).rejects.toMatchObject({
      code: 'rejected',
      printerMessage: expect.stringContaining('home'),
    });
    await h.client.homeAxis();
    const moved = await h.client.moveAxis({ axis: 3, move_type: 1, distance: 5 });
    expect(moved.report?.type).toBe('axis');
    await h.client.turnOffAxes();
    const query = await h.client.queryAxes();
    expect(query.report?.data).toEqual(expect.any(Object));
  });

  it('lists files with paging, reads details, deletes, lists the USB stick', async () => {
    const page = await h.client.listFiles('local', { pageNum: 1, pageSize: 1 });
    expect(page.records).toHaveLength(1);
    const all = await h.client.listAllFiles('local', { pageSize: 1 });
    expect(all.map((record) => record.filename).sort()).toEqual(['benchy.gcode', 'calibration-cube.gcode']);
    expect(h.client.state.file.local?.records).toHaveLength(1);
    const details = await h.client.fileDetails('local', 'benchy.gcode');
    expect(details).toEqual(expect.any(Object));
    await h.client.deleteFile('local', 'benchy.gcode');
    expect((await h.client.listAllFiles('local')).map((record) => record.filename)).toEqual([
      'calibration-cube.gcode',
    ]);
    expect((await h.client.listFiles('udisk')).records ?? []).toEqual([]);
  });

  it('uploads over HTTP to the URL from the info report; the file lands in the local list', async () => {
    const result = await h.client.uploadFile(
      'upload-test.gcode',
      new TextEncoder().encode(';FLAVOR:Marlin\nG28\n'),
    );
    expect(result.statusCode).toBe(200);
    const names = (await h.client.listAllFiles('local')).map((record) => record.filename);
    expect(names).toContain('upload-test.gcode');
  });

  it('queries peripherals and drives the multi-colour box, merging its partial answers', async () => {
    expect(await h.client.queryPeripherals()).toMatchObject({ multiColorBox: expect.anything() });
    const ace = await h.client.getAceInfo();
    const box = ace.multi_color_box?.[0];
    expect(box?.slots?.length).toBeGreaterThan(0);
    await h.client.setAceSlots(0, [{ index: 0, type: 'PETG', color: [1, 2, 3] }]);
    await h.client.setAceDrying(0, { status: 1, target_temp: 45, duration: 240 });
    await h.client.setAceAutoFeed(0, true);
    await h.client.feedFilament(1, 1);
    const merged = h.client.state.multiColorBox[0];
    expect(merged?.slots?.length).toBe(box?.slots?.length);
    expect(merged?.slots?.[0]).toMatchObject({ index: 0, type: 'PETG', color: [1, 2, 3] });
    expect(merged).toMatchObject({
      auto_feed: 1,
      loaded_slot: 1,
      drying_status: { status: 1, target_temp: 45, duration: 240 },
    });
  });
});

describe('push and poll', () => {
  it('takes pushed info and tempature reports (pushInfo) without asking', async () => {
    h = await startHarness({ pushInfo: true, reportIntervalMs: 1_000 });
    await h.client.connect();
    expect(h.client.state.info).toBeUndefined();
    await h.mock.advance(1_000);
    await vi.waitFor(() => expect(h.client.state.info?.state).toBe('free'));
  });

  it('polls info after connecting and on its interval when the printer pushes nothing', async () => {
    h = await startHarness({}, { pollIntervalMs: 50 });
    const queries: number[] = [];
    h.client.on('report', (report) => {
      if (report.type === 'info') queries.push(Date.now());
    });
    await h.client.connect();
    await vi.waitFor(() => expect(queries.length).toBeGreaterThanOrEqual(3), { timeout: 5_000 });
    expect(h.client.state.info?.urls?.fileUploadurl).toBeDefined();
  });

  it('does not poll a printer that pushes info within every interval (pushInfo)', async () => {
    h = await startHarness({ pushInfo: true, reportIntervalMs: 1_000 }, { pollIntervalMs: 150 });
    const spy = await commandSpy(h.mock, h.client.modelId, h.client.deviceId);
    const pushes: number[] = [];
    h.client.on('report', (report) => {
      if (report.type === 'tempature') pushes.push(performance.now());
    });
    await h.client.connect();
    await vi.waitFor(() => expect(spy.seen.length).toBe(1)); // the query after connecting
    // Pushes every few ms for well over three poll intervals.
    const started = performance.now();
    while (performance.now() - started < 600) {
      await h.mock.advance(1_000);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(pushes.length).toBeGreaterThan(10);
    // A loaded machine can stall the pushes for a whole interval; each such stall may earn one poll.
    const gaps = pushes.slice(1).map((at, i) => at - (pushes[i] as number));
    const stalls = gaps.reduce((sum, gap) => sum + Math.floor(gap / 150), 0);
    expect(spy.seen.every((c) => c.message.type === 'info')).toBe(true);
    expect(spy.seen.length).toBeLessThanOrEqual(1 + stalls);
    await spy.close();
  });
});

describe('the job id pause, resume and stop send', () => {
  it("sends info.project.task_id (the job's real id) once the printer gave one", async () => {
    const h = await startHarness();
    try {
      await h.client.connect();
      const spy = await commandSpy(h.mock, h.client.modelId, h.deviceId);
      await h.client.startPrint('calibration-cube.gcode');
      await h.mock.advance(60_000);
      const info = await h.client.queryInfo();
      const taskId = info.project?.task_id;
      expect(taskId).toEqual(expect.any(Number));
      await h.client.pausePrint();
      const pause = spy.seen.find((entry) => entry.message.action === 'pause');
      expect(pause?.message.data).toEqual({ taskid: taskId });
      await spy.close();
    } finally {
      await h.stop();
    }
  });
});
