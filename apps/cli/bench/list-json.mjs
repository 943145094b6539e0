// `printkit list --json` for 1,000 printers: a printkit-mocks fleet of 250 per vendor on OS-chosen
// ports, configured from its --config-out, then the built CLI run as a user runs it, five times.
// Run after a build: node bench/list-json.mjs  — prints figures and writes bench/list-json.results.json.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const MOCKS_BIN = new URL('../../mocks/dist/bin.js', import.meta.url).pathname;
const CLI_BIN = new URL('../dist/bin.js', import.meta.url).pathname;
const FLEET = 'moonraker=250,anycubic=250,prusa=250,prusalink=250';
const RUNS = 5;

const dir = mkdtempSync(join(tmpdir(), 'printkit-list-bench-'));
const config = join(dir, 'printkit.config.json');
const mocks = spawn(
  process.execPath,
  [MOCKS_BIN, '--fleet', FLEET, '--port-base', '0', '--json', '--config-out', config],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
try {
  let output = '';
  await new Promise((resolve, reject) => {
    mocks.stdout.setEncoding('utf8').on('data', (chunk) => {
      output += chunk;
      if (output.includes('\n')) resolve();
    });
    mocks.once('exit', (code) => reject(new Error(`printkit-mocks exited with ${code}`)));
  });
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [CLI_BIN, '--config', config, 'list', '--json'],
      {
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const printers = JSON.parse(stdout).length;
    if (printers !== 1000) throw new Error(`list printed ${printers} printers`);
    runs.push(+ms.toFixed(1));
    console.log(`list --json, 1000 printers: ${ms.toFixed(0)} ms (process start to exit)`);
  }
  const sorted = [...runs].sort((a, b) => a - b);
  const [load1] = loadavg();
  console.log(
    `median ${sorted[Math.floor(RUNS / 2)]} ms; load average ${load1.toFixed(2)} on ${cpus().length} CPUs`,
  );
  writeFileSync(
    new URL('./list-json.results.json', import.meta.url),
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, loadAverage1m: +load1.toFixed(2), fleet: FLEET, runsMs: runs, medianMs: sorted[Math.floor(RUNS / 2)] }, null, 2)}\n`,
  );
} finally {
  mocks.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
