/** server.database.* with plain ws and fetch: shapes, errors in Moonraker's words, prototype keys, persistence. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { http, rpcError } from './rpc.js';
import { client, mock } from './setup.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('server.database', () => {
  it("a fresh database lists Moonraker's own namespace; a missing namespace is 404 / -32601", async () => {
    const m = await mock();
    const s = await client(m);
    expect(await s.result('server.database.list')).toEqual({ namespaces: ['moonraker'], backups: [] });
    expect(await rpcError(s, 'server.database.get_item', { namespace: 'mainsail' })).toEqual({
      code: -32601,
      message: 'Namespace mainsail not found',
    });
    const missing = await http(`${m.url}/server/database/item?namespace=mainsail`);
    expect(missing.status).toBe(404);
    expect(missing.body.error?.message).toBe('Namespace mainsail not found');
  });

  it('post_item / get_item with dotted and list keys, as Mainsail and Fluidd store settings', async () => {
    const m = await mock();
    const s = await client(m);
    expect(
      await s.result('server.database.post_item', {
        namespace: 'fluidd',
        key: 'uiSettings.general.instanceName',
        value: 'Voron',
      }),
    ).toEqual({ namespace: 'fluidd', key: 'uiSettings.general.instanceName', value: 'Voron' });
    await s.result('server.database.post_item', {
      namespace: 'fluidd',
      key: ['files', 'a.gcode'],
      value: [1, 2],
    });
    expect(await s.result('server.database.get_item', { namespace: 'fluidd' })).toEqual({
      namespace: 'fluidd',
      key: null,
      value: { uiSettings: { general: { instanceName: 'Voron' } }, files: { 'a.gcode': [1, 2] } },
    });
    expect(
      await s.result('server.database.get_item', { namespace: 'fluidd', key: ['files', 'a.gcode'] }),
    ).toEqual({ namespace: 'fluidd', key: ['files', 'a.gcode'], value: [1, 2] });
    expect(((await s.result('server.database.list')) as { namespaces: string[] }).namespaces.sort()).toEqual([
      'fluidd',
      'moonraker',
    ]);
    expect(
      await rpcError(s, 'server.database.get_item', { namespace: 'fluidd', key: 'uiSettings.nope' }),
    ).toEqual({ code: -32601, message: "Key 'uiSettings.nope' in namespace 'fluidd' not found" });
  });

  it('delete_item returns the value; an emptied namespace disappears from the list', async () => {
    const m = await mock();
    const s = await client(m);
    await s.result('server.database.post_item', { namespace: 'x', key: 'a.b', value: 5 });
    expect(await s.result('server.database.delete_item', { namespace: 'x', key: 'a.b' })).toEqual({
      namespace: 'x',
      key: 'a.b',
      value: 5,
    });
    expect(await s.result('server.database.list')).toEqual({ namespaces: ['moonraker'], backups: [] });
    expect(await rpcError(s, 'server.database.delete_item', { namespace: 'x', key: 'a' })).toEqual({
      code: -32601,
      message: "Key 'a' in namespace 'x' not found",
    });
  });

  it("protected, forbidden namespaces and bad keys: Moonraker's codes and messages", async () => {
    const m = await mock();
    const s = await client(m);
    expect(
      await rpcError(s, 'server.database.post_item', { namespace: 'moonraker', key: 'a', value: 1 }),
    ).toEqual({
      code: 403,
      message: "Write access to namespace 'moonraker' is forbidden",
    });
    expect(await rpcError(s, 'server.database.get_item', { namespace: 'database' })).toEqual({
      code: 403,
      message: "Read/Write access to namespace 'database' is forbidden",
    });
    expect(await rpcError(s, 'server.database.post_item', { namespace: 'x', key: 'a..b', value: 1 })).toEqual(
      {
        code: 400,
        message: "Invalid Key Format: 'a..b'",
      },
    );
    expect(await rpcError(s, 'server.database.post_item', { namespace: 'x', key: 3, value: 1 })).toEqual({
      code: 400,
      message: "Value for argument 'key' is an invalid type: int",
    });
    expect(await rpcError(s, 'server.database.post_item', { namespace: 'x', key: 'a' })).toEqual({
      code: 400,
      message: 'No data for argument: value',
    });
    expect(await rpcError(s, 'server.database.get_item', {})).toEqual({
      code: 400,
      message: 'No data for argument: namespace',
    });
    // Moonraker reads the moonraker namespace freely.
    expect(
      await s.result('server.database.get_item', { namespace: 'moonraker', key: 'klippy_connection.path' }),
    ).toEqual({ namespace: 'moonraker', key: 'klippy_connection.path', value: '/home/pi/klipper' });
  });

  it('keys named like prototype members are data: no pollution, no crash', async () => {
    const m = await mock();
    const s = await client(m);
    await s.result('server.database.post_item', { namespace: 'p', key: '__proto__.polluted', value: 1 });
    await s.result('server.database.post_item', { namespace: 'p', key: 'constructor', value: 'c' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await s.result('server.database.get_item', { namespace: 'p', key: '__proto__' })).toEqual({
      namespace: 'p',
      key: '__proto__',
      value: JSON.parse('{"polluted":1}'),
    });
    expect(await rpcError(s, 'server.database.get_item', { namespace: 'p', key: 'toString' })).toMatchObject({
      code: -32601,
    });
    expect(
      await rpcError(s, 'server.database.get_item', { namespace: 'p', key: 'constructor.name' }),
    ).toMatchObject({ code: -32601 });
  });

  it('over HTTP: GET/POST/DELETE /server/database/item and GET /server/database/list', async () => {
    const m = await mock();
    const posted = await http(`${m.url}/server/database/item`, {
      method: 'POST',
      json: { namespace: 'mainsail', key: 'general.printername', value: 'Fake' },
    });
    expect(posted).toEqual({
      status: 200,
      body: { result: { namespace: 'mainsail', key: 'general.printername', value: 'Fake' } },
    });
    const read = await http(`${m.url}/server/database/item?namespace=mainsail&key=general`);
    expect(read.body.result).toEqual({
      namespace: 'mainsail',
      key: 'general',
      value: { printername: 'Fake' },
    });
    const deleted = await http(`${m.url}/server/database/item?namespace=mainsail&key=general.printername`, {
      method: 'DELETE',
    });
    expect(deleted.body.result).toEqual({ namespace: 'mainsail', key: 'general.printername', value: 'Fake' });
    expect((await http(`${m.url}/server/database/list`)).body.result).toEqual({
      namespaces: ['moonraker'],
      backups: [],
    });
    const forbidden = await http(`${m.url}/server/database/item?namespace=database`);
    expect(forbidden.status).toBe(403);
  });

  it('backups: post, list, restore (then Moonraker restarts: websockets close), delete', async () => {
    const m = await mock();
    const s = await client(m);
    await s.result('server.database.post_item', { namespace: 'a', key: 'k', value: 1 });
    expect(await s.result('server.database.post_backup', { filename: 'b1.db' })).toEqual({
      backup_path: '/home/pi/printer_data/backup/database/b1.db',
    });
    await s.result('server.database.delete_item', { namespace: 'a', key: 'k' });
    expect(((await s.result('server.database.list')) as { backups: string[] }).backups).toEqual(['b1.db']);
    expect(await rpcError(s, 'server.database.post_backup', { filename: '../x.db' })).toEqual({
      code: 400,
      message: 'Invalid name ../x.db.',
    });
    const closed = new Promise<void>((resolve) => s.onClose(() => resolve()));
    expect(await s.result('server.database.restore', { filename: 'b1.db' })).toMatchObject({
      restored_namespaces: ['a', 'moonraker'],
    });
    await closed;
    const again = await client(m);
    expect(await again.result('server.database.get_item', { namespace: 'a', key: 'k' })).toMatchObject({
      value: 1,
    });
    expect(await again.result('server.database.delete_backup', { filename: 'b1.db' })).toEqual({
      backup_path: '/home/pi/printer_data/backup/database/b1.db',
    });
    expect(await rpcError(again, 'server.database.delete_backup', { filename: 'b1.db' })).toEqual({
      code: -32601,
      message: 'Backup file b1.db does not exist',
    });
  });

  it('with databaseDir, what a UI saved is there after the mock restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mock-moonraker-db-'));
    dirs.push(dir);
    const first = await mock({ databaseDir: dir });
    const s = await client(first);
    await s.result('server.database.post_item', { namespace: 'mainsail', key: 'general', value: { a: 1 } });
    await first.stop();
    const second = await mock({ databaseDir: dir });
    const t = await client(second);
    expect(
      await t.result('server.database.get_item', { namespace: 'mainsail', key: 'general.a' }),
    ).toMatchObject({
      value: 1,
    });
  });
});
