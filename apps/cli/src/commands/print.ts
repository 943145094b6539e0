/** `printkit print <printer> <file>`: upload a local file first (when the printer can), then print it. */
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { UnsupportedError } from '@printkit/core-types';
import { type CommandContext, withPrinter, writeLine } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { formatBytes } from '../format/units.js';

/** Uploads take longer than commands: at least this long, whatever --timeout says. */
const MIN_UPLOAD_TIMEOUT_MS = 120_000;

async function isLocalFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export async function runPrint(ctx: CommandContext): Promise<ExitCode> {
  const [name = '', file = ''] = ctx.args;
  const localPath = resolve(ctx.io.cwd, file);
  const local = await isLocalFile(localPath);
  const printed = await withPrinter(ctx, name, async (printer) => {
    if (!local) {
      await printer.startPrint(file, { timeoutMs: ctx.timeoutMs });
      return file;
    }
    if (!printer.capabilities.has('files.upload')) {
      throw new UnsupportedError(
        `${printer.vendor} printers cannot take uploads; copy ${basename(file)} to the printer and pass its name`,
        { capability: 'files.upload', operation: 'uploadFile' },
      );
    }
    const data = new Uint8Array(await readFile(localPath));
    const remoteName = basename(localPath);
    await printer.uploadFile(remoteName, data, { timeoutMs: Math.max(ctx.timeoutMs, MIN_UPLOAD_TIMEOUT_MS) });
    writeLine(
      ctx.io.stdout,
      `${ctx.palette.paint('bold', name)}: uploaded ${remoteName} (${formatBytes(data.length)})`,
    );
    await printer.startPrint(remoteName, { timeoutMs: ctx.timeoutMs });
    return remoteName;
  });
  writeLine(ctx.io.stdout, `${ctx.palette.paint('bold', name)}: printing ${printed}`);
  return EXIT.ok;
}
