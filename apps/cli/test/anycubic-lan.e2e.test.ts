/**
 * `printkit` against a Kobra of a running `printkit-mocks` fleet in LAN mode (the built binaries in
 * child processes), configured as a user with a stock printer would: its host, `"lan": true`, and the
 * certificate fingerprint the fleet's `--json` shows. No login, device id or model in the config: the
 * discovery document and the signed handshake supply them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FleetDescription } from '@printkit/mocks-app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, freePortRange, MOCKS_BIN, RunningBinary, run } from '../../mocks/test/spawn-helpers.js';

let dir: string;
let mocks: RunningBinary;
let discovery: URL;
let fingerprint256: string;

/** A config with the one Kobra in LAN mode, trusted by `tls`. */
function writeConfig(file: string, tls: object): void {
  const printer = {
    name: 'kobra',
    vendor: 'anycubic',
    host: discovery.hostname,
    port: Number(discovery.port),
    lan: true,
    tls,
  };
  writeFileSync(join(dir, file), JSON.stringify({ printers: [printer] }));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'printkit-anycubic-lan-'));
  // Port base 0: every server on a port the OS chose, so parallel test files never collide.
  mocks = new RunningBinary(MOCKS_BIN, ['--fleet', 'anycubic=1', '--port-base', '0', '--json'], { cwd: dir });
  const fleet = JSON.parse(await mocks.firstLine()) as FleetDescription;
  const [kobra] = fleet.mocks;
  discovery = new URL(kobra?.endpoints.discovery ?? '');
  fingerprint256 = kobra?.tlsFingerprint256 ?? '';
  expect(fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  writeConfig('printkit.config.json', { fingerprint256 });
});

afterAll(async () => {
  await mocks?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const printkit = (...args: string[]) => run(CLI_BIN, args, { cwd: dir });

/** The discovery token, read as any LAN client reads it: a secret the CLI must never print. */
async function discoveryToken(): Promise<string> {
  const info = (await (await fetch(discovery)).json()) as { token?: unknown };
  expect(typeof info.token).toBe('string');
  return info.token as string;
}

describe('printkit with a Kobra in LAN mode, from its host alone', () => {
  it('status connects over discovery, the handshake and the pinned TLS broker', async () => {
    const table = await printkit('status');
    expect(table).toMatchObject({ code: 0, stderr: '' });
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^kobra +anycubic +idle +\d+\.\d +\d+\.\d/);

    const json = await printkit('status', '--json');
    expect(json).toMatchObject({ code: 0, stderr: '' });
    const [document] = JSON.parse(json.stdout) as Array<{
      name: string;
      reachable: boolean;
      status: { state: string; temperatures: { nozzle: { actual: number } } };
    }>;
    expect(document).toMatchObject({ name: 'kobra', reachable: true, status: { state: 'idle' } });
    expect(Number.isFinite(document?.status.temperatures.nozzle.actual)).toBe(true);

    const token = await discoveryToken();
    for (const output of [table.stdout, json.stdout]) expect(output).not.toContain(token);
  });

  it('list shows the discovery address and the capabilities of the model the handshake named', async () => {
    const result = await printkit('list', '--json');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const [row] = JSON.parse(result.stdout) as Array<{ name: string; url: string; capabilities: string[] }>;
    expect(row?.url).toBe(`${discovery.origin}/`);
    expect(row?.capabilities).toEqual(expect.arrayContaining(['temperature.nozzle', 'print.start', 'light']));
  });

  it('list still shows every printer when a LAN printer cannot be asked who it is (exit 4)', async () => {
    const closed = await freePortRange(1); // nothing listens there
    const unreachable = {
      name: 'gone',
      vendor: 'anycubic',
      host: '127.0.0.1',
      port: closed,
      lan: true,
      tls: { insecure: true },
    };
    const reachable = {
      name: 'kobra',
      vendor: 'anycubic',
      host: discovery.hostname,
      port: Number(discovery.port),
      lan: true,
      tls: { fingerprint256 },
    };
    writeFileSync(join(dir, 'one-gone.json'), JSON.stringify({ printers: [unreachable, reachable] }));
    const result = await printkit('list', '--json', '--config', 'one-gone.json');
    expect(result.code).toBe(4);
    const rows = JSON.parse(result.stdout) as Array<{
      name: string;
      capabilities: string[];
      error?: { code: string; message: string };
    }>;
    expect(rows.map((row) => row.name)).toEqual(['gone', 'kobra']);
    expect(rows[0]?.error).toEqual({
      code: 'connection',
      message: expect.stringContaining(`127.0.0.1:${closed}`),
    });
    expect(rows[1]?.error).toBeUndefined();
    expect(rows[1]?.capabilities).toContain('temperature.nozzle');
  });

  it('watch names a LAN printer it cannot ask who it is (exit 4)', async () => {
    // one-gone.json from the test above: "gone" listens nowhere.
    const result = await printkit('watch', '--count', '1', '--config', 'one-gone.json');
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^printkit: gone: unreachable: .*cannot be reached/);
  });

  it('refuses a certificate that does not match the pinned fingerprint (exit 4, nothing shown of the printer)', async () => {
    writeConfig('wrong-pin.json', { fingerprint256: 'AB'.repeat(32) });
    const result = await printkit('status', '--json', '--config', 'wrong-pin.json');
    expect(result.code).toBe(4);
    const [document] = JSON.parse(result.stdout) as Array<{ reachable: boolean; error?: string }>;
    expect(document?.reachable).toBe(false);
    expect(JSON.stringify(document)).toMatch(/does not match the pinned/);
    expect(`${result.stdout}${result.stderr}`).not.toContain(await discoveryToken());
  });

  it('refuses a LAN entry without a trust choice before connecting (exit 2)', async () => {
    writeFileSync(
      join(dir, 'no-trust.json'),
      JSON.stringify({
        printers: [{ name: 'kobra', vendor: 'anycubic', host: discovery.hostname, lan: true }],
      }),
    );
    const result = await printkit('status', '--config', 'no-trust.json');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      'no-trust.json: printers[0].tls: LAN mode speaks TLS to a self-signed certificate',
    );
  });
});
