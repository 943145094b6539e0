/**
 * What npm shows of each package works on its own: README links are absolute, and package.json
 * links back to the repository (homepage, bugs, repository with the package's folder).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { relativeLinks } from './src/relative-links.js';
import { workspaceReadmes } from './src/workspace-readmes.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe.each(workspaceReadmes(ROOT))('$folder', ({ folder, dir, readmePath }) => {
  it('README has no relative links (dead on npm)', () => {
    expect(relativeLinks(readFileSync(readmePath, 'utf8'))).toEqual([]);
  });

  it('package.json has homepage, bugs and repository.directory pointing at this folder', () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      homepage?: string;
      bugs?: { url?: string };
      repository?: { url?: string; directory?: string };
    };
    expect(manifest.repository?.directory).toBe(folder);
    expect(manifest.homepage).toMatch(new RegExp(`^https://github\\.com/.+/tree/main/${folder}#readme$`));
    expect(manifest.bugs?.url).toMatch(/^https:\/\/github\.com\/.+\/issues$/);
  });
});
