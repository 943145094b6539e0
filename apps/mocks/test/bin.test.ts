import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FleetDescription } from '../src/fleet-description.js';
import {
  freePortRange,
  isListening,
  MOCKS_BIN,
  occupyPort,
  portOf,
  RunningBinary,
  run,
} from './spawn-helpers.js';

let running: RunningBinary | undefined;
afterEach(async () => {
  await running?.stop('SIGKILL');
  running = undefined;
});

describe('printkit-mocks (the binary)', () => {
  it('prints the fleet as one JSON line with --json, on deterministic ports from --port-base', async () => {
    const base = await freePortRange(7);
    running = new RunningBinary(MOCKS_BIN, ['--port-base', String(base), '--json', '--speed', '60']);
    const description = JSON.parse(await running.firstLine()) as FleetDescription;
    expect(description.control?.url).toBe(`http://127.0.0.1:${base}`);
    expect(description.printers).toEqual([
      expect.objectContaining({ name: 'kobra-1', vendor: 'anycubic', url: `mqtt://127.0.0.1:${base + 3}` }),
      {
        name: 'klipper-1',
        vendor: 'moonraker',
        url: `http://127.0.0.1:${base + 2}`,
        light: { pin: 'caselight' },
      },
      expect.objectContaining({
        name: 'prusa-1',
        vendor: 'prusa-connect',
        url: `http://127.0.0.1:${base + 1}`,
      }),
    ]);
    expect(description.mocks[0]?.endpoints.http).toBe(`http://127.0.0.1:${base + 4}`);
    // The Kobra's LAN-mode ports come after every other port, so the layout above is unchanged.
    expect(description.mocks[0]?.endpoints).toMatchObject({
      discovery: `http://127.0.0.1:${base + 4}/info`,
      mqtts: `mqtts://127.0.0.1:${base + 5}`,
      flv: `http://127.0.0.1:${base + 6}/flv`,
    });
    expect(description.mocks[0]?.tlsFingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(description.speed).toBe(60);
    const printers = (await (await fetch(`${description.control?.url}/printers`)).json()) as unknown[];
    expect(printers).toHaveLength(3);
  });

  it('stops cleanly on SIGTERM and SIGINT: exit 0, every port closed', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      running = new RunningBinary(MOCKS_BIN, ['--port-base', '0', '--json']);
      const description = JSON.parse(await running.firstLine()) as FleetDescription;
      const ports = description.mocks.flatMap((mock) => Object.values(mock.endpoints).map(portOf));
      expect(await running.stop(signal)).toEqual({ code: 0, signal: null });
      for (const port of ports) expect(await isListening(port)).toBe(false);
    }
  });

  it('prints a table a person can read, and writes a CLI config with --config-out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'printkit-mocks-'));
    try {
      running = new RunningBinary(
        MOCKS_BIN,
        ['--port-base', '0', '--fleet', 'moonraker=2', '--config-out', 'fleet.json'],
        {
          cwd: dir,
        },
      );
      await running.firstLine();
      await expect.poll(() => running?.stdout ?? '').toContain('Ctrl-C stops the fleet.');
      const lines = running.stdout.split('\n');
      expect(lines[0]).toBe('printkit-mocks: 2 mock printers, sim speed 1×, seed 1');
      expect(lines[2]).toMatch(/^ {2}NAME +VENDOR +MODEL +URL +CREDENTIALS +IDS$/);
      expect(lines[3]).toMatch(
        /^ {2}klipper-1 +moonraker +Klipper \(Moonraker\) +http:\/\/127\.0\.0\.1:\d+ +none/,
      );
      expect(running.stdout).toMatch(/control API: http:\/\/127\.0\.0\.1:\d+/);
      const config = JSON.parse(readFileSync(join(dir, 'fleet.json'), 'utf8')) as { printers: unknown[] };
      expect(config.printers).toEqual([
        {
          name: 'klipper-1',
          vendor: 'moonraker',
          url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
          light: { pin: 'caselight' },
        },
        {
          name: 'klipper-2',
          vendor: 'moonraker',
          url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
          light: { pin: 'caselight' },
        },
      ]);
      expect(await running.stop('SIGINT')).toEqual({ code: 0, signal: null });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 1 with one clear line when a port is in use', async () => {
    const base = await freePortRange(3);
    const release = await occupyPort(base + 1);
    try {
      const result = await run(MOCKS_BIN, ['--fleet', 'klipper=1', '--port-base', String(base)]);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `printkit-mocks: port ${base + 1} is already in use (moonraker 'klipper-1'); pass --port-base or stop the other process\n`,
      );
      expect(result.stdout).toBe('');
      expect(await isListening(base)).toBe(false);
    } finally {
      await release();
    }
  });

  it('exits 1 with one clear line when --config-out cannot be written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'printkit-mocks-'));
    try {
      const target = join(dir, 'no-such-dir', 'fleet.json');
      const result = await run(MOCKS_BIN, [
        '--fleet',
        'klipper=1',
        '--port-base',
        '0',
        '--config-out',
        target,
      ]);
      expect(result).toEqual({
        code: 1,
        signal: null,
        stdout: '',
        stderr: `printkit-mocks: --config-out: cannot write ${target} (ENOENT)\n`,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [
      ['--fleet', 'bambu=2'],
      'printkit-mocks: --fleet: unknown vendor "bambu"; use anycubic, moonraker, prusa (prusa-connect) or prusalink\n',
    ],
    [
      // A name every object has on its prototype is an unknown vendor too, not a crash.
      ['--fleet', 'constructor=1'],
      'printkit-mocks: --fleet: unknown vendor "constructor"; use anycubic, moonraker, prusa (prusa-connect) or prusalink\n',
    ],
    [['--shard', '3/2'], 'printkit-mocks: --shard: expected <i>/<n> with 1 ≤ i ≤ n, e.g. 1/4; got "3/2"\n'],
    [
      ['--fleet', 'moonraker=60000'],
      'printkit-mocks: the fleet needs more ports than a host has (moonraker passed 65535); use --loopback (every printer on its own address) or --shard\n',
    ],
    [['--speed', '0'], 'printkit-mocks: --speed: expected a number above 0 (at most 10000), got "0"\n'],
    [['--nope'], "printkit-mocks: Unknown option '--nope'. See printkit-mocks --help\n"],
  ])('exits 2 on bad arguments %j', async (args, stderr) => {
    expect(await run(MOCKS_BIN, args)).toEqual({ code: 2, signal: null, stdout: '', stderr });
  });

  it('shows help and version', async () => {
    const help = await run(MOCKS_BIN, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: printkit-mocks [options]');
    expect(help.stdout).toContain('--port-base <port>');
    const version = await run(MOCKS_BIN, ['--version']);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('--shard runs slices of one plan in separate processes; --loopback puts each printer on its own address', async () => {
    // --port-base 0 keeps each printer's own 127.x address but lets the OS choose the ports (tests).
    const args = ['--fleet', 'klipper=3,prusalink=2,prusa=2', '--loopback', '--port-base', '0', '--json'];
    const shards = [1, 2].map((i) => new RunningBinary(MOCKS_BIN, [...args, '--shard', `${i}/2`]));
    try {
      const [first, second] = (await Promise.all(shards.map((shard) => shard.firstLine()))).map(
        (line) => JSON.parse(line) as FleetDescription,
      );
      const names = [...(first?.printers ?? []), ...(second?.printers ?? [])].map((p) => p.name);
      expect(names.toSorted()).toEqual(
        [
          'klipper-1',
          'klipper-2',
          'klipper-3',
          'prusa-1',
          'prusa-2',
          'prusalink-1',
          'prusalink-2',
        ].toSorted(),
      );
      // Round-robin over the plan (Klipper, Prusa, PrusaLink): both processes get some of each.
      expect(first?.printers.map((p) => p.name)).toEqual([
        'klipper-1',
        'klipper-3',
        'prusa-2',
        'prusalink-2',
      ]);
      expect(shards[0]?.stderr).toBe(
        'printkit-mocks: started 4 printers (shard 1/2 of a 7-printer fleet) in ' +
          shards[0]?.stderr.split(' in ')[1],
      );
      const all = [...(first?.printers ?? []), ...(second?.printers ?? [])];
      const address = (name: string) => new URL(all.find((p) => p.name === name)?.url ?? 'http://x').hostname;
      expect(address('klipper-2')).toBe('127.1.0.2');
      expect(address('prusalink-2')).toBe('127.3.0.2');
      // Each shard has its own control API and Connect; both answer.
      expect(first?.control?.url).not.toBe(second?.control?.url);
      // A third-party client meets them on those addresses: plain fetch, X-Api-Key / no auth.
      const klipper = await fetch(`${all.find((p) => p.name === 'klipper-2')?.url}/server/info`);
      expect(klipper.status).toBe(200);
      const link = all.find((p) => p.name === 'prusalink-2');
      expect(link).toMatchObject({ vendor: 'prusalink', username: 'maker', password: 'printkit-pass' });
      const refused = await fetch(`${link?.url}/api/v1/status`);
      expect(refused.status).toBe(401);
      const status = await fetch(`${link?.url}/api/v1/status`, { headers: { 'X-Api-Key': 'printkit-pass' } });
      expect(((await status.json()) as { printer: { state: string } }).printer.state).toBe('IDLE');
    } finally {
      await Promise.all(shards.map((shard) => shard.stop('SIGKILL')));
    }
  });
});
