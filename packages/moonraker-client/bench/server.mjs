// The server side of the benchmark, in its own process so that the client-side figures (CPU and
// heap) measure only the client: a bare ws echo server, a minimal JSON-RPC server (parse + answer)
// and the mock Moonraker. Reports its ports to the parent over IPC.
import { startMockMoonraker } from '@printkit/mock-moonraker';
import { WebSocketServer } from 'ws';

function listen(server) {
  return new Promise((resolve) => server.once('listening', () => resolve(server.address().port)));
}

const echo = new WebSocketServer({ host: '127.0.0.1', port: 0 });
echo.on('connection', (socket) =>
  socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary })),
);

// Answers with fixed results (server.info for everything but the start-up calls): what a client
// costs over a server that does almost nothing beyond JSON.
const INFO = {
  klippy_connected: true,
  klippy_state: 'ready',
  components: [],
  failed_components: [],
  registered_directories: [],
  warnings: [],
  websocket_count: 1,
  moonraker_version: 'v0.9.3',
  api_version: [1, 5, 0],
  api_version_string: '1.5.0',
};
const rpc = new WebSocketServer({ host: '127.0.0.1', port: 0 });
rpc.on('connection', (socket) =>
  socket.on('message', (data) => {
    const request = JSON.parse(String(data));
    const result =
      request.method === 'server.connection.identify'
        ? { connection_id: 1 }
        : request.method === 'printer.objects.list'
          ? { objects: [] }
          : request.method === 'printer.objects.subscribe'
            ? { eventtime: 1, status: {} }
            : INFO;
    socket.send(JSON.stringify({ jsonrpc: '2.0', result, id: request.id }));
  }),
);

const [echoPort, rpcPort] = await Promise.all([listen(echo), listen(rpc)]);
const mock = await startMockMoonraker({ port: 0 });
process.send({ echoPort, rpcPort, mockUrl: mock.url, mockWsUrl: mock.wsUrl });
process.on('message', async (message) => {
  if (message === 'cpu') {
    const usage = process.cpuUsage();
    process.send({ cpuMicros: usage.user + usage.system });
    return;
  }
  if (message === 'stop') {
    await mock.stop();
    echo.close();
    rpc.close();
    process.exit(0);
  }
});
