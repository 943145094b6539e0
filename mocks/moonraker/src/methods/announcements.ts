/** `/server/announcements/*` (components/announcements.py, v0.10.0 L60-80, L121-218). */
import { MoonrakerError } from '../errors.js';
import type { MethodTable } from './types.js';

export const ANNOUNCEMENT_METHODS: MethodTable = {
  'server.announcements.list': {
    http: [{ verb: 'GET', path: '/server/announcements/list' }],
    handler: ({ host }, args) => host.announcements.list(args.bool('include_dismissed', true)),
  },
  'server.announcements.update': {
    http: [{ verb: 'POST', path: '/server/announcements/update' }],
    handler: ({ host }, args) => {
      const raw = args.get('subscriptions', undefined);
      const list =
        raw === undefined ? undefined : Array.isArray(raw) ? raw.map(String) : String(raw).split(',');
      return host.announcements.update(list?.map((s) => s.trim()));
    },
  },
  'server.announcements.dismiss': {
    http: [{ verb: 'POST', path: '/server/announcements/dismiss' }],
    handler: ({ host }, args) =>
      host.announcements.dismiss(args.str('entry_id'), args.int('wake_time', undefined)),
  },
  'server.announcements.feeds': {
    http: [{ verb: 'GET', path: '/server/announcements/feeds' }],
    handler: ({ host }) => host.announcements.feeds(),
  },
  'server.announcements.post_feed': {
    http: [{ verb: 'POST', path: '/server/announcements/feed' }],
    handler: ({ host }, args) => host.announcements.addFeed(feedName(args.get('name'))),
  },
  'server.announcements.delete_feed': {
    http: [{ verb: 'DELETE', path: '/server/announcements/feed' }],
    handler: ({ host }, args) => host.announcements.removeFeed(feedName(args.get('name'))),
  },
};

/** announcements.py calls `name.lower()` on whatever `name` is: a non-string is a 500 there. */
function feedName(value: unknown): string {
  if (typeof value !== 'string')
    throw new MoonrakerError(`'${typeof value}' object has no attribute 'lower'`, 500);
  return value;
}
