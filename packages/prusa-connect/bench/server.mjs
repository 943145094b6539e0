// The loopback mock in its own process, so the client's CPU is measured apart from the server's.
// Sends `{ url, token, uuids }` to the parent once listening; stops on 'stop' or when the parent leaves.
import { startMockPrusaConnect } from '@printkit/mock-prusa-connect';

const printers = Number(process.argv[2] ?? 1);
const mock = await startMockPrusaConnect({
  port: 0,
  printers: Array.from({ length: printers }, () => ({})),
});
process.send?.({ url: mock.url, token: mock.token, uuids: mock.printers.map((p) => p.uuid) });
const stop = async () => {
  await mock.stop();
  process.exit(0);
};
process.on('message', (message) => {
  if (message === 'stop') void stop();
});
process.on('disconnect', () => void stop());
