/**
 * `printkit demo`: a mock fleet in this process, a scripted print on each printer, and the live view.
 * The CLI reaches the mocks exactly as it reaches real printers: through config entries (the fleet's
 * own description, validated like a config file) and the vendor adapters.
 */
import { type FleetCounts, parseFleetSpec } from '@printkit/mocks-app';
import { integerOption } from '../cli-args.js';
import { parseConfig } from '../config/load-config.js';
import type { CommandContext } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { UsageError } from '../usage-error.js';
import { type LiveTarget, runLiveView } from '../watch/live-view.js';
import { runDemoScript } from './demo-script.js';
import { defaultInterval } from './watch.js';

const LOG_LINES = 6;
export const DEFAULT_DEMO_SPEED = 30;

function speedOption(ctx: CommandContext): number {
  const raw = ctx.options.speed;
  if (raw === undefined) return DEFAULT_DEMO_SPEED;
  const speed = Number(raw);
  if (typeof raw !== 'string' || !Number.isFinite(speed) || speed <= 0 || speed > 10_000) {
    throw new UsageError(`--speed: expected a number above 0 (at most 10000), got "${String(raw)}"`);
  }
  return speed;
}

function fleetOption(ctx: CommandContext): FleetCounts | undefined {
  const raw = ctx.options.fleet;
  if (typeof raw !== 'string') return undefined;
  try {
    return parseFleetSpec(raw);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function clock(now: number): string {
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(now);
}

export async function runDemo(ctx: CommandContext): Promise<ExitCode> {
  const speed = speedOption(ctx);
  const fleetCounts = fleetOption(ctx);
  const seed = integerOption(ctx.options, 'seed', 0, 2 ** 32 - 1);
  const portBase = integerOption(ctx.options, 'port-base', 0, 65_000) ?? 0;
  const intervalMs = integerOption(ctx.options, 'interval', 50) ?? defaultInterval(ctx);
  const count = integerOption(ctx.options, 'count');

  const fleet = await ctx.deps.startFleet({
    speed,
    portBase,
    ...(fleetCounts ? { fleet: fleetCounts } : {}),
    ...(seed === undefined ? {} : { seed }),
  });
  const script = new AbortController();
  const targets: LiveTarget[] = [];
  try {
    const description = fleet.describe();
    const configs = parseConfig({ printers: description.printers }, 'the demo fleet', ctx.io.env);
    // One by one: when a later printer cannot be made, the earlier ones are still closed below.
    for (const config of configs) targets.push({ config, printer: await ctx.deps.createPrinter(config) });

    const log: string[] = [];
    const { palette } = ctx;
    const append = (printer: string, message: string) => {
      log.push(
        `${palette.paint('gray', clock(ctx.deps.now()))}  ${palette.paint('bold', printer.padEnd(10))}  ${message}`,
      );
      if (log.length > LOG_LINES) log.shift();
    };
    const scripted = runDemoScript(targets, append, AbortSignal.any([ctx.deps.signal, script.signal]));
    const about = `mock fleet at ${speed}× speed · control API ${description.control?.url ?? 'off'}`;
    await runLiveView(ctx, targets, {
      intervalMs,
      count,
      footer: () => [palette.paint('gray', about), ...log],
      hint: 'Ctrl-C stops the demo',
    });
    script.abort();
    await scripted;
  } finally {
    script.abort();
    await Promise.all(targets.map((target) => target.printer.close().catch(() => undefined)));
    await fleet.stop();
  }
  return EXIT.ok;
}
