// One client process holding a fleet of live printers: heap per printer after a full GC (status
// included) and this process's idle CPU, for the Anycubic, Prusa Connect and PrusaLink adapters, each
// against the minimum raw transport doing the same job, measured in the same run in interleaved rounds.
// The printers are the real `printkit-mocks` fleet app in a child process, one per vendor.
//   node --expose-gc bench/fleet-clients/run.mjs [--size 1000] [--idle-seconds 10] [--rounds 3]
//        [--batch 50] [--settle-seconds 5] [--only anycubic,anycubic-lan,prusa-connect,prusa-connect-shared,prusalink,
//        prusalink-client-dispatcher]
//        [--out bench/fleet-clients/results.json]
// A measurement, not a test: nothing asserts a speed; one MET/MISSED line per row for the heap target.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { anycubicLanRow, anycubicPlainRow } from './anycubic.mjs';
import { startFleetChild } from './fleet-child.mjs';
import { compareSides, loadAverage, measureSide } from './measure.mjs';
import {
  prusaConnectRow,
  prusaConnectSharedRow,
  prusaLinkClientDispatcherRow,
  prusaLinkRow,
} from './prusa.mjs';

const here = dirname(fileURLToPath(import.meta.url));
function arg(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
}
const SIZE = Number(arg('size', 1000));
const IDLE_SECONDS = Number(arg('idle-seconds', 10));
const ROUNDS = Number(arg('rounds', 3));
const BATCH = Number(arg('batch', 50));
const ONLY = new Set(
  arg(
    'only',
    'anycubic,anycubic-lan,prusa-connect,prusa-connect-shared,prusalink,prusalink-client-dispatcher',
  ).split(','),
);
const OUT = resolve(arg('out', join(here, 'results.json')));
const TARGET_BYTES = 32 * 1024;
const WARM_UP = 10;
const SETTLE_SECONDS = Number(arg('settle-seconds', 5));

/** `ulimit -n` of this process (Linux), or null. */
function openFilesLimit() {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    return line ? Number(line.split(/\s{2,}/)[1]) : null;
  } catch {
    return null;
  }
}

if (typeof globalThis.gc !== 'function') {
  console.error('run with node --expose-gc');
  process.exit(1);
}

// One fleet child per vendor; its rows share it.
const VENDORS = [
  { fleet: 'anycubic', rows: [anycubicPlainRow, anycubicLanRow], names: ['anycubic', 'anycubic-lan'] },
  {
    fleet: 'prusa-connect',
    rows: [prusaConnectRow, prusaConnectSharedRow],
    names: ['prusa-connect', 'prusa-connect-shared'],
  },
  {
    fleet: 'prusalink',
    rows: [prusaLinkRow, prusaLinkClientDispatcherRow],
    names: ['prusalink', 'prusalink-client-dispatcher'],
  },
];

const results = {
  date: new Date().toISOString(),
  command: `node --expose-gc bench/fleet-clients/run.mjs ${process.argv.slice(2).join(' ')}`.trim(),
  machine: {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cpus: os.cpus().length,
    memoryGB: Number((os.totalmem() / 1e9).toFixed(1)),
    node: process.version,
    openFilesLimit: openFilesLimit(),
  },
  layout:
    'printkit-mocks --fleet <vendor>=<size> --port-base 0 --json in a child process; adapters and baselines in this one',
  size: SIZE,
  idleSeconds: IDLE_SECONDS,
  settleSecondsBeforeHeap: SETTLE_SECONDS,
  rounds: `${ROUNDS} interleaved rounds per row (baseline, adapter, then adapter, baseline, ...); figures are medians; ratio = median of per-round ratios`,
  heapTargetBytesPerPrinter: TARGET_BYTES,
  rows: {},
};

const verdicts = [];
for (const vendor of VENDORS) {
  const wanted = vendor.names.filter((name) => ONLY.has(name));
  if (wanted.length === 0) continue;
  const load = { before: loadAverage() };
  console.log(
    `${vendor.fleet}: starting printkit-mocks --fleet ${vendor.fleet}=${SIZE} (load ${load.before})`,
  );
  const started = performance.now();
  const child = await startFleetChild(`${vendor.fleet}=${SIZE}`);
  try {
    console.log(`  fleet up in ${((performance.now() - started) / 1000).toFixed(1)} s (pid ${child.pid})`);
    for (const makeRow of vendor.rows) {
      const row = makeRow(child.fleet);
      if (!ONLY.has(row.name)) continue;
      // A row whose printers poll less often than the idle window lasts gets a window of one interval.
      const idleSeconds = Math.max(IDLE_SECONDS, row.minIdleSeconds ?? 0);
      console.log(`${row.name}: ${SIZE} printers, ${ROUNDS} rounds, ${idleSeconds} s idle`);
      const rowLoad = { before: loadAverage() };
      // Loads the modules each side uses lazily (undici, mqtt.js, zod schemas) before anything is measured.
      const warm = { size: WARM_UP, idleSeconds: 0, batch: WARM_UP };
      await measureSide(row, 'baseline', warm);
      await measureSide(row, 'adapter', warm);
      const compared = await compareSides(row, {
        size: SIZE,
        idleSeconds,
        settleSeconds: SETTLE_SECONDS,
        rounds: ROUNDS,
        batch: BATCH,
      });
      rowLoad.after = loadAverage();
      results.rows[row.name] = {
        adapterSetup: row.adapter,
        baselineSetup: row.baseline,
        printers: SIZE,
        idleSeconds,
        loadAverage: rowLoad,
        ...compared,
      };
      // The larger of the two readings (after connecting and settling, after the idle window).
      const heap = Math.max(
        compared.adapter.heapBytesPerPrinter,
        compared.adapter.heapBytesPerPrinterAfterIdle,
      );
      verdicts.push(
        `${heap <= TARGET_BYTES ? 'MET   ' : 'MISSED'} ${row.name}: adapter heap ${heap} B per printer (larger of settled / after idle; target ≤ ${TARGET_BYTES}); baseline ${compared.baseline.heapBytesPerPrinter} / ${compared.baseline.heapBytesPerPrinterAfterIdle} B, ratio ${compared.heapRatioAdapterVsBaseline}; idle CPU ${compared.adapter.idleCpuPercentOfOneCore} % of a core vs ${compared.baseline.idleCpuPercentOfOneCore} % over ${idleSeconds} s (${SIZE} printers, load ${rowLoad.before} → ${rowLoad.after})`,
      );
    }
  } finally {
    await child.stop();
  }
  load.after = loadAverage();
  results[`loadAverage_${vendor.fleet}`] = load;
}

writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwrote ${OUT}`);
for (const line of verdicts) console.log(line);
