/** `printkit files <printer>`: what the printer can print. */
import { type CommandContext, withPrinter, writeLine } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { renderTable } from '../format/table.js';
import { formatBytes } from '../format/units.js';

export async function runFiles(ctx: CommandContext): Promise<ExitCode> {
  const [name = ''] = ctx.args;
  const files = await withPrinter(ctx, name, (printer) => printer.listFiles({ timeoutMs: ctx.timeoutMs }));
  if (ctx.json) {
    writeLine(ctx.io.stdout, JSON.stringify(files, null, 2));
    return EXIT.ok;
  }
  const rows = files.map((file) => [
    file.path,
    { text: formatBytes(file.sizeBytes), align: 'right' as const },
    file.modifiedAt === undefined
      ? ''
      : new Date(file.modifiedAt).toISOString().replace('T', ' ').slice(0, 16),
    file.storage ?? '',
  ]);
  for (const line of renderTable(['FILE', 'SIZE', 'MODIFIED (UTC)', 'STORAGE'], rows, ctx.palette)) {
    writeLine(ctx.io.stdout, line);
  }
  return EXIT.ok;
}
