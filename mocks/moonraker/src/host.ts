/**
 * The fake Moonraker's state and behaviour, independent of sockets: Klippy, the simulated printer,
 * files, database, history, job queue, webcams, announcements, stores, auth, CORS, the connected
 * clients, and the timers that push notify_status_update (every statusIntervalMs of sim time,
 * changed fields only) and, on the wall clock, notify_proc_stat_update and temperature samples
 * (every second). Transports (server.ts, http.ts) call into it.
 */

import type { Clock, PrinterSim, SimJob, SimSnapshot, TimerHandle } from '@printkit/printer-sim';
import type { WebSocket } from 'ws';
import { Announcements } from './announcements.js';
import { Auth, type AuthOptions } from './auth.js';
import type { Connection } from './connection.js';
import { Cors } from './cors.js';
import { MoonrakerDatabase } from './database.js';
import { DatabaseBackups } from './database-backups.js';
import { KLIPPY_DISCONNECTED, MoonrakerError } from './errors.js';
import { objectsOf } from './exclude-object.js';
import { FileStore } from './files/store.js';
import { type GcodeHost, GcodeInterpreter } from './gcode.js';
import { History } from './history.js';
import { JobQueue } from './job-queue.js';
import { notificationFrame } from './jsonrpc.js';
import { KlipperState } from './klipper-state.js';
import { Klippy } from './klippy.js';
import { klippyLog, moonrakerLog } from './logs.js';
import { buildObjects, HEATER_OBJECTS, type PrinterObjects } from './objects.js';
import type { ResolvedOptions } from './options.js';
import { moonrakerConf, printerCfg } from './printer-cfg.js';
import { ProcStats } from './proc-stats.js';
import { ResultCache } from './result-cache.js';
import { isJobActive } from './sim-states.js';
import { diffStatus, selectStatus } from './status-diff.js';
import { GcodeStore, TemperatureStore } from './stores.js';
import { Webcams } from './webcams.js';

/** Klipper's monotonic clock starts well before Moonraker's; keeps eventtimes looking real. */
const BOOT_UPTIME_SECONDS = 1000;

export class MoonrakerHost implements GcodeHost {
  readonly sim: PrinterSim;
  readonly options: ResolvedOptions;
  readonly klipper: KlipperState;
  readonly klippy: Klippy;
  readonly gcode: GcodeInterpreter;
  readonly files: FileStore;
  readonly history = new History();
  readonly jobQueue: JobQueue;
  readonly gcodeStore = new GcodeStore();
  readonly temperatureStore = new TemperatureStore();
  readonly auth: Auth;
  /** Time as clients see it (timestamps, stores, proc_stat cadence), whatever the sim's speed. */
  readonly wallClock: Clock;
  readonly database: MoonrakerDatabase;
  readonly databaseBackups: DatabaseBackups;
  readonly procStats: ProcStats;
  readonly webcams: Webcams;
  readonly announcements: Announcements;
  readonly cors: Cors;
  readonly connections = new Set<Connection>();
  /** The bound port (server.config reports it); set once the server listens. */
  port = 7125;
  readonly results = new ResultCache();

  readonly #startedAt: number;
  readonly #timers: TimerHandle[] = [];
  readonly #wallTimers: TimerHandle[] = [];
  readonly #unsubscribe: Array<() => void> = [];
  /** Frames handed to a socket whose write has not completed yet (what `flush` waits for). */
  #unwritten = 0;
  #flushWaiters: Array<() => void> = [];
  /** One callback for every write: no promise or closure per frame. */
  readonly #written = (): void => {
    this.#unwritten -= 1;
    if (this.#unwritten > 0) return;
    const waiters = this.#flushWaiters;
    this.#flushWaiters = [];
    for (const resolve of waiters) resolve();
  };
  #nextConnectionId = 1;
  #lastJobId: number | undefined;
  /** Set while Klippy ends a job itself, so history records why. */
  #endReason: 'klippy_shutdown' | 'klippy_disconnect' | undefined;

  constructor(sim: PrinterSim, options: ResolvedOptions, auth: AuthOptions | undefined, wallClock: Clock) {
    this.sim = sim;
    this.options = options;
    this.wallClock = wallClock;
    this.klipper = new KlipperState(options.outputPins);
    this.#startedAt = sim.clock.now();
    this.auth = new Auth(auth, wallClock);
    this.auth.onNotify((method, payload) => this.broadcast(method, [payload]));
    this.database = new MoonrakerDatabase({ directory: options.databaseDir, seed: DATABASE_SEED });
    this.databaseBackups = new DatabaseBackups(options.databaseDir);
    this.procStats = new ProcStats(wallClock.now());
    this.cors = new Cors(options.corsDomains);
    this.webcams = new Webcams(this.database);
    this.jobQueue = new JobQueue({
      nowMs: () => this.wallClock.now(),
      fileExists: (name) => this.sim.getFile(name) !== undefined,
      canPrint: () => this.klippy.state === 'ready' && !isJobActive(this.sim.state),
      startPrint: async (filename) => {
        const script = `SDCARD_PRINT_FILE FILENAME="${filename}"`;
        this.gcodeStore.add(script, 'command', this.wallClock.now());
        await this.gcode.run(script);
      },
      notify: (payload) => this.broadcast('notify_job_queue_changed', [payload]),
    });
    this.announcements = new Announcements(wallClock, options.announcements, (method, payload) =>
      this.broadcast(method, [payload]),
    );
    const cfg = printerCfg(sim.snapshot().temperatures.chamber !== undefined, options.outputPins);
    const startedAtMs = wallClock.now();
    this.files = new FileStore({
      sim,
      clock: wallClock,
      config: { 'printer.cfg': cfg, 'moonraker.conf': moonrakerConf(7125) },
      configDir: options.configDir,
      logs: () => ({
        'klippy.log': klippyLog(startedAtMs, cfg, this.gcodeStore.last(1000)),
        'moonraker.log': moonrakerLog(startedAtMs, this.port),
      }),
    });
    this.#lastJobId = sim.snapshot().job?.id;
    this.klippy = new Klippy({
      clock: sim.clock,
      initial: options.klippy,
      startupMs: options.klippyStartupMs,
      hooks: {
        ready: () => {
          this.#sampleTemperatures();
          this.broadcast('notify_klippy_ready');
        },
        shutdownNotified: () => this.broadcast('notify_klippy_shutdown'),
        disconnected: () => this.#onKlippyDisconnected(),
        starting: () => this.#onKlippyStarting(),
      },
    });
    this.gcode = new GcodeInterpreter(this);
    this.#unsubscribe.push(
      sim.on('change', (next) => this.#onSimChange(next)),
      sim.on('job-finished', (job) => this.#onJobFinished(job)),
    );
    this.#timers.push(sim.clock.setInterval(() => this.#pushStatus(), options.statusIntervalMs));
    this.#wallTimers.push(wallClock.setInterval(() => this.#everySecond(), 1000));
    this.#sampleTemperatures();
  }

  nextConnectionId(): number {
    // Moonraker's ids are Python object ids: large, unrelated integers.
    return 140_000_000_000 + this.#nextConnectionId++ * 4_176;
  }

  /** Klipper's monotonic clock in seconds (eventtime). */
  eventtime(): number {
    return (
      Math.round(((this.sim.clock.now() - this.#startedAt) / 1000) * 1000 + BOOT_UPTIME_SECONDS * 1000) / 1000
    );
  }

  /** Every Klipper object, as of now. */
  objects(): PrinterObjects {
    const snapshot = this.sim.snapshot();
    const file = snapshot.job ? this.sim.getFile(snapshot.job.file) : undefined;
    // Per-print Klipper state (excluded objects, SET_PRINT_STATS_INFO) starts over with each job.
    if (snapshot.job && snapshot.job.id !== this.klipper.jobId) {
      this.klipper.jobId = snapshot.job.id;
      this.klipper.excludedObjects = [];
      this.klipper.printStatsInfo = undefined;
    }
    const fileObjects =
      snapshot.job && file
        ? objectsOf(
            `${file.name}\0${file.addedAt}\0${file.sizeBytes}`,
            () => this.files.read('gcodes', file.name) ?? Buffer.alloc(0),
          )
        : [];
    return buildObjects({
      fileObjects,
      snapshot,
      klippyState: this.klippy.state,
      klippyMessage: this.klippy.stateMessage,
      klipper: this.klipper,
      eventtime: this.eventtime(),
      uptime: (this.sim.clock.now() - this.klippy.startedAt) / 1000,
      now: this.sim.clock.now(),
      fileSize: file?.sizeBytes,
    });
  }

  /**
   * Writes a frame to a socket and tracks it until the socket took it (for `advance`). A peer that
   * stopped reading is dropped once its unsent backlog passes the high-water mark, as Tornado
   * closes a websocket whose writes cannot keep up: memory stays bounded per connection.
   */
  write(socket: WebSocket, text: string): void {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > this.options.websocketHighWaterBytes) {
      socket.terminate();
      return;
    }
    this.#unwritten += 1;
    // ws calls back once the frame is written, or with an error if the socket went away first.
    socket.send(text, this.#written);
  }

  /** Resolves once everything queued so far (and anything it triggered) reached the sockets. */
  async flush(): Promise<void> {
    for (let round = 0; round < 50; round++) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.#unwritten === 0) return;
      await new Promise<void>((resolve) => this.#flushWaiters.push(resolve));
    }
  }

  /** A notification to every authenticated websocket. */
  broadcast(method: string, params?: readonly unknown[]): void {
    if (this.connections.size === 0) return;
    const text = notificationFrame(method, params);
    for (const connection of this.connections) if (connection.identity) connection.send(text);
  }

  // ---- GcodeHost ----

  respond(text: string): void {
    this.gcodeStore.add(text, 'response', this.wallClock.now());
    this.broadcast('notify_gcode_response', [text]);
  }

  emergencyStop(reason: string): void {
    if (this.klippy.state === 'shutdown' || !this.klippy.connected) return;
    this.respond('// Klipper state: Shutdown');
    const before = this.objects();
    const frozen: Record<string, Record<string, unknown>> = {};
    for (const name of HEATER_OBJECTS) {
      const status = before[name];
      if (status)
        frozen[name] = { temperature: status.temperature, target: status.target, power: status.power };
    }
    this.klipper.shutdownHeaters = frozen;
    this.klippy.shutdown(reason);
    this.gcode.abortWaits(new MoonrakerError(reason.split('\n')[0] ?? reason));
    this.#stopMachine('klippy_shutdown', reason);
  }

  /**
   * RESTART / FIRMWARE_RESTART: Klipper's gcode.py answers klippy:disconnect with "Klipper state:
   * Disconnect" (L193-194) before webhooks.py closes Moonraker's socket (registered after it,
   * klippy.py L39-40). Its "Klipper state: Ready" (L195-199) is never seen: Moonraker subscribes to
   * G-code output only once Klippy left startup (klippy_connection.py v0.10.0 L457-458).
   */
  restart(): void {
    if (this.klippy.connected) this.respond('// Klipper state: Disconnect');
    this.klippy.restart();
  }

  /**
   * Moonraker restarting itself (server.restart, database restore): after `delayMs` real ms every
   * websocket is closed; clients reconnect to the same state.
   */
  restartServer(delayMs: number): void {
    const timer = setTimeout(() => {
      for (const connection of [...this.connections]) connection.socket.close(1001, 'Server Restarting');
    }, delayMs);
    timer.unref();
  }

  dispose(): void {
    for (const timer of this.#timers) this.sim.clock.clearTimer(timer);
    for (const timer of this.#wallTimers) this.wallClock.clearTimer(timer);
    this.announcements.dispose();
    for (const off of this.#unsubscribe) off();
    this.klippy.dispose();
  }

  // ---- internals ----

  #pushStatus(): void {
    if (!this.klippy.connected) return;
    let objects: PrinterObjects | undefined;
    const eventtime = this.eventtime();
    for (const connection of this.connections) {
      const subscription = connection.subscription;
      if (!subscription) continue;
      objects ??= this.objects();
      const next = selectStatus(objects, subscription.request);
      const diff = diffStatus(subscription.last, next);
      subscription.last = next;
      // Klippy sends nothing at all when nothing changed.
      if (Object.keys(diff).length > 0)
        connection.send(notificationFrame('notify_status_update', [diff, eventtime]));
    }
  }

  #everySecond(): void {
    this.broadcast('notify_proc_stat_update', [
      this.procStats.sample(this.wallClock.now(), this.connections.size),
    ]);
    this.#sampleTemperatures();
  }

  /** data_store.py: one value per sensor field a second; the first when Klippy becomes ready (L71-127). */
  #sampleTemperatures(): void {
    if (!this.klippy.connected) return;
    const objects = this.objects();
    const sensors: Record<string, { temperature: number; target: number; power: number }> = {};
    for (const name of ['extruder', 'heater_bed', 'heater_generic chamber']) {
      const object = objects[name];
      if (object) {
        sensors[name] = {
          temperature: Number(object.temperature),
          target: Number(object.target),
          power: Number(object.power),
        };
      }
    }
    this.temperatureStore.sample(sensors);
  }

  #onSimChange(next: SimSnapshot): void {
    const job = next.job;
    if (!job || job.id === this.#lastJobId) return;
    this.#lastJobId = job.id;
    const metadata = safeMetadata(this, job.file);
    const record = this.history.added(job, metadata, this.wallClock.now());
    this.broadcast('notify_history_changed', [{ action: 'added', job: record }]);
  }

  #onJobFinished(job: SimJob): void {
    const record = this.history.finished(job, this.#endReason, this.wallClock.now());
    this.klipper.lastActivityAt = this.sim.clock.now();
    if (job.result === 'finished') this.respond('Done printing file');
    if (record) this.broadcast('notify_history_changed', [{ action: 'finished', job: record }]);
  }

  #onKlippyDisconnected(): void {
    this.broadcast('notify_klippy_disconnected');
    // Moonraker drops every subscription when Klippy goes away; clients must subscribe again.
    for (const connection of this.connections) connection.subscription = undefined;
    this.gcode.abortWaits(new MoonrakerError(KLIPPY_DISCONNECTED, 503));
    this.#stopMachine('klippy_disconnect', 'Klippy Disconnected');
  }

  #onKlippyStarting(): void {
    this.klipper.reset();
    const snapshot = this.sim.snapshot();
    if (!snapshot.powered) return;
    if (['error', 'finished', 'cancelled'].includes(this.sim.state)) this.sim.clearError();
    this.#heatersOff();
    // A new Klippy process: the part fan stops (fan.py on gcode:request_restart), gcode_move starts
    // at 100 % speed and flow, and output pins go back to their configured values.
    if (snapshot.fanPercent !== 0) this.sim.setFanPercent(0);
    if (snapshot.speedPercent !== 100) this.sim.setSpeedPercent(100);
    if (snapshot.flowPercent !== 100) this.sim.setFlowPercent(100);
    const pins = this.klipper.outputPins;
    for (const name of pins.names()) {
      const on = pins.value(name) > 0;
      if (Object.hasOwn(snapshot.lights, name) && snapshot.lights[name] !== on) this.sim.setLight(name, on);
    }
  }

  /** Shutdown or disconnect: heaters off, and an active print ends (recorded with the reason). */
  #stopMachine(reason: 'klippy_shutdown' | 'klippy_disconnect', message: string): void {
    if (!this.sim.snapshot().powered) return;
    if (isJobActive(this.sim.state)) {
      this.#endReason = reason;
      try {
        this.sim.fail({ code: reason, message: message.split('\n')[0] ?? message });
      } finally {
        this.#endReason = undefined;
      }
    } else if (this.sim.state !== 'error') {
      this.#heatersOff();
    }
  }

  #heatersOff(): void {
    const temperatures = this.sim.snapshot().temperatures;
    for (const heater of ['nozzle', 'bed', 'chamber'] as const) {
      if (temperatures[heater] && temperatures[heater].target !== 0) this.sim.setTarget(heater, 0);
    }
  }
}

/** A fresh install's `moonraker` namespace: klippy_connection.py L62-64 stores Klipper's paths there. */
const DATABASE_SEED = {
  moonraker: {
    klippy_connection: { path: '/home/pi/klipper', executable: '/home/pi/klippy-env/bin/python' },
  },
};

function safeMetadata(host: MoonrakerHost, filename: string): Record<string, unknown> {
  try {
    return host.files.metadata(filename, undefined);
  } catch {
    return {};
  }
}
