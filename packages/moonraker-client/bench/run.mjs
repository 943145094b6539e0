// `pnpm bench`: figures for @printkit/moonraker-client, over the built dist. See the README.
//   node --expose-gc bench/run.mjs [--seconds 3]
// (1) JSON-RPC round trips/s over loopback against the mock, one at a time and 64 in flight, as a
//     ratio to a bare ws echo baseline measured in the same run (and two more references);
// (2) notify_status_update frames decoded and merged per second on one core;
// (3) heap per connected client.
// Writes bench/results.json. These are measurements, not tests: nothing here asserts a speed.
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { createMoonrakerClient } from '../dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const secondsArg = process.argv.indexOf('--seconds');
const SECONDS = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 3;
const IN_FLIGHT = 64;
/** Each figure is the median of this many runs: other work on a 2-vCPU box moves single runs ±50 %. */
const REPEATS = 5;
const METHOD = 'server.info';
const TARGETS = { roundTripRatioVsWsEcho: 0.8, statusFramesPerSecond: 200_000 };
const HEAP_CLIENTS = 40;

if (typeof globalThis.gc !== 'function') {
  console.error('run with node --expose-gc (pnpm bench does)');
  process.exit(1);
}

const server = fork(join(here, 'server.mjs'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const ports = await new Promise((resolve) => server.once('message', resolve));

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The median of REPEATS runs of `measure()`. */
async function repeated(measure) {
  const values = [];
  for (let i = 0; i < REPEATS; i++) values.push(await measure());
  return median(values);
}

/** CPU time (user + system, µs) the server process has used so far. */
function serverCpu() {
  return new Promise((resolve) => {
    server.once('message', (message) => resolve(message.cpuMicros));
    server.send('cpu');
  });
}

/**
 * One run of `once()` with `concurrency` in flight for SECONDS: operations per second, and CPU µs per
 * operation in this process and in the server process. CPU per operation hardly moves when other
 * work shares the machine; the rate does.
 */
async function rateOnce(once, concurrency) {
  // Warm-up so the JIT and the socket buffers settle.
  const warm = performance.now() + 300;
  while (performance.now() < warm) await once();
  const serverBefore = await serverCpu();
  const cpuBefore = process.cpuUsage();
  const deadline = performance.now() + SECONDS * 1000;
  let done = 0;
  async function lane() {
    while (performance.now() < deadline) {
      await once();
      done++;
    }
  }
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, lane));
  const elapsed = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const serverUsed = (await serverCpu()) - serverBefore;
  return {
    perSecond: done / elapsed,
    clientCpuMicros: (cpu.user + cpu.system) / done,
    serverCpuMicros: serverUsed / done,
  };
}

/** A raw ws client that sends a JSON-RPC frame and waits for the matching reply (by id). */
async function rawClient(url) {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const waiting = new Map();
  let id = 0;
  socket.on('message', (data) => {
    const text = String(data);
    // The echo server returns our own request: find its id without a full parse, like a ws echo.
    const match = /"id":(\d+)/.exec(text);
    const resolve = match && waiting.get(Number(match[1]));
    if (resolve) {
      waiting.delete(Number(match[1]));
      resolve(text);
    }
  });
  return {
    call(method) {
      const current = ++id;
      return new Promise((resolve) => {
        waiting.set(current, resolve);
        socket.send(`{"jsonrpc":"2.0","method":"${method}","id":${current}}`);
      });
    },
    close: () => socket.close(),
  };
}

async function roundTrips() {
  const echo = await rawClient(`ws://127.0.0.1:${ports.echoPort}`);
  const rawMock = await rawClient(ports.mockWsUrl);
  const client = createMoonrakerClient({ url: ports.mockUrl, livenessTimeoutMs: 0, subscribe: {} });
  await client.connect();
  const rpcClient = createMoonrakerClient({
    url: `http://127.0.0.1:${ports.rpcPort}`,
    websocketUrl: `ws://127.0.0.1:${ports.rpcPort}`,
    livenessTimeoutMs: 0,
    subscribe: {},
  });
  await rpcClient.connect();
  const rawRpc = await rawClient(`ws://127.0.0.1:${ports.rpcPort}`);
  // server.info: a cheap method with a fixed-size answer, the fair counterpart of an echo (and what
  // DESIGN.md measured a real Moonraker at, ~2,900 round trips/s one at a time).
  const subjects = {
    wsEcho: () => echo.call(METHOD),
    rawWsAgainstMock: () => rawMock.call(METHOD),
    clientAgainstMock: () => client.call(METHOD),
    rawWsAgainstMinimalServer: () => rawRpc.call(METHOD),
    clientAgainstMinimalServer: () => rpcClient.call(METHOD),
  };
  const results = {};
  for (const [name, concurrency] of [
    ['oneAtATime', 1],
    ['inFlight64', IN_FLIGHT],
  ]) {
    // Every repeat measures every subject back to back (in alternating order), so each ratio compares
    // figures taken under the same load; the median of the per-repeat ratios is reported.
    const runs = Object.fromEntries(Object.keys(subjects).map((key) => [key, []]));
    const ratios = { clientVsWsEcho: [], clientVsRawWsOnMock: [], clientOnMinimalServerVsWsEcho: [] };
    for (let repeat = 0; repeat < REPEATS; repeat++) {
      const order = Object.keys(subjects);
      if (repeat % 2 === 1) order.reverse();
      const run = {};
      for (const key of order) run[key] = await rateOnce(subjects[key], concurrency);
      for (const key of order) runs[key].push(run[key]);
      ratios.clientVsWsEcho.push(run.clientAgainstMock.perSecond / run.wsEcho.perSecond);
      ratios.clientVsRawWsOnMock.push(run.clientAgainstMock.perSecond / run.rawWsAgainstMock.perSecond);
      ratios.clientOnMinimalServerVsWsEcho.push(
        run.clientAgainstMinimalServer.perSecond / run.wsEcho.perSecond,
      );
    }
    const perSecond = (key) => Math.round(median(runs[key].map((r) => r.perSecond)));
    const cpu = (key) => ({
      client: Number(median(runs[key].map((r) => r.clientCpuMicros)).toFixed(1)),
      server: Number(median(runs[key].map((r) => r.serverCpuMicros)).toFixed(1)),
    });
    const ratio = (values) => Number(median(values).toFixed(3));
    const range = (values) => `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}`;
    results[name] = {
      wsEchoPerSecond: perSecond('wsEcho'),
      rawWsAgainstMockPerSecond: perSecond('rawWsAgainstMock'),
      clientAgainstMockPerSecond: perSecond('clientAgainstMock'),
      rawWsAgainstMinimalServerPerSecond: perSecond('rawWsAgainstMinimalServer'),
      clientAgainstMinimalServerPerSecond: perSecond('clientAgainstMinimalServer'),
      ratioClientVsWsEcho: ratio(ratios.clientVsWsEcho),
      ratioClientVsWsEchoRange: range(ratios.clientVsWsEcho),
      ratioClientVsRawWsOnMock: ratio(ratios.clientVsRawWsOnMock),
      ratioClientVsRawWsOnMockRange: range(ratios.clientVsRawWsOnMock),
      ratioClientOnMinimalServerVsWsEcho: ratio(ratios.clientOnMinimalServerVsWsEcho),
      cpuMicrosPerRoundTrip: {
        wsEcho: cpu('wsEcho'),
        rawWsAgainstMock: cpu('rawWsAgainstMock'),
        clientAgainstMock: cpu('clientAgainstMock'),
        clientAgainstMinimalServer: cpu('clientAgainstMinimalServer'),
      },
    };
  }
  echo.close();
  rawMock.close();
  rawRpc.close();
  await client.close();
  await rpcClient.close();
  return results;
}

/** `count` notify_status_update frames, the diff of frame i made by `diffOf(i, eventtime)`. */
function frames(count, diffOf) {
  return Array.from({ length: count }, (_, i) => {
    const eventtime = 414 + i * 0.25;
    return JSON.stringify({
      jsonrpc: '2.0',
      method: 'notify_status_update',
      params: [diffOf(i, eventtime), eventtime],
    });
  });
}

/** Diffs while heating or idle with heaters on: two temperatures and the idle timer. */
const heatingFrames = (count) =>
  frames(count, (i, t) => ({
    extruder: { temperature: 150.5 + (i % 97) * 0.1, power: 0.8 + (i % 5) * 0.01 },
    heater_bed: { temperature: 45.2 + (i % 31) * 0.05 },
    ...(i % 4 === 0 ? { idle_timeout: { printing_time: t } } : {}),
  }));

/** Diffs while printing: temperatures, position, progress, durations (only changed fields). */
const printingFrames = (count) =>
  frames(count, (i, t) => ({
    extruder: { temperature: 209.5 + (i % 7) * 0.1, power: 0.42 + (i % 5) * 0.01 },
    heater_bed: { temperature: 59.9 + (i % 3) * 0.05 },
    toolhead: {
      position: [100 + (i % 50), 80 + (i % 30), 0.2 + i * 0.001, 1234 + i],
      print_time: t,
      estimated_print_time: t - 0.5,
    },
    gcode_move: { gcode_position: [100 + (i % 50), 80 + (i % 30), 0.2 + i * 0.001, 1234 + i] },
    virtual_sdcard: { progress: (i % 1000) / 1000, file_position: i * 120 },
    print_stats: { print_duration: t - 20, total_duration: t, filament_used: i * 0.8 },
    ...(i % 4 === 0 ? { idle_timeout: { printing_time: t } } : {}),
  }));

/** A scripted socket that lets the benchmark push frames straight into the client's handler. */
function frameSink() {
  let socket;
  class BenchSocket {
    readyState = 0;
    onopen = null;
    onmessage = null;
    onclose = null;
    onerror = null;
    constructor() {
      socket = this;
      queueMicrotask(() => {
        this.readyState = 1;
        this.onopen?.({});
      });
    }
    send(text) {
      const { id, method } = JSON.parse(text);
      const result =
        method === 'server.connection.identify'
          ? { connection_id: 1 }
          : method === 'server.info'
            ? { klippy_connected: true, klippy_state: 'ready' }
            : method === 'printer.objects.list'
              ? {
                  objects: [
                    'extruder',
                    'heater_bed',
                    'toolhead',
                    'gcode_move',
                    'virtual_sdcard',
                    'print_stats',
                    'idle_timeout',
                  ],
                }
              : { eventtime: 1, status: {} };
      queueMicrotask(() => this.onmessage?.({ data: JSON.stringify({ jsonrpc: '2.0', result, id }) }));
    }
    close() {}
  }
  return { WebSocket: BenchSocket, push: (data) => socket.onmessage({ data }) };
}

async function statusThroughput(frames) {
  const sink = frameSink();
  const client = createMoonrakerClient({
    url: 'http://bench.invalid',
    WebSocket: sink.WebSocket,
    livenessTimeoutMs: 0,
  });
  await client.connect();
  let statusEvents = 0;
  client.on('status', () => statusEvents++);
  const bytes = frames.reduce((sum, frame) => sum + frame.length, 0) / frames.length;
  for (let i = 0; i < 50_000; i++) sink.push(frames[i & 1023]);
  const perSecond = await repeated(async () => {
    const deadline = performance.now() + SECONDS * 1000;
    const start = performance.now();
    let count = 0;
    while (performance.now() < deadline) {
      for (let i = 0; i < 1000; i++) sink.push(frames[(count + i) & 1023]);
      count += 1000;
    }
    return count / ((performance.now() - start) / 1000);
  });
  const delivered = statusEvents;
  await client.close();
  // The floor no client can go under: JSON.parse of the same frames, same core, same run.
  let sink2 = 0;
  const parseOnly = await repeated(async () => {
    let parsed = 0;
    const parseStart = performance.now();
    const parseDeadline = parseStart + SECONDS * 1000;
    while (performance.now() < parseDeadline) {
      for (let i = 0; i < 1000; i++) sink2 += JSON.parse(frames[(parsed + i) & 1023]).params.length;
      parsed += 1000;
    }
    return parsed / ((performance.now() - parseStart) / 1000);
  });
  return {
    framesPerSecond: Math.round(perSecond),
    jsonParseOnlyPerSecond: Math.round(parseOnly),
    ratioVsJsonParseOnly: Number((perSecond / parseOnly).toFixed(3)),
    averageFrameBytes: Math.round(bytes),
    statusEventsDelivered: delivered,
    checksum: sink2 > 0,
  };
}

async function settleHeap() {
  for (let i = 0; i < 4; i++) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return process.memoryUsage().heapUsed;
}

async function heapPerClient() {
  const before = await settleHeap();
  const raw = [];
  for (let i = 0; i < HEAP_CLIENTS; i++) raw.push(await rawClient(`ws://127.0.0.1:${ports.echoPort}`));
  const withRaw = await settleHeap();
  for (const socket of raw) socket.close();
  await new Promise((resolve) => setTimeout(resolve, 200));
  const cleared = await settleHeap();
  const clients = [];
  for (let i = 0; i < HEAP_CLIENTS; i++) {
    const client = createMoonrakerClient({ url: ports.mockUrl, livenessTimeoutMs: 0 });
    await client.connect();
    clients.push(client);
  }
  const withClients = await settleHeap();
  const status = Object.keys(clients[0].status).length;
  await Promise.all(clients.map((client) => client.close()));
  return {
    clients: HEAP_CLIENTS,
    bareWsBytesPerConnection: Math.round((withRaw - before) / HEAP_CLIENTS),
    clientBytesPerConnection: Math.round((withClients - cleared) / HEAP_CLIENTS),
    subscribedObjectsPerClient: status,
    note: 'connected, identified and subscribed to the default typed objects; idle (manual clock, no notifications)',
  };
}

const roundTripsResult = await roundTrips();
const statusResult = {
  heating: await statusThroughput(heatingFrames(1024)),
  printing: await statusThroughput(printingFrames(1024)),
};
const heapResult = await heapPerClient();
server.send('stop');

/** Each target with its measured value and whether it was met, stated plainly. */
function verdicts() {
  const entries = [
    [
      'roundTrips.oneAtATime.ratioClientVsWsEcho',
      roundTripsResult.oneAtATime.ratioClientVsWsEcho,
      TARGETS.roundTripRatioVsWsEcho,
    ],
    [
      'roundTrips.inFlight64.ratioClientVsWsEcho',
      roundTripsResult.inFlight64.ratioClientVsWsEcho,
      TARGETS.roundTripRatioVsWsEcho,
    ],
    [
      'statusUpdates.heating.framesPerSecond',
      statusResult.heating.framesPerSecond,
      TARGETS.statusFramesPerSecond,
    ],
    [
      'statusUpdates.printing.framesPerSecond',
      statusResult.printing.framesPerSecond,
      TARGETS.statusFramesPerSecond,
    ],
  ];
  return Object.fromEntries(
    entries.map(([figure, value, target]) => [figure, { value, target, met: value >= target }]),
  );
}

const targetVerdicts = verdicts();
const results = {
  date: new Date().toISOString(),
  command: 'pnpm --filter @printkit/moonraker-client bench (node --expose-gc bench/run.mjs)',
  machine: {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cpus: os.cpus().length,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    layout: 'servers (ws echo, minimal JSON-RPC, mock Moonraker) in one child process; clients in the parent',
  },
  secondsPerMeasurement: SECONDS,
  repeatsPerFigure: `${REPEATS} (median reported; round-trip ratios are medians of per-repeat ratios, subjects alternating)`,
  roundTripMethod: METHOD,
  // A string, not an array, so the file stays as biome formats it.
  loadAverageAtEnd: os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' '),
  roundTrips: roundTripsResult,
  statusUpdates: { ...statusResult, targetPerSecond: 200_000 },
  heap: heapResult,
  targets: TARGETS,
  verdicts: targetVerdicts,
};
writeFileSync(join(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
console.log(`\nload average at the end: ${results.loadAverageAtEnd} on ${os.cpus().length} CPUs`);
for (const [figure, { value, target, met }] of Object.entries(targetVerdicts)) {
  console.log(`${met ? 'MET   ' : 'MISSED'} ${figure} = ${value} (target ≥ ${target})`);
}
