/**
 * The mock's world: one team, its printers (each a PrinterRecord around a PrinterSim), uploads, team
 * files and notifications, plus the id counters. Handlers read and change only this.
 */
import {
  type Clock,
  createManualClock,
  createRandom,
  FaultPlan,
  PrinterSim,
  type Random,
  type SimJob,
} from '@printkit/printer-sim';
import { type AccountOptions, AccountTokens } from './account/tokens.js';
import { FILE_TIME_FIELDS, type FileTimeField } from './file-time.js';
import { type CameraRecord, PrinterRecord } from './printer-record.js';
import {
  type Invitee,
  MAX_NOTIFICATIONS,
  type NotificationRecord,
  type TeamFile,
  type UploadRecord,
} from './world-records.js';

/** The uuid of the printer in the captures; the first default printer uses it. */
export const CAPTURE_PRINTER_UUID = '11111111-2222-3333-4444-555555555555';
export const DEFAULT_TEAM_ID = 1;
export const DEFAULT_TOKEN = 'printkit-token';
export const DEFAULT_BASE_URL = 'https://connect.prusa3d.com';

export interface MockCameraOptions {
  id?: number;
  name?: string;
  /** Stream-only cameras have no snapshot (404 on `snapshots/last`). Default false. */
  streamOnly?: boolean;
}

export interface MockPrinterOptions {
  uuid?: string;
  name?: string;
  sim?: PrinterSim;
  /** Default: one snapshot camera ("Buddy3D Camera", as in the seed's capture). */
  cameras?: MockCameraOptions[];
}

export type { FileTimeField } from './file-time.js';

export interface MockTelemetryOptions {
  /** Sim ms between two recorded samples. Default 10 000. */
  sampleIntervalMs?: number;
  /** Sim ms a sample is kept. Default 24 h. */
  retentionMs?: number;
}

export const DEFAULT_TELEMETRY_INTERVAL_MS = 10_000;
export const DEFAULT_TELEMETRY_RETENTION_MS = 24 * 3600_000;

export interface MockWorldOptions {
  token?: string;
  printers?: MockPrinterOptions[];
  teamId?: number;
  teamName?: string;
  seed?: number;
  clock?: Clock;
  baseUrl?: string;
  telemetry?: MockTelemetryOptions;
  fileTimeField?: FileTimeField;
  account?: AccountOptions;
  maxUploadBytes?: number;
}

/** `/app/config`'s `max_upload_size` default (1 GiB), the mock's own value. */
export const DEFAULT_MAX_UPLOAD_BYTES = 1_073_741_824;

export {
  type Invitee,
  MAX_NOTIFICATIONS,
  MAX_OPEN_UPLOADS,
  MAX_TEAM_FILES,
  MAX_UPLOADS,
  type NotificationRecord,
  type TeamFile,
  type UploadRecord,
  type UploadState,
} from './world-records.js';

/** CORE One-like simulated printer: the capture's printer has a heated chamber. */
function defaultSim(clock: Clock, seed: number, name: string): PrinterSim {
  return new PrinterSim({ clock, seed, name, heaters: { chamber: {} } });
}

export class MockWorld {
  readonly baseUrl: string;
  readonly fileTimeField: FileTimeField;
  /** Largest upload announced (403 FORBIDDEN_STORAGE_QUOTA above); its bytes are kept in memory. */
  readonly maxUploadBytes: number;
  readonly teamId: number;
  readonly teamName: string;
  /** Replaced by `reset()` when the world made it (a caller's clock stays). */
  clock: Clock;
  readonly faults: FaultPlan;
  random: Random;
  readonly printers: PrinterRecord[] = [];
  readonly uploads = new Map<number, UploadRecord>();
  readonly teamFiles = new Map<string, TeamFile>();
  readonly notifications: NotificationRecord[] = [];
  readonly invitees: Invitee[] = [];
  /** The account side: the OAuth token endpoint and the access tokens it issued. */
  readonly account: AccountTokens;
  /** Async commands still to run; `advance()` and `settle()` wait for them. */
  readonly pending = new Set<Promise<void>>();
  /** Sims this world created (not the caller's): disposing the world stops their timers. */
  readonly #ownedSims: PrinterSim[] = [];
  readonly #stopped = new AbortController();
  token: string;
  readonly #options: MockWorldOptions;
  readonly #telemetry: { intervalMs: number; retentionMs: number };
  #nextJobId = 1;
  #nextEventId = 1;
  #nextCommandId = 1_075_300;
  #nextUploadId = 1;
  #nextPlannedJobId = 1;
  #nextNotificationId = 1;
  #nextTransferId = 1;
  /** The seed's captured camera id, counting up; ids a caller picks are skipped. */
  #nextCameraId = 414_362;

  constructor(options: MockWorldOptions = {}) {
    this.#options = options;
    const seed = options.seed ?? 1;
    this.baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.teamId = options.teamId ?? DEFAULT_TEAM_ID;
    this.fileTimeField = options.fileTimeField ?? 'm_time';
    if (!FILE_TIME_FIELDS.includes(this.fileTimeField)) {
      throw new Error(`fileTimeField must be one of ${FILE_TIME_FIELDS.join(', ')}`);
    }
    this.maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
    if (!Number.isSafeInteger(this.maxUploadBytes) || this.maxUploadBytes < 0) {
      throw new Error('maxUploadBytes must be a whole number of bytes');
    }
    this.#telemetry = {
      intervalMs: options.telemetry?.sampleIntervalMs ?? DEFAULT_TELEMETRY_INTERVAL_MS,
      retentionMs: options.telemetry?.retentionMs ?? DEFAULT_TELEMETRY_RETENTION_MS,
    };
    this.teamName = options.teamName ?? 'Team';
    this.token = options.token ?? DEFAULT_TOKEN;
    this.account = new AccountTokens(options.account);
    this.clock = options.clock ?? createManualClock();
    this.random = createRandom(seed);
    this.faults = new FaultPlan({ random: createRandom(seed + 1) });
    this.#populate();
  }

  /**
   * Back to the state the world started in: printers (sims the world made are made anew; a sim the
   * caller passed in keeps its own state), their jobs, events, queues and cameras, uploads, team files,
   * notifications, invitees, faults, the token, the account's tokens (all issued ones stop working),
   * the ids and, when the world made it, the clock. Async commands not yet run are dropped.
   */
  reset(): void {
    for (const printer of this.printers) printer.dispose();
    for (const sim of this.#ownedSims.splice(0)) sim.dispose();
    this.printers.length = 0;
    this.uploads.clear();
    this.teamFiles.clear();
    this.notifications.length = 0;
    this.invitees.length = 0;
    this.pending.clear();
    this.faults.clear();
    this.account.reset();
    this.token = this.#options.token ?? DEFAULT_TOKEN;
    this.#nextJobId = 1;
    this.#nextEventId = 1;
    this.#nextCommandId = 1_075_300;
    this.#nextUploadId = 1;
    this.#nextPlannedJobId = 1;
    this.#nextNotificationId = 1;
    this.#nextTransferId = 1;
    this.#nextCameraId = 414_362;
    if (!this.#options.clock) this.clock = createManualClock();
    this.random = createRandom(this.#options.seed ?? 1);
    this.#populate();
  }

  #populate(): void {
    const options = this.#options;
    const seed = options.seed ?? 1;
    const telemetry = this.#telemetry;
    const wanted = options.printers ?? [{}];
    wanted.forEach((spec, index) => {
      const uuid = spec.uuid ?? defaultUuid(index);
      if (this.printers.some((p) => p.uuid === uuid)) throw new Error(`Duplicate printer uuid ${uuid}`);
      const name = spec.name ?? (index === 0 ? 'CORE One' : `CORE One ${index + 1}`);
      const sim = spec.sim ?? defaultSim(this.clock, seed + index, name);
      if (!spec.sim) this.#ownedSims.push(sim);
      const cameras: CameraRecord[] = (spec.cameras ?? [{}]).map((camera) => ({
        id: camera.id ?? this.nextCameraId(),
        kind: 'simulated',
        name: camera.name ?? 'Buddy3D Camera',
        streamOnly: camera.streamOnly ?? false,
        printerUuid: uuid,
        token: this.randomToken(20),
        origin: 'OTHER',
        registered: true,
        // The simulated camera has its own fingerprint: another client using its token is refused.
        fingerprint: this.randomToken(32),
        info: undefined,
        snapshot: undefined,
      }));
      this.printers.push(
        new PrinterRecord({
          uuid,
          name,
          sim,
          index,
          cameras,
          prusalinkApiKey: this.randomToken(15),
          telemetry,
          hooks: {
            nextJobId: () => this.#nextJobId++,
            nextEventId: () => this.#nextEventId++,
            lifetimeId: () => this.#randomUuid(),
            onJobEnded: (record, job) => this.#notifyJobEnded(record, job),
          },
        }),
      );
    });
  }

  printer(uuid: string): PrinterRecord | undefined {
    return this.printers.find((p) => p.uuid === uuid);
  }

  cameras(): CameraRecord[] {
    return this.printers.flatMap((p) => p.cameras);
  }

  nextCameraId(): number {
    const taken = new Set(this.cameras().map((c) => c.id));
    while (taken.has(this.#nextCameraId)) this.#nextCameraId++;
    return this.#nextCameraId++;
  }

  nextCommandId(): number {
    return this.#nextCommandId++;
  }

  nextUploadId(): number {
    return this.#nextUploadId++;
  }

  nextTransferId(): number {
    return this.#nextTransferId++;
  }

  nextPlannedJobId(): number {
    return this.#nextPlannedJobId++;
  }

  nowSeconds(): number {
    return Math.floor(this.clock.now() / 1000);
  }

  /** Every distinct clock the world's printers run on (a sim given by the caller may bring its own). */
  clocks(): Clock[] {
    return [...new Set([this.clock, ...this.printers.map((p) => p.sim.clock)])];
  }

  /** Aborted by `dispose()`: work still waiting (a delay fault) ends instead of outliving the mock. */
  get stoppedSignal(): AbortSignal {
    return this.#stopped.signal;
  }

  dispose(): void {
    this.#stopped.abort();
    for (const printer of this.printers) printer.dispose();
    for (const sim of this.#ownedSims) sim.dispose();
  }

  #notifyJobEnded(printer: PrinterRecord, job: SimJob): void {
    if (this.notifications.length >= MAX_NOTIFICATIONS) this.notifications.shift();
    const what = job.result === 'finished' ? 'finished' : job.result === 'cancelled' ? 'stopped' : 'failed';
    this.notifications.push({
      id: this.#nextNotificationId++,
      created: this.nowSeconds(),
      seen: false,
      type:
        job.result === 'finished'
          ? 'PRINT_FINISHED'
          : job.result === 'cancelled'
            ? 'PRINT_STOPPED'
            : 'PRINT_FAILED',
      printer_uuid: printer.uuid,
      text: `${printer.name}: print of ${job.file} ${what}`,
    });
  }

  /** Letters and digits from the seeded random (camera tokens are 20 alphanumerics, per the camera API). */
  randomToken(length: number): string {
    const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.random.next() * alphabet.length)];
    return out;
  }

  #randomUuid(): string {
    const hex = () => Math.floor(this.random.next() * 16).toString(16);
    const part = (n: number) => Array.from({ length: n }, hex).join('');
    return `${part(8)}-${part(4)}-4${part(3)}-a${part(3)}-${part(12)}`;
  }
}

/** The capture's uuid for the first printer; the next ones count up from it. */
function defaultUuid(index: number): string {
  if (index === 0) return CAPTURE_PRINTER_UUID;
  return `11111111-2222-3333-4444-${(555_555_555_555 + index).toString().padStart(12, '0')}`;
}
