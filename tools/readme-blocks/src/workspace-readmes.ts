/** Every workspace package that has a README: its folder, its name and the README's blocks. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type CodeBlock, extractCodeBlocks } from './extract-blocks.js';

export const PACKAGE_GROUPS = ['packages', 'mocks', 'apps'] as const;

export interface PackageReadme {
  /** e.g. `packages/core-types` */
  readonly folder: string;
  readonly dir: string;
  readonly name: string;
  readonly readmePath: string;
  readonly blocks: readonly CodeBlock[];
}

export function workspaceReadmes(root: string): PackageReadme[] {
  const found: PackageReadme[] = [];
  for (const group of PACKAGE_GROUPS) {
    const groupDir = join(root, group);
    if (!existsSync(groupDir)) continue;
    for (const entry of readdirSync(groupDir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const dir = join(groupDir, entry.name);
      const manifestPath = join(dir, 'package.json');
      const readmePath = join(dir, 'README.md');
      if (!existsSync(manifestPath) || !existsSync(readmePath)) continue;
      const { name } = JSON.parse(readFileSync(manifestPath, 'utf8')) as { name: string };
      found.push({
        folder: relative(root, dir),
        dir,
        name,
        readmePath,
        blocks: extractCodeBlocks(readFileSync(readmePath, 'utf8')),
      });
    }
  }
  return found.sort((a, b) => a.folder.localeCompare(b.folder));
}
