/**
 * `server.config` (docs/external_api/server.md "Get Server Configuration", v0.10.0): `config`
 * (every section of the loaded components, defaults included, values typed), `orig` (what the
 * config file said, all strings) and `files`. The sections are those of the components this fake
 * lists in `server.info`; option values are the documented defaults plus what the mock options set.
 */
import { DATA_PATH } from './database-backups.js';
import type { ResolvedOptions } from './options.js';

export function serverConfig(options: ResolvedOptions, port: number): Record<string, unknown> {
  const cors = [...options.corsDomains];
  const config: Record<string, Record<string, unknown>> = {
    server: {
      host: '0.0.0.0',
      port,
      ssl_port: 7130,
      enable_debug_logging: false,
      enable_asyncio_debug: false,
      klippy_uds_address: `${DATA_PATH}/comms/klippy.sock`,
      max_upload_size: 1024,
      ssl_certificate_path: null,
      ssl_key_path: null,
    },
    dbus_manager: {},
    database: { database_path: `${DATA_PATH}/database`, enable_database_debug: false },
    file_manager: {
      enable_object_processing: false,
      queue_gcode_uploads: false,
      config_path: `${DATA_PATH}/config`,
      log_path: `${DATA_PATH}/logs`,
    },
    klippy_apis: {},
    machine: { provider: 'systemd_dbus' },
    shell_command: {},
    data_store: { temperature_store_size: 1200, gcode_store_size: 1000 },
    proc_stats: {},
    job_state: {},
    job_queue: {
      load_on_startup: false,
      automatic_transition: false,
      job_transition_delay: 0.01,
      job_transition_gcode: '',
    },
    http_client: {},
    announcements: { dev_mode: false, subscriptions: [] },
    authorization: {
      login_timeout: 90,
      force_logins: false,
      cors_domains: cors,
      trusted_clients: [],
    },
    history: {},
    secrets: { secrets_path: `${DATA_PATH}/moonraker.secrets` },
    template: {},
    webcam: {},
  };
  const orig: Record<string, Record<string, string>> = {
    DEFAULT: {},
    server: { host: '0.0.0.0', port: String(port), klippy_uds_address: `${DATA_PATH}/comms/klippy.sock` },
    file_manager: {},
    machine: { provider: 'systemd_dbus' },
    authorization: cors.length > 0 ? { cors_domains: `\n${cors.join('\n')}` } : {},
    history: {},
    announcements: {},
  };
  return {
    config,
    orig,
    files: [{ filename: 'moonraker.conf', sections: Object.keys(orig).filter((s) => s !== 'DEFAULT') }],
  };
}
