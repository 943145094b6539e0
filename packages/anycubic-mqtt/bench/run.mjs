// `pnpm bench` (after `pnpm build`): figures for the README, written to bench/results.json.
// 1. Command round trips per second through the aedes mock broker, one at a time, as a ratio to a
//    bare mqtt.js publish → subscribe echo through the same broker in the same process and run.
// 2. Reports decoded (JSON + schema) and merged into the state per second, per report kind.
// 3. Heap per connected client, next to a bare mqtt.js connection.
// Figures are measured, never asserted: a missed target is reported as missed.
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { startMockAnycubic } from '@printkit/mock-anycubic';
import mqtt from 'mqtt';
// The state merge is internal; the bench reaches it by its file in dist.
import { applyReport, createInitialState } from '../dist/client/state.js';
import { createAnycubicClient } from '../dist/index.js';
import { createTopics, decodeMessage } from '../dist/protocol/index.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 1);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const HEAP_CLIENTS = Number(process.env.BENCH_HEAP_CLIENTS ?? 50);

async function timed(fn) {
  const deadline = performance.now() + SECONDS * 1000;
  let count = 0;
  const started = performance.now();
  while (performance.now() < deadline) {
    await fn();
    count++;
  }
  return count / ((performance.now() - started) / 1000);
}

async function roundTrips(mock) {
  const printer = mock.printer();
  const client = createAnycubicClient({
    host: '127.0.0.1',
    port: mock.port,
    username: mock.username,
    password: mock.password,
    deviceId: printer.deviceId,
    pollIntervalMs: 0,
  });
  await client.connect();

  // The baseline: a bare mqtt.js client echoing what another bare client publishes.
  const options = { username: mock.username, password: mock.password, reconnectPeriod: 0 };
  const echo = await mqtt.connectAsync(mock.url, { ...options, clientId: `echo_${randomUUID()}` });
  const asker = await mqtt.connectAsync(mock.url, { ...options, clientId: `ask_${randomUUID()}` });
  for (const c of [echo, asker]) c.stream.setNoDelay?.(true);
  await echo.subscribeAsync('bench/request');
  echo.on('message', (_topic, payload) => echo.publish('bench/reply', payload));
  await asker.subscribeAsync('bench/reply');
  let answer;
  asker.on('message', () => answer?.());
  const request = JSON.stringify({
    type: 'info',
    action: 'query',
    timestamp: Date.now(),
    msgid: randomUUID(),
    data: null,
  });
  const bareEcho = () =>
    new Promise((resolve) => {
      answer = resolve;
      asker.publish('bench/request', request);
    });

  // A second reference: the same info query sent by bare mqtt.js to a simulated printer, waiting
  // for the info report without decoding it. It isolates what the mock itself costs per query. It
  // asks the mock's second printer: on the client's printer, the client (subscribed to all of its
  // printer's topics) would decode every answer to the bare query, and the bare subscriber would
  // receive every answer to the client's, so each would be charged for the other's work.
  const other = mock.printers[1];
  const topics = createTopics({ modelId: other.modelId, deviceId: other.deviceId });
  const raw = await mqtt.connectAsync(mock.url, { ...options, clientId: `raw_${randomUUID()}` });
  raw.stream.setNoDelay?.(true);
  await raw.subscribeAsync(topics.subscriptions[0]);
  let infoAnswer;
  const infoReport = topics.report('info');
  raw.on('message', (topic) => {
    if (topic === infoReport) infoAnswer?.();
  });
  const infoTopic = topics.command('web', 'info');
  const bareInfo = () =>
    new Promise((resolve) => {
      infoAnswer = resolve;
      raw.publish(
        infoTopic,
        JSON.stringify({
          type: 'info',
          action: 'query',
          timestamp: Date.now(),
          msgid: randomUUID(),
          data: null,
        }),
      );
    });

  // Warm up both, then alternate so both see the same machine conditions.
  for (let i = 0; i < 200; i++) {
    await bareEcho();
    await bareInfo();
    await client.queryInfo();
  }
  const rounds = [];
  for (let round = 0; round < ROUNDS; round++) {
    const baseline = await timed(bareEcho);
    const rawInfo = await timed(bareInfo);
    const info = await timed(() => client.queryInfo());
    const light = await timed(() => client.queryLights());
    rounds.push({ baseline, rawInfo, info, light });
  }
  await client.close();
  await Promise.all([echo.endAsync(), asker.endAsync(), raw.endAsync()]);
  // Ratios are taken within each round (same machine conditions), then the median over rounds.
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const ratio = (key, base) => Number(median(rounds.map((r) => r[key] / r[base])).toFixed(3));
  const perSecond = (key) => Math.round(median(rounds.map((r) => r[key])));
  return {
    rounds: rounds.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Math.round(v)]))),
    bareEchoPerSecond: perSecond('baseline'),
    bareInfoQueryPerSecond: perSecond('rawInfo'),
    infoQueryPerSecond: perSecond('info'),
    lightQueryPerSecond: perSecond('light'),
    infoQueryRatio: ratio('info', 'baseline'),
    lightQueryRatio: ratio('light', 'baseline'),
    bareInfoQueryRatio: ratio('rawInfo', 'baseline'),
    infoQueryVsBareInfoQuery: ratio('info', 'rawInfo'),
    target: 0.7,
    targetMet: ratio('info', 'baseline') >= 0.7 && ratio('light', 'baseline') >= 0.7,
  };
}

function decodeAndMerge() {
  const fixtures = new URL('../test/fixtures/anycubic/', import.meta.url);
  const topics = createTopics({ modelId: 20024, deviceId: 'bench' });
  const wrap = (type, data, extra = {}) =>
    JSON.stringify({
      type,
      action: 'report',
      timestamp: 5346485,
      msgid: randomUUID(),
      state: 'done',
      code: 200,
      msg: 'done',
      data,
      ...extra,
    });
  const print = wrap(
    'print',
    {
      curr_layer: 50,
      filename: 'part_3h45m32s.gcode',
      localtask: '',
      print_time: 79,
      progress: 35,
      remain_time: 113,
      slicer: 'AnycubicSlicer',
      supplies_usage: 5633,
      taskid: '-1',
      total_layers: 184,
    },
    { action: 'start', state: 'printing' },
  );
  const cases = {
    print: [topics.report('print'), Buffer.from(print)],
    info: [
      topics.report('info'),
      Buffer.from(wrap('info', JSON.parse(readFileSync(new URL('info_report.json', fixtures), 'utf8')))),
    ],
    multiColorBoxSlim: [
      topics.report('multiColorBox'),
      Buffer.from(
        wrap('multiColorBox', JSON.parse(readFileSync(new URL('multicolorbox_slim.json', fixtures), 'utf8'))),
      ),
    ],
  };
  const results = {};
  for (const [name, [topic, payload]] of Object.entries(cases)) {
    const state = createInitialState();
    const run = (n) => {
      for (let i = 0; i < n; i++) {
        const decoded = decodeMessage(topics, topic, payload);
        if (decoded.kind !== 'report') throw new Error(`bench payload ${name} did not decode`);
        applyReport(state, decoded.report, i);
      }
    };
    run(20_000);
    const best = [];
    for (let round = 0; round < ROUNDS; round++) {
      const n = 200_000;
      const started = performance.now();
      run(n);
      best.push(n / ((performance.now() - started) / 1000));
    }
    best.sort((a, b) => a - b);
    results[name] = { bytes: payload.length, perSecond: Math.round(best[Math.floor(best.length / 2)]) };
  }
  return {
    ...results,
    target: 100_000,
    targetMet: Object.values(results).every((result) => result.perSecond >= 100_000),
  };
}

async function heapPerClient(mock) {
  if (typeof globalThis.gc !== 'function') return { skipped: 'run node with --expose-gc' };
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      globalThis.gc();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return process.memoryUsage().heapUsed;
  };
  const printer = mock.printer();
  const common = { host: '127.0.0.1', port: mock.port, username: mock.username, password: mock.password };

  const before = await settle();
  const clients = [];
  for (let i = 0; i < HEAP_CLIENTS; i++) {
    const client = createAnycubicClient({ ...common, deviceId: printer.deviceId, pollIntervalMs: 0 });
    await client.connect();
    await client.queryInfo();
    clients.push(client);
  }
  const after = await settle();
  for (const client of clients) await client.close();

  const bareBefore = await settle();
  const bare = [];
  for (let i = 0; i < HEAP_CLIENTS; i++) {
    const c = await mqtt.connectAsync(mock.url, {
      username: mock.username,
      password: mock.password,
      reconnectPeriod: 0,
    });
    await c.subscribeAsync(`anycubic/anycubicCloud/v1/printer/public/20024/${printer.deviceId}/#`);
    bare.push(c);
  }
  const bareAfter = await settle();
  for (const c of bare) await c.endAsync();
  // Both sides of every connection live in this process (the aedes broker keeps its own per-client
  // state), so both figures include the broker's share; the difference is the client's own cost.
  return {
    clients: HEAP_CLIENTS,
    clientBytesEach: Math.round((after - before) / HEAP_CLIENTS),
    bareMqttJsBytesEach: Math.round((bareAfter - bareBefore) / HEAP_CLIENTS),
    note: 'includes the in-process aedes broker share of each connection',
  };
}

// Two simulated printers: the client talks to the first, the bare info reference to the second.
const mock = await startMockAnycubic({ port: 0, httpPort: 0, printers: [{}, {}] });
try {
  const results = {
    date: new Date().toISOString(),
    machine: {
      cpu: cpus()[0]?.model,
      cpus: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    command: 'pnpm --filter @printkit/anycubic-mqtt bench',
    seconds: SECONDS,
    rounds: ROUNDS,
    roundTrips: await roundTrips(mock),
    decodeAndMerge: decodeAndMerge(),
    heap: await heapPerClient(mock),
  };
  writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
  const { roundTrips: trips, decodeAndMerge: decode } = results;
  const verdict = (met) => (met ? 'met' : 'MISSED');
  console.log(
    `round trips: queryInfo ${trips.infoQueryRatio}, queryLights ${trips.lightQueryRatio} of the bare echo ` +
      `(bare info query ${trips.bareInfoQueryRatio}); target ${trips.target}: ${verdict(trips.targetMet)}`,
  );
  console.log(
    `reports decoded and merged: ${Object.entries(decode)
      .filter(([, value]) => typeof value === 'object')
      .map(([name, value]) => `${name} ${value.perSecond}/s`)
      .join(', ')}; target ${decode.target}/s: ${verdict(decode.targetMet)}`,
  );
} finally {
  await mock.stop();
}
