import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { missingPrograms, planTestPeers, TEST_PEERS } from './test-peers.mjs';

const script = join(import.meta.dirname, 'test-peers.mjs');
const run = promisify(execFile);

const linuxRoot = { platform: 'linux', uid: 0, hasAptGet: true, hasPasswordlessSudo: false };

describe('planTestPeers', () => {
  it('does nothing when every program is there', () => {
    expect(planTestPeers({ ...linuxRoot, missing: [] })).toEqual({ action: 'ready' });
  });

  it('as root, updates the package lists and installs each missing package once, without sudo', () => {
    const plan = planTestPeers({ ...linuxRoot, missing: ['mosquitto', 'mosquitto_pub', 'mosquitto_sub'] });
    expect(plan).toEqual({
      action: 'install',
      packages: ['mosquitto', 'mosquitto-clients'],
      commands: [
        ['apt-get', 'update', '-qq'],
        [
          'env',
          'DEBIAN_FRONTEND=noninteractive',
          'apt-get',
          'install',
          '-y',
          '-qq',
          'mosquitto',
          'mosquitto-clients',
        ],
      ],
    });
  });

  it('as a user with sudo that asks no password, runs apt-get through sudo -n', () => {
    const plan = planTestPeers({ ...linuxRoot, uid: 1000, hasPasswordlessSudo: true, missing: ['curl'] });
    expect(plan.action).toBe('install');
    if (plan.action !== 'install') return;
    for (const command of plan.commands)
      expect(command.slice(0, 3)).toEqual(['sudo', '-n', expect.any(String)]);
    expect(plan.commands[1]?.at(-1)).toBe('curl');
  });

  it('as a user whose sudo would prompt, stops with one line naming the command to run', () => {
    const plan = planTestPeers({ ...linuxRoot, uid: 1000, missing: ['mosquitto', 'mosquitto_sub'] });
    expect(plan.action).toBe('stop');
    if (plan.action !== 'stop') return;
    expect(plan.message).not.toContain('\n');
    expect(plan.message).toContain('mosquitto, mosquitto_sub');
    expect(plan.message).toContain('`sudo apt-get install mosquitto mosquitto-clients`');
  });

  it('without apt-get (or off Linux), stops and names the packages for another package manager', () => {
    for (const machine of [
      { ...linuxRoot, hasAptGet: false, missing: ['mosquitto'] },
      { ...linuxRoot, platform: 'darwin', missing: ['mosquitto'] },
    ]) {
      const plan = planTestPeers(machine);
      expect(plan.action).toBe('stop');
      if (plan.action === 'stop')
        expect(plan.message).toMatch(/Install mosquitto with your system's package manager/);
    }
  });
});

describe('missingPrograms', () => {
  it('finds a program in any of the directories, and reports the rest in TEST_PEERS order', () => {
    const present = new Set(['/a/curl', '/b/mosquitto_pub']);
    expect(missingPrograms(['/a', '/b'], (file) => present.has(file))).toEqual([
      'mosquitto',
      'mosquitto_sub',
    ]);
    expect(missingPrograms([], () => true)).toEqual(TEST_PEERS.map((peer) => peer.program));
  });
});

describe('test-peers.mjs --dry-run (probing this machine, with a pretend search path)', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('reports all present when every program is an executable in the search path', async () => {
    dir = await mkdtemp(join(tmpdir(), 'printkit-peers-'));
    for (const { program } of TEST_PEERS) {
      await writeFile(join(dir, program), '#!/bin/sh\n');
      await chmod(join(dir, program), 0o755);
    }
    const { stdout } = await run(process.execPath, [script, '--dry-run', '--search-path', dir]);
    expect(stdout.trim()).toBe('test peers: all present');
  });

  it('plans an install (root or sudo -n) or stops with exit 1 when nothing is found, and installs nothing', async () => {
    dir = await mkdtemp(join(tmpdir(), 'printkit-peers-'));
    const result = await run(process.execPath, [script, '--dry-run', '--search-path', dir]).then(
      ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    if (process.getuid?.() === 0) {
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('would install mosquitto mosquitto-clients curl');
      expect(result.stdout).toContain('apt-get install -y -qq mosquitto mosquitto-clients curl');
    } else if (result.code === 0) {
      expect(result.stdout).toContain('sudo -n apt-get update');
    } else {
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('refuses a pretend search path outside a dry run (a real install could not be checked)', async () => {
    await expect(run(process.execPath, [script, '--search-path', '/nowhere'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--search-path needs --dry-run'),
    });
  });
});
