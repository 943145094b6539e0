/**
 * One simulated printer as Connect sees it: the sim plus what Connect keeps beside it — the READY
 * flag, an ATTENTION dialog, the last firmware state (shown while OFFLINE), its jobs, queue, events
 * and cameras. It follows the sim through the sim's events, so a print started or finished on the
 * sim directly shows up in Connect's jobs and events too.
 */
import type { FaultPlan, PrinterSim, SimJob } from '@printkit/printer-sim';
import type { CameraRecord } from './camera-record.js';
import { type ConnectPrinterState, printerStateOf } from './connect-state.js';
import { hashSimFile } from './file-hash.js';
import { type TelemetrySample, telemetrySampleOf } from './payloads/telemetry.js';
import { type PrintObject, printObjectsOf } from './print-objects.js';
import { pathOfSimFile } from './storage-path.js';
import { TelemetryRecorder } from './telemetry-recorder.js';

export type { CameraRecord } from './camera-record.js';

/** Events a printer keeps (the oldest are dropped), so a long-running mock stays bounded. */
export const MAX_EVENTS_PER_PRINTER = 10_000;

export interface JobRecord {
  /** Connect's job id (unique across the team). */
  readonly id: number;
  readonly simJobId: number;
  readonly path: string;
  readonly fileName: string;
  readonly hash: string;
  readonly size: number;
  readonly objects: PrintObject[];
  readonly canceledObjects: Set<number>;
  readonly lifetimeId: string;
  source: string;
  reason?: { tag: string[]; other?: string };
}

export interface PlannedJob {
  id: number;
  printer_uuid: string;
  path: string;
  hash?: string;
  team_id?: number;
  set_ready: boolean;
  wait_until?: number;
  created: number;
}

export interface EventRecord {
  readonly id: number;
  readonly server_time: number;
  readonly created: number;
  readonly event: string;
  readonly source: string;
  readonly state: ConnectPrinterState;
  readonly printerState: ConnectPrinterState;
  readonly command?: string;
  readonly command_id?: number;
  readonly job_id?: number;
  readonly transfer_id?: number;
  readonly reason?: string;
}

export interface AttentionDialog {
  readonly id: number;
  readonly text: string;
}

/** What a printer record needs from the world around it. */
export interface PrinterWorldHooks {
  nextJobId(): number;
  nextEventId(): number;
  lifetimeId(): string;
  onJobEnded(record: PrinterRecord, job: SimJob): void;
}

export class PrinterRecord {
  readonly uuid: string;
  readonly name: string;
  readonly sim: PrinterSim;
  readonly index: number;
  readonly cameras: CameraRecord[];
  readonly prusalinkApiKey: string;
  readonly serialNumber: string;
  readonly jobs = new Map<number, JobRecord>();
  readonly queue: PlannedJob[] = [];
  readonly events: EventRecord[] = [];
  /** What the printer reported over sim time, for `GET .../telemetry`. */
  readonly telemetry: TelemetryRecorder<TelemetrySample>;
  ready = false;
  attention: AttentionDialog | undefined;
  /** The firmware state last seen while powered: `printer_state` keeps it while OFFLINE. */
  lastPrinterState: Exclude<ConnectPrinterState, 'OFFLINE'>;
  lastOnlineMs: number;
  /** Set while a command runs, so the STATE_CHANGED it causes names it (as in the seed's capture). */
  activeCommand: { command: string; id: number; source: string } | undefined;
  #lastReported: ConnectPrinterState;
  readonly #hooks: PrinterWorldHooks;
  readonly #unsubscribe: Array<() => void> = [];

  constructor(init: {
    uuid: string;
    name: string;
    sim: PrinterSim;
    index: number;
    cameras: CameraRecord[];
    prusalinkApiKey: string;
    hooks: PrinterWorldHooks;
    telemetry: { intervalMs: number; retentionMs: number };
  }) {
    this.uuid = init.uuid;
    this.name = init.name;
    this.sim = init.sim;
    this.index = init.index;
    this.cameras = init.cameras;
    this.prusalinkApiKey = init.prusalinkApiKey;
    this.serialNumber = `SN-SIM-${String(init.index + 1).padStart(4, '0')}`;
    this.#hooks = init.hooks;
    this.lastOnlineMs = init.sim.clock.now();
    this.lastPrinterState = printerStateOf(init.sim.state, { ready: false, attention: false });
    this.#lastReported = this.connectState;

    this.#unsubscribe.push(
      init.sim.on('change', (snapshot) => {
        if (snapshot.job) this.jobRecordFor(snapshot.job);
        if (snapshot.powered) this.lastOnlineMs = this.sim.clock.now();
      }),
      init.sim.on('state', () => this.syncState()),
      init.sim.on('power', () => this.syncState()),
      init.sim.on('job-finished', (job) => {
        this.jobRecordFor(job);
        // A print that ends clears a pending attention dialog; the printer is no longer waiting.
        this.attention = undefined;
        this.syncState();
        this.#hooks.onJobEnded(this, job);
      }),
    );
    // Last: the first sample reads the state fields set above. A printer that is off reports nothing.
    this.telemetry = new TelemetryRecorder({
      clock: init.sim.clock,
      ...init.telemetry,
      sample: () => {
        const snapshot = this.sim.snapshot();
        return snapshot.powered ? telemetrySampleOf(this.connectState, snapshot) : undefined;
      },
    });
  }

  get faults(): FaultPlan {
    return this.sim.faults;
  }

  /** `printer_state`: the firmware's state, its last value while the printer is off. */
  get printerState(): Exclude<ConnectPrinterState, 'OFFLINE'> {
    if (!this.sim.snapshot().powered) return this.lastPrinterState;
    return printerStateOf(this.sim.state, { ready: this.ready, attention: this.attention !== undefined });
  }

  /** `connect_state` (and `state`): OFFLINE while the sim is powered off. */
  get connectState(): ConnectPrinterState {
    return this.sim.snapshot().powered ? this.printerState : 'OFFLINE';
  }

  /** Records STATE_CHANGED when the Connect state moved; call after anything that may move it. */
  syncState(): void {
    const next = this.connectState;
    if (next !== 'OFFLINE') this.lastPrinterState = next;
    if (next === this.#lastReported) return;
    this.#lastReported = next;
    const command = this.activeCommand;
    this.addEvent(
      command
        ? { event: 'STATE_CHANGED', source: command.source, command: command.command, command_id: command.id }
        : { event: 'STATE_CHANGED', source: 'FIRMWARE' },
    );
  }

  addEvent(event: {
    event: string;
    source: string;
    command?: string;
    command_id?: number;
    job_id?: number;
    transfer_id?: number;
    reason?: string;
    state?: ConnectPrinterState;
  }): EventRecord {
    const seconds = this.sim.clock.now() / 1000;
    const record: EventRecord = {
      id: this.#hooks.nextEventId(),
      server_time: seconds,
      created: seconds,
      state: event.state ?? this.connectState,
      printerState: this.printerState,
      ...event,
    };
    this.events.push(record);
    // Bounded: the oldest events go first (a client pages the newest).
    if (this.events.length > MAX_EVENTS_PER_PRINTER)
      this.events.splice(0, this.events.length - MAX_EVENTS_PER_PRINTER);
    return record;
  }

  /** The Connect job for a sim job, created the first time the sim job is seen. */
  jobRecordFor(job: SimJob): JobRecord {
    const known = this.jobs.get(job.id);
    if (known) return known;
    const file = this.sim.getFile(job.file);
    const record: JobRecord = {
      id: this.#hooks.nextJobId(),
      simJobId: job.id,
      path: pathOfSimFile(job.file),
      fileName: job.file,
      hash: hashSimFile(file ?? { name: job.file, sizeBytes: 0 }),
      size: file?.sizeBytes ?? 0,
      objects: printObjectsOf(file, job.file),
      canceledObjects: new Set(),
      lifetimeId: this.#hooks.lifetimeId(),
      source: this.activeCommand ? 'CONNECT_USER' : 'GUI',
    };
    this.jobs.set(job.id, record);
    return record;
  }

  dispose(): void {
    this.telemetry.dispose();
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
  }
}
