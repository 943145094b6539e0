// (1) `server.info` round trips/s against the mock Moonraker: the client's `call` vs the raw ws
// JSON-RPC baseline (raw-client.mjs) on the same server, one at a time and 64 in flight.
import { createMoonrakerClient } from './dist.mjs';
import { cpuSecondsSince, interleaved } from './measure.mjs';
import { openRawRpc } from './raw-client.mjs';

const METHOD = 'server.info';

/**
 * `once()` with `concurrency` lanes for `seconds`, after a short warm-up: calls per wall second, and
 * calls per CPU second of this process (what the client costs; it moves far less than the wall
 * rate when other work on the machine takes the CPU away).
 */
async function rate(once, concurrency, seconds) {
  const warm = performance.now() + 200;
  while (performance.now() < warm) await once();
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  async function lane() {
    while (performance.now() < deadline) {
      await once();
      done++;
    }
  }
  const start = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: concurrency }, lane));
  return {
    perSecond: done / ((performance.now() - start) / 1000),
    perCpuSecond: done / cpuSecondsSince(cpu),
  };
}

export async function roundTrips({ mockUrl, mockWsUrl, seconds, rounds }) {
  const raw = await openRawRpc(mockWsUrl);
  // Identified like the client's connection, so the mock treats both sockets alike.
  await raw.call('server.connection.identify', {
    client_name: 'printkit-bench-raw',
    version: '0',
    type: 'other',
    url: 'https://github.com/printkit/printkit',
  });
  // Not subscribed, no liveness timer: only the calls measured travel over this socket, as on the raw one.
  const client = createMoonrakerClient({ url: mockUrl, livenessTimeoutMs: 0, subscribe: {} });
  await client.connect();
  const sides = { baseline: () => raw.call(METHOD), subject: () => client.call(METHOD) };
  const result = {};
  for (const [name, concurrency] of [
    ['oneAtATime', 1],
    ['inFlight64', 64],
  ]) {
    result[name] = await interleaved(rounds, (side) => rate(sides[side], concurrency, seconds));
  }
  raw.close();
  await client.close();
  return result;
}
