/** The file manager's JSON-RPC methods (upload is HTTP only, see upload.ts). */
import { isJobActive } from '../sim-states.js';
import type { MethodTable } from './types.js';

export const FILE_METHODS: MethodTable = {
  'server.files.list': {
    http: [{ verb: 'GET', path: '/server/files/list' }],
    handler: ({ host }, args) => host.files.list(args.str('root', 'gcodes')),
  },
  'server.files.metadata': {
    http: [{ verb: 'GET', path: '/server/files/metadata' }],
    handler: ({ host }, args) => {
      const filename = args.str('filename');
      return host.files.metadata(filename, host.history.lastFor(filename));
    },
  },
  'server.files.delete_file': {
    http: [{ verb: 'DELETE', path: '/server/files/*' }],
    handler: ({ host }, args) => {
      const snapshot = host.sim.snapshot();
      const loaded = snapshot.job && isJobActive(snapshot.state) ? snapshot.job.file : undefined;
      const result = host.files.delete(args.str('path'), loaded);
      if (result.item.root === 'gcodes') host.history.markDeleted(result.item.path);
      host.broadcast('notify_filelist_changed', [{ action: 'delete_file', item: result.item }]);
      return result;
    },
  },
};
