/** `printkit list`: the configured printers and their declared capabilities. Connects to nothing. */
import { redactUrl } from '@printkit/core-types';
import { type CommandContext, loadPrinters, writeLine } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { renderTable } from '../format/table.js';

export async function runList(ctx: CommandContext): Promise<ExitCode> {
  const config = loadPrinters(ctx);
  const rows = await Promise.all(
    config.printers.map(async (printerConfig) => {
      // Capabilities are declared by the adapter, so creating it (without connecting) is enough.
      const printer = await ctx.deps.createPrinter(printerConfig);
      const capabilities = [...printer.capabilities].sort();
      await printer.close().catch(() => undefined);
      // Only the address: credentials stay out of the output, even those written into the URL
      // (user info, and query secrets such as `?token=`), masked by the one shared redaction helper.
      return {
        name: printerConfig.name,
        vendor: printerConfig.vendor,
        url: redactUrl(printerConfig.url),
        capabilities,
      };
    }),
  );
  if (ctx.json) {
    writeLine(ctx.io.stdout, JSON.stringify(rows, null, 2));
    return EXIT.ok;
  }
  const lines = renderTable(
    ['PRINTER', 'VENDOR', 'ADDRESS', 'CAPABILITIES'],
    rows.map((row) => [
      { text: row.name, style: 'bold' },
      row.vendor,
      row.url,
      // Prusa Connect tells a printer's capabilities only once connected.
      row.capabilities.length > 0
        ? row.capabilities.join(' ')
        : { text: '(declared on connect)', style: 'gray' },
    ]),
    ctx.palette,
  );
  for (const line of lines) writeLine(ctx.io.stdout, line);
  return EXIT.ok;
}
