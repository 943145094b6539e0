/**
 * The start-up sequences of Mainsail (mainsail-crew/mainsail @ df0ef3e, src/store/server/actions.ts
 * init/checkDatabases/initServerInfo, gui/actions.ts, gui/maintenance, gui/webcams, files/actions.ts
 * initRootDirs, printer/actions.ts init/initSubscripts, server/{history,jobQueue,announcements})
 * and Fluidd (fluidd-core/fluidd @ 192279a, src/store/socket/actions.ts runIdentify,
 * store/server/actions.ts onServerInfo/initComponents, store/printer/actions.ts, store/{auth,
 * history,database,announcements,webcams,jobQueue}) replayed with a plain websocket and fetch,
 * with the params those sources send. Every call must answer as the README's table says.
 */
import { describe, expect, it } from 'vitest';
import type { RawSocket } from './raw-socket.js';
import { mock, socket } from './setup.js';

type Reply = { result?: unknown; error?: { code: number; message: string } };

async function call(s: RawSocket, method: string, params?: Record<string, unknown>): Promise<Reply> {
  return JSON.parse(await s.call(method, params)) as Reply;
}

function keys(reply: Reply): string[] {
  return reply.result && typeof reply.result === 'object' && !Array.isArray(reply.result)
    ? Object.keys(reply.result)
    : [];
}

describe('UI start-up sequences', () => {
  it('Mainsail: every start-up call answers; nothing is "Method not found"', async () => {
    const m = await mock();
    const s = await socket(m.wsUrl);
    const identify = await call(s, 'server.connection.identify', {
      client_name: 'mainsail',
      version: '2.18.2',
      type: 'web',
      url: 'https://github.com/mainsail-crew/mainsail',
    });
    expect(keys(identify)).toEqual(['connection_id']);
    const info = await call(s, 'server.info', {});
    const components = (info.result as { components: string[] }).components;
    expect(keys(await call(s, 'server.config', {}))).toEqual(['config', 'orig', 'files']);
    expect(keys(await call(s, 'machine.system_info', {}))).toEqual(['system_info']);
    expect(keys(await call(s, 'machine.proc_stats', {}))).toContain('throttled_state');
    const dbList = await call(s, 'server.database.list', { root: 'config' });
    expect((dbList.result as { namespaces: string[] }).namespaces).not.toContain('mainsail');
    // Not there yet: Mainsail takes its defaults from config/.theme/default.json (a 404 JSON body).
    const theme = await fetch(`${m.url}/server/files/config/.theme/default.json?time=1`);
    expect(((await theme.json()) as { error: { code: number } }).error.code).toBe(404);
    const maintenance = await fetch(`${m.url}/server/files/config/.theme/maintenance.json?time=1`);
    expect(maintenance.status).toBe(404);
    expect(
      await call(s, 'server.database.post_item', {
        namespace: 'maintenance',
        key: 'k1',
        value: { name: 'MAINTENANCE_INIT' },
      }),
    ).toHaveProperty('result');
    expect(keys(await call(s, 'server.webcams.list', {}))).toEqual(['webcams']);
    expect((await call(s, 'server.info', {})).result).toMatchObject({
      klippy_connected: true,
      klippy_state: 'ready',
    });
    // initServerInfo: the components Mainsail initialises that the fake lists.
    for (const component of ['history', 'jobQueue', 'announcements']) {
      const listed =
        { history: 'history', jobQueue: 'job_queue', announcements: 'announcements' }[component] ?? '';
      expect(components).toContain(listed);
    }
    expect(keys(await call(s, 'server.history.list', { start: 0, limit: 50, max: 100 }))).toEqual([
      'count',
      'jobs',
    ]);
    expect(keys(await call(s, 'server.history.totals', {}))).toEqual(['job_totals', 'auxiliary_totals']);
    expect(keys(await call(s, 'server.job_queue.status', {}))).toEqual(['queued_jobs', 'queue_state']);
    expect(keys(await call(s, 'server.announcements.list', {}))).toEqual(['entries', 'feeds']);
    for (const root of (info.result as { registered_directories: string[] }).registered_directories) {
      expect(keys(await call(s, 'server.files.get_directory', { path: root }))).toEqual([
        'dirs',
        'files',
        'disk_usage',
        'root_info',
      ]);
    }
    expect(keys(await call(s, 'printer.info', {}))).toContain('software_version');
    expect(keys(await call(s, 'server.gcode_store', {}))).toEqual(['gcode_store']);
    const objects = (await call(s, 'printer.objects.list')).result as { objects: string[] };
    const subscribe = await call(s, 'printer.objects.subscribe', {
      objects: Object.fromEntries(
        objects.objects.filter((o) => o.split(' ')[0] !== 'menu').map((o) => [o, null]),
      ),
    });
    expect(keys(subscribe)).toEqual(['eventtime', 'status']);
    // Mainsail checks these config sections exist (store/variables.ts checkKlipperConfigModules).
    const status = (subscribe.result as { status: Record<string, unknown> }).status;
    for (const object of [
      'virtual_sdcard',
      'pause_resume',
      'gcode_macro PAUSE',
      'gcode_macro RESUME',
      'gcode_macro CANCEL_PRINT',
    ]) {
      expect(Object.keys(status), object).toContain(object);
    }
    expect((await call(s, 'server.temperature_store', { include_monitors: true })).result).toHaveProperty(
      'extruder',
    );
  });

  it('Fluidd: identify, its database roots, server/machine info, components, subscription', async () => {
    const m = await mock();
    const s = await socket(m.wsUrl);
    expect(
      keys(
        await call(s, 'server.connection.identify', {
          client_name: 'fluidd',
          version: '1.34.0',
          type: 'web',
          url: 'https://github.com/fluidd-core/fluidd',
        }),
      ),
    ).toEqual(['connection_id']);
    // getMoonrakerDatabase: a missing namespace is an error Fluidd catches; then it creates each root.
    expect((await call(s, 'server.database.get_item', { namespace: 'fluidd' })).error).toEqual({
      code: -32601,
      message: 'Namespace fluidd not found',
    });
    for (const root of ['uiSettings', 'macros', 'sensors', 'console', 'charts', 'webcams', 'layout']) {
      expect(
        await call(s, 'server.database.post_item', { namespace: 'fluidd', key: root, value: {} }),
      ).toHaveProperty('result');
    }
    const info = await call(s, 'server.info', {});
    expect(keys(await call(s, 'server.config', {}))).toEqual(['config', 'orig', 'files']);
    expect(keys(await call(s, 'machine.proc_stats', {}))).toContain('moonraker_stats');
    expect(keys(await call(s, 'machine.system_info', {}))).toEqual(['system_info']);
    expect(Array.isArray((await call(s, 'server.files.list', { root: 'config' })).result)).toBe(true);
    expect(keys(await call(s, 'printer.info', {}))).toContain('state');
    const components = (info.result as { components: string[] }).components;
    const calls: Array<[string, string, Record<string, unknown>]> = [
      ['authorization', 'access.get_user', {}],
      ['authorization', 'access.users.list', {}],
      ['authorization', 'access.get_api_key', {}],
      ['history', 'server.history.list', { limit: 50 }],
      ['history', 'server.history.totals', {}],
      ['database', 'server.database.list', {}],
      ['announcements', 'server.announcements.list', {}],
      ['webcam', 'server.webcams.list', {}],
      ['job_queue', 'server.job_queue.status', {}],
    ];
    for (const [component, method, params] of calls) {
      expect(components).toContain(component);
      expect((await call(s, method, params)).error, method).toBeUndefined();
    }
    const objects = (await call(s, 'printer.objects.list')).result as { objects: string[] };
    expect(
      keys(
        await call(s, 'printer.objects.subscribe', {
          objects: Object.fromEntries(objects.objects.map((o) => [o, null])),
        }),
      ),
    ).toEqual(['eventtime', 'status']);
    expect((await call(s, 'server.gcode_store', {})).error).toBeUndefined();
    const help = (await call(s, 'printer.gcode.help', {})).result as Record<string, string>;
    expect(Object.keys(help)).toContain('CANCEL_PRINT');
    expect((await call(s, 'server.temperature_store', { include_monitors: true })).error).toBeUndefined();
    // The Jobs page: the gcodes root, extended.
    const dir = (await call(s, 'server.files.get_directory', { path: 'gcodes', extended: true })).result as {
      files: unknown[];
    };
    expect(dir.files.length).toBeGreaterThan(0);
  });
});
