// `pnpm bench`: figures for @printkit/moonraker-client over the built dist. See the README.
//   node --expose-gc bench/run.mjs [--seconds 2] [--rounds 5] [--fleet 1000] [--fleet-rounds 3]
//        [--idle-seconds 10] [--only roundTrips,status,fleet] [--out bench/results.json]
// Every figure is a ratio to a baseline measured in the same run, in interleaved rounds
// (baseline, client, client, baseline, ...), so load from other work on the machine hits both:
// (1) server.info round trips/s vs a raw ws client doing the same JSON-RPC exchange (same request
//     text, JSON.parse, id lookup) against the same mock, one at a time and 64 in flight;
// (2) notify_status_update frames decoded + merged per second vs JSON.parse alone on the same frames;
// (3) heap per printer and idle CPU of `--fleet` live adapters vs as many raw subscribed sockets.
// Measurements, not tests: nothing here asserts a speed; the verdicts line states the targets.
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { distLabel } from './dist.mjs';
import { fleet } from './fleet.mjs';
import { loadAverage } from './measure.mjs';
import { roundTrips } from './round-trips.mjs';
import { heatingFrames, printingFrames, statusThroughput } from './status.mjs';

const here = dirname(fileURLToPath(import.meta.url));
function arg(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
}
const SECONDS = Number(arg('seconds', 2));
const ROUNDS = Number(arg('rounds', 5));
const FLEET = Number(arg('fleet', 1000));
const FLEET_ROUNDS = Number(arg('fleet-rounds', 3));
const IDLE_SECONDS = Number(arg('idle-seconds', 10));
const ONLY = new Set(arg('only', 'roundTrips,status,fleet').split(','));
const OUT = resolve(arg('out', join(here, 'results.json')));
const FLEET_MOCKS = 4;

if (typeof globalThis.gc !== 'function') {
  console.error('run with node --expose-gc (pnpm bench does)');
  process.exit(1);
}

const server = fork(join(here, 'server.mjs'), [String(FLEET_MOCKS)], {
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const urls = await new Promise((done) => server.once('message', done));
const load = { atStart: loadAverage() };
const results = {
  date: new Date().toISOString(),
  command: `node --expose-gc bench/run.mjs ${process.argv.slice(2).join(' ')}`.trim(),
  machine: { cpu: os.cpus()[0]?.model ?? 'unknown', cpus: os.cpus().length, node: process.version },
  client: distLabel,
  layout: 'mock Moonrakers in a child process; clients and baselines in this one',
  secondsPerMeasurement: SECONDS,
  rounds: `${ROUNDS} interleaved rounds per figure, order flipped each round; ratio = median of per-round ratios`,
  loadAverage: load,
};

if (ONLY.has('roundTrips')) {
  results.roundTrips = {
    method: 'server.info',
    baseline:
      'raw ws client, same request text, JSON.parse of every answer, id looked up in a Map (bench/raw-client.mjs)',
    ...(await roundTrips({
      mockUrl: urls.mockUrl,
      mockWsUrl: urls.mockWsUrl,
      seconds: SECONDS,
      rounds: ROUNDS,
    })),
  };
  load.afterRoundTrips = loadAverage();
}
if (ONLY.has('status')) {
  results.statusUpdates = { baseline: 'JSON.parse alone on the same frames' };
  for (const [name, frames, listener] of [
    ['heating', heatingFrames, 'diff'],
    ['printing', printingFrames, 'diff'],
    ['heatingWithStatusListener', heatingFrames, 'status'],
    ['printingWithStatusListener', printingFrames, 'status'],
  ]) {
    results.statusUpdates[name] = await statusThroughput(frames(1024), {
      seconds: SECONDS,
      rounds: ROUNDS,
      listener,
    });
  }
  load.afterStatus = loadAverage();
}
if (ONLY.has('fleet')) {
  results.fleet = {
    baseline: 'raw ws sockets: identify, server.info, objects.list, subscribe, merged status kept by hand',
    ...(await fleet({
      urls: urls.fleetUrls,
      wsUrls: urls.fleetWsUrls,
      size: FLEET,
      idleSeconds: IDLE_SECONDS,
      rounds: FLEET_ROUNDS,
    })),
  };
  load.afterFleet = loadAverage();
}
server.send('stop');

/** The figure at a dotted path of `results` (undefined when that part did not run). */
const figureAt = (path) => path.split('.').reduce((node, key) => node?.[key], results);
const atLeast = (path, min) => [path, figureAt(path), (v) => v >= min, `≥ ${min}`];
const targets = [
  ...['oneAtATime', 'inFlight64'].flatMap((mode) => [
    atLeast(`roundTrips.${mode}.perSecond.ratio`, 0.9),
    atLeast(`roundTrips.${mode}.perCpuSecond.ratio`, 0.9),
  ]),
  atLeast('statusUpdates.heating.ratioVsJsonParseOnly', 0.8),
  atLeast('statusUpdates.printing.ratioVsJsonParseOnly', 0.8),
  ...['heating', 'printing', 'heatingWithStatusListener', 'printingWithStatusListener'].map((kind) =>
    atLeast(`statusUpdates.${kind}.ratioPerCpuSecond`, 0.8),
  ),
  [
    'fleet.adapters.heapBytesPerPrinter',
    figureAt('fleet.adapters.heapBytesPerPrinter'),
    (v) => v <= 32 * 1024,
    '≤ 32768',
  ],
].filter(([, value]) => value !== undefined);
results.verdicts = Object.fromEntries(
  targets.map(([figure, value, met, target]) => [figure, { value, target, met: met(value) }]),
);
writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
console.log(`\nload average: ${JSON.stringify(load)} on ${os.cpus().length} CPUs`);
for (const [figure, { value, target, met }] of Object.entries(results.verdicts)) {
  console.log(`${met ? 'MET   ' : 'MISSED'} ${figure} = ${value} (target ${target})`);
}
