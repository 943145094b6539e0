// The shared printkit conformance suite, run against the adapter over the aedes mock.
import { describePrinterConformance } from '@printkit/core-types/testing';
import { KOBRA_S1_MAX } from '../src/protocol/models.js';
import { startPrinter } from './harness.js';

describePrinterConformance(
  'anycubic (aedes mock, Kobra 3)',
  async () => {
    const { mock, printer } = await startPrinter();
    return {
      printer,
      sim: { advance: (ms) => mock.advance(ms) },
      printableFile: 'calibration-cube.gcode',
      cleanup: () => mock.stop(),
    };
  },
  { stepMs: 5_000 },
);

describePrinterConformance(
  'anycubic (aedes mock, Kobra S1 Max)',
  async () => {
    const { mock, printer } = await startPrinter(KOBRA_S1_MAX);
    return {
      printer,
      sim: { advance: (ms) => mock.advance(ms) },
      printableFile: 'calibration-cube.gcode',
      cleanup: () => mock.stop(),
    };
  },
  { stepMs: 5_000 },
);
