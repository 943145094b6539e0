import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBlockFile } from './run-block.js';
import { transpileBlock } from './typecheck-blocks.js';

const dir = mkdtempSync(join(tmpdir(), 'readme-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function block(name: string, code: string): string {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, transpileBlock(code, `${name}.mts`));
  return file;
}

describe('runBlockFile', () => {
  it('passes a block that prints and exits by itself, with its output', async () => {
    const file = block('ok', "const n: number = 2;\nawait Promise.resolve();\nconsole.log('sum', n + 2);\n");
    expect(await runBlockFile(file, { cwd: dir, timeoutMs: 10_000 })).toMatchObject({
      code: 0,
      timedOut: false,
      output: 'sum 4',
    });
  });

  it('reports the exit code of a block that throws', async () => {
    const result = await runBlockFile(block('throws', "throw new Error('nope');\n"), {
      cwd: dir,
      timeoutMs: 10_000,
    });
    expect(result.code).toBe(1);
    expect(result.output).toContain('Error: nope');
  });

  it('kills a block that never exits (an open timer, like a mock left running) at the deadline', async () => {
    const result = await runBlockFile(block('hangs', 'setInterval(() => {}, 1_000);\n'), {
      cwd: dir,
      timeoutMs: 500,
    });
    expect(result).toMatchObject({ timedOut: true, code: null });
  });

  it('runs without the vitest environment of the run that starts it', async () => {
    const file = block(
      'env',
      'console.log(Object.keys(process.env).filter((key) => key.startsWith("VITEST")).length);\n',
    );
    expect((await runBlockFile(file, { cwd: dir, timeoutMs: 10_000 })).output).toBe('0');
  });
});
