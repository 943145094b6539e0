#!/usr/bin/env node
// Writes src/version.ts from the package's own package.json, so the version a client reports
// (Moonraker's `server.connection.identify`, User-Agent headers) is never a hand-written string.
// Run by each vendor package's `build` script before tsc; a test in each package checks that the
// committed file matches package.json, so a version bump without a build cannot ship a stale value.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const packageDir = process.cwd();
const { name, version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
// Single quotes, as Biome formats the repo: a fresh build must leave `biome check` clean.
const quote = (value) => `'${String(value).replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
const text = `// Generated from package.json by scripts/write-version.mjs at build time. Do not edit.
export const PACKAGE_NAME = ${quote(name)};
export const VERSION = ${quote(version)};
`;
const target = join(packageDir, 'src', 'version.ts');
let current = '';
try {
  current = readFileSync(target, 'utf8');
} catch {}
if (current !== text) writeFileSync(target, text);
