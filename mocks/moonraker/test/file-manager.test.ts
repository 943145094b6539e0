/** The file manager as Mainsail/Fluidd use it, with plain ws, fetch, curl and unzip. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { http, rpcError } from './rpc.js';
import { client, mock } from './setup.js';

const run = promisify(execFile);

interface Directory {
  dirs: Array<{ dirname: string; size: number; permissions: string }>;
  files: Array<Record<string, unknown> & { filename: string }>;
  disk_usage: { total: number; used: number; free: number };
  root_info: { name: string; permissions: string };
}

describe('file manager', () => {
  it('roots and get_directory (extended: metadata with thumbnails decoded to .thumbs/)', async () => {
    const m = await mock();
    const s = await client(m);
    expect(await s.result('server.files.roots')).toEqual([
      { name: 'config', path: '/home/pi/printer_data/config', permissions: 'rw' },
      { name: 'logs', path: '/home/pi/printer_data/logs', permissions: 'r' },
      { name: 'gcodes', path: '/home/pi/printer_data/gcodes', permissions: 'rw' },
    ]);
    const dir = (await s.result('server.files.get_directory', {
      path: 'gcodes',
      extended: true,
    })) as Directory;
    expect(dir.root_info).toEqual({ name: 'gcodes', permissions: 'rw' });
    const benchy = dir.files.find((f) => f.filename === 'benchy.gcode');
    expect(benchy).toMatchObject({
      size: 1234567,
      permissions: 'rw',
      slicer: 'PrusaSlicer',
      estimated_time: 2700,
      layer_count: 120,
      layer_height: 0.2,
      first_layer_height: 0.2,
      object_height: 24,
      nozzle_diameter: 0.4,
      first_layer_extr_temp: 210,
      first_layer_bed_temp: 60,
    });
    expect(benchy?.thumbnails).toEqual([
      expect.objectContaining({ width: 32, height: 32, relative_path: '.thumbs/benchy-32x32.png' }),
      expect.objectContaining({ width: 300, height: 300, relative_path: '.thumbs/benchy-300x300.png' }),
    ]);
    // Once parsed, the thumbnails are files under gcodes/.thumbs.
    expect(dir.dirs.map((d) => d.dirname)).toContain('.thumbs');
    const png = await fetch(`${m.url}/server/files/gcodes/.thumbs/benchy-300x300.png`);
    expect(png.status).toBe(200);
    expect(
      Buffer.from(await png.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    expect(await s.result('server.files.thumbnails', { filename: 'benchy.gcode' })).toEqual([
      expect.objectContaining({ width: 32, thumbnail_path: '.thumbs/benchy-32x32.png' }),
      expect.objectContaining({ width: 300, thumbnail_path: '.thumbs/benchy-300x300.png' }),
    ]);
    expect(await rpcError(s, 'server.files.get_directory', { path: 'gcodes/nope' })).toEqual({
      code: 400,
      message: 'Directory does not exist (/home/pi/printer_data/gcodes/nope)',
    });
    expect(await rpcError(s, 'server.files.get_directory', { path: 'secret' })).toEqual({
      code: 400,
      message: 'Invalid root path (secret)',
    });
    expect(await rpcError(s, 'server.files.get_directory', { path: 'gcodes/../../etc' })).toEqual({
      code: 400,
      message: 'Invalid root path (..)',
    });
  });

  it('post/delete directory, move and copy files and folders, with notifications and OSError texts', async () => {
    const m = await mock();
    const s = await client(m);
    expect(await s.result('server.files.post_directory', { path: 'gcodes/parts' })).toMatchObject({
      action: 'create_dir',
      item: { path: 'parts', root: 'gcodes', size: 4096, permissions: 'rw' },
    });
    expect(await rpcError(s, 'server.files.post_directory', { path: 'gcodes/parts' })).toEqual({
      code: 400,
      message: "[Errno 17] File exists: '/home/pi/printer_data/gcodes/parts'",
    });
    expect(await rpcError(s, 'server.files.post_directory', { path: 'gcodes/a/b' })).toEqual({
      code: 400,
      message: "[Errno 2] No such file or directory: '/home/pi/printer_data/gcodes/a/b'",
    });
    expect(
      await s.result('server.files.move', { source: 'gcodes/benchy.gcode', dest: 'gcodes/parts' }),
    ).toMatchObject({
      action: 'move_file',
      item: { path: 'parts/benchy.gcode', root: 'gcodes' },
      source_item: { path: 'benchy.gcode', root: 'gcodes' },
    });
    expect(m.sim.getFile('parts/benchy.gcode')?.sizeBytes).toBe(1234567);
    expect(m.sim.getFile('benchy.gcode')).toBeUndefined();
    expect(
      await s.result('server.files.copy', { source: 'gcodes/parts', dest: 'gcodes/parts2' }),
    ).toMatchObject({
      action: 'create_dir',
      item: { path: 'parts2', root: 'gcodes' },
    });
    expect(((await s.result('server.files.list')) as Array<{ path: string }>).map((f) => f.path)).toEqual([
      'calibration-cube.gcode',
      'parts/benchy.gcode',
      'parts2/benchy.gcode',
    ]);
    expect(await rpcError(s, 'server.files.delete_directory', { path: 'gcodes/parts' })).toEqual({
      code: 400,
      message: "[Errno 39] Directory not empty: '/home/pi/printer_data/gcodes/parts'",
    });
    expect(
      await s.result('server.files.delete_directory', { path: 'gcodes/parts', force: true }),
    ).toMatchObject({
      action: 'delete_dir',
      item: { path: 'parts', root: 'gcodes' },
    });
    expect(await rpcError(s, 'server.files.delete_directory', { path: 'gcodes' })).toEqual({
      code: 400,
      message: 'Cannot delete root directory',
    });
    expect(
      await rpcError(s, 'server.files.move', { source: 'gcodes/nope.gcode', dest: 'gcodes/x.gcode' }),
    ).toEqual({
      code: 400,
      message: 'File /home/pi/printer_data/gcodes/nope.gcode does not exist',
    });
    expect(
      await rpcError(s, 'server.files.copy', { source: 'config/printer.cfg', dest: 'logs/x.cfg' }),
    ).toEqual({
      code: 400,
      message: 'Destination path is read-only: logs',
    });
    const actions = s
      .notifications('notify_filelist_changed')
      .map((n) => (n.params?.[0] as { action: string } | undefined)?.action);
    expect(actions).toEqual(['create_dir', 'move_file', 'create_dir', 'delete_dir']);
  });

  it('downloads: gcodes, a real printer.cfg (editable by upload), klippy.log and moonraker.log (curl)', async () => {
    const m = await mock();
    const gcode = await run(
      'curl',
      ['-s', '-D', '-', `${m.url}/server/files/gcodes/calibration-cube.gcode`],
      {
        maxBuffer: 4 * 1024 * 1024,
      },
    );
    expect(gcode.stdout).toContain('Content-Disposition: attachment; filename="calibration-cube.gcode"');
    expect(gcode.stdout).toContain('; generated by PrusaSlicer');
    const cfg = await (await fetch(`${m.url}/server/files/config/printer.cfg`)).text();
    expect(cfg).toContain('[printer]\nkinematics: cartesian');
    expect(cfg).toContain('[virtual_sdcard]');
    const edited = `${cfg}\n[gcode_macro HELLO]\ngcode:\n  M118 hello\n`;
    const form = new FormData();
    form.append('file', new Blob([edited]), 'printer.cfg');
    form.append('root', 'config');
    expect((await fetch(`${m.url}/server/files/upload`, { method: 'POST', body: form })).status).toBe(201);
    expect(await (await fetch(`${m.url}/server/files/config/printer.cfg`)).text()).toBe(edited);
    const klippy = await (await fetch(`${m.url}/server/files/klippy.log`)).text();
    expect(klippy).toContain('===== Config file =====');
    expect(await (await fetch(`${m.url}/server/files/logs/moonraker.log`)).text()).toContain(
      'Starting Moonraker',
    );
    expect((await fetch(`${m.url}/server/files/gcodes/missing.gcode`)).status).toBe(404);
    expect((await fetch(`${m.url}/server/files/logs/klippy.log`, { method: 'DELETE' })).status).toBe(405);
  });

  it('zip: an archive unzip can read; metascan; list of an unknown root', async () => {
    const m = await mock();
    const s = await client(m);
    const zipped = (await s.result('server.files.zip', {
      items: ['config/printer.cfg', 'gcodes/calibration-cube.gcode'],
      dest: 'config/backup.zip',
    })) as { destination: { path: string; root: string }; action: string };
    expect(zipped).toMatchObject({
      destination: { path: 'backup.zip', root: 'config' },
      action: 'zip_files',
    });
    const dir = mkdtempSync(join(tmpdir(), 'mock-moonraker-zip-'));
    try {
      const file = join(dir, 'backup.zip');
      writeFileSync(
        file,
        Buffer.from(await (await fetch(`${m.url}/server/files/config/backup.zip`)).arrayBuffer()),
      );
      const { stdout } = await run('unzip', ['-t', file]);
      expect(stdout).toContain('testing: config/printer.cfg');
      expect(stdout).toContain('testing: gcodes/calibration-cube.gcode');
      expect(stdout).toContain('No errors detected');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(await rpcError(s, 'server.files.zip', { items: [], dest: 'config/x.zip' })).toEqual({
      code: 400,
      message: 'At least one file or directory must be specified',
    });
    expect(await s.result('server.files.metascan', { filename: 'calibration-cube.gcode' })).toMatchObject({
      filename: 'calibration-cube.gcode',
      estimated_time: 900,
    });
    expect(await rpcError(s, 'server.files.metascan', { filename: 'nope.gcode' })).toEqual({
      code: -32601,
      message: "File 'nope.gcode' does not exist",
    });
    expect(await rpcError(s, 'server.files.list', { root: 'nope' })).toEqual({
      code: 400,
      message: 'Failed to build file list, invalid path: nope: None',
    });
    expect((await http(`${m.url}/server/files/directory?path=config`)).body.result).toMatchObject({
      root_info: { name: 'config', permissions: 'rw' },
    });
  });
});

describe('configDir', () => {
  it('the config root is saved to the folder and read back by the next mock', async () => {
    const { existsSync, readFileSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'mock-moonraker-config-'));
    try {
      const first = await mock({ configDir: dir });
      expect(readFileSync(join(dir, 'printer.cfg'), 'utf8')).toContain('[virtual_sdcard]');
      const form = new FormData();
      form.append('file', new Blob(['[printer]\nkinematics: corexy\n']), 'printer.cfg');
      form.append('root', 'config');
      expect((await fetch(`${first.url}/server/files/upload`, { method: 'POST', body: form })).status).toBe(
        201,
      );
      expect(readFileSync(join(dir, 'printer.cfg'), 'utf8')).toBe('[printer]\nkinematics: corexy\n');
      await first.stop();
      const second = await mock({ configDir: dir });
      expect(await (await fetch(`${second.url}/server/files/config/printer.cfg`)).text()).toBe(
        '[printer]\nkinematics: corexy\n',
      );
      const s = await client(second);
      await s.result('server.files.delete_file', { path: 'config/moonraker.conf' });
      expect(existsSync(join(dir, 'moonraker.conf'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
