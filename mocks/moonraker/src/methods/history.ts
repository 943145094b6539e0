/** `/server/history/*` (components/history.py, v0.10.0 L214-227, L268-372). */
import { MoonrakerError } from '../errors.js';
import type { MethodTable } from './types.js';

export const HISTORY_METHODS: MethodTable = {
  'server.history.list': {
    http: [{ verb: 'GET', path: '/server/history/list' }],
    handler: ({ host }, args) => {
      const before = args.float('before', -1);
      const since = args.float('since', -1);
      const limit = args.int('limit', 50);
      const start = args.int('start', 0);
      const order = args.str('order', 'desc').toUpperCase();
      if (order !== 'ASC' && order !== 'DESC') throw new MoonrakerError(`Invalid \`order\` value: ${order}`);
      return host.history.list({
        limit,
        start,
        order,
        ...(before !== -1 ? { before } : {}),
        ...(since !== -1 ? { since } : {}),
      });
    },
  },
  'server.history.get_job': {
    http: [{ verb: 'GET', path: '/server/history/job' }],
    handler: ({ host }, args) => ({ job: host.history.get(args.str('uid')) }),
  },
  'server.history.delete_job': {
    http: [{ verb: 'DELETE', path: '/server/history/job' }],
    handler: ({ host }, args) => ({
      deleted_jobs: host.history.delete(args.bool('all', false) ? undefined : args.str('uid')),
    }),
  },
  'server.history.totals': {
    http: [{ verb: 'GET', path: '/server/history/totals' }],
    handler: ({ host }) => host.history.totals(),
  },
  'server.history.reset_totals': {
    http: [{ verb: 'POST', path: '/server/history/reset_totals' }],
    handler: ({ host }) => host.history.resetTotals(),
  },
};
