/**
 * The file manager's methods (components/file_manager/file_manager.py, v0.10.0 L110-140, L416-660,
 * L1072-1124). Changes are announced with notify_filelist_changed, as `_sched_changed_event` does.
 * Upload, downloads and HTTP DELETE of a file path are in http.ts / upload.ts.
 */
import type { Args } from '../args.js';
import { MoonrakerError } from '../errors.js';
import { createZip } from '../files/zip.js';
import type { MoonrakerHost } from '../host.js';
import { isJobActive } from '../sim-states.js';
import type { MethodTable } from './types.js';

/** The file a print has loaded (printing or paused): moving or deleting it is refused. */
export function loadedFile(host: MoonrakerHost): string | undefined {
  const snapshot = host.sim.snapshot();
  return snapshot.job && isJobActive(snapshot.state) ? snapshot.job.file : undefined;
}

function notify(host: MoonrakerHost, info: Record<string, unknown>): Record<string, unknown> {
  host.broadcast('notify_filelist_changed', [info]);
  return info;
}

function timespec(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}-${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}`;
}

function itemsArg(args: Args): string[] {
  const raw = args.get('items');
  // WebRequest.get_list: a list, or a comma-separated string.
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : undefined;
  if (!list)
    throw new MoonrakerError(
      `Unable to convert argument [items] to <class 'list'>: value recieved: ${String(raw)}`,
    );
  return list.map((item) => String(item).trim()).filter((item) => item !== '');
}

export const FILE_METHODS: MethodTable = {
  'server.files.list': {
    http: [{ verb: 'GET', path: '/server/files/list' }],
    handler: ({ host }, args) => host.files.list(args.str('root', 'gcodes')),
  },
  'server.files.roots': {
    http: [{ verb: 'GET', path: '/server/files/roots' }],
    handler: ({ host }) => host.files.roots(),
  },
  'server.files.metadata': {
    http: [{ verb: 'GET', path: '/server/files/metadata' }],
    handler: ({ host }, args) => {
      const filename = args.str('filename');
      return host.files.metadata(filename, host.history.lastFor(filename));
    },
  },
  'server.files.metascan': {
    http: [{ verb: 'POST', path: '/server/files/metascan' }],
    handler: ({ host }, args) => host.files.metascan(args.str('filename')),
  },
  'server.files.thumbnails': {
    http: [{ verb: 'GET', path: '/server/files/thumbnails' }],
    handler: ({ host }, args) => host.files.thumbnails(args.str('filename')),
  },
  'server.files.get_directory': {
    http: [{ verb: 'GET', path: '/server/files/directory' }],
    handler: ({ host }, args) =>
      host.files.getDirectory(args.str('path', 'gcodes'), args.bool('extended', false)),
  },
  'server.files.post_directory': {
    http: [{ verb: 'POST', path: '/server/files/directory' }],
    handler: ({ host }, args) =>
      notify(host, { action: 'create_dir', item: host.files.createDirectory(args.str('path', 'gcodes')) }),
  },
  'server.files.delete_directory': {
    http: [{ verb: 'DELETE', path: '/server/files/directory' }],
    handler: ({ host }, args) => {
      const path = args.str('path', 'gcodes');
      const item = host.files.deleteDirectory(path, args.bool('force', false), loadedFile(host));
      return notify(host, { action: 'delete_dir', item });
    },
  },
  'server.files.move': {
    http: [{ verb: 'POST', path: '/server/files/move' }],
    handler: ({ host }, args) =>
      notify(host, host.files.moveOrCopy('move', args.str('source'), args.str('dest'), loadedFile(host))),
  },
  'server.files.copy': {
    http: [{ verb: 'POST', path: '/server/files/copy' }],
    handler: ({ host }, args) =>
      notify(host, host.files.moveOrCopy('copy', args.str('source'), args.str('dest'), loadedFile(host))),
  },
  'server.files.zip': {
    http: [{ verb: 'POST', path: '/server/files/zip' }],
    handler: ({ host }, args) => {
      const storeOnly = args.bool('store_only', false);
      const dest = args.str('dest', `config/collection-${timespec(host.wallClock.now())}.zip`);
      const { root, rel } = host.files.resolve(dest);
      const disk = host.files.diskPath(root, rel);
      if (root === 'logs') throw new MoonrakerError(`Destination Root '${root}' is read-only`);
      if (host.files.isDirectory(root, rel))
        throw new MoonrakerError(`Cannot create archive at '${disk}'.  Path exists as a directory.`);
      const parent = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '';
      if (!host.files.isDirectory(root, parent))
        throw new MoonrakerError(`Cannot create archive at '${disk}'.  Parent directory does not exist.`);
      const items = itemsArg(args);
      if (items.length === 0) throw new MoonrakerError('At least one file or directory must be specified');
      const entries: Array<[string, Buffer]> = [];
      const seen = new Set<string>();
      for (const item of items) {
        const source = host.files.resolve(item);
        if (!host.files.exists(source.root, source.rel))
          throw new MoonrakerError(`No file/directory exits at '${item}'`);
        for (const [path, data] of host.files.filesUnder(source.root, source.rel)) {
          // arcname: relative to the roots' parent folder, so "gcodes/x.gcode".
          const name = `${source.root}/${path}`;
          if (seen.has(name)) continue;
          seen.add(name);
          entries.push([name, data]);
        }
      }
      host.files.write(root, rel, createZip(entries, storeOnly, host.wallClock.now()));
      const info = notify(host, { action: 'create_file', item: host.files.item(root, rel) });
      return { destination: info.item, action: 'zip_files' };
    },
  },
  // Websocket only (file_manager.py L138); HTTP deletes with DELETE /server/files/<root>/<path>.
  'server.files.delete_file': {
    websocketOnly: true,
    handler: ({ host }, args) => deleteFile(host, args.str('path')),
  },
};

export function deleteFile(host: MoonrakerHost, path: string): Record<string, unknown> {
  const item = host.files.deleteFile(path, loadedFile(host));
  if (item.root === 'gcodes') host.history.markDeleted(item.path);
  return notify(host, { action: 'delete_file', item });
}
