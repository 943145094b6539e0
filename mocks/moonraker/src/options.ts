/** `startMockMoonraker` options and their defaults. */
import type { Clock, PrinterSim } from '@printkit/printer-sim';
import type { AnnouncementOption } from './announcements.js';
import type { AuthOptions } from './auth.js';
import { type OutputPinConfig, type OutputPinOption, resolveOutputPins } from './output-pins.js';

export interface MockMoonrakerOptions {
  /** Default 7125 (Moonraker's port); tests pass 0. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default: `new PrinterSim({ clock: createManualClock(), seed })`. */
  sim?: PrinterSim;
  seed?: number;
  /** Neither `apiKey` nor `users` → open (no auth), like Moonraker without [authorization]. */
  auth?: AuthOptions;
  /** Initial Klippy state, default 'ready'. */
  klippy?: 'ready' | 'startup' | 'disconnected';
  /** Sim ms spent in 'startup' after start-from-startup / connect / restart / firmware_restart; default 2000. */
  klippyStartupMs?: number;
  /** notify_status_update cadence in sim ms, default 250 (Klippy's timer). */
  statusIntervalMs?: number;
  /** Extra real-time latency on printer.objects.query (a real one answers on Klippy's ~250 ms timer); default 0. */
  queryLatencyMs?: number;
  /**
   * `[output_pin <name>]` sections (e.g. `['caselight']`, or `{ name, pwm, value }`): objects
   * `output_pin <name>` and `SET_PIN PIN=<name> VALUE=<v>`. Default none, like stock Klipper (SET_PIN
   * is then an unknown command). A pin named like one of the simulator's lights switches it.
   */
  outputPins?: readonly OutputPinOption[];
  /**
   * Persist the database (`server.database.*`, where Mainsail and Fluidd keep their settings) as
   * `<databaseDir>/database.json`; default: in memory only.
   */
  databaseDir?: string;
  /**
   * A folder for the `config` root (printer.cfg, moonraker.conf, what UIs upload): read at start,
   * written on every change; when empty, the generated files are written there first. Default: in
   * memory.
   */
  configDir?: string;
  /**
   * The clock of everything a client reads as time: proc_stat and temperature-store cadence
   * (once a second), gcode_store / history / file timestamps, token lifetimes. Default: the sim's
   * clock when it is manual (tests advance it) or runs at speed 1; otherwise the real wall clock,
   * so a sim at `--speed 30` still shows a proc_stat once a real second and times of now.
   */
  wallClock?: Clock;
  /**
   * Moonraker's `[authorization] cors_domains`: origins (with `*` wildcards, e.g.
   * `http://*.local`, `*://localhost:*`) whose browser requests get CORS headers and preflights.
   * Default none: no CORS headers at all, as on a real Moonraker.
   */
  corsDomains?: readonly string[];
  /**
   * A websocket whose unsent frames exceed this many bytes (its reader stopped reading) is closed.
   * Default 4 MiB.
   */
  websocketHighWaterBytes?: number;
  /**
   * Largest upload body (`POST /server/files/upload`); larger ones get 413. Default 64 MiB: the fake
   * keeps files in memory (Moonraker's own default, max_upload_size, is 1024 MiB on disk). Every
   * other request body is capped at 1 MiB.
   */
  maxUploadBytes?: number;
  /** The fake host's sudo password (`machine.sudo.password`); default none: every password is refused. */
  sudoPassword?: string;
  /** Announcement entries (as if fetched from the Moonlight feeds); default none. */
  announcements?: readonly AnnouncementOption[];
}

export interface ResolvedOptions {
  readonly klippy: 'ready' | 'startup' | 'disconnected';
  readonly klippyStartupMs: number;
  readonly statusIntervalMs: number;
  readonly queryLatencyMs: number;
  readonly outputPins: readonly OutputPinConfig[];
  readonly databaseDir: string | undefined;
  readonly configDir: string | undefined;
  readonly corsDomains: readonly string[];
  readonly announcements: readonly AnnouncementOption[];
  readonly sudoPassword: string | undefined;
  readonly websocketHighWaterBytes: number;
  readonly maxUploadBytes: number;
}

export function resolveOptions(options: MockMoonrakerOptions): ResolvedOptions {
  const number = (value: number | undefined, fallback: number, name: string, min: number): number => {
    const resolved = value ?? fallback;
    if (!Number.isFinite(resolved) || resolved < min) {
      throw new RangeError(`${name} must be a finite number >= ${min}, got ${resolved}`);
    }
    return resolved;
  };
  const klippy = options.klippy ?? 'ready';
  if (!['ready', 'startup', 'disconnected'].includes(klippy)) {
    throw new RangeError(`klippy must be 'ready', 'startup' or 'disconnected', got ${String(klippy)}`);
  }
  return {
    klippy,
    klippyStartupMs: number(options.klippyStartupMs, 2000, 'klippyStartupMs', 0),
    statusIntervalMs: number(options.statusIntervalMs, 250, 'statusIntervalMs', 1),
    queryLatencyMs: number(options.queryLatencyMs, 0, 'queryLatencyMs', 0),
    outputPins: resolveOutputPins(options.outputPins),
    databaseDir: options.databaseDir,
    configDir: options.configDir,
    corsDomains: [...(options.corsDomains ?? [])],
    announcements: [...(options.announcements ?? [])],
    sudoPassword: options.sudoPassword,
    websocketHighWaterBytes: number(
      options.websocketHighWaterBytes,
      4 * 1024 * 1024,
      'websocketHighWaterBytes',
      1024,
    ),
    maxUploadBytes: number(options.maxUploadBytes, 64 * 1024 * 1024, 'maxUploadBytes', 1),
  };
}
