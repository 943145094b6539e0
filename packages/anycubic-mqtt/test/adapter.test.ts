// The printkit Printer adapter against the mock: per-model capabilities, and the status it maps from
// the printer's reports (the shared conformance suite is in conformance.test.ts).

import { UnsupportedError } from '@printkit/core-types';
import type { startMockAnycubic } from '@printkit/mock-anycubic';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { capabilitiesForModel, reportedCamera } from '../src/adapter/capabilities.js';
import type { AnycubicPrinter } from '../src/adapter/printer.js';
import { KOBRA_3, KOBRA_S1, KOBRA_S1_MAX, LightType } from '../src/protocol/models.js';
import { rawClient, startPrinter } from './harness.js';

describe('capabilities per model', () => {
  it('declares the same capabilities for every gkapi model, and no G-code console', () => {
    for (const model of [KOBRA_3, KOBRA_S1, KOBRA_S1_MAX]) {
      const capabilities = capabilitiesForModel(model);
      expect(capabilities).toEqual(
        expect.arrayContaining(['print.start', 'camera', 'light', 'speed', 'fan', 'files.upload']),
      );
      expect(capabilities).not.toContain('gcode');
      expect(capabilities).not.toContain('temperature.chamber');
    }
  });
});

describe('camera from the table, then from peripherie', () => {
  it('takes the reported camera over the table either way, and the table while nothing was reported', () => {
    expect(capabilitiesForModel(KOBRA_3, { camera: false })).not.toContain('camera');
    expect(capabilitiesForModel(KOBRA_3, { camera: false }, true)).toContain('camera');
    expect(capabilitiesForModel(KOBRA_3, {}, false)).not.toContain('camera');
    expect(capabilitiesForModel(KOBRA_3, {}, undefined)).toContain('camera');
    expect(reportedCamera(1)).toBe(true);
    expect(reportedCamera(0)).toBe(false);
    expect(reportedCamera(2)).toBeUndefined();
    expect(reportedCamera(undefined)).toBeUndefined();
  });
});

describe('adapter over the mock', () => {
  let current: { mock: Awaited<ReturnType<typeof startMockAnycubic>>; printer: AnycubicPrinter } | undefined;

  afterEach(async () => {
    await current?.printer.close();
    await current?.mock.stop();
    current = undefined;
  });

  it('switches the chamber light on a Kobra S1 (no head light) and the head light on a Kobra 3', async () => {
    current = await startPrinter(KOBRA_S1);
    await current.printer.connect();
    await current.printer.setLight(true);
    expect(current.printer.client.state.light[LightType.chamber]).toMatchObject({ status: 1 });
    expect(current.printer.client.state.light[LightType.head]).toBeUndefined();
    // The mock refuses a head light on the S1, as the seed's note says the printer lacks one.
    await expect(current.printer.client.setLight(LightType.head, true)).rejects.toMatchObject({
      code: 'rejected',
    });
    await current.printer.close();
    await current.mock.stop();
    current = await startPrinter(KOBRA_3);
    await current.printer.connect();
    await current.printer.setLight(true);
    expect(current.printer.client.state.light[LightType.head]).toMatchObject({ status: 1 });
  });

  it('maps a print: job in seconds from wire minutes, layers, pause flag, speed and fan', async () => {
    current = await startPrinter();
    const { printer, mock } = current;
    await printer.connect();
    expect(printer.status.state).toBe('idle');
    await printer.startPrint('benchy.gcode');
    for (let i = 0; i < 100 && printer.status.state !== 'printing'; i++) await mock.advance(5_000);
    await mock.advance(120_000);
    const status = await printer.refresh();
    expect(status.state).toBe('printing');
    expect(status.job?.file).toBe('benchy.gcode');
    expect(status.job?.elapsedSeconds).toBeGreaterThan(0);
    expect((status.job?.elapsedSeconds ?? 1) % 60).toBe(0);
    expect(status.job?.remainingSeconds).toBeGreaterThan(0);
    expect(status.job?.totalLayers).toBeGreaterThan(0);
    expect(status.job?.progress).toBeGreaterThan(0);
    await printer.setSpeed(150);
    expect(printer.client.state.print?.data.settings?.print_speed_mode).toBe(3);
    await printer.setFan(40);
    expect(printer.client.state.fan.fan_speed_pct).toBe(40);
    await printer.setTargetTemperature('bed', 70);
    expect(printer.status.temperatures.bed?.target).toBe(70);
    await printer.pause();
    for (let i = 0; i < 30 && printer.status.state !== 'paused'; i++) await mock.advance(1_000);
    expect((await printer.refresh()).state).toBe('paused');
    expect(printer.client.state.info?.project?.pause).toBe(1);
  });

  it('keeps temperatures fresh during a print when the printer pushes no info (pushInfo: false)', async () => {
    // Print reports flow faster than the poll interval but carry no temperatures: info must still be
    // polled, or the status would show the temperatures of the moment the print started.
    current = await startPrinter(
      KOBRA_3,
      { pollIntervalMs: 200 },
      { pushInfo: false, reportIntervalMs: 1_000 },
    );
    const { printer, mock } = current;
    const sim = mock.printer().sim;
    await printer.connect();
    await printer.startPrint('benchy.gcode');
    for (let i = 0; i < 100 && sim.state !== 'printing'; i++) await mock.advance(5_000);
    expect(sim.state).toBe('printing');

    let printReports = 0;
    printer.client.on('report', (report) => {
      if (report.type === 'print') printReports++;
    });
    let flowing = true;
    const flow = (async () => {
      while (flowing) {
        await mock.advance(1_000); // one pushed print report per sim second (reportIntervalMs 1000)
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    try {
      sim.setTarget('nozzle', 230); // changed on the printer itself: no report announces it
      await vi.waitFor(
        () => {
          const nozzle = printer.status.temperatures.nozzle;
          expect(nozzle?.target).toBe(230);
          expect(nozzle?.actual).toBeGreaterThan(215); // heating up from ~210, read during the print
        },
        { timeout: 10_000, interval: 20 },
      );
    } finally {
      flowing = false;
      await flow;
    }
    expect(printer.status.state).toBe('printing');
    expect(printReports).toBeGreaterThan(10);
  });

  it('says why a print failed: the firmware code named in the status message', async () => {
    current = await startPrinter();
    const { printer, mock } = current;
    await printer.connect();
    await printer.startPrint('benchy.gcode');
    for (let i = 0; i < 100 && printer.status.state !== 'printing'; i++) await mock.advance(5_000);
    mock.printer().sim.fail({ code: '10107', message: 'runout on slot 2' });
    await mock.advance(1_000);
    await vi.waitFor(() =>
      expect(printer.status).toMatchObject({
        state: 'error',
        message: 'Filament runout (10107): runout on slot 2',
      }),
    );
    // The info report that follows shows the job in last_project; the reason stays.
    expect(await printer.refresh()).toMatchObject({
      state: 'error',
      message: 'Filament runout (10107): runout on slot 2',
    });
    expect(printer.client.state.info?.last_project?.state).toBe('failed');
  });

  it('goes offline on the printer lastWill and back when it returns', async () => {
    current = await startPrinter();
    const { printer, mock } = current;
    await printer.connect();
    await mock.printer().powerOff();
    await vi.waitFor(() => expect(printer.status.state).toBe('offline'));
    await mock.printer().powerOn();
    await vi.waitFor(() => expect(printer.client.state.lastWill).toBe('online'));
    expect((await printer.refresh()).state).toBe('idle');
  });

  it('declares the camera as peripherie reports it: table before, then each report (camera 1 / 0)', async () => {
    // The table (overridden to "no camera") decides before the printer has said anything.
    current = await startPrinter(KOBRA_3, { model: { camera: false } });
    const { printer, mock } = current;
    expect(printer.capabilities.has('camera')).toBe(false);
    await expect(printer.camera()).rejects.toSatisfy(UnsupportedError.isInstance);
    // After connect the adapter asks `peripherie/query`; the mock answers camera 1.
    await printer.connect();
    await vi.waitFor(() => expect(printer.capabilities.has('camera')).toBe(true));
    expect(printer.client.state.peripherie?.camera).toBe(1);
    // A report saying camera 0 withdraws it; camera 1 declares it again.
    const injector = await rawClient(mock);
    const report = (camera: number) =>
      injector.publishAsync(
        printer.client.topics.report('peripherie'),
        JSON.stringify({ type: 'peripherie', action: 'query', state: 'done', code: 200, data: { camera } }),
      );
    await report(0);
    await vi.waitFor(() => expect(printer.capabilities.has('camera')).toBe(false));
    await expect(printer.camera()).rejects.toSatisfy(UnsupportedError.isInstance);
    expect(printer.capabilities.has('light')).toBe(true);
    await report(1);
    await vi.waitFor(() => expect(printer.capabilities.has('camera')).toBe(true));
    await injector.endAsync();
    await expect(printer.camera()).resolves.toMatchObject({ kind: 'stream' });
  });

  it('gives supplies_usage with the unit of the model table: grams on a Kobra S1, mm else, overridable', async () => {
    const cases = [
      { model: KOBRA_S1, extra: {}, unit: 'g' },
      { model: KOBRA_3, extra: {}, unit: 'mm' },
      { model: KOBRA_S1, extra: { model: { suppliesUnit: 'mm' as const } }, unit: 'mm' },
    ];
    for (const { model, extra, unit } of cases) {
      current = await startPrinter(model, extra);
      const { printer, mock } = current;
      await printer.connect();
      expect(printer.suppliesUsage).toBeUndefined();
      await printer.startPrint('benchy.gcode');
      for (let i = 0; i < 100 && printer.status.state !== 'printing'; i++) await mock.advance(5_000);
      await mock.advance(600_000);
      await printer.refresh();
      const raw = printer.client.state.info?.project?.supplies_usage;
      expect(raw).toBeGreaterThan(0);
      expect(printer.suppliesUsage).toEqual({ amount: raw, unit });
      await printer.close();
      await mock.stop();
      current = undefined;
    }
  });

  it('gives the camera stream and lists the uploaded file with its size', async () => {
    current = await startPrinter();
    const { printer, mock } = current;
    await printer.connect();
    const feed = await printer.camera();
    expect(feed).toEqual({ kind: 'stream', url: `${mock.httpUrl}/flv`, format: 'flv' });
    const data = new TextEncoder().encode('G28\nG1 X10\n');
    await printer.uploadFile('adapter.gcode', data);
    const files = await printer.listFiles();
    expect(files.find((file) => file.path === 'adapter.gcode')).toMatchObject({
      sizeBytes: data.byteLength,
      storage: 'local',
    });
  });

  it('reports malformed pushes as error events and keeps working', async () => {
    current = await startPrinter();
    const { printer, mock } = current;
    await printer.connect();
    const errors: string[] = [];
    printer.on('error', (error) => errors.push(error.code));
    mock.printer().faults.add({ operation: 'info/query', kind: 'malformed' });
    await expect(printer.refresh({ timeoutMs: 300 })).rejects.toMatchObject({ code: 'timeout' });
    expect(errors).toContain('protocol');
    await expect(printer.refresh()).resolves.toMatchObject({ state: 'idle' });
  });
});

describe('model table overrides', () => {
  it('declares no camera and switches another light when told so for this printer', () => {
    expect(capabilitiesForModel(KOBRA_3, { camera: false })).not.toContain('camera');
    expect(capabilitiesForModel(KOBRA_3, { lights: [] })).not.toContain('light');
    expect(capabilitiesForModel(KOBRA_3)).toEqual(expect.arrayContaining(['camera', 'light']));
  });
});
