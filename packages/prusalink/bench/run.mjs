// `pnpm bench`: GET /api/v1/status through the client against the loopback mock, as a ratio to bare
// undici `Pool.request` against the same server in the same run (one at a time and N in flight), with
// X-Api-Key and with HTTP Digest (the baseline computes the same MD5 answer with node:crypto).
// Run with `node --expose-gc bench/run.mjs` after `pnpm run build` (the package script does both).
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { createPrusaLinkClient } from '../dist/index.js';

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 2_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const IN_FLIGHT = 8;
const PATH = '/api/v1/status';

function startServer() {
  const child = fork(fileURLToPath(new URL('./server.mjs', import.meta.url)), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (info) => resolve({ ...info, stop: () => child.disconnect() }));
    child.once('error', reject);
  });
}

async function measure(once, concurrency) {
  for (let i = 0; i < 100; i++) await once(); // warm-up
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
const md5 = (text) => createHash('md5').update(text).digest('hex');

/** A bare Digest answer for the firmware's scheme (no qop), computed per request like a client must. */
async function bareDigest(pool) {
  const { headers, body } = await pool.request({ method: 'GET', path: '/api/version' });
  await body.dump();
  const header = String(headers['www-authenticate']);
  const realm = /realm="([^"]*)"/.exec(header)[1];
  const nonce = /nonce="([^"]*)"/.exec(header)[1];
  return () => {
    const ha1 = md5(`maker:${realm}:bench-pass`);
    const ha2 = md5(`GET:${PATH}`);
    const response = md5(`${ha1}:${nonce}:${ha2}`);
    return `Digest username="maker", realm="${realm}", nonce="${nonce}", uri="${PATH}", response="${response}"`;
  };
}

async function compare(server, auth) {
  const pool = new Pool(server.url, { connections: IN_FLIGHT });
  const authorize = auth === 'digest' ? await bareDigest(pool) : undefined;
  const bare = async () => {
    const headers = authorize ? { authorization: authorize() } : { 'x-api-key': 'bench-key' };
    const { statusCode, body } = await pool.request({ method: 'GET', path: PATH, headers });
    const json = await body.json();
    if (statusCode !== 200 || typeof json.printer?.state !== 'string')
      throw new Error(`baseline got ${statusCode}`);
  };
  const client = createPrusaLinkClient({
    url: server.url,
    connections: IN_FLIGHT,
    ...(auth === 'digest' ? { password: 'bench-pass' } : { apiKey: 'bench-key' }),
  });
  const viaClient = async () => {
    const status = await client.status();
    if (typeof status.printer.state !== 'string') throw new Error('client got no state');
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
      baselineCpuUsPerRequest: Math.round(median(rounds.baselineCpu)),
      clientCpuUsPerRequest: Math.round(median(rounds.clientCpu)),
      rounds: rounds.baseline.map((b, i) => ({
        baselineRps: Math.round(b),
        clientRps: Math.round(rounds.client[i]),
      })),
    };
    console.log(auth, label, results[label]);
  }
  await client.close();
  await pool.close();
  return results;
}

const loadBefore = os.loadavg();
const server = await startServer();
const apiKey = await compare(server, 'api-key');
const digest = await compare(server, 'digest');
server.stop();

const results = {
  date: new Date().toISOString(),
  command: 'pnpm --filter @printkit/prusalink bench  (node --expose-gc bench/run.mjs)',
  machine: {
    cpu: os.cpus()[0]?.model,
    cpus: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
    // A shared VM: figures taken under a load far above the core count are noise, not a result.
    loadAverage1mBeforeAfter: [loadBefore[0], os.loadavg()[0]].map((l) => Number(l.toFixed(1))),
  },
  settings: {
    durationMsPerMeasurement: DURATION_MS,
    rounds: ROUNDS,
    inFlight: IN_FLIGHT,
    endpoint: `GET ${PATH}`,
  },
  throughput: { apiKey, digest },
};
writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
console.log('written bench/results.json');
