// `pnpm bench`: client-process CPU per request of `client.printers.get` as a ratio to bare undici
// `Pool.request()` + body read + JSON.parse against the same plain server (its own process, so it is
// neither measured nor the bottleneck), interleaved rounds, one at a time and with N in flight; then
// heap per polled printer (against the mock).
// Run with `node --expose-gc bench/run.mjs` after `pnpm run build` (the package script does both).
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { createPrusaConnectClient, createPrusaConnectPrinter } from '../dist/index.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 11);
const WARMUP = 1_000;
const IN_FLIGHT = 32;
const HEAP_PRINTERS = 50;
/** Issue 15: client CPU per request at most this multiple of bare undici's, one at a time and in flight. */
const TARGET = 1.15;

/** The plain node:http server answering the captured printer detail (static-server.mjs). */
function startStaticServer() {
  const child = fork(fileURLToPath(new URL('./static-server.mjs', import.meta.url)), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  /** The server process's CPU time so far, µs (user + system). */
  const cpu = () =>
    new Promise((resolve) => {
      child.once('message', (reply) => resolve(reply.cpu.user + reply.cpu.system));
      child.send('cpu');
    });
  return new Promise((resolve, reject) => {
    child.once('message', (info) => resolve({ ...info, cpu, stop: () => child.kill() }));
    child.once('error', reject);
  });
}

/** The loopback mock (server.mjs), for the heap figures: it knows many printers. */
function startServer(printers) {
  const child = fork(fileURLToPath(new URL('./server.mjs', import.meta.url)), [String(printers)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (info) => resolve({ ...info, stop: () => child.kill() }));
    child.once('error', reject);
  });
}

/**
 * Client-process CPU µs per request for `once` run `count` times with `concurrency` loops
 * (process.cpuUsage: user + system of this process only; the server runs in its own process).
 */
async function measure(once, concurrency, count, serverCpu) {
  let left = count;
  const loop = async () => {
    while (left > 0) {
      left--;
      await once();
    }
  };
  const serverBefore = await serverCpu();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, loop));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const serverUs = (await serverCpu()) - serverBefore;
  return {
    cpuUsPerRequest: (cpu.user + cpu.system) / count,
    perSecond: count / seconds,
    // Share of one core the server used while this ran: well under 1, it was not what limited the rate.
    serverBusy: serverUs / (seconds * 1e6),
  };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const loadAverage = () =>
  os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');

async function cpuPerRequest() {
  const server = await startStaticServer();
  const { uuid } = server;
  const path = `/app/printers/${uuid}`;
  const pool = new Pool(server.url, { connections: 16, keepAliveTimeout: 30_000 });
  const headers = { authorization: `Bearer ${server.token}`, accept: 'application/json' };
  // The baseline reads the body and parses it, as any real caller would.
  const bare = async () => {
    const { statusCode, body } = await pool.request({ method: 'GET', path, headers });
    const json = JSON.parse(await body.text());
    if (statusCode !== 200 || json.uuid !== uuid) throw new Error(`baseline got ${statusCode}`);
  };
  const client = createPrusaConnectClient({ baseUrl: server.url, token: server.token });
  const viaClient = async () => {
    const detail = await client.printers.get(uuid);
    if (detail.uuid !== uuid) throw new Error('client got another printer');
  };
  const sides = { baseline: bare, client: viaClient };
  const results = {};
  for (const [label, concurrency] of [
    ['oneAtATime', 1],
    ['inFlight', IN_FLIGHT],
  ]) {
    for (const once of [bare, viaClient]) for (let i = 0; i < WARMUP; i++) await once();
    const loadBefore = loadAverage();
    const rounds = [];
    // Interleaved, the order flipped every round, so load changing on a shared machine hits both alike.
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? ['baseline', 'client'] : ['client', 'baseline'];
      const got = {};
      for (const side of order) got[side] = await measure(sides[side], concurrency, REQUESTS, server.cpu);
      rounds.push({
        baselineCpuUs: Number(got.baseline.cpuUsPerRequest.toFixed(1)),
        clientCpuUs: Number(got.client.cpuUsPerRequest.toFixed(1)),
        ratio: Number((got.client.cpuUsPerRequest / got.baseline.cpuUsPerRequest).toFixed(3)),
        baselinePerSecond: Math.round(got.baseline.perSecond),
        clientPerSecond: Math.round(got.client.perSecond),
        serverBusy: Number(Math.max(got.baseline.serverBusy, got.client.serverBusy).toFixed(2)),
      });
    }
    const ratios = rounds.map((r) => r.ratio);
    results[label] = {
      concurrency,
      requestsPerRound: REQUESTS,
      baselineCpuUsPerRequest: Number(median(rounds.map((r) => r.baselineCpuUs)).toFixed(1)),
      clientCpuUsPerRequest: Number(median(rounds.map((r) => r.clientCpuUs)).toFixed(1)),
      ratio: median(ratios),
      ratioRange: `${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}`,
      baselinePerSecond: median(rounds.map((r) => r.baselinePerSecond)),
      clientPerSecond: median(rounds.map((r) => r.clientPerSecond)),
      serverBusyMax: Math.max(...rounds.map((r) => r.serverBusy)),
      loadAverage: { before: loadBefore, after: loadAverage() },
      met: median(ratios) <= TARGET,
      rounds,
    };
    const r = results[label];
    console.log(
      `${label}: client-process CPU per request ${r.baselineCpuUsPerRequest} µs bare undici → ${r.clientCpuUsPerRequest} µs client, ratio ${r.ratio} (rounds ${r.ratioRange}); ${r.baselinePerSecond} vs ${r.clientPerSecond} req/s; server busy ≤ ${r.serverBusyMax} of a core; load average ${r.loadAverage.before} → ${r.loadAverage.after}`,
    );
    console.log(`${r.met ? 'met' : 'MISSED'}: ${label} ratio ${r.ratio} ≤ ${TARGET}`);
  }
  await client.close();
  await pool.close();
  server.stop();
  return results;
}

function heapUsed() {
  globalThis.gc?.();
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

/** Heap per connected, polling printer: each adapter with its own client (default), then sharing one. */
async function heapPerPrinter() {
  if (!globalThis.gc) throw new Error('run with node --expose-gc');
  const server = await startServer(HEAP_PRINTERS);
  const result = {};
  for (const shared of [true, false]) {
    const sharedClient = shared
      ? createPrusaConnectClient({ baseUrl: server.url, token: server.token })
      : undefined;
    const before = heapUsed();
    const printers = server.uuids.map((printerUuid) =>
      createPrusaConnectPrinter({
        baseUrl: server.url,
        token: server.token,
        printerUuid,
        ...(sharedClient ? { client: sharedClient } : {}),
      }),
    );
    for (const printer of printers) await printer.connect();
    for (const printer of printers) await printer.refresh();
    const after = heapUsed();
    result[shared ? 'sharedClient' : 'ownClient'] = {
      printers: printers.length,
      heapBytesPerPrinter: Math.round((after - before) / printers.length),
    };
    for (const printer of printers) await printer.close();
    await sharedClient?.close();
    // Closed pools release their sockets asynchronously; let that finish before the next baseline.
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  console.log('heap', result);
  server.stop();
  return result;
}

const cpuResults = await cpuPerRequest();
const heap = await heapPerPrinter();
const results = {
  date: new Date().toISOString(),
  command: 'pnpm --filter @printkit/prusa-connect bench  (node --expose-gc bench/run.mjs)',
  machine: {
    cpu: os.cpus()[0]?.model,
    cpus: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
  },
  settings: {
    requestsPerRound: REQUESTS,
    rounds: ROUNDS,
    inFlight: IN_FLIGHT,
    endpoint: 'GET /app/printers/{uuid}',
    server: 'bench/static-server.mjs (node:http, test/fixtures/printer_detail.json, own process)',
    baseline: 'undici Pool.request + body.text() + JSON.parse',
  },
  cpuPerRequest: cpuResults,
  heap,
  target: { clientCpuPerRequestAtMost: TARGET },
};
writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
console.log('written bench/results.json');
