/**
 * `printkit` against a `printkit-mocks --loopback` fleet, configured from its own --config-out: every
 * printer on an address of its own (127.1.x.y Klipper, 127.2.x.y Kobra, 127.3.x.y PrusaLink).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, MOCKS_BIN, RunningBinary, run } from '../../mocks/test/spawn-helpers.js';

let dir: string;
let mocks: RunningBinary;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'printkit-loopback-'));
  // --port-base 0: the loopback addresses, with OS-chosen ports (a test must not hold fixed ports).
  mocks = new RunningBinary(
    MOCKS_BIN,
    [
      '--fleet',
      'klipper=2,kobra=1,prusalink=1',
      '--loopback',
      '--port-base',
      '0',
      '--json',
      '--config-out',
      'printkit.config.json',
    ],
    { cwd: dir },
  );
  await mocks.firstLine();
});

afterAll(async () => {
  await mocks?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('printkit with a --loopback fleet', () => {
  it('--config-out lists every printer on its own address, and printkit list and status read them', async () => {
    const config = JSON.parse(readFileSync(join(dir, 'printkit.config.json'), 'utf8')) as {
      printers: Array<{ name: string; url: string }>;
    };
    expect(config.printers.map((p) => [p.name, new URL(p.url).hostname])).toEqual([
      ['kobra-1', '127.2.0.1'],
      ['klipper-1', '127.1.0.1'],
      ['klipper-2', '127.1.0.2'],
      ['prusalink-1', '127.3.0.1'],
    ]);
    const list = await run(CLI_BIN, ['list', '--json'], { cwd: dir });
    expect(list).toMatchObject({ code: 0, stderr: '' });
    expect((JSON.parse(list.stdout) as Array<{ name: string }>).map((row) => row.name)).toEqual(
      config.printers.map((p) => p.name),
    );
    const status = await run(CLI_BIN, ['status', '--json'], { cwd: dir });
    expect(status.code).toBe(0);
    const documents = JSON.parse(status.stdout) as Array<{ name: string; reachable: boolean }>;
    expect(documents.every((document) => document.reachable)).toBe(true);
  });
});
