/** `printkit watch [printer...]`: the live table of the configured printers until Ctrl-C. */
import type { Printer } from '@printkit/core-types';
import { integerOption } from '../cli-args.js';
import type { PrinterConfig } from '../config/load-config.js';
import { secretsOf } from '../config/printer-secrets.js';
import { type CommandContext, loadPrinters, selectPrinters } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { PrinterCommandError } from '../printer-command-error.js';
import { describeError } from '../report-error.js';
import { UsageError } from '../usage-error.js';
import { type FleetViewOptions, WATCH_SORTS, type WatchSort } from '../watch/fleet-view.js';
import { type LiveTarget, runLiveView } from '../watch/live-view.js';

/** `--sort`, `--state`, `--vendor` as the view's options. */
export function fleetViewOptions(options: CommandContext['options']): FleetViewOptions {
  const list = (name: string) => {
    const raw = options[name];
    return typeof raw === 'string'
      ? raw
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean)
      : undefined;
  };
  const view: FleetViewOptions = {};
  const sort = options.sort;
  if (typeof sort === 'string') {
    if (!(WATCH_SORTS as readonly string[]).includes(sort))
      throw new UsageError(`--sort: expected one of ${WATCH_SORTS.join(', ')}; got "${sort}"`);
    view.sort = sort as WatchSort;
  }
  const states = list('state');
  if (states) view.states = states;
  const vendors = list('vendor');
  if (vendors) view.vendors = vendors;
  return view;
}

/** Redraw cadence: smooth on a terminal, sparse in a log. */
export function defaultInterval(ctx: CommandContext): number {
  return ctx.io.stdout.isTTY === true && !ctx.json ? 1000 : 5000;
}

/**
 * Makes one printer; a failure names it. (Making can reach the network: an Anycubic printer in LAN
 * mode is asked who it is first, so an unreachable one stops `watch` here, with its name.)
 */
async function createNamed(ctx: CommandContext, config: PrinterConfig): Promise<Printer> {
  try {
    return await ctx.deps.createPrinter(config);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new PrinterCommandError(config.name, error, describeError(error, secretsOf(config)).message);
  }
}

export async function runWatch(ctx: CommandContext): Promise<ExitCode> {
  const configs = selectPrinters(loadPrinters(ctx), ctx.args);
  const intervalMs = integerOption(ctx.options, 'interval', 50) ?? defaultInterval(ctx);
  const count = integerOption(ctx.options, 'count');
  const fleet = fleetViewOptions(ctx.options);
  const targets: LiveTarget[] = [];
  try {
    // One by one inside the try: when a later printer cannot be made, the earlier ones are closed.
    for (const config of configs) targets.push({ config, printer: await createNamed(ctx, config) });
    await runLiveView(ctx, targets, { intervalMs, count, fleet });
  } finally {
    await Promise.all(targets.map((target) => target.printer.close().catch(() => undefined)));
  }
  return EXIT.ok;
}
