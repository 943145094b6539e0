/**
 * What a browser bundler sees: starting at the entry points and applying package.json's `browser` field
 * (as esbuild, webpack and vite do), no module may import undici, and zod must be imported as a
 * namespace (`import * as z`), which lets bundlers drop what is unused — the zod locales were 264 KB of a
 * 473 KB bundle when the package imported `{ z }`. Measured sizes: README "In the browser".
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
  browser: Record<string, string>;
};

/** `./dist/x.js` → `src/x.ts`, as the build maps them. */
const sourceOf = (distPath: string) =>
  join(packageDir, distPath.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts'));
const swaps = new Map(Object.entries(manifest.browser).map(([from, to]) => [sourceOf(from), sourceOf(to)]));

function browserGraph(entry: string) {
  const seen = new Set<string>();
  const bare: Array<{ file: string; statement: string; specifier: string }> = [];
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
      else bare.push({ file: relative(packageDir, actual), statement, specifier });
    }
  };
  visit(entry);
  return { files: [...seen].map((file) => relative(packageDir, file)), bare };
}

describe('the browser build', () => {
  for (const entry of ['src/index.ts', 'src/protocol/index.ts']) {
    it(`${entry}: no undici, zod/mini as a namespace`, () => {
      const { files, bare } = browserGraph(join(packageDir, entry));
      expect(files.length).toBeGreaterThan(3);
      expect(files).not.toContain('src/transport/undici.ts');
      expect(bare.filter((b) => b.specifier.startsWith('undici'))).toEqual([]);
      const zodImports = bare.filter((b) => b.specifier.startsWith('zod'));
      for (const { statement, file } of zodImports) {
        expect(statement, file).toMatch(/^import (type )?\* as z from 'zod\/mini'$|^import type /);
      }
      if (entry === 'src/index.ts') {
        expect(files).toContain('src/transport/default-transport.browser.ts');
        expect(zodImports.length).toBeGreaterThan(0);
      }
    });
  }

  it('the Node build does reach undici through the default transport (the check above can fail)', () => {
    swaps.clear();
    const { files } = browserGraph(join(packageDir, 'src/index.ts'));
    expect(files).toContain('src/transport/undici.ts');
  });
});
