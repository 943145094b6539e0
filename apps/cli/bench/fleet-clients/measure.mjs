// One side of one round: open `size` printers (adapters or the bare-transport baseline), heap per
// printer after a full GC, this process's CPU while they sit idle for `idleSeconds`, then close all.
// Rounds are interleaved (baseline, adapter, adapter, baseline, ...) as in
// packages/moonraker-client/bench/fleet.mjs, so load from other work on the machine hits both sides.
import os from 'node:os';

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export const loadAverage = () =>
  os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Full GCs until the heap stops moving (as fleet.mjs does), then the memory figures. */
async function settledMemory() {
  for (let i = 0; i < 4; i++) {
    globalThis.gc();
    await sleep(50);
  }
  const { heapUsed, external, arrayBuffers, rss } = process.memoryUsage();
  return { heapUsed, external, arrayBuffers, rss };
}

/** Runs `open(i)` for i < size, `batch` at a time; a failed open is counted, not thrown. */
async function openAll(size, batch, open) {
  const opened = [];
  const failures = [];
  for (let i = 0; i < size; i += batch) {
    const slice = Array.from({ length: Math.min(batch, size - i) }, (_, j) => open(i + j));
    for (const result of await Promise.allSettled(slice)) {
      if (result.status === 'fulfilled') opened.push(result.value);
      else failures.push(String(result.reason?.message ?? result.reason));
    }
  }
  return { opened, failures };
}

const perPrinter = (bytes, size) => Math.round(bytes / size);

/**
 * `row.start(side, counter)` → `{ open(i) → handle, finish() }`; a handle has `connected()` and `close()`.
 * `counter.events` counts what the side received while idle (reports or poll answers).
 */
export async function measureSide(row, side, { size, idleSeconds, batch, settleSeconds = 0 }) {
  const before = await settledMemory();
  const counter = { events: 0, errors: 0 };
  const started = performance.now();
  const session = await row.start(side, counter);
  const { opened, failures } = await openAll(size, batch, (i) => session.open(i));
  const connectSeconds = (performance.now() - started) / 1000;
  // Lets what connecting left behind go first (e.g. the keep-alive sockets of the LAN handshake's
  // HTTP requests, ~4 s in undici), so "held" is what the printers keep.
  await sleep(settleSeconds * 1000);
  const held = await settledMemory();
  counter.events = 0;
  const cpuBefore = process.cpuUsage();
  const idleStart = performance.now();
  await sleep(idleSeconds * 1000);
  const cpu = process.cpuUsage(cpuBefore);
  const wall = (performance.now() - idleStart) / 1000;
  const events = counter.events;
  const connected = opened.filter((handle) => handle.connected()).length;
  const afterIdle = await settledMemory();
  await Promise.allSettled(opened.map((handle) => handle.close()));
  await session.finish();
  await sleep(500);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    opened: opened.length,
    connectedAfterIdle: connected,
    failedToOpen: failures.length,
    ...(failures.length > 0 ? { firstFailure: failures[0] } : {}),
    connectSeconds: Number(connectSeconds.toFixed(1)),
    heapBytesPerPrinter: perPrinter(held.heapUsed - before.heapUsed, size),
    heapBytesPerPrinterAfterIdle: perPrinter(afterIdle.heapUsed - before.heapUsed, size),
    externalBytesPerPrinter: perPrinter(held.external - before.external, size),
    rssMegabytesHeld: Math.round(held.rss / 1e6),
    idleCpuSeconds: Number(cpuSeconds.toFixed(3)),
    idleCpuPercentOfOneCore: Number(((cpuSeconds / wall) * 100).toFixed(2)),
    idleCpuMicrosPerPrinterPerSecond: Number(((cpuSeconds * 1e6) / size / wall).toFixed(2)),
    idleEventsPerSecond: Math.round(events / wall),
    idleCpuMicrosPerEvent: events > 0 ? Number(((cpuSeconds * 1e6) / events).toFixed(1)) : null,
    errorEvents: counter.errors,
  };
}

/** `rounds` interleaved rounds of both sides; medians and per-round ratios adapter / baseline. */
export async function compareSides(row, options) {
  const rounds = [];
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 === 0 ? ['baseline', 'adapter'] : ['adapter', 'baseline'];
    const got = { loadAverageBefore: loadAverage() };
    for (const side of order) {
      got[side] = await measureSide(row, side, options);
      const r = got[side];
      console.log(
        `  round ${round + 1} ${side.padEnd(8)} ${r.opened}/${options.size} open (${r.connectedAfterIdle} connected after idle) in ${r.connectSeconds} s; heap ${r.heapBytesPerPrinter} B/printer (${r.heapBytesPerPrinterAfterIdle} after idle), external ${r.externalBytesPerPrinter} B; idle CPU ${r.idleCpuPercentOfOneCore} % of a core, ${r.idleEventsPerSecond} events/s; load ${loadAverage()}`,
      );
    }
    rounds.push(got);
  }
  const pick = (side, key) => median(rounds.map((r) => r[side][key]));
  const ratio = (key) => {
    const ratios = rounds.map((r) => r.adapter[key] / r.baseline[key]).filter(Number.isFinite);
    return ratios.length === 0 ? null : Number(median(ratios).toFixed(2));
  };
  const range = (side, keys) => {
    const values = rounds.flatMap((r) => keys.map((key) => r[side][key]));
    return `${Math.min(...values)}–${Math.max(...values)}`;
  };
  const summary = (side) => ({
    heapBytesPerPrinter: pick(side, 'heapBytesPerPrinter'),
    heapBytesPerPrinterRangeAllReadings: range(side, ['heapBytesPerPrinter', 'heapBytesPerPrinterAfterIdle']),
    heapBytesPerPrinterAfterIdle: pick(side, 'heapBytesPerPrinterAfterIdle'),
    externalBytesPerPrinter: pick(side, 'externalBytesPerPrinter'),
    idleCpuPercentOfOneCore: pick(side, 'idleCpuPercentOfOneCore'),
    idleCpuMicrosPerPrinterPerSecond: pick(side, 'idleCpuMicrosPerPrinterPerSecond'),
    idleEventsPerSecond: pick(side, 'idleEventsPerSecond'),
    idleCpuMicrosPerEvent: pick(side, 'idleCpuMicrosPerEvent'),
  });
  return {
    adapter: summary('adapter'),
    baseline: summary('baseline'),
    heapRatioAdapterVsBaseline: ratio('heapBytesPerPrinter'),
    idleCpuRatioAdapterVsBaseline: ratio('idleCpuSeconds'),
    rounds,
  };
}
