/**
 * The components `server.info` lists, in the order Moonraker v0.10.0 loads them (server.py
 * SERVER_COMPONENTS, then `database`, then CORE_COMPONENTS; `internal_transport`, `secrets` and
 * `template` are registered on the way by application.py, file_manager.py and machine.py).
 *
 * Clients decide what to call from this list, so a component is here only when the fake has every
 * endpoint `contract.ts` gives it (contract.test.ts checks). Components without endpoints of their
 * own are listed as a real Moonraker lists them. Left out, because the fake does not have them:
 * `extensions` (agents, remote methods).
 */
export const LISTED_COMPONENTS: readonly string[] = [
  'klippy_connection',
  'application',
  'internal_transport',
  'websockets',
  'database',
  'dbus_manager',
  'file_manager',
  'secrets',
  'authorization',
  'klippy_apis',
  'machine',
  'template',
  'data_store',
  'shell_command',
  'proc_stats',
  'job_state',
  'job_queue',
  'history',
  'http_client',
  'announcements',
  'webcam',
];
