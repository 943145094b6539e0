/** `/access/*` (components/authorization.py, v0.10.0 L231-270, L337-640). */
import type { MethodTable } from './types.js';

export const ACCESS_METHODS: MethodTable = {
  'access.login': {
    http: [{ verb: 'POST', path: '/access/login' }],
    auth: false,
    handler: ({ host }, args) =>
      host.auth.login(args.str('username'), args.str('password'), args.str('source', 'moonraker')),
  },
  'access.logout': {
    http: [{ verb: 'POST', path: '/access/logout' }],
    handler: ({ host, identity }) => host.auth.logout(identity),
  },
  'access.refresh_jwt': {
    http: [{ verb: 'POST', path: '/access/refresh_jwt' }],
    auth: false,
    handler: ({ host }, args) => host.auth.refresh(args.str('refresh_token')),
  },
  'access.get_user': {
    http: [{ verb: 'GET', path: '/access/user' }],
    handler: ({ host, identity }) => host.auth.currentUser(identity),
  },
  'access.post_user': {
    http: [{ verb: 'POST', path: '/access/user' }],
    handler: ({ host }, args) =>
      host.auth.createUser(args.str('username'), args.str('password'), args.str('source', 'moonraker')),
  },
  'access.delete_user': {
    http: [{ verb: 'DELETE', path: '/access/user' }],
    handler: ({ host, identity }, args) => host.auth.deleteUser(identity, args.str('username')),
  },
  'access.users.list': {
    http: [{ verb: 'GET', path: '/access/users/list' }],
    handler: ({ host }) => host.auth.listUsers(),
  },
  'access.user.password': {
    http: [{ verb: 'POST', path: '/access/user/password' }],
    handler: ({ host, identity }, args) =>
      host.auth.resetPassword(identity, args.str('password'), args.str('new_password')),
  },
  'access.get_api_key': {
    http: [{ verb: 'GET', path: '/access/api_key' }],
    handler: ({ host }) => host.auth.apiKey(),
  },
  'access.post_api_key': {
    http: [{ verb: 'POST', path: '/access/api_key' }],
    handler: ({ host }) => host.auth.rotateApiKey(),
  },
  'access.oneshot_token': {
    http: [{ verb: 'GET', path: '/access/oneshot_token' }],
    handler: ({ host, identity }) => host.auth.oneshot(identity ?? { username: '_TRUSTED_USER_' }),
  },
  'access.info': {
    http: [{ verb: 'GET', path: '/access/info' }],
    auth: false,
    handler: ({ host }) => host.auth.info(),
  },
};
