// Where the heap per printer goes, by taking components away: the transports alone (undici Pool vs
// Client, before and after one request) and the Anycubic client with and without its adapter. Each
// figure is the heap after full GCs minus the heap before, per printer, 2 s after the last connect;
// two passes (the first also loads modules). Printers from printkit-mocks in a child, as run.mjs.
//   node --expose-gc bench/fleet-clients/components.mjs [--size 500]
//        [--out bench/fleet-clients/components.results.json]
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAnycubicClient, createAnycubicPrinter } from '@printkit/anycubic-mqtt';
import { createPrusaLinkPrinter } from '@printkit/prusalink';
import { startFleetChild } from './fleet-child.mjs';
import { loadAverage } from './measure.mjs';

const here = dirname(fileURLToPath(import.meta.url));
function arg(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
}
const SIZE = Number(arg('size', 500));
const OUT = resolve(arg('out', join(here, 'components.results.json')));
const PASSES = 2;

if (typeof globalThis.gc !== 'function') {
  console.error('run with node --expose-gc');
  process.exit(1);
}

const requireFromLink = createRequire(
  new URL('../../../../packages/prusalink/package.json', import.meta.url),
);
const { Client, Pool } = await import(requireFromLink.resolve('undici'));
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

async function settledHeap() {
  for (let i = 0; i < 4; i++) {
    globalThis.gc();
    await sleep(50);
  }
  return process.memoryUsage().heapUsed;
}

/** Opens `open(entry)` for SIZE entries, 50 at a time; heap per printer held; closes them. */
async function heapPerPrinter(entries, open) {
  const before = await settledHeap();
  const handles = [];
  for (let i = 0; i < SIZE; i += 50) {
    handles.push(...(await Promise.all(entries.slice(i, i + 50).map(open))));
  }
  await sleep(2000);
  const held = await settledHeap();
  await Promise.all(handles.map((handle) => handle.close()));
  await sleep(500);
  return Math.round((held - before) / SIZE);
}

async function measureAll(fleet, trials) {
  const figures = {};
  for (let pass = 0; pass < PASSES; pass++) {
    for (const [name, open] of Object.entries(trials)) {
      const bytes = await heapPerPrinter(fleet.printers, open);
      figures[name] = [...(figures[name] ?? []), bytes];
      console.log(`  pass ${pass + 1} ${name}: ${bytes} B per printer`);
    }
  }
  return figures;
}

const version = async (dispatcher, entry) => {
  const answer = await dispatcher.request({
    origin: entry.url,
    path: '/api/version',
    method: 'GET',
    headers: { 'x-api-key': entry.password },
  });
  await answer.body.text();
};

const linkTrials = {
  'undici Pool (2 connections), no request': async (entry) =>
    new Pool(new URL(entry.url).origin, { connections: 2 }),
  'undici Pool (2 connections), one request': async (entry) => {
    const pool = new Pool(new URL(entry.url).origin, { connections: 2 });
    await version(pool, entry);
    return pool;
  },
  'undici Client, no request': async (entry) => new Client(new URL(entry.url).origin),
  'undici Client, one request': async (entry) => {
    const client = new Client(new URL(entry.url).origin);
    await version(client, entry);
    return client;
  },
  'PrusaLink adapter, own Pool, connected, no poll': async (entry) => {
    const printer = createPrusaLinkPrinter({ ...entry, pollIntervalMs: 0 });
    await printer.connect();
    return printer;
  },
  'PrusaLink adapter, dispatcher: undici Client, connected, no poll': async (entry) => {
    const dispatcher = new Client(new URL(entry.url).origin);
    const printer = createPrusaLinkPrinter({ ...entry, dispatcher, pollIntervalMs: 0 });
    await printer.connect();
    return { close: () => printer.close().then(() => dispatcher.close()) };
  },
};

const kobra = (entry) => {
  const url = new URL(entry.url);
  return {
    host: url.hostname,
    port: Number(url.port),
    username: entry.username,
    password: entry.password,
    deviceId: entry.deviceId,
    modelId: entry.modelId,
  };
};
const anycubicTrials = {
  'Anycubic client, connected (subscribed), poll off': async (entry) => {
    const client = createAnycubicClient({ ...kobra(entry), pollIntervalMs: 0 });
    await client.connect();
    return client;
  },
  'Anycubic client, connected + queryInfo': async (entry) => {
    const client = createAnycubicClient(kobra(entry));
    await client.connect();
    await client.queryInfo();
    return client;
  },
  'Anycubic adapter, connected': async (entry) => {
    const printer = createAnycubicPrinter(kobra(entry));
    await printer.connect();
    return printer;
  },
};

const results = {
  date: new Date().toISOString(),
  command: `node --expose-gc bench/fleet-clients/components.mjs ${process.argv.slice(2).join(' ')}`.trim(),
  node: process.version,
  size: SIZE,
  passes: PASSES,
  loadAverage: { before: loadAverage() },
  bytesPerPrinter: {},
};
for (const [spec, trials] of [
  [`prusalink=${SIZE}`, linkTrials],
  [`anycubic=${SIZE}`, anycubicTrials],
]) {
  console.log(`printkit-mocks --fleet ${spec}`);
  const child = await startFleetChild(spec);
  try {
    Object.assign(results.bytesPerPrinter, await measureAll(child.fleet, trials));
  } finally {
    await child.stop();
  }
}
results.loadAverage.after = loadAverage();
writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
console.log(`wrote ${OUT}`);
