/** pause, resume, cancel, temp, light, gcode: one call on one printer through the Printer interface. */
import type { HeaterName } from '@printkit/core-types';
import type { CommandContext } from '../context.js';
import { withPrinter, writeLine } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { UsageError } from '../usage-error.js';

/** How long console lines may trail the end of a G-code call before the command returns. */
const GCODE_GRACE_MS = 250;

function done(ctx: CommandContext, name: string, what: string): ExitCode {
  writeLine(ctx.io.stdout, `${ctx.palette.paint('bold', name)}: ${what}`);
  return EXIT.ok;
}

export async function runPause(ctx: CommandContext): Promise<ExitCode> {
  const [name = ''] = ctx.args;
  await withPrinter(ctx, name, (printer) => printer.pause({ timeoutMs: ctx.timeoutMs }));
  return done(ctx, name, 'paused');
}

export async function runResume(ctx: CommandContext): Promise<ExitCode> {
  const [name = ''] = ctx.args;
  await withPrinter(ctx, name, (printer) => printer.resume({ timeoutMs: ctx.timeoutMs }));
  return done(ctx, name, 'resumed');
}

export async function runCancel(ctx: CommandContext): Promise<ExitCode> {
  const [name = ''] = ctx.args;
  await withPrinter(ctx, name, (printer) => printer.cancel({ timeoutMs: ctx.timeoutMs }));
  return done(ctx, name, 'cancelled');
}

const HEATERS: readonly HeaterName[] = ['nozzle', 'bed', 'chamber'];

export async function runTemp(ctx: CommandContext): Promise<ExitCode> {
  const [name = '', heater = '', rawCelsius = ''] = ctx.args;
  if (!(HEATERS as readonly string[]).includes(heater)) {
    throw new UsageError(`temp: the heater is nozzle, bed or chamber, not "${heater}"`);
  }
  const celsius = Number(rawCelsius);
  if (rawCelsius.trim() === '' || !Number.isFinite(celsius) || celsius < 0 || celsius > 500) {
    throw new UsageError(`temp: expected degrees Celsius from 0 to 500, got "${rawCelsius}"`);
  }
  await withPrinter(ctx, name, (printer) =>
    printer.setTargetTemperature(heater as HeaterName, celsius, { timeoutMs: ctx.timeoutMs }),
  );
  return done(ctx, name, celsius === 0 ? `${heater} heater off` : `${heater} target ${celsius} °C`);
}

export async function runLight(ctx: CommandContext): Promise<ExitCode> {
  const [name = '', state = ''] = ctx.args;
  if (state !== 'on' && state !== 'off') throw new UsageError(`light: expected on or off, not "${state}"`);
  await withPrinter(ctx, name, (printer) => printer.setLight(state === 'on', { timeoutMs: ctx.timeoutMs }));
  return done(ctx, name, `light ${state}`);
}

export async function runGcode(ctx: CommandContext): Promise<ExitCode> {
  const [name = '', ...words] = ctx.args;
  const script = words.join(' ').trim();
  if (script.length === 0) throw new UsageError('gcode: expected a line of G-code');
  const lines: string[] = [];
  await withPrinter(ctx, name, async (printer) => {
    const off = printer.on('gcode-response', (line) => lines.push(line));
    try {
      await printer.sendGcode(script, { timeoutMs: ctx.timeoutMs });
      // Console output travels beside the reply and may arrive just after it.
      await new Promise((resolve) => setTimeout(resolve, GCODE_GRACE_MS));
    } finally {
      off();
    }
  });
  for (const line of lines) writeLine(ctx.io.stdout, line);
  if (lines.length === 0) return done(ctx, name, `sent ${script}`);
  return EXIT.ok;
}
