/** The shared printkit conformance suite: the adapter against the loopback mock. */
import { describePrinterConformance } from '@printkit/core-types/testing';
import { startMockPrusaConnect } from '@printkit/mock-prusa-connect';
import { createPrusaConnectPrinter } from '../src/index.js';
import { CUBE, TOKEN, UUID } from './helpers.js';

describePrinterConformance(
  'prusa-connect',
  async () => {
    const mock = await startMockPrusaConnect({ port: 0 });
    const printer = createPrusaConnectPrinter({ baseUrl: mock.url, token: TOKEN, printerUuid: UUID });
    return {
      printer,
      sim: { advance: (ms) => mock.advance(ms) },
      printableFile: CUBE,
      cleanup: () => mock.stop(),
    };
  },
  { stepMs: 5_000 },
);
