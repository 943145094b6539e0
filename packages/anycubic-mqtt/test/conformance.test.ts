// The shared printkit conformance suite, run against the adapter over the aedes mock: the gkapi
// plain port (Kobra 3, Kobra S1 Max) and LAN mode from the host alone (Kobra S1).
import { describePrinterConformance } from '@printkit/core-types/testing';
import { startMockAnycubic } from '@printkit/mock-anycubic';
import { createAnycubicPrinter } from '../src/adapter/printer.js';
import { KOBRA_S1_MAX } from '../src/protocol/models.js';
import { lanOptions } from '../src/transport/handshake.js';
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

describePrinterConformance(
  'anycubic (LAN mode: discovery, signed handshake, MQTTS, Kobra S1)',
  async () => {
    const mock = await startMockAnycubic({
      port: 0,
      httpPort: 0,
      tls: { port: 0 },
      printers: [{ modelId: 20025 }],
    });
    const port = Number(new URL(mock.httpUrl).port);
    const options = await lanOptions('127.0.0.1', {
      port,
      tls: { fingerprint256: mock.tls?.fingerprint256 ?? '' },
    });
    const printer = createAnycubicPrinter({ ...options, pollIntervalMs: 0, timeoutMs: 5_000 });
    return {
      printer,
      sim: { advance: (ms) => mock.advance(ms) },
      printableFile: 'calibration-cube.gcode',
      cleanup: () => mock.stop(),
    };
  },
  { stepMs: 5_000 },
);
