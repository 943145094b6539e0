/**
 * `printkit` against PrusaLink printers of a running `printkit-mocks --fleet prusalink=2` (the built
 * binaries in child processes), configured from the fleet's own --config-out: Digest with `maker` and
 * the printer's password, as on the firmware.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FleetDescription } from '@printkit/mocks-app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, freePortRange, MOCKS_BIN, RunningBinary, run } from '../../mocks/test/spawn-helpers.js';

let dir: string;
let mocks: RunningBinary;
let fleet: FleetDescription;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'printkit-prusalink-'));
  const base = await freePortRange(3);
  mocks = new RunningBinary(
    MOCKS_BIN,
    ['--fleet', 'prusalink=2', '--port-base', String(base), '--json', '--speed', '60'],
    { cwd: dir },
  );
  fleet = JSON.parse(await mocks.firstLine()) as FleetDescription;
  writeFileSync(join(dir, 'printkit.config.json'), JSON.stringify({ printers: fleet.printers }));
});

afterAll(async () => {
  await mocks?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const printkit = (...args: string[]) => run(CLI_BIN, args, { cwd: dir });

async function simState(name: string): Promise<string> {
  const response = await fetch(`${fleet.control?.url}/printers/${name}`);
  return ((await response.json()) as { snapshot: { state: string } }).snapshot.state;
}

const RUNNING = ['preparing', 'printing'];

describe('printkit with PrusaLink printers', () => {
  it('the fleet lists them with Digest credentials, on consecutive ports after the control API', () => {
    const control = Number(new URL(fleet.control?.url ?? '').port);
    expect(fleet.printers).toEqual([
      {
        name: 'prusalink-1',
        vendor: 'prusalink',
        url: `http://127.0.0.1:${control + 1}`,
        username: 'maker',
        password: 'printkit-pass',
      },
      expect.objectContaining({ name: 'prusalink-2', url: `http://127.0.0.1:${control + 2}` }),
    ]);
  });

  it('list shows them without the password', async () => {
    const result = await printkit('list', '--json');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).not.toContain('printkit-pass');
    const rows = JSON.parse(result.stdout) as Array<{ name: string; vendor: string; url: string }>;
    expect(rows.map((row) => [row.name, row.vendor, row.url])).toEqual(
      fleet.printers.map((p) => [p.name, 'prusalink', `${p.url}/`]),
    );
  });

  it('status reads them (table and JSON)', async () => {
    const table = await printkit('status');
    expect(table).toMatchObject({ code: 0, stderr: '' });
    expect(table.stdout).toMatch(/^prusalink-1 +prusalink +idle /m);
    const json = await printkit('status', '--json');
    const documents = JSON.parse(json.stdout) as Array<{ name: string; reachable: boolean }>;
    expect(documents.map((d) => [d.name, d.reachable])).toEqual([
      ['prusalink-1', true],
      ['prusalink-2', true],
    ]);
  });

  it('print, pause, resume and cancel reach the simulated printer', async () => {
    const name = 'prusalink-1';
    expect(await printkit('print', name, 'benchy.gcode')).toMatchObject({
      code: 0,
      stdout: `${name}: printing benchy.gcode\n`,
    });
    await expect.poll(() => simState(name), { timeout: 10_000 }).toBeOneOf(RUNNING);
    expect(await printkit('pause', name)).toMatchObject({ code: 0, stdout: `${name}: paused\n` });
    await expect.poll(() => simState(name), { timeout: 10_000 }).toBe('paused');
    expect(await printkit('resume', name)).toMatchObject({ code: 0, stdout: `${name}: resumed\n` });
    await expect.poll(() => simState(name), { timeout: 10_000 }).toBeOneOf(RUNNING);
    expect(await printkit('cancel', name)).toMatchObject({ code: 0, stdout: `${name}: cancelled\n` });
    await expect.poll(() => simState(name), { timeout: 10_000 }).toBe('cancelled');
  });

  it('temp says plainly that PrusaLink cannot set heaters (exit 3)', async () => {
    const result = await printkit('temp', 'prusalink-2', 'nozzle', '200');
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^printkit: prusalink-2: not supported: /);
  });

  it('watch shows them', async () => {
    const result = await printkit('watch', '--count', '1', '--interval', '200');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('prusalink-1');
    expect(result.stdout).toContain('prusalink-2');
  });

  it('a wrong password is a clear error that never shows the password', async () => {
    const config = JSON.parse(readFileSync(join(dir, 'printkit.config.json'), 'utf8')) as {
      printers: Array<Record<string, unknown>>;
    };
    const wrong = { ...config.printers[0], password: 'not-the-password-42' };
    writeFileSync(join(dir, 'wrong.json'), JSON.stringify({ printers: [wrong] }));
    const result = await printkit('status', '--config', 'wrong.json', '--json');
    expect(result.code).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).not.toContain('not-the-password-42');
  });

  it('config: a PrusaLink printer needs a password or an API key', async () => {
    writeFileSync(
      join(dir, 'nokey.json'),
      JSON.stringify({ printers: [{ name: 'mk4', vendor: 'prusalink', host: '192.0.2.1' }] }),
    );
    expect(await printkit('list', '--config', 'nokey.json')).toMatchObject({
      code: 2,
      stderr:
        'printkit: nokey.json: printers[0].password: a PrusaLink printer needs "password" (HTTP Digest) or "apiKey" (X-Api-Key)\n',
    });
  });
});
