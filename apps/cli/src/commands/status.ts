/** `printkit status [printer]`: connect, read the status once, print a table (or JSON). */
import type { PrinterStatus } from '@printkit/core-types';
import type { PrinterConfig } from '../config/load-config.js';
import { secretsOf } from '../config/printer-secrets.js';
import { type CommandContext, loadPrinters, openPrinter, selectPrinters, writeLine } from '../context.js';
import { EXIT, type ExitCode, exitCodeFor, worstExitCode } from '../exit-codes.js';
import type { PrinterView } from '../format/status-table.js';
import { renderStatusTable } from '../format/status-table.js';
import { describeError } from '../report-error.js';

export interface StatusResult {
  view: PrinterView;
  capabilities: string[];
  error?: { code: string; message: string };
  exitCode: ExitCode;
}

export async function readStatus(ctx: CommandContext, config: PrinterConfig): Promise<StatusResult> {
  let printer: Awaited<ReturnType<typeof openPrinter>> | undefined;
  try {
    printer = await openPrinter(ctx, config);
    const status: PrinterStatus = await printer.refresh({ timeoutMs: config.timeoutMs ?? ctx.timeoutMs });
    return {
      view: { name: config.name, vendor: config.vendor, connection: 'connected', status },
      capabilities: [...printer.capabilities],
      exitCode: EXIT.ok,
    };
  } catch (error) {
    const { code, message } = describeError(error, secretsOf(config));
    return {
      view: {
        name: config.name,
        vendor: config.vendor,
        connection: 'unreachable',
        status: printer?.status ?? { state: 'offline', temperatures: {}, updatedAt: 0 },
        problem: message,
      },
      capabilities: [],
      error: { code, message },
      exitCode: exitCodeFor(error),
    };
  } finally {
    await printer?.close().catch(() => undefined);
  }
}

export async function runStatus(ctx: CommandContext): Promise<ExitCode> {
  const configs = selectPrinters(loadPrinters(ctx), ctx.args);
  const results = await Promise.all(configs.map((config) => readStatus(ctx, config)));
  if (ctx.json) {
    const documents = results.map((result) => ({
      name: result.view.name,
      vendor: result.view.vendor,
      reachable: result.error === undefined,
      status: result.view.status,
      ...(result.error ? { error: result.error } : {}),
    }));
    // `status <printer>` answers with one object; `status` with a list.
    writeLine(ctx.io.stdout, JSON.stringify(ctx.args.length === 1 ? documents[0] : documents, null, 2));
  } else {
    for (const line of renderStatusTable(
      results.map((result) => result.view),
      ctx.palette,
    )) {
      writeLine(ctx.io.stdout, line);
    }
  }
  return worstExitCode(results.map((result) => result.exitCode));
}
