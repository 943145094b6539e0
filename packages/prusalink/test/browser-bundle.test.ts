/**
 * What a browser bundler sees from the entry points, applying package.json's `browser` field (as
 * esbuild, webpack and vite do): no module imports undici or a `node:` module, and zod is imported as
 * a namespace (`import * as z from 'zod/mini'`) so bundlers can drop what is unused.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
  browser: Record<string, string>;
};
const toSource = (distPath: string) =>
  join(packageDir, distPath.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts'));
const swaps = new Map(Object.entries(manifest.browser).map(([from, to]) => [toSource(from), toSource(to)]));

function walk(entry: string) {
  const seen = new Set<string>();
  const bare: Array<{ statement: string; specifier: string; file: string }> = [];
  const visit = (file: string) => {
    const actual = swaps.get(file) ?? file;
    if (seen.has(actual)) return;
    seen.add(actual);
    const source = readFileSync(actual, 'utf8');
    for (const match of source.matchAll(
      /(?:^|\n)\s*((?:import|export)[^;]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\))/g,
    )) {
      const statement = match[1] ?? '';
      const specifier = match[2] ?? match[3] ?? '';
      if (specifier.startsWith('.')) visit(join(dirname(actual), specifier.replace(/\.js$/, '.ts')));
      else bare.push({ statement, specifier, file: relative(packageDir, actual) });
    }
  };
  visit(entry);
  return { files: [...seen].map((f) => relative(packageDir, f)), bare };
}

describe('the browser build', () => {
  for (const entry of ['src/index.ts', 'src/protocol/index.ts']) {
    it(`${entry}: no undici, no node: modules, zod/mini as a namespace`, () => {
      const { files, bare } = walk(join(packageDir, entry));
      expect(files.length).toBeGreaterThan(3);
      expect(files).not.toContain('src/transport/undici.ts');
      const runtime = bare.filter(
        (b) => !b.statement.startsWith('import type') && !b.statement.startsWith('export type'),
      );
      expect(
        runtime.filter((b) => b.specifier.startsWith('undici') || b.specifier.startsWith('node:')),
      ).toEqual([]);
      for (const { statement, file, specifier } of runtime) {
        if (specifier.startsWith('zod')) expect(statement, file).toMatch(/^import \* as z from 'zod\/mini'$/);
      }
      if (entry === 'src/index.ts') expect(files).toContain('src/transport/default-transport.browser.ts');
    });
  }
});
