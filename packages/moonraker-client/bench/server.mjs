// The server side of the benchmark, in its own process so that the client-side figures (CPU and
// heap) measure only the client: one mock Moonraker for the round trips and `fleetMocks` more for
// the fleet figure. Reports their URLs to the parent over IPC.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { startMockMoonraker } from '@printkit/mock-moonraker';

// The fleet's printers run in real time, as the mocks app runs them (mock-moonraker README,
// "Realtime mode"): the sim comes from the mock's own dependency, so this package needs none.
const fromMock = createRequire(import.meta.resolve('@printkit/mock-moonraker'));
const { PrinterSim, createRealtimeClock } = await import(
  pathToFileURL(fromMock.resolve('@printkit/printer-sim')).href
);

const fleetMocks = Number(process.argv[2] ?? 4);
const mock = await startMockMoonraker({ port: 0 });
const fleet = [];
for (let i = 0; i < fleetMocks; i++)
  fleet.push(
    await startMockMoonraker({
      port: 0,
      sim: new PrinterSim({ clock: createRealtimeClock({ speed: 1 }), seed: i + 1 }),
    }),
  );
process.send({
  mockUrl: mock.url,
  mockWsUrl: mock.wsUrl,
  fleetUrls: fleet.map((m) => m.url),
  fleetWsUrls: fleet.map((m) => m.wsUrl),
});
process.on('message', async (message) => {
  if (message === 'stop') {
    await Promise.all([mock, ...fleet].map((m) => m.stop()));
    process.exit(0);
  }
});
