// The mock printer in its own process, so the bench measures the client, not the server sharing its thread.
import { startMockPrusaLink } from '@printkit/mock-prusalink';

const mock = await startMockPrusaLink({ port: 0, password: 'bench-pass', apiKey: 'bench-key' });
process.send?.({ url: mock.url });
process.on('disconnect', () => {
  void mock.stop().then(() => process.exit(0));
});
