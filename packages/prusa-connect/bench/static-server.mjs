// A minimal node:http server in its own process that answers every request with the captured printer
// detail (test/fixtures/printer_detail.json), so the client's CPU is measured apart from the server's
// and the server is not the bottleneck (no routing, no mock logic). Sends `{ url, token, uuid }` once
// listening, its CPU time when asked (`'cpu'`); exits when the parent leaves.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const body = readFileSync(new URL('../test/fixtures/printer_detail.json', import.meta.url));
const uuid = JSON.parse(body.toString('utf8')).uuid;
const headers = { 'content-type': 'application/json', 'content-length': String(body.byteLength) };
const server = createServer((request, response) => {
  request.resume();
  response.writeHead(200, headers);
  response.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  process.send?.({ url: `http://127.0.0.1:${port}`, token: 'bench-token', uuid });
});
// The bench asks for this process's CPU time around each run, to show the server was not the bottleneck.
process.on('message', (message) => {
  if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
});
process.on('disconnect', () => process.exit(0));
