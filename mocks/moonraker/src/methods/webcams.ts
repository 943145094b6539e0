/** `/server/webcams/*` (components/webcam.py, v0.10.0 L53-62, L166-234). */
import { MoonrakerError } from '../errors.js';
import type { MoonrakerHost } from '../host.js';
import type { MethodTable } from './types.js';

function changed(host: MoonrakerHost): void {
  host.broadcast('notify_webcams_changed', [{ webcams: host.webcams.list() }]);
}

/** webcam.py `_get_url`: a partial URL is on the default host (here: this fake, which serves it). */
function absolute(host: MoonrakerHost, url: string): string {
  if (url === '') throw new MoonrakerError('Empty URL Provided');
  return /^\w+:\/\/[^/]+/.test(url) ? url : `http://127.0.0.1:${host.port}/${url.replace(/^\/+/, '')}`;
}

export const WEBCAM_METHODS: MethodTable = {
  'server.webcams.list': {
    http: [{ verb: 'GET', path: '/server/webcams/list' }],
    handler: ({ host }) => ({ webcams: host.webcams.list() }),
  },
  'server.webcams.get_item': {
    http: [{ verb: 'GET', path: '/server/webcams/item' }],
    handler: ({ host }, args) => ({ webcam: { ...host.webcams.lookup(args, true) } }),
  },
  'server.webcams.post_item': {
    http: [{ verb: 'POST', path: '/server/webcams/item' }],
    handler: ({ host }, args) => {
      const webcam = host.webcams.post(args);
      changed(host);
      return { webcam };
    },
  },
  'server.webcams.delete_item': {
    http: [{ verb: 'DELETE', path: '/server/webcams/item' }],
    handler: ({ host }, args) => {
      const webcam = host.webcams.delete(args);
      changed(host);
      return { webcam };
    },
  },
  'server.webcams.test': {
    http: [{ verb: 'POST', path: '/server/webcams/test' }],
    handler: async ({ host }, args) => {
      const webcam = host.webcams.lookup(args, true);
      if (!webcam) throw new MoonrakerError('Webcam not found', 404);
      const url = (value: string) => {
        try {
          return absolute(host, value);
        } catch {
          return '';
        }
      };
      const snapshot = url(webcam.snapshot_url);
      let reachable = false;
      if (snapshot.startsWith('http')) {
        // webcam.py fetches the snapshot with a 1 s timeout.
        reachable = await fetch(snapshot, { signal: AbortSignal.timeout(1_000) }).then(
          async (response) => {
            await response.arrayBuffer();
            return response.ok;
          },
          () => false,
        );
      }
      return {
        name: webcam.name,
        snapshot_reachable: reachable,
        snapshot_url: snapshot,
        stream_url: url(webcam.stream_url),
      };
    },
  },
};
