/**
 * `createPrusaLinkPrinter`: the printkit `Printer` on a PrusaLink client. `connect()` learns the
 * dialect (`/api/version`), the default storage (`/api/v1/storage`) and whether there is a camera
 * (`/api/v1/info`), reads the status, then polls it every `pollIntervalMs`.
 */
import {
  type CameraFeed,
  type Clock,
  type Logger,
  PrinterBase,
  type PrinterFile,
  PrinterRejectedError,
  type PrinterStatus,
  redactUrl,
  type StartPrintOptions,
  silentLogger,
  systemClock,
  type UploadOptions,
} from '@printkit/core-types';
import { createPrusaLinkClient, type PrusaLinkClient } from '../client/client.js';
import type { PrusaLinkClientOptions } from '../client/options.js';
import { type PollSession, startPolling } from '../client/session.js';
import type { WireState } from '../client/state.js';
import type { Dialect, FileEntry } from '../protocol/wire.js';
import { capabilitiesFor } from './capabilities.js';
import { type LegacyProgressScale, mapStatus } from './status.js';

export interface PrusaLinkPrinterOptions extends PrusaLinkClientOptions {
  /** Background status poll, ms; 0 turns it off (status then changes on `refresh()` only). Default 2 000. */
  pollIntervalMs?: number;
  /** Deadline of `connect()`, ms. Default 30 000. */
  connectTimeoutMs?: number;
  /**
   * Scale of the legacy `/api/job` `progress.completion`: `fraction` (default, 0..1, what the
   * firmware and PrusaLink 0.9 send) or `percent` (0..100, what the legacy spec and OctoPrint document).
   */
  legacyProgressScale?: LegacyProgressScale;
  /** Storage for `startPrint`/`uploadFile`/`listFiles` when a call names none. Default: the first available one. */
  storage?: string;
  /** `printer.id`. Default: the printer's origin. */
  id?: string;
}

export interface PrusaLinkPrinter extends PrinterBase {
  /** The protocol client underneath, for everything the `Printer` interface does not cover. */
  readonly client: PrusaLinkClient;
}

const MAX_LISTED_FILES = 1_000;
const MAX_FOLDER_DEPTH = 3;

class PrusaLinkPrinterImpl extends PrinterBase implements PrusaLinkPrinter {
  readonly vendor = 'prusalink';
  readonly id: string;
  readonly client: PrusaLinkClient;
  readonly #options: PrusaLinkPrinterOptions;
  #dialect: Dialect | undefined;
  #storage: string | undefined;
  #session: PollSession | undefined;

  get #logger(): Logger {
    return this.#options.logger ?? silentLogger;
  }

  get #clock(): Clock {
    return this.#options.clock ?? systemClock;
  }

  constructor(options: PrusaLinkPrinterOptions) {
    const client = createPrusaLinkClient(options);
    super({
      capabilities: capabilitiesFor(options.dialect === 'legacy' ? 'legacy' : 'v1', false),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs }),
    });
    this.client = client;
    this.#options = options;
    this.id = options.id ?? client.origin;
  }

  protected async doConnect(signal: AbortSignal): Promise<void> {
    this.setConnectionState('connecting');
    const dialect = await this.client.dialect({ signal });
    this.#dialect = dialect;
    if (dialect === 'v1') {
      const [info, storage] = await Promise.all([
        this.client.info({ signal }),
        this.client.storage({ signal }),
      ]);
      const available =
        storage.storage_list.find((s) => s.available && !s.read_only) ?? storage.storage_list[0];
      this.#storage = this.#options.storage ?? available?.path.replace(/^\/+|\/+$/g, '');
      this.setCapabilities(capabilitiesFor('v1', info.active_camera === true));
    } else {
      this.#storage = this.#options.storage ?? 'local';
      this.setCapabilities(capabilitiesFor('legacy', false));
    }
    await this.doRefresh(signal);
    this.setConnectionState('connected');
    this.#logger.debug('prusalink: connected', {
      url: redactUrl(this.client.origin),
      dialect,
      storage: this.#storage,
      capabilities: [...this.capabilities],
    });
    const intervalMs = this.#options.pollIntervalMs ?? 2_000;
    if (intervalMs > 0 && !this.closedSignal.aborted) {
      this.#session = startPolling({
        intervalMs,
        clock: this.#clock,
        signal: this.closedSignal,
        poll: async (pollSignal) => {
          await this.doRefresh(pollSignal);
        },
        onFailure: (error, first) => {
          this.setConnectionState('reconnecting');
          this.#logger.debug('prusalink: poll failed', { code: error.code, message: error.message, first });
          if (first) this.emitError(error);
        },
        onRecovered: () => {
          this.#logger.debug('prusalink: reconnected', { url: redactUrl(this.client.origin) });
          this.setConnectionState('connected');
        },
      });
    }
  }

  protected async doClose(): Promise<void> {
    this.#session?.stop();
    await this.client.close();
  }

  protected async doRefresh(signal: AbortSignal): Promise<PrinterStatus> {
    const wire = await this.#readWire(signal);
    const { status, problem } = mapStatus(wire, {
      legacyProgressScale: this.#options.legacyProgressScale ?? 'fraction',
    });
    if (problem) this.emitError(problem);
    this.setStatus(status);
    return status;
  }

  async #readWire(signal: AbortSignal): Promise<WireState> {
    const dialect = this.#dialect ?? (await this.client.dialect({ signal }));
    if (dialect === 'legacy') {
      const [printer, job] = await Promise.all([
        this.client.legacyPrinter({ signal }),
        this.client.legacyJob({ signal }),
      ]);
      return { dialect, printer, job, receivedAt: this.#clock.now() };
    }
    const status = await this.client.status({ signal });
    // The status has the job's numbers but not its file: ask for the job only while there is one.
    const job = status.job ? await this.client.job({ signal }) : undefined;
    return { dialect, status, job, receivedAt: this.#clock.now() };
  }

  #fileRef(file: string, storage: string | undefined) {
    const name = storage ?? this.#storage ?? 'usb';
    const path = file.replace(/^\/+/, '');
    const prefix = `${name}/`;
    return { storage: name, path: path.startsWith(prefix) ? path.slice(prefix.length) : path };
  }

  async #jobId(signal: AbortSignal, operation: string): Promise<number> {
    const job = await this.client.job({ signal });
    if (!job) throw new PrinterRejectedError(`${operation}: there is no job on the printer`, { operation });
    return job.id;
  }

  protected override async doStartPrint(
    file: string,
    options: StartPrintOptions,
    signal: AbortSignal,
  ): Promise<void> {
    if (this.#dialect === 'legacy') {
      const path = await this.#legacyPath(file, signal);
      const target = options.storage ?? 'local';
      return this.client.legacyFileCommand({ target, path, command: 'select', print: true }, { signal });
    }
    await this.client.startPrint(this.#fileRef(file, options.storage), { signal });
  }

  /** A legacy file path as `/api/files` lists it (`PrusaLink gcodes/cube.gcode`); a bare name is looked up. */
  async #legacyPath(file: string, signal: AbortSignal): Promise<string> {
    const trimmed = file.replace(/^\/+/, '');
    if (trimmed.includes('/')) return trimmed;
    const listed = await this.#listLegacyFiles(signal);
    const match = listed.find((entry) => entry.path.replace(/^.*\//, '') === trimmed);
    return (match?.path ?? trimmed).replace(/^\/+/, '');
  }

  protected override async doPause(signal: AbortSignal): Promise<void> {
    if (this.#dialect === 'legacy')
      return this.client.legacyJobCommand({ command: 'pause', action: 'pause' }, { signal });
    await this.client.pauseJob(await this.#jobId(signal, 'pause'), { signal });
  }

  protected override async doResume(signal: AbortSignal): Promise<void> {
    if (this.#dialect === 'legacy')
      return this.client.legacyJobCommand({ command: 'pause', action: 'resume' }, { signal });
    await this.client.resumeJob(await this.#jobId(signal, 'resume'), { signal });
  }

  protected override async doCancel(signal: AbortSignal): Promise<void> {
    if (this.#dialect === 'legacy') return this.client.legacyJobCommand({ command: 'cancel' }, { signal });
    await this.client.stopJob(await this.#jobId(signal, 'cancel'), { signal });
  }

  protected override async doListFiles(signal: AbortSignal): Promise<PrinterFile[]> {
    if (this.#dialect === 'legacy') return this.#listLegacyFiles(signal);
    const storage = this.#storage ?? 'usb';
    const files: PrinterFile[] = [];
    const walk = async (folder: string, depth: number): Promise<void> => {
      const info = await this.client.fileInfo({ storage, path: folder }, { signal });
      for (const child of info.children ?? []) {
        if (files.length >= MAX_LISTED_FILES) return;
        const path = folder === '' ? child.name : `${folder}/${child.name}`;
        if (child.type === 'FOLDER') {
          if (depth < MAX_FOLDER_DEPTH) await walk(path, depth + 1);
        } else {
          files.push(toPrinterFile(path, child, storage));
        }
      }
    };
    await walk('', 0);
    return files;
  }

  async #listLegacyFiles(signal: AbortSignal): Promise<PrinterFile[]> {
    const listing = await this.client.legacyFiles({ signal });
    const files: PrinterFile[] = [];
    const visit = (entries: readonly Record<string, unknown>[], depth: number) => {
      for (const entry of entries) {
        if (files.length >= MAX_LISTED_FILES) return;
        const children = Object.hasOwn(entry, 'children') ? entry.children : undefined;
        if (Array.isArray(children)) {
          if (depth < MAX_FOLDER_DEPTH) visit(children as Record<string, unknown>[], depth + 1);
          continue;
        }
        const name = typeof entry.name === 'string' ? entry.name : undefined;
        if (name === undefined) continue;
        const file: PrinterFile = {
          path: typeof entry.path === 'string' ? entry.path : name,
          storage: 'local',
        };
        if (typeof entry.size === 'number' && Number.isFinite(entry.size)) file.sizeBytes = entry.size;
        if (typeof entry.date === 'number' && Number.isFinite(entry.date))
          file.modifiedAt = entry.date * 1000;
        files.push(file);
      }
    };
    visit(listing.files as Record<string, unknown>[], 0);
    return files;
  }

  protected override async doUploadFile(
    name: string,
    data: Uint8Array,
    options: UploadOptions,
    signal: AbortSignal,
  ): Promise<void> {
    const ref = this.#fileRef(name, undefined);
    await this.client.uploadFile(
      { ...ref, data, overwrite: true, printAfterUpload: options.startPrint ?? false },
      { signal },
    );
  }

  protected override async doCamera(signal: AbortSignal): Promise<CameraFeed> {
    const snapshot = await this.client.snapshot({ signal });
    if (!snapshot)
      throw new PrinterRejectedError('camera: the camera has no image yet', { operation: 'camera' });
    return { kind: 'snapshot', contentType: snapshot.contentType, data: snapshot.data };
  }
}

function toPrinterFile(path: string, entry: FileEntry, storage: string): PrinterFile {
  const file: PrinterFile = { path, storage };
  if (typeof entry.size === 'number' && Number.isFinite(entry.size) && entry.size >= 0)
    file.sizeBytes = entry.size;
  if (typeof entry.m_timestamp === 'number' && Number.isFinite(entry.m_timestamp))
    file.modifiedAt = entry.m_timestamp * 1000;
  return file;
}

export function createPrusaLinkPrinter(options: PrusaLinkPrinterOptions): PrusaLinkPrinter {
  return new PrusaLinkPrinterImpl(options);
}
