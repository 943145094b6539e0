// `pnpm bench`: the client against the loopback mock, as a ratio to bare undici `request()` against the
// same server in the same run, one at a time and with N in flight; then heap per polled printer.
// Run with `node --expose-gc bench/run.mjs` after `pnpm run build` (the package script does both).
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { createPrusaConnectClient, createPrusaConnectPrinter } from '../dist/index.js';

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 3_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const IN_FLIGHT = 32;
const HEAP_PRINTERS = 50;

function startServer(printers) {
  const child = fork(fileURLToPath(new URL('./server.mjs', import.meta.url)), [String(printers)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (info) => resolve({ ...info, stop: () => child.kill() }));
    child.once('error', reject);
  });
}

/** Runs `once` with `concurrency` loops for DURATION_MS; returns requests/s and client CPU µs per request. */
async function measure(once, concurrency) {
  for (let i = 0; i < 200; i++) await once(); // warm-up
  const deadline = performance.now() + DURATION_MS;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let count = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        await once();
        count++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { rps: count / seconds, cpuUsPerRequest: (cpu.user + cpu.system) / count };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function throughput() {
  const server = await startServer(1);
  const uuid = server.uuids[0];
  const path = `/app/printers/${uuid}`;
  const pool = new Pool(server.url, { connections: 16 });
  const headers = { authorization: `Bearer ${server.token}`, accept: 'application/json' };
  // The baseline reads and parses the body, as any real caller would.
  const bare = async () => {
    const { statusCode, body } = await pool.request({ method: 'GET', path, headers });
    const json = await body.json();
    if (statusCode !== 200 || json.uuid !== uuid) throw new Error(`baseline got ${statusCode}`);
  };
  const client = createPrusaConnectClient({ baseUrl: server.url, token: server.token });
  const viaClient = async () => {
    const detail = await client.printers.get(uuid);
    if (detail.uuid !== uuid) throw new Error('client got another printer');
  };
  const results = {};
  for (const [label, concurrency] of [
    ['oneAtATime', 1],
    ['inFlight', IN_FLIGHT],
  ]) {
    const rounds = { baseline: [], client: [], baselineCpu: [], clientCpu: [] };
    // Alternate baseline and client so drift on a shared VM hits both alike.
    for (let round = 0; round < ROUNDS; round++) {
      const b = await measure(bare, concurrency);
      const c = await measure(viaClient, concurrency);
      rounds.baseline.push(b.rps);
      rounds.client.push(c.rps);
      rounds.baselineCpu.push(b.cpuUsPerRequest);
      rounds.clientCpu.push(c.cpuUsPerRequest);
    }
    const baseline = median(rounds.baseline);
    const viaClientRps = median(rounds.client);
    results[label] = {
      concurrency,
      baselineRps: Math.round(baseline),
      clientRps: Math.round(viaClientRps),
      ratio: Number((viaClientRps / baseline).toFixed(3)),
      baselineClientCpuUsPerRequest: Math.round(median(rounds.baselineCpu)),
      clientCpuUsPerRequest: Math.round(median(rounds.clientCpu)),
      rounds: rounds.baseline.map((b, i) => ({
        baselineRps: Math.round(b),
        clientRps: Math.round(rounds.client[i]),
      })),
    };
    console.log(label, results[label]);
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

const throughputResults = await throughput();
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
    durationMsPerMeasurement: DURATION_MS,
    rounds: ROUNDS,
    inFlight: IN_FLIGHT,
    endpoint: 'GET /app/printers/{uuid}',
  },
  throughput: throughputResults,
  heap,
  target: { ratioAtLeast: 0.85 },
};
writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
console.log('written bench/results.json');
