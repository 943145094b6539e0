/**
 * `/server/database/*` (components/database.py, v0.10.0 L244-258 and L541-652): namespaces list,
 * items (GET/POST/DELETE), backups, restore and compact. Item results are `{namespace, key, value}`
 * with `key` echoed as sent.
 */
import type { Args } from '../args.js';
import { type DatabaseKey, isForbidden, isProtected, pythonType } from '../database.js';
import { MoonrakerError } from '../errors.js';
import type { MoonrakerHost } from '../host.js';
import { isJobActive } from '../sim-states.js';
import type { MethodTable } from './types.js';

/** Python's `type(x).__name__` for the "invalid type" message. */
function typeName(value: unknown): string {
  return pythonType(value).replace(/^<class '(.*)'>$/, '$1');
}

function keyArg(value: unknown): DatabaseKey {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value as string[];
  throw new MoonrakerError(`Value for argument 'key' is an invalid type: ${typeName(value)}`);
}

function namespaceArg(args: Args): string {
  const namespace = args.str('namespace');
  if (isForbidden(namespace))
    throw new MoonrakerError(`Read/Write access to namespace '${namespace}' is forbidden`, 403);
  return namespace;
}

function writableNamespace(args: Args): string {
  const namespace = namespaceArg(args);
  if (isProtected(namespace))
    throw new MoonrakerError(`Write access to namespace '${namespace}' is forbidden`, 403);
  return namespace;
}

function notWhilePrinting(host: MoonrakerHost, what: string): void {
  if (isJobActive(host.sim.state)) throw new MoonrakerError(`Cannot ${what} when Klipper is printing`);
}

/** database.py resolves the name inside the backup folder and refuses anything that leaves it. */
function backupName(name: string): string {
  if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\\'))
    throw new MoonrakerError(`Invalid name ${name}.`);
  return name;
}

function timespec(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}-${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}`;
}

export const DATABASE_METHODS: MethodTable = {
  'server.database.list': {
    http: [{ verb: 'GET', path: '/server/database/list' }],
    handler: ({ host }) => ({
      namespaces: host.database.namespaces(),
      backups: host.databaseBackups.names(),
    }),
  },
  'server.database.get_item': {
    http: [{ verb: 'GET', path: '/server/database/item' }],
    handler: ({ host }, args) => {
      const namespace = namespaceArg(args);
      const raw = args.get('key', null);
      const key = raw === null ? undefined : keyArg(raw);
      return { namespace, key: raw, value: host.database.get(namespace, key) };
    },
  },
  'server.database.post_item': {
    http: [{ verb: 'POST', path: '/server/database/item' }],
    handler: ({ host }, args) => {
      const namespace = writableNamespace(args);
      const raw = args.get('key');
      const key = keyArg(raw);
      const value = args.get('value');
      host.database.insert(namespace, key, value);
      return { namespace, key: raw, value };
    },
  },
  'server.database.delete_item': {
    http: [{ verb: 'DELETE', path: '/server/database/item' }],
    handler: ({ host }, args) => {
      const namespace = writableNamespace(args);
      const raw = args.get('key');
      const value = host.database.delete(namespace, keyArg(raw));
      return { namespace, key: raw, value };
    },
  },
  'server.database.compact': {
    http: [{ verb: 'POST', path: '/server/database/compact' }],
    handler: ({ host }) => {
      notWhilePrinting(host, 'compact');
      const size = host.database.sizeBytes();
      return { previous_size: size, new_size: size };
    },
  },
  'server.database.post_backup': {
    http: [{ verb: 'POST', path: '/server/database/backup' }],
    handler: ({ host }, args) => {
      notWhilePrinting(host, 'backup');
      const name = backupName(args.str('filename', `sqldb-backup-${timespec(host.wallClock.now())}.db`));
      return { backup_path: host.databaseBackups.save(name, host.database.dump()) };
    },
  },
  'server.database.delete_backup': {
    http: [{ verb: 'DELETE', path: '/server/database/backup' }],
    handler: ({ host }, args) => {
      const name = backupName(args.str('filename'));
      const path = host.databaseBackups.remove(name);
      if (path === undefined) throw new MoonrakerError(`Backup file ${name} does not exist`, 404);
      return { backup_path: path };
    },
  },
  'server.database.restore': {
    http: [{ verb: 'POST', path: '/server/database/restore' }],
    handler: ({ host }, args) => {
      notWhilePrinting(host, 'restore');
      const name = backupName(args.str('filename'));
      const data = host.databaseBackups.read(name);
      if (data === undefined)
        throw new MoonrakerError(`Restoration File ${host.databaseBackups.pathOf(name)} does not exist`);
      host.database.load(data);
      // Moonraker restarts itself 0.1 s after a restore: every websocket goes away.
      host.restartServer(100);
      return { restored_tables: ['namespace_store'], restored_namespaces: Object.keys(data).sort() };
    },
  },
};
