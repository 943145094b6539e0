// What a browser bundler sees: the shipped sources import nothing from Node (`node:*`), only
// `@printkit/core-types` and `zod/mini` as a namespace (`import * as z`, so bundlers drop what is
// unused), and `ws` only through the one lazy `import('ws')` that runs where no WebSocket exists
// (Node 20). Sizes measured with esbuild are in the report of issue 9, not asserted here.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcDir = fileURLToPath(new URL('../src', import.meta.url));

function shippedSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return shippedSources(path);
    return /\.ts$/.test(entry.name) && !/\.test(-d)?\.ts$|\.test-helper\.ts$/.test(entry.name) ? [path] : [];
  });
}

describe('browser path', () => {
  const files = shippedSources(srcDir);

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('imports no Node module, and only core-types and zod/mini (as a namespace) from packages', () => {
    const found: string[] = [];
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/(?:^|\n)\s*(?:import|export)\b([^;]*?)\bfrom\s+'([^']+)'/g)) {
        const [, clause = '', specifier = ''] = match;
        if (specifier.startsWith('.')) continue;
        found.push(`${relative(srcDir, file)}: ${specifier}`);
        expect(specifier, relative(srcDir, file)).toMatch(/^(@printkit\/core-types(\/codec)?|zod\/mini)$/);
        if (specifier === 'zod/mini' && !/^\s*type\b/.test(clause)) expect(clause.trim()).toBe('* as z');
      }
    }
    expect(found.some((line) => line.endsWith('zod/mini'))).toBe(true);
  });

  it('loads ws lazily in one place only', () => {
    // Comments may quote the import; only code counts.
    const code = (file: string) =>
      readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
    const dynamic = files.flatMap((file) =>
      [...code(file).matchAll(/import\(\s*'([^']+)'\s*\)/g)].map(
        (match) => `${relative(srcDir, file)}: ${match[1]}`,
      ),
    );
    expect(dynamic).toEqual(['transport/websocket.ts: ws']);
  });
});
