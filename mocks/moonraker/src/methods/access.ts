/** `/access/*`: JWT login and refresh, oneshot tokens for browser websocket URLs. */
import { MoonrakerError } from '../errors.js';
import type { MethodTable } from './types.js';

export const ACCESS_METHODS: MethodTable = {
  'access.login': {
    http: [{ verb: 'POST', path: '/access/login' }],
    auth: false,
    handler: ({ host }, args) => {
      if (!host.auth.enabled) throw new MoonrakerError('Authorization is not enabled');
      return host.auth.login(args.str('username'), args.str('password'), args.str('source', 'moonraker'));
    },
  },
  'access.refresh_jwt': {
    http: [{ verb: 'POST', path: '/access/refresh_jwt' }],
    auth: false,
    handler: ({ host }, args) => host.auth.refresh(args.str('refresh_token')),
  },
  'access.oneshot_token': {
    http: [{ verb: 'GET', path: '/access/oneshot_token' }],
    handler: ({ host, identity }) => host.auth.oneshot(identity ?? { username: '_TRUSTED_USER_' }),
  },
};
