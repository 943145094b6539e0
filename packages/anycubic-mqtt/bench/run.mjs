// `pnpm bench` (after `pnpm build`): figures for the README, written to bench/results.json.
// 1. Command round trips as a ratio to a bare mqtt.js client doing the same exchange with the same
//    responder through the same broker, in the same process and run: one at a time and with
//    IN_FLIGHT commands in flight. Rounds interleave client and baseline (the order flips every
//    round); the ratio is the median of the per-round ratios, with its spread.
// 2. Reports decoded (JSON + schema) and merged into the state per second, per report kind.
// 3. Heap per connected client, next to a bare mqtt.js connection.
// Figures are measured, never asserted: a missed target is reported as missed. Not a test.
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { pathToFileURL } from 'node:url';
import { startMockAnycubic } from '@printkit/mock-anycubic';
import mqtt from 'mqtt';

// The build measured: this package's dist, or BENCH_DIST (another build of it, e.g. an earlier
// commit's, to compare before and after on the same bench). The state merge is internal; the bench
// reaches it by its file in dist.
const dist = process.env.BENCH_DIST
  ? pathToFileURL(`${process.env.BENCH_DIST.replace(/\/$/, '')}/`)
  : new URL('../dist/', import.meta.url);
const { applyReport, createInitialState } = await import(new URL('client/state.js', dist).href);
const { createAnycubicClient } = await import(new URL('index.js', dist).href);
const { createTopics, decodeMessage } = await import(new URL('protocol/index.js', dist).href);

// Short series, many rounds: a burst of load from elsewhere then hits both sides of a round alike.
const SECONDS = Number(process.env.BENCH_SECONDS ?? 0.5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 13);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 32);
const HEAP_CLIENTS = Number(process.env.BENCH_HEAP_CLIENTS ?? 50);
const TARGET = 0.8;
const fixtures = new URL('../test/fixtures/anycubic/', import.meta.url);
const fixture = (name) => JSON.parse(readFileSync(new URL(name, fixtures), 'utf8'));

/**
 * Commands completed per second by `width` loops, each sending its next command when one settles,
 * and the CPU time of the whole process (broker, responder and asker alike) per command.
 */
async function timed(ask, width = 1) {
  const deadline = performance.now() + SECONDS * 1000;
  let count = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (performance.now() < deadline) {
        await ask();
        count++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { perSecond: count / seconds, cpuMicros: (used.user + used.system) / count };
}

/**
 * A stand-in printer made of one bare mqtt.js client: for every command on its devices' topics it
 * does what the notes say a printer does — ack the msgid on `response`, then answer on
 * `<type>/report` with the real captured report data (Kobra S1 Max, `test/fixtures`), the command's
 * msgid echoed. It does as little as that allows (the answers are serialised once, the msgid spliced
 * in), so its own cost dilutes the difference between client and baseline as little as possible. The
 * client and the bare baseline each ask their own device of it (each listens to its own device's
 * topics only, so neither receives the other's answers): both meet the same responder doing the same
 * work per command.
 */
async function startEchoPrinter(url, login, devices) {
  const modelId = 20024;
  const MSGID = 'msgid-goes-here';
  const answers = {};
  for (const [type, file] of [
    ['info', 'info_report.json'],
    ['light', 'light_report.json'],
  ]) {
    const report = { type, action: 'query', timestamp: Date.now(), msgid: MSGID, state: 'done', code: 200 };
    const [head, tail] = JSON.stringify({ ...report, msg: 'done', data: fixture(file) }).split(MSGID);
    answers[type] = { head, tail };
  }
  const echo = await mqtt.connectAsync(url, { ...login, clientId: `echo_${randomUUID()}` });
  echo.stream.setNoDelay?.(true);
  const prefix = 'anycubic/anycubicCloud/v1';
  await echo.subscribeAsync(devices.map((device) => `${prefix}/web/printer/${modelId}/${device}/+`));
  const publicBase = Object.fromEntries(
    devices.map((device) => [device, `${prefix}/printer/public/${modelId}/${device}`]),
  );
  echo.on('message', (topic, payload) => {
    // anycubic/anycubicCloud/v1/web/printer/<model>/<device>/<type>
    const [, , , , , , device, type] = topic.split('/');
    const { msgid } = JSON.parse(payload.toString());
    const base = publicBase[device];
    const answer = answers[type];
    echo.publish(`${base}/response`, `{"msgid":"${msgid}"}`);
    echo.publish(`${base}/${type}/report`, `${answer.head}${msgid}${answer.tail}`);
  });
  return { modelId, stop: () => echo.endAsync() };
}

/**
 * The baseline: a bare mqtt.js client doing what a command needs and no more — a fresh msgid and
 * JSON per command, published on the command topic; the answer on the report topic parsed and matched
 * to its command by msgid (acks arrive too, on the same subscription, and are passed over by topic).
 */
async function bareAsker(url, login, address) {
  const client = await mqtt.connectAsync(url, { ...login, clientId: `bare_${randomUUID()}` });
  client.stream.setNoDelay?.(true);
  const prefix = 'anycubic/anycubicCloud/v1';
  const base = `${prefix}/printer/public/${address.modelId}/${address.deviceId}`;
  await client.subscribeAsync(`${base}/#`);
  const waiting = new Map();
  client.on('message', (topic, payload) => {
    if (!topic.endsWith('/report')) return;
    const report = JSON.parse(payload.toString());
    const resolve = waiting.get(report.msgid);
    if (resolve === undefined) return;
    waiting.delete(report.msgid);
    resolve(report.data);
  });
  const ask = (type) => {
    const topic = `${prefix}/web/printer/${address.modelId}/${address.deviceId}/${type}`;
    return () =>
      new Promise((resolve) => {
        const msgid = randomUUID();
        waiting.set(msgid, resolve);
        const command = { type, action: 'query', timestamp: Date.now(), msgid, data: null };
        client.publish(topic, JSON.stringify(command));
      });
  };
  return { info: ask('info'), light: ask('light'), stop: () => client.endAsync() };
}

async function connectClient(mock, address) {
  const client = createAnycubicClient({
    host: '127.0.0.1',
    port: mock.port,
    username: mock.username,
    password: mock.password,
    ...address,
    pollIntervalMs: 0,
  });
  await client.connect();
  return client;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round3 = (value) => Number(value.toFixed(3));

async function roundTrips(mock) {
  const login = { username: mock.username, password: mock.password, reconnectPeriod: 0 };
  const echo = await startEchoPrinter(mock.url, login, ['bench-client', 'bench-bare']);
  const echoClient = await connectClient(mock, { modelId: echo.modelId, deviceId: 'bench-client' });
  const echoBare = await bareAsker(mock.url, login, { modelId: echo.modelId, deviceId: 'bench-bare' });
  // The same pair against the simulated Kobra of the mock (its own printer each, for the same reason).
  const [first, second] = mock.printers;
  const mockClient = await connectClient(mock, { modelId: first.modelId, deviceId: first.deviceId });
  const mockBare = await bareAsker(mock.url, login, { modelId: second.modelId, deviceId: second.deviceId });

  // Each pair: [name, client, baseline, commands in flight]. A pair is a target when `target` is set.
  const pairs = [
    { name: 'infoQuery', client: () => echoClient.queryInfo(), bare: echoBare.info, width: 1, target: true },
    {
      name: 'lightQuery',
      client: () => echoClient.queryLights(),
      bare: echoBare.light,
      width: 1,
      target: true,
    },
    {
      name: 'infoQueryInFlight',
      client: () => echoClient.queryInfo(),
      bare: echoBare.info,
      width: IN_FLIGHT,
      target: true,
    },
    // A reference: the simulated printer answers (its own work per command is in both sides).
    { name: 'mockPrinterInfoQuery', client: () => mockClient.queryInfo(), bare: mockBare.info, width: 1 },
  ];
  for (const pair of pairs) {
    console.error(`warming up ${pair.name}`);
    for (let i = 0; i < 300; i++) {
      await pair.bare();
      await pair.client();
    }
  }
  const rounds = pairs.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, pair] of pairs.entries()) {
      // The order flips every round, so neither side always runs first (warmer, or right after a GC).
      let client;
      let bare;
      if (round % 2 === 0) {
        bare = await timed(pair.bare, pair.width);
        client = await timed(pair.client, pair.width);
      } else {
        client = await timed(pair.client, pair.width);
        bare = await timed(pair.bare, pair.width);
      }
      rounds[index].push({
        bare: Math.round(bare.perSecond),
        client: Math.round(client.perSecond),
        ratio: round3(client.perSecond / bare.perSecond),
        bareCpuMicros: Number(bare.cpuMicros.toFixed(1)),
        clientCpuMicros: Number(client.cpuMicros.toFixed(1)),
        cpuRatio: round3(bare.cpuMicros / client.cpuMicros),
      });
      console.error(
        `round ${round + 1}/${ROUNDS} ${pair.name}: client ${Math.round(client.perSecond)}/s, ` +
          `bare ${Math.round(bare.perSecond)}/s`,
      );
    }
  }
  await Promise.all([echoClient.close(), mockClient.close()]);
  await Promise.all([echoBare.stop(), mockBare.stop(), echo.stop()]);
  return Object.fromEntries(
    pairs.map((pair, index) => {
      const series = rounds[index];
      const ratios = series.map((r) => r.ratio);
      const ratio = round3(median(ratios));
      return [
        pair.name,
        {
          inFlight: pair.width,
          bareRoundTripsPerSecond: Math.round(median(series.map((r) => r.bare))),
          clientRoundTripsPerSecond: Math.round(median(series.map((r) => r.client))),
          ratio,
          ratioMin: Math.min(...ratios),
          ratioMax: Math.max(...ratios),
          // Process CPU per command (broker + responder + asker): the client's extra work in µs.
          bareCpuMicrosPerRoundTrip: Number(median(series.map((r) => r.bareCpuMicros)).toFixed(1)),
          clientCpuMicrosPerRoundTrip: Number(median(series.map((r) => r.clientCpuMicros)).toFixed(1)),
          // Bare CPU per command over the client's: the round-trip ratio of a process bound by its CPU,
          // less moved by other processes' load than wall-clock rates.
          cpuRatio: round3(median(series.map((r) => r.cpuRatio))),
          ...(pair.target ? { target: TARGET, targetMet: ratio >= TARGET } : {}),
          rounds: series,
        },
      ];
    }),
  );
}

function decodeAndMerge() {
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

// Two simulated printers: the client asks the first, the bare baseline the second.
const mock = await startMockAnycubic({ port: 0, httpPort: 0, printers: [{}, {}] });
try {
  const loadBefore = loadavg();
  const started = new Date();
  const roundTripResults = await roundTrips(mock);
  const loadAfterRoundTrips = loadavg();
  const results = {
    date: started.toISOString(),
    machine: {
      cpu: cpus()[0]?.model,
      cpus: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    // 1, 5 and 15 minute load averages when the run started and when the round trips were done.
    loadAverage: {
      before: loadBefore.map((value) => Number(value.toFixed(2))),
      afterRoundTrips: loadAfterRoundTrips.map((value) => Number(value.toFixed(2))),
    },
    command: 'pnpm --filter @printkit/anycubic-mqtt bench',
    build: process.env.BENCH_DIST ?? 'dist',
    seconds: SECONDS,
    rounds: ROUNDS,
    roundTrips: roundTripResults,
    decodeAndMerge: decodeAndMerge(),
    heap: await heapPerClient(mock),
  };
  // A run of another build (BENCH_DIST) does not overwrite the package's own figures.
  const out =
    process.env.BENCH_OUT ??
    (process.env.BENCH_DIST ? undefined : new URL('./results.json', import.meta.url));
  if (out) writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
  const verdict = (met) => (met ? 'met' : 'MISSED');
  console.log(
    `load average ${results.loadAverage.before.join(' ')} at the start, ` +
      `${results.loadAverage.afterRoundTrips.join(' ')} after the round trips`,
  );
  for (const [name, trip] of Object.entries(results.roundTrips)) {
    const what =
      `${name}: client ${trip.clientRoundTripsPerSecond}/s, bare mqtt.js ${trip.bareRoundTripsPerSecond}/s ` +
      `(${trip.inFlight} in flight): ratio ${trip.ratio} (rounds ${trip.ratioMin}–${trip.ratioMax}); ` +
      `process CPU per command ${trip.clientCpuMicrosPerRoundTrip} µs vs ${trip.bareCpuMicrosPerRoundTrip} µs ` +
      `(CPU ratio ${trip.cpuRatio})`;
    console.log(
      trip.target === undefined
        ? `${what}; reference`
        : `${what}; target ${trip.target}: ${verdict(trip.targetMet)}`,
    );
  }
  const decode = results.decodeAndMerge;
  console.log(
    `reports decoded and merged: ${Object.entries(decode)
      .filter(([, value]) => typeof value === 'object')
      .map(([name, value]) => `${name} ${value.perSecond}/s`)
      .join(', ')}; target ${decode.target}/s: ${verdict(decode.targetMet)}`,
  );
} finally {
  await mock.stop();
}
