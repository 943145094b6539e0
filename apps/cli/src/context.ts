/** What every command gets: its arguments, the streams, the config and how to make printers. */
import type { Printer } from '@printkit/core-types';
import type { Fleet, FleetOptions } from '@printkit/mocks-app';
import type { ParsedArgs } from './cli-args.js';
import { type LoadedConfig, loadConfig, type PrinterConfig } from './config/load-config.js';
import { secretsOf } from './config/printer-secrets.js';
import type { Palette } from './format/palette.js';
import type { OutputStream } from './output.js';
import { PrinterCommandError } from './printer-command-error.js';
import { describeError } from './report-error.js';
import { UsageError } from './usage-error.js';

// Kept in their own light modules so `--help` and error reporting load no config schema (zod).
export { type OutputStream, writeLine } from './output.js';
export { PrinterCommandError } from './printer-command-error.js';

export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/**
 * Makes the `Printer` for a config entry (not connected yet). May be async, so that a vendor's client
 * library is loaded only when a printer of that vendor is made.
 */
export type PrinterFactory = (config: PrinterConfig) => Printer | Promise<Printer>;

export interface CliDeps {
  createPrinter: PrinterFactory;
  startFleet: (options: FleetOptions) => Promise<Fleet>;
  /** Wall clock for the watch view's title and the demo's log. */
  now: () => number;
  /** Aborted on Ctrl-C / SIGTERM: long-running commands (watch, demo) stop cleanly. */
  signal: AbortSignal;
}

export interface CommandContext {
  io: CliIo;
  deps: CliDeps;
  args: readonly string[];
  options: ParsedArgs['options'];
  /** Colours for stdout and for stderr (each on only when that stream is a terminal). */
  palette: Palette;
  errorPalette: Palette;
  json: boolean;
  timeoutMs: number;
}

export function loadPrinters(ctx: CommandContext): LoadedConfig {
  const path = ctx.options.config;
  return loadConfig({ path: typeof path === 'string' ? path : undefined, cwd: ctx.io.cwd, env: ctx.io.env });
}

/** The named printers, in the order given (all of them when `names` is empty). */
export function selectPrinters(config: LoadedConfig, names: readonly string[]): PrinterConfig[] {
  if (names.length === 0) return config.printers;
  return names.map((name) => {
    const found = config.printers.find((printer) => printer.name === name);
    if (!found) {
      const known = config.printers.map((printer) => printer.name).join(', ');
      throw new UsageError(`no printer named '${name}' in ${config.label} (known: ${known})`);
    }
    return found;
  });
}

/** Creates and connects a printer; closes it again when connecting fails. */
export async function openPrinter(ctx: CommandContext, config: PrinterConfig): Promise<Printer> {
  const printer = await ctx.deps.createPrinter(config);
  try {
    await printer.connect({ timeoutMs: config.timeoutMs ?? ctx.timeoutMs, signal: ctx.deps.signal });
    return printer;
  } catch (error) {
    await printer.close().catch(() => undefined);
    throw error;
  }
}

/** Runs `work` on one connected printer (by name) and closes it; errors carry the printer's name. */
export async function withPrinter<T>(
  ctx: CommandContext,
  name: string,
  work: (printer: Printer, config: PrinterConfig) => Promise<T>,
): Promise<T> {
  const [printerConfig] = selectPrinters(loadPrinters(ctx), [name]);
  let printer: Printer | undefined;
  try {
    printer = await openPrinter(ctx, printerConfig!);
    return await work(printer, printerConfig!);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new PrinterCommandError(name, error, describeError(error, secretsOf(printerConfig!)).message);
  } finally {
    await printer?.close().catch(() => undefined);
  }
}
