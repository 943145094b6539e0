/** `printkit-mocks`: parse arguments, start the fleet, print it, stop cleanly on SIGINT/SIGTERM. */
import { readFileSync, writeFileSync } from 'node:fs';
import { formatConnectionTable } from './connection-table.js';
import { type Fleet, startFleet } from './fleet.js';
import { MOCKS_HELP, parseMocksArgs, UsageError } from './mocks-args.js';
import { FleetPlanError } from './port-allocator.js';
import { PortInUseError } from './port-in-use-error.js';
import { startProgress } from './start-progress.js';
import { listenForStopSignals } from './stop-signals.js';

export const EXIT_OK = 0;
export const EXIT_START_FAILED = 1;
export const EXIT_USAGE = 2;

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/** Runs the app; resolves with the exit code once the fleet has stopped (or failed to start). */
export async function runMocksApp(argv: readonly string[]): Promise<number> {
  let command: ReturnType<typeof parseMocksArgs>;
  try {
    command = parseMocksArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`printkit-mocks: ${error.message}\n`);
    return EXIT_USAGE;
  }
  if (command.kind === 'help') {
    process.stdout.write(`${MOCKS_HELP}\n`);
    return EXIT_OK;
  }
  if (command.kind === 'version') {
    process.stdout.write(`${version()}\n`);
    return EXIT_OK;
  }

  const signals = listenForStopSignals();

  const progress = startProgress((line) => process.stderr.write(line));
  let fleet: Fleet;
  try {
    fleet = await startFleet({ ...command.fleet, onProgress: progress.onProgress });
  } catch (error) {
    if (error instanceof FleetPlanError) {
      process.stderr.write(`printkit-mocks: ${error.message}\n`);
      return EXIT_USAGE;
    }
    const message = error instanceof PortInUseError ? error.message : `could not start: ${String(error)}`;
    process.stderr.write(`printkit-mocks: ${message}\n`);
    return EXIT_START_FAILED;
  }
  progress.done({ printers: fleet.printers.length, shard: fleet.shard });

  const description = fleet.describe();
  if (command.configOut !== undefined) {
    try {
      // The mocks' credentials are public defaults, but a config file is where real ones go: keep it private.
      writeFileSync(command.configOut, `${JSON.stringify({ printers: description.printers }, null, 2)}\n`, {
        mode: 0o600,
      });
    } catch (error) {
      // A bad path is the user's to fix: one line, and the fleet that already started is stopped.
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      process.stderr.write(`printkit-mocks: --config-out: cannot write ${command.configOut} (${code})\n`);
      await fleet.stop();
      return EXIT_START_FAILED;
    }
  }
  if (command.json) {
    process.stdout.write(`${JSON.stringify(description)}\n`);
  } else {
    process.stdout.write(`${formatConnectionTable(description)}\n`);
    if (command.configOut !== undefined) {
      process.stdout.write(`wrote ${command.configOut}: try  printkit --config ${command.configOut} watch\n`);
    }
    process.stdout.write('Ctrl-C stops the fleet.\n');
  }

  const signal = await signals.first;
  if (!command.json) process.stderr.write(`printkit-mocks: ${signal}, stopping the fleet…\n`);
  const stopped = fleet.stop().then(
    () => EXIT_OK,
    (error: unknown) => {
      process.stderr.write(`printkit-mocks: error while stopping: ${String(error)}\n`);
      return EXIT_START_FAILED;
    },
  );
  const forced = signals.second.then((again) => {
    // A second Ctrl-C while closing: the user wants out now.
    process.stderr.write(`printkit-mocks: ${again} again, exiting without waiting\n`);
    return 130;
  });
  return Promise.race([stopped, forced]);
}
