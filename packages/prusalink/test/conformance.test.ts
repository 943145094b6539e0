/** The shared Printer conformance suite against the mock, over Digest (v1) and X-Api-Key (legacy). */
import { describePrinterConformance } from '@printkit/core-types/testing';
import { startMockPrusaLink } from '@printkit/mock-prusalink';
import { createPrusaLinkPrinter } from '../src/index.js';

describePrinterConformance('prusalink (v1, digest)', async () => {
  const mock = await startMockPrusaLink({ port: 0 });
  const printer = createPrusaLinkPrinter({
    url: mock.url,
    password: mock.options.password,
    pollIntervalMs: 0,
  });
  return {
    printer,
    sim: { advance: (ms) => mock.advance(ms) },
    printableFile: 'cube.gcode',
    cleanup: () => mock.stop(),
  };
});

describePrinterConformance('prusalink (legacy, api key)', async () => {
  const mock = await startMockPrusaLink({ port: 0, dialect: 'legacy' });
  const printer = createPrusaLinkPrinter({ url: mock.url, apiKey: mock.options.apiKey, pollIntervalMs: 0 });
  return {
    printer,
    sim: { advance: (ms) => mock.advance(ms) },
    printableFile: 'cube.gcode',
    cleanup: () => mock.stop(),
  };
});
