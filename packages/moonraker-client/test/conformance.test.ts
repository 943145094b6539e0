// The shared Printer contract, run against the Moonraker adapter and the mock.

import { describePrinterConformance } from '@printkit/core-types/testing';
import { startMockMoonraker } from '@printkit/mock-moonraker';
import { createMoonrakerPrinter } from '../src/adapter/printer.js';

describePrinterConformance('moonraker', async () => {
  const mock = await startMockMoonraker({ port: 0 });
  // A short job keeps the suite fast (the default files take 15 and 45 minutes of sim time).
  mock.sim.addFile({ name: 'conformance-cube.gcode', sizeBytes: 20_000, estimatedSeconds: 120, layers: 10 });
  return {
    printer: createMoonrakerPrinter({ url: mock.url, reconnect: { initialDelayMs: 10, maxDelayMs: 100 } }),
    sim: { advance: (ms) => mock.advance(ms) },
    printableFile: 'conformance-cube.gcode',
    cleanup: () => mock.stop(),
  };
});
