/** curl as a foreign client: prints the status on its own last line after the body. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function curl(...args: string[]): Promise<{ status: number; body: string }> {
  const { stdout } = await run(
    '/usr/bin/curl',
    ['-sS', '--max-time', '10', '-w', '\n%{http_code}', ...args],
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const cut = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) };
}
