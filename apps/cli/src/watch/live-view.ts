/**
 * The live table behind `watch` and `demo`: keeps every printer connected (retrying the ones that
 * cannot be reached yet), and redraws. On a terminal it draws on the alternate screen and redraws in
 * place, also soon after any status change; otherwise it prints the table (or a JSON line) every
 * interval. When it ends, the last table stays on the normal screen.
 */
import type { Printer } from '@printkit/core-types';
import type { PrinterConfig } from '../config/load-config.js';
import { secretsOf } from '../config/printer-secrets.js';
import type { CommandContext } from '../context.js';
import type { PrinterView } from '../format/status-table.js';
import { describeError } from '../report-error.js';
import { pauseFor } from '../wait.js';
import type { FleetViewOptions } from './fleet-view.js';
import { renderWatch } from './render-watch.js';

export interface LiveTarget {
  config: PrinterConfig;
  printer: Printer;
}

export interface LiveViewOptions {
  intervalMs: number;
  /** Stop after this many frames; undefined = until the signal aborts. */
  count: number | undefined;
  /** Extra lines under the table (the demo's log). */
  footer?: () => string[];
  hint?: string;
  /** Sort and filters (`--sort`, `--state`, `--vendor`); on a terminal the rows are cut to its height. */
  fleet?: FleetViewOptions;
}

/** Lines of the view around the table rows: title, summary, blank, header, "more" note, blank, hint. */
const CHROME_LINES = 7;

/** Rows that fit a terminal of `rows` lines (at least a few, however small it is). */
export function rowsFor(rows: number | undefined, footerLines: number): number | undefined {
  if (rows === undefined) return undefined;
  return Math.max(3, rows - CHROME_LINES - (footerLines > 0 ? footerLines + 1 : 0));
}

const RETRY_CONNECT_MS = 3000;
/** On a terminal, a status change is drawn within this long, however long the interval. */
const CHANGE_REDRAW_MS = 150;

const ESC = '\u001b[';
const ENTER_ALT_SCREEN = `${ESC}?1049h`;
const LEAVE_ALT_SCREEN = `${ESC}?1049l`;
const HIDE_CURSOR = `${ESC}?25l`;
const SHOW_CURSOR = `${ESC}?25h`;
const HOME = `${ESC}H`;
const CLEAR_LINE_END = `${ESC}K`;
const CLEAR_SCREEN_END = `${ESC}J`;

interface Tracked extends LiveTarget {
  problem: string | undefined;
  /** Resolves once the first connection attempt succeeded or failed. */
  firstTry: Promise<void>;
  tried: () => void;
}

function track(target: LiveTarget): Tracked {
  let tried = () => {};
  const firstTry = new Promise<void>((resolve) => {
    tried = resolve;
  });
  return { ...target, problem: undefined, firstTry, tried };
}

/** Connects, and retries every few seconds until it works or the view ends. Never throws. */
async function keepConnecting(
  ctx: CommandContext,
  target: Tracked,
  signal: AbortSignal,
  changed: () => void,
) {
  while (!signal.aborted) {
    try {
      await target.printer.connect({ timeoutMs: target.config.timeoutMs ?? ctx.timeoutMs, signal });
      target.problem = undefined;
      await target.printer.refresh({ timeoutMs: ctx.timeoutMs, signal }).catch(() => undefined);
      target.tried();
      changed();
      return;
    } catch (error) {
      if (signal.aborted) return;
      target.problem = describeError(error, secretsOf(target.config)).message;
      target.tried();
      changed();
      await pauseFor(RETRY_CONNECT_MS, signal);
    }
  }
}

export function viewOf(target: Tracked): PrinterView {
  const { printer, config } = target;
  const connected = printer.connectionState === 'connected';
  const view: PrinterView = {
    name: config.name,
    vendor: config.vendor,
    connection: !connected && target.problem !== undefined ? 'unreachable' : printer.connectionState,
    status: printer.status,
  };
  if (!connected && target.problem !== undefined) view.problem = target.problem;
  return view;
}

/** Columns the table needs besides the bar (with typical names and file names). */
const TABLE_WITHOUT_BAR = 112;

/** A 20-cell bar on a wide terminal, narrower (down to none, percentage only) on a narrow one. */
export function barWidthFor(columns: number | undefined): number {
  if (columns === undefined) return 20;
  return Math.max(0, Math.min(20, columns - TABLE_WITHOUT_BAR));
}

export async function runLiveView(
  ctx: CommandContext,
  targets: readonly LiveTarget[],
  options: LiveViewOptions,
): Promise<void> {
  const { stdout } = ctx.io;
  const tty = stdout.isTTY === true && !ctx.json;
  const stop = new AbortController();
  const signal = AbortSignal.any([ctx.deps.signal, stop.signal]);
  const tracked: Tracked[] = targets.map(track);

  let frames = 0;
  let lastFrame: string[] = [];
  let pending: ReturnType<typeof setTimeout> | undefined;

  const frame = () => {
    const footer = options.footer?.();
    // On a terminal the table fits its height (the rest is counted below it); a log gets every row.
    const maxRows = tty ? rowsFor(stdout.rows, footer?.length ?? 0) : undefined;
    return renderWatch(tracked.map(viewOf), {
      now: ctx.deps.now(),
      palette: ctx.palette,
      barWidth: barWidthFor(stdout.columns),
      fleet: { ...options.fleet, ...(maxRows === undefined ? {} : { maxRows }) },
      ...(footer ? { footer } : {}),
      ...(options.hint === undefined ? {} : { hint: options.hint }),
    });
  };

  const draw = () => {
    if (signal.aborted) return;
    frames += 1;
    if (ctx.json) {
      const printers = tracked.map(viewOf);
      stdout.write(`${JSON.stringify({ time: new Date(ctx.deps.now()).toISOString(), printers })}\n`);
    } else {
      lastFrame = frame();
      if (tty)
        stdout.write(
          `${HOME}${lastFrame.map((line) => `${line}${CLEAR_LINE_END}`).join('\n')}\n${CLEAR_SCREEN_END}`,
        );
      else stdout.write(`${lastFrame.join('\n')}\n\n`);
    }
    if (options.count !== undefined && frames >= options.count) stop.abort();
  };

  const changed = () => {
    if (!tty || pending !== undefined || signal.aborted) return;
    pending = setTimeout(() => {
      pending = undefined;
      draw();
    }, CHANGE_REDRAW_MS);
  };

  const unsubscribe = tracked.flatMap((target) => [
    target.printer.on('status', changed),
    target.printer.on('connection', changed),
  ]);
  if (tty) stdout.write(`${ENTER_ALT_SCREEN}${HIDE_CURSOR}`);
  const connecting = tracked.map((target) => keepConnecting(ctx, target, signal, changed));
  // A terminal shows "connecting" and redraws; a log or a JSON reader gets a first frame worth
  // reading: once every printer answered or failed, or after one interval at the latest.
  if (!tty) {
    await Promise.race([
      Promise.all(tracked.map((target) => target.firstTry)),
      pauseFor(options.intervalMs, signal),
    ]);
  }
  draw();
  const ticker = setInterval(draw, options.intervalMs);
  try {
    if (!signal.aborted)
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  } finally {
    clearInterval(ticker);
    clearTimeout(pending);
    for (const off of unsubscribe) off();
    if (tty) {
      stdout.write(`${LEAVE_ALT_SCREEN}${SHOW_CURSOR}`);
      // Leave the last picture on the normal screen, where it stays after we exit.
      stdout.write(`${frame().slice(0, -2).join('\n')}\n`);
    }
    await Promise.all(connecting);
  }
}
