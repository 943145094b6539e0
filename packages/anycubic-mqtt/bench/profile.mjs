// `node bench/profile.mjs [info|light|inflight|bare] [out-prefix]` (after `pnpm build`): CPU profiles
// of command round trips against the mock printer, taken around the loops only (not start-up). The
// client's rounds alternate with rounds of a bare mqtt.js client asking the mock's second printer the
// same info query (fresh msgid, answer parsed and matched: the bench's baseline), and it prints the
// self time per round trip by function and by package, and the client's minus the bare client's.
// `inflight` keeps 16 info queries in flight; `out-prefix` also writes the first round's profiles
// (`<prefix>.<kind>.cpuprofile`, for Chrome DevTools). The figures are inflated by the sampling
// (every 50 µs): read them as proportions. PROFILE_SECONDS, PROFILE_ROUNDS, PROFILE_TOP change the run.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { startMockAnycubic } from '@printkit/mock-anycubic';
import mqtt from 'mqtt';
import { createAnycubicClient } from '../dist/index.js';

const [kind = 'info', out] = process.argv.slice(2);

const SECONDS = Number(process.env.PROFILE_SECONDS ?? 8);
const TOP = Number(process.env.PROFILE_TOP ?? 35);
// Two printers: the bare client asks the second, so the client does not decode the answers it causes.
const mock = await startMockAnycubic({ port: 0, httpPort: 0, printers: [{}, {}] });
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

const other = mock.printers[1];
const base = `anycubic/anycubicCloud/v1/printer/public/${other.modelId}/${other.deviceId}`;
const reportTopic = `${base}/info/report`;
const commandTopic = `anycubic/anycubicCloud/v1/web/printer/${other.modelId}/${other.deviceId}/info`;
const bare = await mqtt.connectAsync(mock.url, {
  username: mock.username,
  password: mock.password,
  reconnectPeriod: 0,
});
bare.stream.setNoDelay?.(true);
await bare.subscribeAsync(`${base}/#`);
const waiting = new Map();
bare.on('message', (topic, payload) => {
  if (topic !== reportTopic) return;
  const report = JSON.parse(payload.toString());
  const resolve = waiting.get(report.msgid);
  if (resolve) {
    waiting.delete(report.msgid);
    resolve(report.data);
  }
});
const bareInfo = () =>
  new Promise((resolve) => {
    const msgid = randomUUID();
    waiting.set(msgid, resolve);
    const message = { type: 'info', action: 'query', timestamp: Date.now(), msgid, data: null };
    bare.publish(commandTopic, JSON.stringify(message));
  });
let ask;
const width = kind === 'inflight' ? 16 : 1;

async function loop(seconds) {
  const deadline = performance.now() + seconds * 1000;
  let count = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (performance.now() < deadline) {
        await ask();
        count++;
      }
    }),
  );
  return count;
}

// Client and bare rounds alternate, each profiled on its own, so both see the same machine load;
// the summary is self time per round trip, and what the client spends beyond the bare query.
const ROUNDS = Number(process.env.PROFILE_ROUNDS ?? 4);
const session = new Session();
session.connect();
await session.post('Profiler.setSamplingInterval', { interval: 50 });
await session.post('Profiler.enable');
const kinds = kind === 'bare' ? ['bare'] : [kind, 'bare'];
const totals = Object.fromEntries(
  kinds.map((k) => [k, { count: 0, byFunction: new Map(), byPackage: new Map() }]),
);
const asks = {
  info: () => client.queryInfo(),
  light: () => client.queryLights(),
  inflight: () => client.queryInfo(),
  bare: bareInfo,
};
ask = asks[kind];
await loop(1);
ask = bareInfo;
await loop(1);
for (let round = 0; round < ROUNDS; round++) {
  for (const k of round % 2 ? [...kinds].reverse() : kinds) {
    ask = asks[k];
    await session.post('Profiler.start');
    const count = await loop(SECONDS / ROUNDS);
    const { profile } = await session.post('Profiler.stop');
    if (out && round === 0) writeFileSync(`${out}.${k}.cpuprofile`, JSON.stringify(profile));
    totals[k].count += count;
    tally(profile, totals[k]);
  }
}
session.disconnect();
await client.close();
await bare.endAsync();
await mock.stop();

function tally(profile, into) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const add = (map, key, micros) => map.set(key, (map.get(key) ?? 0) + micros);
  for (let i = 0; i < profile.samples.length; i++) {
    const { functionName, url, lineNumber } = byId.get(profile.samples[i]).callFrame;
    const micros = profile.timeDeltas[i] ?? 0;
    const file = url.replace(/^file:\/\//, '');
    const pnpm = /node_modules\/\.pnpm\/([^/]+)\/.*?([^/]+)$/.exec(file);
    const local = /\/work\/main\/((?:packages|mocks)\/[^/]+)\/(.*)$/.exec(file);
    const where = pnpm ? `${pnpm[1]} ${pnpm[2]}` : local ? `${local[1]}/${local[2]}` : file;
    add(into.byFunction, `${functionName || '(anonymous)'}  ${where}:${lineNumber + 1}`, micros);
    const pkg = pnpm?.[1] ?? local?.[1] ?? (file.startsWith('node:') ? 'node:*' : file || '(native)');
    add(into.byPackage, pkg, micros);
  }
}

const perTrip = (k, map) =>
  new Map([...totals[k][map]].map(([key, micros]) => [key, micros / totals[k].count]));
const show = (map, top) => {
  for (const [key, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${micros.toFixed(2).padStart(7)} µs  ${key}`);
};
for (const k of kinds) console.log(`${k}: ${totals[k].count} round trips`);
console.log(`--- ${kind}: self time per round trip, by function`);
show(perTrip(kind, 'byFunction'), TOP);
console.log(`--- ${kind}: by package`);
show(perTrip(kind, 'byPackage'), 15);
if (kind !== 'bare') {
  const diff = (map) => {
    const client = perTrip(kind, map);
    const bareMap = perTrip('bare', map);
    const keys = new Set([...client.keys(), ...bareMap.keys()]);
    return new Map([...keys].map((key) => [key, (client.get(key) ?? 0) - (bareMap.get(key) ?? 0)]));
  };
  console.log(`--- ${kind} minus bare, per round trip, by package`);
  show(diff('byPackage'), 15);
  console.log(`--- ${kind} minus bare, per round trip, by function`);
  show(diff('byFunction'), TOP);
}
