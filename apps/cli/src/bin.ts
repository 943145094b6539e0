#!/usr/bin/env node
import type { FleetOptions } from '@printkit/mocks-app';
import type { PrinterConfig } from './config/load-config.js';
import { runCli } from './main.js';

// Imported on first use: the mock fleet is only for `demo`, and a vendor client only for its printers.
const createPrinter = async (config: PrinterConfig) =>
  (await import('./vendors/create-printer.js')).createPrinterFromConfig(config);
const startFleet = async (options: FleetOptions) => (await import('@printkit/mocks-app')).startFleet(options);

const stop = new AbortController();
let signals = 0;
const onSignal = () => {
  signals += 1;
  // The first Ctrl-C stops cleanly (printers closed, mocks stopped); a second one does not wait.
  if (signals > 1) process.exit(130);
  stop.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
// The reader went away (`printkit watch | head -n 5`, a closed pager): stop as on Ctrl-C instead of
// crashing on the stream's unhandled EPIPE error; there is no one left to write to.
process.stdout.on('error', () => stop.abort());

runCli(
  process.argv.slice(2),
  {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  },
  { createPrinter, startFleet, now: Date.now, signal: stop.signal },
).then(
  (code) => {
    process.exitCode = code;
    // Adapters may keep reconnect timers or sockets a moment after close; the work is done.
    setTimeout(() => process.exit(code), 50).unref();
  },
  (error: unknown) => {
    process.stderr.write(
      `printkit: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
