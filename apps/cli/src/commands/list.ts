/**
 * `printkit list`: the configured printers and their declared capabilities. Connects to no printer,
 * except that an Anycubic printer in LAN mode is asked who it is (discovery and handshake name its
 * model, which decides the capabilities); one that cannot be asked gets its row with the reason.
 */
import { redactUrl } from '@printkit/core-types';
import type { PrinterConfig } from '../config/load-config.js';
import { secretsOf } from '../config/printer-secrets.js';
import { type CommandContext, loadPrinters, writeLine } from '../context.js';
import { EXIT, type ExitCode, exitCodeFor, worstExitCode } from '../exit-codes.js';
import { renderTable } from '../format/table.js';
import { describeError } from '../report-error.js';

type Declared = { capabilities: string[]; exitCode: ExitCode; error?: { code: string; message: string } };

async function declaredCapabilities(ctx: CommandContext, config: PrinterConfig): Promise<Declared> {
  try {
    const printer = await ctx.deps.createPrinter(config);
    const capabilities = [...printer.capabilities].sort();
    await printer.close().catch(() => undefined);
    return { capabilities, exitCode: EXIT.ok };
  } catch (error) {
    return { capabilities: [], exitCode: exitCodeFor(error), error: describeError(error, secretsOf(config)) };
  }
}

export async function runList(ctx: CommandContext): Promise<ExitCode> {
  const config = loadPrinters(ctx);
  const rows = await Promise.all(
    config.printers.map(async (printerConfig) => {
      // Capabilities are declared by the adapter, so creating it (without connecting) is enough.
      const { capabilities, exitCode, error } = await declaredCapabilities(ctx, printerConfig);
      // Only the address: credentials stay out of the output, even those written into the URL
      // (user info, and query secrets such as `?token=`), masked by the one shared redaction helper.
      return {
        name: printerConfig.name,
        vendor: printerConfig.vendor,
        url: redactUrl(printerConfig.url),
        capabilities,
        ...(error === undefined ? {} : { error }),
        exitCode,
      };
    }),
  );
  const exitCode = worstExitCode(rows.map((row) => row.exitCode));
  if (ctx.json) {
    const documents = rows.map(({ exitCode: _, ...row }) => row);
    writeLine(ctx.io.stdout, JSON.stringify(documents, null, 2));
    return exitCode;
  }
  const lines = renderTable(
    ['PRINTER', 'VENDOR', 'ADDRESS', 'CAPABILITIES'],
    rows.map((row) => [
      { text: row.name, style: 'bold' },
      row.vendor,
      row.url,
      // Prusa Connect tells a printer's capabilities only once connected.
      row.error !== undefined
        ? { text: `(${row.error.message})`, style: 'red' }
        : row.capabilities.length > 0
          ? row.capabilities.join(' ')
          : { text: '(declared on connect)', style: 'gray' },
    ]),
    ctx.palette,
  );
  for (const line of lines) writeLine(ctx.io.stdout, line);
  return exitCode;
}
