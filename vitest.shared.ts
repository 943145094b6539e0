// Shared vitest settings for every workspace project.
//
// Tests run against the TypeScript sources of sibling packages, not their built `dist/`, so
// `pnpm --filter <pkg> test` works without a build step and a stale build can never hide a bug.
// The alias table is derived from each package's `exports` map: `./dist/x.js` ↔ `./src/x.ts`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));

interface Alias {
  find: RegExp;
  replacement: string;
}

function exportTarget(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  if (entry && typeof entry === 'object') {
    const record = entry as Record<string, unknown>;
    return exportTarget(record.import ?? record.default);
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function workspaceSourceAliases(): Alias[] {
  const aliases: Alias[] = [];
  for (const group of ['packages', 'mocks', 'apps']) {
    const groupDir = join(root, group);
    if (!existsSync(groupDir)) continue;
    for (const name of readdirSync(groupDir)) {
      const manifestPath = join(groupDir, name, 'package.json');
      if (!existsSync(manifestPath)) continue;
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
        name: string;
        exports?: Record<string, unknown>;
      };
      for (const [subpath, entry] of Object.entries(manifest.exports ?? {})) {
        const target = exportTarget(entry);
        if (!target?.startsWith('./dist/') || !target.endsWith('.js')) continue;
        const source = join(groupDir, name, target.replace('./dist/', 'src/').replace(/\.js$/, '.ts'));
        if (!existsSync(source)) continue;
        const specifier = subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`;
        aliases.push({ find: new RegExp(`^${escapeRegExp(specifier)}$`), replacement: source });
      }
    }
  }
  return aliases;
}
