/** The Printer adapter beyond the conformance suite: states, quirks, capabilities, polling, auth on reconnect. */
import {
  AuthError,
  type ConnectionState,
  type PrinterStatus,
  type PrintkitError,
} from '@printkit/core-types';
import { type StartedMockPrusaLink, startMockPrusaLink } from '@printkit/mock-prusalink';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrusaLinkPrinter, type PrusaLinkPrinter, type PrusaLinkPrinterOptions } from '../src/index.js';

const opened: Array<{ printer: PrusaLinkPrinter; mock: StartedMockPrusaLink }> = [];
afterEach(async () => {
  for (const { printer, mock } of opened.splice(0)) {
    await printer.close();
    await mock.stop();
  }
});

async function setUp(
  mockOptions: Parameters<typeof startMockPrusaLink>[0] = {},
  printerOptions: Partial<PrusaLinkPrinterOptions> = {},
) {
  const mock = await startMockPrusaLink(mockOptions);
  const auth = printerOptions.apiKey === undefined ? { password: mock.options.password } : {};
  const printer = createPrusaLinkPrinter({ url: mock.url, ...auth, pollIntervalMs: 0, ...printerOptions });
  opened.push({ printer, mock });
  return { mock, printer };
}

describe('adapter', () => {
  it('declares v1 capabilities, with camera only when /api/v1/info says active_camera', async () => {
    const { printer } = await setUp();
    await printer.connect();
    expect([...printer.capabilities].sort()).toEqual(
      [
        'camera',
        'files.list',
        'files.upload',
        'print.cancel',
        'print.pause',
        'print.resume',
        'print.start',
      ].sort(),
    );
    const { printer: noCamera } = await setUp({ camera: false });
    await noCamera.connect();
    expect(noCamera.capabilities.has('camera')).toBe(false);
    expect(noCamera.capabilities.has('temperature.nozzle')).toBe(false);
  });

  it('maps ATTENTION to paused with a message while printing, BUSY to busy, ERROR to error', async () => {
    const { mock, printer } = await setUp();
    await printer.connect();
    mock.setBusy(true);
    expect((await printer.refresh()).state).toBe('busy');
    mock.setBusy(false);
    await printer.startPrint('cube.gcode');
    mock.requireAttention();
    const attention = await printer.refresh();
    expect(attention).toMatchObject({ state: 'paused', rawState: 'ATTENTION', job: { file: 'cube.gcode' } });
    expect(attention.message).toMatch(/attention/);
    mock.sim.fail({ code: 'x', message: 'Thermal runaway' });
    mock.clearAttention();
    expect((await printer.refresh()).state).toBe('error');
  });

  it('reports temperatures and progress as a 0..1 fraction from the v1 percent', async () => {
    const { mock, printer } = await setUp();
    await printer.connect();
    await printer.startPrint('cube.gcode');
    await mock.advance(200_000);
    const status = await printer.refresh();
    expect(status.state).toBe('printing');
    expect(status.temperatures.nozzle?.target).toBe(215);
    expect(status.job?.progress).toBeGreaterThan(0);
    expect(status.job?.progress).toBeLessThan(1);
    expect(status.job?.remainingSeconds).toBeGreaterThan(0);
  });

  it('reads legacy completion as a fraction by default, as a percent when configured', async () => {
    const fraction = await setUp({ dialect: 'legacy' }, { apiKey: 'printkit-pass' });
    const percent = await setUp(
      { dialect: 'legacy', legacyCompletionScale: 'percent' },
      { apiKey: 'printkit-pass', legacyProgressScale: 'percent' },
    );
    for (const { mock, printer } of [fraction, percent]) {
      await printer.connect();
      mock.sim.startPrint('cube.gcode');
      await mock.advance(200_000);
      const status = await printer.refresh();
      expect(status.state).toBe('printing');
      expect(status.job?.progress).toBeGreaterThan(0.2);
      expect(status.job?.progress).toBeLessThan(1);
    }
  });

  it('a wrong scale setting is caught: a percent read as a fraction is dropped and reported', async () => {
    const { mock, printer } = await setUp(
      { dialect: 'legacy', legacyCompletionScale: 'percent' },
      { apiKey: 'printkit-pass' },
    );
    await printer.connect();
    const errors: PrintkitError[] = [];
    printer.on('error', (error) => errors.push(error));
    mock.sim.startPrint('cube.gcode');
    await mock.advance(200_000);
    const status = await printer.refresh();
    expect(status.job?.progress).toBe(0);
    expect(errors[0]?.message).toMatch(/progress\.completion/);
  });

  it('lists files in folders and uploads into the default storage', async () => {
    const { printer } = await setUp();
    await printer.connect();
    await printer.uploadFile('dir/part.gcode', new TextEncoder().encode('G28\n'));
    const files = await printer.listFiles();
    expect(files.map((f) => f.path).sort()).toEqual(['benchy.gcode', 'cube.gcode', 'dir/part.gcode']);
    expect(files.find((f) => f.path === 'cube.gcode')).toMatchObject({ storage: 'usb', sizeBytes: 120_000 });
  });

  it('pause without a job rejects with the printer refusal, not a crash', async () => {
    const { printer } = await setUp();
    await printer.connect();
    await expect(printer.pause()).rejects.toMatchObject({ code: 'rejected' });
  });

  it('returns a JPEG snapshot as the camera feed', async () => {
    const { printer } = await setUp();
    await printer.connect();
    const feed = await printer.camera();
    expect(feed.kind).toBe('snapshot');
    if (feed.kind === 'snapshot') expect(feed.contentType).toBe('image/jpeg');
  });

  it('polls in the background: status events follow the printer, a lost link is reconnecting, then connected', async () => {
    const { mock, printer } = await setUp({}, { pollIntervalMs: 20, maxRetries: 0 });
    const states: ConnectionState[] = [];
    const statuses: PrinterStatus[] = [];
    const errors: PrintkitError[] = [];
    printer.on('connection', (state) => states.push(state));
    printer.on('status', (status) => statuses.push(status));
    printer.on('error', (error) => errors.push(error));
    await printer.connect();
    mock.sim.startPrint('cube.gcode');
    await expect.poll(() => statuses.at(-1)?.state, { timeout: 2_000 }).toBe('printing');
    mock.faults.add({ operation: 'GET /api/v1/status', kind: 'drop', times: 3 });
    await expect.poll(() => states.includes('reconnecting'), { timeout: 2_000 }).toBe(true);
    await expect.poll(() => states.at(-1), { timeout: 5_000 }).toBe('connected');
    expect(errors).toHaveLength(1);
  });

  it('a refusal on the first connect rejects connect(); on a later poll it is one AuthError event', async () => {
    const { printer: refused } = await setUp({}, { password: 'wrong' });
    await expect(refused.connect()).rejects.toSatisfy((error) => AuthError.isInstance(error));

    const { mock, printer } = await setUp({}, { pollIntervalMs: 20, maxRetries: 0 });
    const errors: PrintkitError[] = [];
    printer.on('error', (error) => errors.push(error));
    await printer.connect();
    mock.faults.add({ operation: 'GET /api/v1/status', kind: 'auth-failure', times: 4 });
    await expect.poll(() => printer.connectionState, { timeout: 2_000 }).toBe('reconnecting');
    await expect.poll(() => printer.connectionState, { timeout: 10_000 }).toBe('connected');
    expect(errors.filter((e) => AuthError.isInstance(e))).toHaveLength(1);
  }, 15_000);
});
