// The public API as an app meets it: imports only from the package's entry points (their sources:
// src/index.ts is ".", src/protocol/index.ts is "./protocol"), and every runtime
// name they export is exercised here (types are pinned in api.test-d.ts).
import { startMockMoonraker } from '@printkit/mock-moonraker';
import { describe, expect, it } from 'vitest';
import * as root from '../src/index.js';
import {
  createMoonrakerClient,
  createMoonrakerPrinter,
  DEFAULT_SUBSCRIPTION,
  MoonrakerClient,
  MoonrakerPrinter,
  VERSION,
} from '../src/index.js';
import * as protocol from '../src/protocol/index.js';

describe('package entry points', () => {
  it('the root exports exactly these runtime names', () => {
    expect(Object.keys(root).sort()).toEqual([
      'DEFAULT_SUBSCRIPTION',
      'MoonrakerClient',
      'MoonrakerPrinter',
      'VERSION',
      'createMoonrakerClient',
      'createMoonrakerPrinter',
    ]);
  });

  it('./protocol exports value lists and the object parser, never a schema', () => {
    expect(Object.keys(protocol).sort()).toEqual([
      'FILELIST_ACTIONS',
      'IDLE_TIMEOUT_STATES',
      'JOB_QUEUE_ACTIONS',
      'JOB_QUEUE_STATES',
      'JOB_STATUSES',
      'KLIPPY_STATES',
      'METHOD_NAMES',
      'PRINT_STATS_STATES',
      'SERVER_KLIPPY_STATES',
      'parseKlipperObject',
    ]);
    for (const value of Object.values(protocol)) {
      expect((value as { _zod?: unknown })._zod).toBeUndefined();
    }
    expect(protocol.METHOD_NAMES).toContain('printer.objects.query');
    expect(protocol.KLIPPY_STATES).toContain('ready');
    expect(protocol.SERVER_KLIPPY_STATES).toContain('disconnected');
    expect(protocol.PRINT_STATS_STATES).toContain('printing');
    expect(protocol.IDLE_TIMEOUT_STATES).toContain('Printing');
    expect(protocol.JOB_STATUSES).toContain('completed');
    expect(protocol.JOB_QUEUE_STATES).toContain('ready');
    expect(protocol.JOB_QUEUE_ACTIONS).toContain('jobs_added');
    expect(protocol.FILELIST_ACTIONS).toContain('create_file');
    expect(protocol.parseKlipperObject('print_stats', { state: 'exploding' })).toEqual({
      success: true,
      data: { state: 'unknown', state_raw: 'exploding' },
    });
    expect(protocol.parseKlipperObject('extruder', { temperature: 'hot' }).success).toBe(false);
  });

  it('VERSION is the package version', () => {
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('a client and a printer work against the mock through the public names only', async () => {
    const mock = await startMockMoonraker({ port: 0 });
    try {
      const client = createMoonrakerClient({ url: mock.url });
      expect(client).toBeInstanceOf(MoonrakerClient);
      await client.connect();
      expect(Object.keys(client.status)).toEqual(expect.arrayContaining([...DEFAULT_SUBSCRIPTION]));
      expect((await client.call('server.info')).klippy_state).toBe('ready');
      await client.close();

      const printer = createMoonrakerPrinter({ url: mock.url });
      expect(printer).toBeInstanceOf(MoonrakerPrinter);
      await printer.connect();
      expect(printer.status.state).toBe('idle');
      await printer.close();
    } finally {
      await mock.stop();
    }
  });

  it('bad options are an InvalidArgumentError, never a TypeError', () => {
    expect(() => createMoonrakerClient({ url: 'printer.local' })).toThrow(
      expect.objectContaining({ code: 'invalid-argument', argument: 'url' }),
    );
    expect(() => createMoonrakerClient({ url: 'http://x', clock: {} as never })).toThrow(
      expect.objectContaining({ code: 'invalid-argument', argument: 'clock' }),
    );
    expect(() => createMoonrakerClient({ url: 'http://x', logger: { debug() {} } as never })).toThrow(
      expect.objectContaining({ code: 'invalid-argument', argument: 'logger' }),
    );
  });
});
