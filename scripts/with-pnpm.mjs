#!/usr/bin/env node
// Entry point of the README's two commands (`npm run demo`, `npm test`) on a machine that has only
// Node and npm: for the tests, first makes sure the programs they run against are there
// (scripts/test-peers.mjs: installs them or stops with one line), then finds the pnpm version
// pinned in package.json (or runs it through npx), installs the workspace, and runs the requested
// task. Corepack is not used on purpose: its signature check fails against some registries.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const version = manifest.packageManager.replace(/^pnpm@/, '');
const [task = 'verify', ...rest] = process.argv.slice(2);

// Before anything slow: a machine that cannot run the tests is told so in one line, up front.
if (task === 'verify') {
  const peers = spawnSync(process.execPath, [join(root, 'scripts', 'test-peers.mjs')], { stdio: 'inherit' });
  if (peers.status !== 0) process.exit(peers.status ?? 1);
}

function installedPnpmVersion() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8', shell: process.platform === 'win32' });
  return probe.status === 0 ? probe.stdout.trim() : undefined;
}

const pnpm = installedPnpmVersion() === version ? ['pnpm'] : ['npx', '--yes', `pnpm@${version}`];

function run(args) {
  const [command, ...prefix] = pnpm;
  const result = spawnSync(command, [...prefix, ...args], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.error) {
    console.error(`Could not run ${command}: ${result.error.message}`);
    process.exit(1);
  }
  if (result.signal) process.kill(process.pid, result.signal);
  return result.status ?? 1;
}

const installStatus = run(['install', '--frozen-lockfile', '--reporter=silent']);
if (installStatus !== 0) process.exit(installStatus);
process.exit(run(['run', task, ...rest]));
