/**
 * `printkit` as a user runs it (the built dist/bin.js in a child process) against a running
 * `printkit-mocks` fleet: one printer per vendor, configured from the fleet's own --config-out.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FleetDescription } from '@printkit/mocks-app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLI_BIN,
  freePortRange,
  isListening,
  MOCKS_BIN,
  RunningBinary,
  run,
} from '../../mocks/test/spawn-helpers.js';

let dir: string;
let mocks: RunningBinary;
let fleet: FleetDescription;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'printkit-e2e-'));
  const base = await freePortRange(5);
  mocks = new RunningBinary(
    MOCKS_BIN,
    ['--port-base', String(base), '--json', '--speed', '60', '--config-out', 'printkit.config.json'],
    { cwd: dir },
  );
  fleet = JSON.parse(await mocks.firstLine()) as FleetDescription;
});

afterAll(async () => {
  await mocks?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const printkit = (...args: string[]) => run(CLI_BIN, args, { cwd: dir });

interface Snapshot {
  state: string;
  job?: { file: string };
  temperatures: { nozzle: { target: number } };
  lights: Record<string, boolean>;
}

/** What the simulated printer behind the vendor mock really did, read through the control API. */
async function sim(name: string): Promise<Snapshot> {
  const response = await fetch(`${fleet.control?.url}/printers/${name}`);
  return ((await response.json()) as { snapshot: Snapshot }).snapshot;
}

async function files(name: string): Promise<string[]> {
  const response = await fetch(`${fleet.control?.url}/printers/${name}/files`);
  return ((await response.json()) as Array<{ name: string }>).map((file) => file.name);
}

const RUNNING = ['preparing', 'printing'];

describe('printkit against printkit-mocks', () => {
  it('status shows every vendor, as a table and as JSON', async () => {
    const table = await printkit('status');
    expect(table.stderr).toBe('');
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^PRINTER +VENDOR +STATE +NOZZLE °C +BED °C +JOB +PROGRESS +LEFT$/);
    expect(lines.slice(1).map((line) => line.split(/ +/).slice(0, 2).join(' '))).toEqual([
      'kobra-1 anycubic',
      'klipper-1 moonraker',
      'prusa-1 prusa-connect',
    ]);

    const json = await printkit('status', '--json');
    expect(json.code).toBe(0);
    const documents = JSON.parse(json.stdout) as Array<{
      name: string;
      reachable: boolean;
      status: { temperatures: object };
    }>;
    expect(documents.map((d) => [d.name, d.reachable])).toEqual([
      ['kobra-1', true],
      ['klipper-1', true],
      ['prusa-1', true],
    ]);
    for (const document of documents) {
      expect(document.status.temperatures).toMatchObject({ nozzle: { actual: expect.any(Number) } });
    }
  });

  it.each(['kobra-1', 'klipper-1', 'prusa-1'])(
    'print, pause, resume and cancel reach the simulated %s',
    async (name) => {
      await fetch(`${fleet.control?.url}/printers/${name}/clear-error`, { method: 'POST' });
      const print = await printkit('print', name, 'benchy.gcode');
      expect(print).toMatchObject({ code: 0, stdout: `${name}: printing benchy.gcode\n` });
      await expect.poll(async () => (await sim(name)).state, { timeout: 10_000 }).toBeOneOf(RUNNING);
      expect((await sim(name)).job?.file).toBe('benchy.gcode');

      expect(await printkit('pause', name)).toMatchObject({ code: 0, stdout: `${name}: paused\n` });
      await expect.poll(async () => (await sim(name)).state, { timeout: 10_000 }).toBe('paused');

      expect(await printkit('resume', name)).toMatchObject({ code: 0, stdout: `${name}: resumed\n` });
      await expect.poll(async () => (await sim(name)).state, { timeout: 10_000 }).toBeOneOf(RUNNING);

      expect(await printkit('cancel', name)).toMatchObject({ code: 0, stdout: `${name}: cancelled\n` });
      await expect.poll(async () => (await sim(name)).state, { timeout: 10_000 }).toBe('cancelled');
    },
  );

  it('uploads a local file before printing it', async () => {
    writeFileSync(join(dir, 'tiny-part.gcode'), ';TIME:120\nG28\nG1 X10 Y10 F3000\n');
    await fetch(`${fleet.control?.url}/printers/klipper-1/clear-error`, { method: 'POST' });
    const result = await printkit('print', 'klipper-1', 'tiny-part.gcode');
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(
      /^klipper-1: uploaded tiny-part\.gcode \(\d+ B\)\nklipper-1: printing tiny-part\.gcode\n$/,
    );
    expect(await files('klipper-1')).toContain('tiny-part.gcode');
    await expect.poll(async () => (await sim('klipper-1')).job?.file).toBe('tiny-part.gcode');
    await printkit('cancel', 'klipper-1');
  });

  it('sets heater targets and lights', async () => {
    await fetch(`${fleet.control?.url}/printers/kobra-1/clear-error`, { method: 'POST' });
    expect(await printkit('temp', 'kobra-1', 'nozzle', '180')).toMatchObject({ code: 0 });
    await expect.poll(async () => (await sim('kobra-1')).temperatures.nozzle.target).toBe(180);
    expect(await printkit('light', 'kobra-1', 'on')).toMatchObject({
      code: 0,
      stdout: 'kobra-1: light on\n',
    });
    await expect.poll(async () => (await sim('kobra-1')).lights.head).toBe(true);
    expect(await printkit('light', 'klipper-1', 'on')).toMatchObject({
      code: 0,
      stdout: 'klipper-1: light on\n',
    });
    await expect.poll(async () => (await sim('klipper-1')).lights.caselight).toBe(true);
    await printkit('temp', 'kobra-1', 'nozzle', '0');
  });

  it('sends G-code where supported, and says plainly where not (exit 3)', async () => {
    const gcode = await printkit('gcode', 'klipper-1', 'M115');
    expect(gcode.code).toBe(0);
    expect(gcode.stdout).toContain('FIRMWARE_NAME:Klipper');
    expect(await printkit('gcode', 'kobra-1', 'G28')).toEqual({
      code: 3,
      signal: null,
      stdout: '',
      stderr: 'printkit: kobra-1: not supported: anycubic printers do not support gcode (sendGcode)\n',
    });
  });

  it('exits 2 for an unknown printer or a bad config, naming what is wrong', async () => {
    expect(await printkit('pause', 'kobra-9')).toMatchObject({
      code: 2,
      stderr:
        "printkit: no printer named 'kobra-9' in printkit.config.json (known: kobra-1, klipper-1, prusa-1)\n",
    });
    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify({
        printers: [fleet.printers[1], { name: 'x', vendor: 'moonraker', host: 'h', port: 'eighty' }],
      }),
    );
    expect(await printkit('status', '--config', 'bad.json')).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'printkit: bad.json: printers[1].port: expected a number, got "eighty"\n',
    });
  });

  it('exits 4 when a printer cannot be reached', async () => {
    const closedPort = await freePortRange(1);
    writeFileSync(
      join(dir, 'gone.json'),
      JSON.stringify({
        printers: [{ name: 'gone', vendor: 'moonraker', url: `http://127.0.0.1:${closedPort}` }],
      }),
    );
    const result = await printkit('status', '--config', 'gone.json', '--timeout', '3000');
    expect(result.code).toBe(4);
    expect(result.stdout).toMatch(/^gone +moonraker +unreachable /m);
  });

  it('watch prints plain frames when not on a terminal', async () => {
    const result = await printkit('watch', '--count', '2', '--interval', '200');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).not.toContain('\u001b[');
    const frames = result.stdout.split('printkit watch  3 printers').slice(1);
    expect(frames).toHaveLength(2);
    for (const name of ['kobra-1', 'klipper-1', 'prusa-1']) expect(frames[1]).toContain(name);
  });

  it('watch stops quietly when its reader goes away (watch | head)', async () => {
    const watch = new RunningBinary(CLI_BIN, ['watch', '--json', '--interval', '100'], { cwd: dir });
    try {
      await watch.firstLine();
      // Like `head -n 1` exiting: the next frame meets a closed pipe (EPIPE).
      watch.child.stdout?.destroy();
      expect(await watch.exited).toEqual({ code: 0, signal: null });
      expect(watch.stderr).toBe('');
    } finally {
      await watch.stop('SIGKILL');
    }
  });

  it('init --from-mocks reads the fleet from the control API', async () => {
    const result = await printkit(
      'init',
      '--from-mocks',
      fleet.control?.url ?? '',
      '--out',
      'from-control.json',
    );
    expect(result).toMatchObject({
      code: 0,
      stdout: `wrote from-control.json: 3 printers from ${fleet.control?.url}\n`,
    });
    expect(JSON.parse(readFileSync(join(dir, 'from-control.json'), 'utf8'))).toEqual({
      printers: fleet.printers,
    });
  });
});

describe('printkit demo', () => {
  it('runs the mocks in-process and starts a print on every vendor', async () => {
    const result = await run(CLI_BIN, ['demo', '--count', '8', '--interval', '500', '--speed', '120'], {
      cwd: dir,
      timeoutMs: 60_000,
    });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    for (const name of ['kobra-1', 'klipper-1', 'prusa-1'])
      expect(result.stdout).toMatch(new RegExp(`${name} +started `));
    expect(result.stdout).toContain('mock fleet at 120× speed');
  });

  it('stops everything cleanly on Ctrl-C (SIGINT): exit 0, the in-process mocks closed', async () => {
    const demo = new RunningBinary(CLI_BIN, ['demo', '--interval', '300', '--speed', '120'], { cwd: dir });
    try {
      await expect
        .poll(() => demo.stdout, { timeout: 20_000 })
        .toMatch(/control API http:\/\/127\.0\.0\.1:\d+/);
      const controlPort = Number(/control API http:\/\/127\.0\.0\.1:(\d+)/.exec(demo.stdout)?.[1]);
      expect(await isListening(controlPort)).toBe(true);
      expect(await demo.stop('SIGINT')).toEqual({ code: 0, signal: null });
      expect(demo.stderr).toBe('');
      expect(await isListening(controlPort)).toBe(false);
    } finally {
      await demo.stop('SIGKILL');
    }
  });
});
