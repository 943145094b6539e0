/**
 * `printkit init`: writes printkit.config.json, from a running printkit-mocks fleet (`--from-mocks`
 * with its `--json` output, `-` for stdin, or its control API URL) or as an example to edit.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONFIG_FILE_NAME, parseConfig } from '../config/load-config.js';
import { type CommandContext, writeLine } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { UsageError } from '../usage-error.js';

/** One printer of each vendor, secrets from the environment: the shape a user edits. */
export const EXAMPLE_CONFIG = {
  printers: [
    {
      name: 'kobra',
      vendor: 'anycubic',
      host: '192.168.1.50',
      username: 'userXXXXXXXX',
      password: { env: 'KOBRA_PASSWORD' },
      deviceId: '0123456789abcdef0123456789abcdef',
      modelId: 20024,
    },
    { name: 'voron', vendor: 'moonraker', url: 'http://voron.local:7125' },
    {
      name: 'core-one',
      vendor: 'prusa-connect',
      token: { env: 'PRUSA_CONNECT_TOKEN' },
      uuid: '11111111-2222-3333-4444-555555555555',
    },
  ],
};

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function readSource(ctx: CommandContext, source: string): Promise<string> {
  if (source === '-') return readStream(ctx.io.stdin);
  if (/^https?:\/\//.test(source)) {
    let response: Response;
    try {
      response = await fetch(new URL('/', source), { signal: AbortSignal.timeout(ctx.timeoutMs) });
    } catch (error) {
      throw new UsageError(
        `--from-mocks: cannot reach ${source} (${(error as Error).message}); is printkit-mocks running?`,
      );
    }
    if (!response.ok) throw new UsageError(`--from-mocks: ${source} answered ${response.status}`);
    return response.text();
  }
  try {
    return readFileSync(resolve(ctx.io.cwd, source), 'utf8');
  } catch (error) {
    throw new UsageError(
      `--from-mocks: cannot read ${source} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
}

/** The printers of a printkit-mocks description (its first JSON line, when more follow). */
function printersFrom(text: string, label: string): unknown[] {
  const firstLine = text.split('\n').find((line) => line.trim().length > 0) ?? '';
  let document: unknown;
  try {
    document = JSON.parse(text.trim().startsWith('{') && text.trim().endsWith('}') ? text : firstLine);
  } catch {
    throw new UsageError(`--from-mocks: ${label} is not the JSON printkit-mocks --json prints`);
  }
  const printers = (document as { printers?: unknown })?.printers;
  if (!Array.isArray(printers)) throw new UsageError(`--from-mocks: ${label} has no "printers" list`);
  return printers;
}

export async function runInit(ctx: CommandContext): Promise<ExitCode> {
  const out = typeof ctx.options.out === 'string' ? ctx.options.out : CONFIG_FILE_NAME;
  const path = resolve(ctx.io.cwd, out);
  if (existsSync(path) && ctx.options.force !== true) {
    throw new UsageError(`${out} already exists; pass --force to overwrite it`);
  }
  const source = ctx.options['from-mocks'];
  let config: { printers: unknown[] };
  if (typeof source === 'string') {
    const printers = printersFrom(await readSource(ctx, source), source);
    config = { printers };
    // Check it the way every other command will read it, so a bad source fails here, not later.
    parseConfig(config, `--from-mocks ${source}`, ctx.io.env);
  } else {
    config = EXAMPLE_CONFIG;
  }
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  const what =
    typeof source === 'string' ? `${config.printers.length} printers from ${source}` : 'an example to edit';
  writeLine(ctx.io.stdout, `wrote ${out}: ${what}`);
  return EXIT.ok;
}
