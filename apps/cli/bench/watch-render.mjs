// `printkit watch` at farm scale: how long one frame of 1,000 printers takes to render (the pure
// renderWatch: summary, sort, filter, table), against a frame's budget (16.7 ms at 60 Hz).
// Run after a build: node bench/watch-render.mjs  — prints figures and writes bench/watch-render.results.json.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { PLAIN } from '../dist/format/palette.js';
import { renderWatch } from '../dist/watch/render-watch.js';

const STATES = [
  'printing',
  'printing',
  'printing',
  'idle',
  'idle',
  'paused',
  'finished',
  'error',
  'preparing',
];
const VENDORS = ['anycubic', 'moonraker', 'prusa-connect', 'prusalink'];

function farm(count) {
  return Array.from({ length: count }, (_, i) => {
    const state = STATES[i % STATES.length];
    const unreachable = i % 97 === 0;
    return {
      name: `printer-${i + 1}`,
      vendor: VENDORS[i % VENDORS.length],
      connection: unreachable ? 'unreachable' : 'connected',
      ...(unreachable ? { problem: `connect ECONNREFUSED 127.1.0.${i % 254}:7125` } : {}),
      status: {
        state: unreachable ? 'offline' : state,
        ...(state === 'error' ? { message: 'Heater nozzle not heating at expected rate' } : {}),
        temperatures: { nozzle: { actual: 200 + (i % 15), target: 210 }, bed: { actual: 59.5, target: 60 } },
        ...(state === 'idle'
          ? {}
          : {
              job: {
                file: `part-${i % 50}.gcode`,
                progress: (i % 100) / 100,
                remainingSeconds: 60 * (i % 300),
              },
            }),
        updatedAt: 0,
      },
    };
  });
}

function measure(label, views, options, frames = 200) {
  const render = () =>
    renderWatch(views, { now: Date.UTC(2026, 0, 1), palette: PLAIN, timeZone: 'UTC', ...options });
  for (let i = 0; i < 20; i++) render(); // warm-up
  const times = [];
  for (let i = 0; i < frames; i++) {
    const start = process.hrtime.bigint();
    render();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const p95 = times[Math.floor(times.length * 0.95)];
  const result = {
    label,
    printers: views.length,
    frames,
    medianMs: +median.toFixed(3),
    p95Ms: +p95.toFixed(3),
  };
  console.log(`${label.padEnd(52)} median ${median.toFixed(2)} ms  p95 ${p95.toFixed(2)} ms`);
  return result;
}

const views = farm(1000);
const results = [
  measure('1000 printers, every row (a log: no terminal height)', views, {}),
  measure('1000 printers, --sort attention, 40 rows (a terminal)', views, {
    fleet: { sort: 'attention', maxRows: 40 },
  }),
  measure('1000 printers, --state error,paused --sort name', views, {
    fleet: { sort: 'name', states: ['error', 'paused'] },
  }),
  measure(
    '5000 printers, --sort attention, 40 rows',
    farm(5000),
    { fleet: { sort: 'attention', maxRows: 40 } },
    50,
  ),
];
const [load1] = loadavg();
const document = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  loadAverage1m: +load1.toFixed(2),
  budgetMs: 16.7,
  results,
};
console.log(`load average ${load1.toFixed(2)} on ${cpus().length} CPUs; a frame's budget is 16.7 ms (60 Hz)`);
writeFileSync(
  new URL('./watch-render.results.json', import.meta.url),
  `${JSON.stringify(document, null, 2)}\n`,
);
