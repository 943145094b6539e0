import { createRealtimeClock } from '@printkit/printer-sim';
import { afterEach, describe, expect, it } from 'vitest';
import { type MockAnycubic, startMockAnycubic } from '../src/index.js';
import { Tester } from './helpers.js';

describe('realtime clock', () => {
  let mock: MockAnycubic | undefined;
  let tester: Tester | undefined;
  const clock = createRealtimeClock({ speed: 50 });
  afterEach(async () => {
    await tester?.close();
    await mock?.stop();
    clock.dispose();
  });

  it('pushes print reports on its own, and advance() explains it needs a manual clock', async () => {
    mock = await startMockAnycubic({ port: 0, httpPort: 0, clock, reportIntervalMs: 2000 });
    tester = await Tester.connect(mock, mock.printer());
    await tester.request('slicer', 'print', 'start', {
      taskid: '-1',
      filename: 'calibration-cube.gcode',
      filetype: 1,
    });
    // 50× speed: heating (~2 min sim) takes a few real seconds, then progress reports flow by themselves.
    const report = await tester.waitForReport((r) => r.type === 'print' && r.state === 'printing', 0, 20_000);
    expect(report.data.filename).toBe('calibration-cube.gcode');
    await expect(mock.advance(1000)).rejects.toThrow(/manual clock/);
  }, 30_000);
});
