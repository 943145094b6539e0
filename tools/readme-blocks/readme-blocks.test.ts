/**
 * Every ts/js code block of every package README (packages/*, mocks/*, apps/*) works as printed:
 *   - it typechecks under `module: nodenext` and under `moduleResolution: bundler`, with the repo's
 *     strict settings, against the built packages (`npm test` builds before it tests);
 *   - it runs: transpiled with TypeScript, executed by node in a child process from a folder inside
 *     the package (so `@printkit/*` resolves as it would for a user who installed the package), and
 *     it must exit 0 within the deadline. A block that is a vitest test file runs under vitest.
 * A block that cannot run by design says so in its fence (```ts no-run); it is still typechecked.
 *
 * README_BLOCKS=core-types,printer-sim limits the run to those packages (folder or package name).
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CodeBlock, isVitestBlock, NO_RUN, unknownFlags } from './src/extract-blocks.js';
import { runBlockFile, vitestEntryIn } from './src/run-block.js';
import {
  type BlockFile,
  type ResolutionMode,
  transpileBlock,
  typecheckBlocks,
} from './src/typecheck-blocks.js';
import { type PackageReadme, workspaceReadmes } from './src/workspace-readmes.js';

const ROOT = join(import.meta.dirname, '..', '..');
// biome-ignore lint/suspicious/noUndeclaredEnvVars: read by the root vitest run, which is no turbo task
const TIMEOUT_MS = Number(process.env.README_BLOCKS_TIMEOUT_MS ?? 30_000);
// biome-ignore lint/suspicious/noUndeclaredEnvVars: as above
const ONLY = process.env.README_BLOCKS?.split(',').filter(Boolean);
// A folder per run, so two runs (or two checkouts' tests) never share files.
const RUN_FOLDER = join('.readme-blocks', `${process.pid}-${Date.now().toString(36)}`);

const readmes = workspaceReadmes(ROOT).filter(
  (readme) =>
    readme.blocks.length > 0 &&
    (!ONLY || ONLY.some((want) => readme.folder.endsWith(want) || readme.name.endsWith(want))),
);

interface Prepared {
  check: BlockFile;
  run: string;
  vitest: boolean;
}

const prepared = new Map<CodeBlock, Prepared>();
const errors: Record<ResolutionMode, Map<string, string[]>> = { nodenext: new Map(), bundler: new Map() };

function prepare(readme: PackageReadme, block: CodeBlock): Prepared {
  const dir = join(readme.dir, RUN_FOLDER);
  const base = join(dir, `block-${block.index}`);
  // Each block is a module of its own, even one without imports (top-level await needs that).
  const source = `${block.code}\nexport {};\n`;
  const check = `${base}.check.${block.language === 'ts' ? 'mts' : 'mjs'}`;
  writeFileSync(check, source);
  const vitest = isVitestBlock(block);
  const run = `${base}.${vitest ? 'readme-test.mjs' : 'mjs'}`;
  writeFileSync(run, block.language === 'ts' ? transpileBlock(source, check) : source);
  return {
    check: { path: check, readmeLine: block.line, readmeName: `${readme.folder}/README.md` },
    run,
    vitest,
  };
}

beforeAll(() => {
  for (const readme of readmes) {
    const dir = join(readme.dir, RUN_FOLDER);
    mkdirSync(dir, { recursive: true });
    // Only the blocks' own test files, whatever the package's vitest settings are.
    writeFileSync(
      join(dir, 'vitest.config.mjs'),
      "export default { test: { include: ['*.readme-test.mjs'] } };\n",
    );
    for (const block of readme.blocks) prepared.set(block, prepare(readme, block));
  }
  const files = [...prepared.values()].map((entry) => entry.check);
  for (const mode of ['nodenext', 'bundler'] as const) errors[mode] = typecheckBlocks(files, mode, ROOT);
}, 180_000);

afterAll(() => {
  for (const readme of readmes) {
    rmSync(join(readme.dir, RUN_FOLDER), { recursive: true, force: true });
    const parent = join(readme.dir, '.readme-blocks');
    try {
      if (readdirSync(parent).length === 0) rmSync(parent, { recursive: true, force: true });
    } catch {
      // already gone
    }
  }
});

for (const readme of readmes) {
  describe(`${readme.folder}/README.md`, () => {
    for (const block of readme.blocks) {
      const where = `block ${block.index} (line ${block.line})`;

      it(`${where} has only known fence flags`, () => {
        expect(unknownFlags(block)).toEqual([]);
      });

      for (const mode of ['nodenext', 'bundler'] as const) {
        it(`${where} typechecks with ${mode === 'nodenext' ? 'module' : 'moduleResolution'}: ${mode}`, () => {
          const entry = prepared.get(block);
          expect(errors[mode].get(entry?.check.path ?? '')).toEqual([]);
        });
      }

      if (block.flags.includes(NO_RUN)) continue;
      it.concurrent(
        `${where} runs and exits 0 within ${TIMEOUT_MS / 1000} s`,
        async () => {
          const entry = prepared.get(block)!;
          const result = await runBlockFile(entry.run, {
            cwd: join(readme.dir, RUN_FOLDER),
            timeoutMs: TIMEOUT_MS,
            vitestEntry: entry.vitest ? vitestEntryIn(ROOT) : undefined,
          });
          const summary = result.timedOut
            ? `still running after ${TIMEOUT_MS} ms (killed)`
            : `exit ${result.code} after ${result.ms} ms`;
          // The block's own output is the message, so a failure shows why without a rerun.
          expect(
            { code: result.code, timedOut: result.timedOut },
            `${readme.folder}/README.md ${where}: ${summary}\n${result.output.slice(-3_000)}`,
          ).toEqual({ code: 0, timedOut: false });
        },
        TIMEOUT_MS + 15_000,
      );
    }
  });
}

// With no README block in scope the file still has a test: the filter matched something.
it('found README blocks to check', () => {
  expect(readmes.length).toBeGreaterThan(0);
});
