// Every notification Moonraker sends, as typed events, plus the merged status.

import { type PrintkitError, ProtocolError } from '@printkit/core-types';
import { describe, expect, it } from 'vitest';
import { createMoonrakerClient } from '../src/index.js';
import type { ProcStat } from '../src/protocol/wire.js';
import { createFakeServer } from '../src/transport/fake-websocket.test-helper.js';
import { encode, next, useMoonraker } from './helpers.js';

const env = useMoonraker();

async function connected() {
  const mock = await env.mock();
  const client = env.client(mock);
  await client.connect();
  return { mock, client };
}

describe('notifications', () => {
  it('notify_status_update: raw diffs and the deep-merged status with the diff', async () => {
    const { client, mock } = await connected();
    const raw: unknown[] = [];
    const merged: Array<[number | undefined, unknown]> = [];
    client.on('notify_status_update', (diff) => raw.push(diff));
    client.on('status', (status, diff) => merged.push([status.extruder?.target, diff]));
    await client.runGcode('M104 S200');
    await mock.advance(1_000);
    expect(raw.length).toBeGreaterThan(0);
    expect(merged.some(([target]) => target === 200)).toBe(true);
    // Only changed fields arrive, but the merged status keeps every field of the object.
    expect(Object.keys(client.status.extruder ?? {})).toEqual(
      expect.arrayContaining(['temperature', 'target', 'power', 'can_extrude']),
    );
    expect(client.status.extruder?.temperature).toBeGreaterThan(20);
  });

  it('status: a once listener gets the merged state of the next change, and only that one', async () => {
    const { client, mock } = await connected();
    const seen: Array<number | undefined> = [];
    client.once('status', (status) => seen.push(status.extruder?.target));
    await client.runGcode('M104 S190');
    await mock.advance(1_000);
    await client.runGcode('M104 S0');
    await mock.advance(1_000);
    expect(seen).toHaveLength(1);
    expect(client.status.extruder?.target).toBe(0);
  });

  it('notify_status_update: listeners see the status with the diff merged; a broken object is left out and reported', async () => {
    const server = createFakeServer();
    const client = createMoonrakerClient({ url: 'http://printer.test:7125', WebSocket: server.WebSocket });
    try {
      await client.connect();
      const seen: Array<[unknown, number | undefined]> = [];
      const errors: PrintkitError[] = [];
      client.on('notify_status_update', (diff) => seen.push([diff, client.status.extruder?.temperature]));
      client.on('error', (error) => errors.push(error));
      server.current()?.notify('notify_status_update', [{ extruder: { temperature: 42 } }, 10]);
      server
        .current()
        ?.notify('notify_status_update', [{ extruder: { temperature: 43 }, heater_bed: 7 }, 11]);
      server
        .current()
        ?.notify('notify_status_update', [{ extruder: { temperature: 44 }, heater_bed: 'x' }, 12]);
      expect(seen).toEqual([
        [{ extruder: { temperature: 42 } }, 42],
        [{ extruder: { temperature: 43 } }, 43],
        [{ extruder: { temperature: 44 } }, 44],
      ]);
      expect(errors.map((error) => error.message)).toEqual([
        'notify_status_update: not an object, left out: heater_bed',
        'notify_status_update: not an object, left out: heater_bed',
      ]);
      expect(errors.every((error) => ProtocolError.isInstance(error))).toBe(true);
      expect(client.status.heater_bed).not.toBe(7);
    } finally {
      await client.close();
    }
  });

  it('notify_gcode_response: G-code output lines, including Unknown command', async () => {
    const { client } = await connected();
    const lines: string[] = [];
    client.on('notify_gcode_response', (line) => lines.push(line));
    await expect(client.runGcode('FOO_BAR')).resolves.toBe('ok');
    expect(lines).toContain('// Unknown command:"FOO_BAR"');
  });

  it('notify_proc_stat_update every second of sim time', async () => {
    const { client, mock } = await connected();
    const stats: ProcStat[] = [];
    client.on('notify_proc_stat_update', (stat) => stats.push(stat));
    await mock.advance(3_000);
    expect(stats.length).toBeGreaterThanOrEqual(3);
    expect(stats[0]?.moonraker_stats?.cpu_usage).toBeTypeOf('number');
  });

  it('notify_klippy_shutdown / _disconnected / _ready, with the klippy state following', async () => {
    const { client, mock } = await connected();
    const seen: string[] = [];
    client.on('notification', (method) => {
      if (method.startsWith('notify_klippy_')) seen.push(method);
    });
    const shutdown = next<[]>((l) => client.on('notify_klippy_shutdown', l));
    await client.emergencyStop();
    await mock.advance(500);
    await shutdown;
    expect(client.klippyState).toBe('shutdown');
    const ready = next<[]>((l) => client.on('notify_klippy_ready', l));
    await client.firmwareRestart();
    await mock.advance(2_500);
    await ready;
    await client.waitForKlippyReady();
    expect(seen).toEqual(['notify_klippy_shutdown', 'notify_klippy_disconnected', 'notify_klippy_ready']);
    expect(client.klippyState).toBe('ready');
  });

  it('notify_history_changed: added, then finished', async () => {
    const { client, mock } = await connected();
    const actions: string[] = [];
    client.on('notify_history_changed', (change) => actions.push(`${change.action}:${change.job.filename}`));
    await client.startPrint('calibration-cube.gcode');
    await mock.advance(1_000);
    await client.cancelPrint();
    await mock.advance(1_000);
    expect(actions).toEqual(['added:calibration-cube.gcode', 'finished:calibration-cube.gcode']);
  });

  it('notify_filelist_changed on upload and delete', async () => {
    const { client } = await connected();
    const created = next((l: (change: { action: string; item: { path: string } }) => void) =>
      client.on('notify_filelist_changed', l),
    );
    await client.uploadFile('note.gcode', encode('G28\n'));
    expect((await created)[0]).toMatchObject({ action: 'create_file', item: { path: 'note.gcode' } });
    const deleted = next((l: (change: { action: string }) => void) =>
      client.on('notify_filelist_changed', l),
    );
    await client.deleteFile('gcodes/note.gcode');
    expect((await deleted)[0].action).toBe('delete_file');
  });

  it('notify_job_queue_changed when an upload with print=true is queued during a print', async () => {
    const { client, mock } = await connected();
    await client.startPrint('benchy.gcode');
    await mock.advance(500);
    const queued = next((l: (change: { action: string; queue_state: string }) => void) =>
      client.on('notify_job_queue_changed', l),
    );
    const upload = await client.uploadFile('later.gcode', encode('G28\n'), { print: true });
    expect(upload).toMatchObject({ print_started: false, print_queued: true });
    expect((await queued)[0]).toMatchObject({ action: 'jobs_added' });
    expect((await client.jobQueueStatus()).queued_jobs.map((job) => job.filename)).toEqual(['later.gcode']);
  });

  it('any other notification reaches the generic listener', async () => {
    const { client, mock } = await connected();
    const methods = new Set<string>();
    client.on('notification', (method) => methods.add(method));
    await mock.advance(1_000);
    expect(methods).toContain('notify_proc_stat_update');
  });
});
