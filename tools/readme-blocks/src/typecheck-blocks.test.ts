import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { typecheckBlocks } from './typecheck-blocks.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'readme-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, code: string, readmeLine: number) {
  const path = join(dir, `${name}.check.mts`);
  writeFileSync(path, `${code}\nexport {};\n`);
  return { path, readmeLine, readmeName: 'pkg/README.md' };
}

describe('typecheckBlocks', () => {
  const good = file('good', "import { setTimeout } from 'node:timers/promises';\nawait setTimeout(1);\n", 10);
  const bad = file(
    'bad',
    [
      'const list: number[] = [];',
      'const first: number = list[0]; // noUncheckedIndexedAccess',
      'const options: { timeoutMs?: number } = { timeoutMs: undefined }; // exactOptionalPropertyTypes',
    ].join('\n'),
    40,
  );

  it.each(['nodenext', 'bundler'] as const)('points each error at its README line (%s)', (mode) => {
    const errors = typecheckBlocks([good, bad], mode, ROOT);
    expect(errors.get(good.path)).toEqual([]);
    expect(errors.get(bad.path)).toEqual([
      expect.stringMatching(/^pkg\/README\.md:41: TS2322 /),
      expect.stringMatching(/^pkg\/README\.md:42: TS2375 /),
    ]);
  });
});
