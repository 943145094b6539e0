/**
 * `createPrusaConnectPrinter(options)`: one Connect printer as a printkit `Printer`, built only on
 * the protocol client. It polls the printer detail adaptively (see polling.ts), sends commands
 * through `commands/sync`, declares capabilities from the printer's `supported-commands` (fetched on
 * connect), uploads with the two-step upload and takes camera snapshots.
 */
import {
  type CameraFeed,
  type Clock,
  ConnectionError,
  type HeaterName,
  InvalidArgumentError,
  type Logger,
  PrinterBase,
  type PrinterFile,
  type PrinterStatus,
  type PrintkitError,
  ProtocolError,
  type StartPrintOptions,
  silentLogger,
  systemClock,
  UnsupportedError,
  type UploadOptions,
} from '@printkit/core-types';
import { createPrusaConnectClient, type PrusaConnectClient } from '../client/client.js';
import { checkTimeout, type PrusaConnectClientOptions } from '../client/options.js';
import { type PollIntervals, PollSession } from '../client/session.js';
import { DetailState } from '../client/state.js';
import { fileModifiedAt } from '../protocol/schemas-jobs.js';
import type { Camera, Printer as PrinterDetail } from '../protocol/wire.js';
import { capabilitiesOf } from './capabilities.js';
import { toPrinterStatus } from './status.js';

export interface PrusaConnectPrinterOptions extends PrusaConnectClientOptions {
  /** The printer's uuid in Connect. */
  printerUuid: string;
  /** Share one client (one connection pool) between printers; it is not closed with the printer. */
  client?: PrusaConnectClient;
  /** Team for uploads; default the printer detail's `team_id`. */
  teamId?: number;
  /** Storage a bare file name is looked up on by `startPrint` and uploaded to. Default `/usb`. */
  storage?: string;
  /** Poll intervals (defaults and why: client/session.ts / README). */
  poll?: PollIntervals;
  /** Polls in the background after `connect()`. Default true; false: only `refresh()` reads. */
  background?: boolean;
}

class PrusaConnectPrinter extends PrinterBase {
  readonly vendor = 'prusa-connect';
  readonly id: string;
  readonly #client: PrusaConnectClient;
  readonly #ownsClient: boolean;
  readonly #options: PrusaConnectPrinterOptions;
  readonly #clock: Clock;
  readonly #logger: Logger;
  #teamId: number | undefined;
  #camera: Camera | undefined;
  readonly #session: PollSession;
  readonly #state = new DetailState();

  constructor(options: PrusaConnectPrinterOptions) {
    // Nothing is declared before connect(): capabilities come from the printer's supported-commands.
    super({ capabilities: [], timeoutMs: options.timeoutMs ?? 10_000 });
    this.id = options.printerUuid;
    this.#options = options;
    this.#ownsClient = options.client === undefined;
    this.#client = options.client ?? createPrusaConnectClient(options);
    this.#teamId = options.teamId;
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? silentLogger;
    this.#session = new PollSession(this.#clock, options.poll, {
      refresh: () => this.refresh(),
      state: () => this.status.state,
      closed: this.closedSignal,
      onSuccess: () => this.setConnectionState('connected'),
      onFailure: (error, report, failures) => this.#onPollFailure(error, report, failures),
    });
  }

  /**
   * The last printer detail Connect sent (wire names and units), for what `status` does not carry:
   * `speed`, `flow`, axes, `tools`, fans, `network_info`... Undefined before `connect()`.
   */
  get detail(): PrinterDetail | undefined {
    return this.#state.detail;
  }

  /** The protocol client underneath, for everything the `Printer` interface does not cover. */
  get client(): PrusaConnectClient {
    return this.#client;
  }

  get #uuid(): string {
    return this.#options.printerUuid;
  }

  protected async doConnect(signal: AbortSignal): Promise<void> {
    this.setConnectionState('connecting');
    const uuid = this.#uuid;
    const [detail, supported, cameras] = await Promise.all([
      this.#client.printers.get(uuid, { signal }),
      this.#client.commands.supported(uuid, { signal }),
      // A printer without cameras (or an account without the camera feature) is no reason to fail.
      this.#client.cameras.forPrinter(uuid, { signal }).catch(() => undefined),
    ]).catch((error: unknown) => {
      // Nothing retries a failed connect: do not stay 'connecting'.
      this.setConnectionState('disconnected');
      throw error;
    });
    this.#teamId ??= detail.team_id;
    this.#camera =
      cameras?.cameras.find((camera) => camera.features?.includes('GetSnapshot')) ?? cameras?.cameras[0];
    this.setCapabilities(capabilitiesOf(supported, detail, this.#camera !== undefined, this.#teamId));
    this.#applyDetail(detail);
    this.#logger.debug('prusa-connect: connected', { printer: uuid });
    this.setConnectionState('connected');
    if (this.#options.background !== false) this.#session.schedule();
  }

  protected async doClose(): Promise<void> {
    this.#session.stop();
    if (this.#ownsClient) await this.#client.close();
  }

  protected async doRefresh(signal: AbortSignal): Promise<PrinterStatus> {
    let detail: unknown;
    let invalid: ProtocolError | undefined;
    try {
      detail = await this.#client.printers.get(this.#uuid, { signal });
    } catch (error) {
      // A detail that fails its schema is still JSON: map what can be used, field by field (the
      // status guard names what it drops), rather than losing the whole poll to one bad field.
      if (!ProtocolError.isInstance(error) || !isJsonObject(error.payload)) throw error;
      detail = error.payload;
      invalid = error;
    }
    return this.#applyDetail(detail, invalid);
  }

  /** Sets the status from a detail; reports one `ProtocolError` when some of it could not be used. */
  #applyDetail(detail: unknown, invalid?: ProtocolError): PrinterStatus {
    const receivedAt = this.#clock.now();
    // Only a detail that passed validation is wire state; a salvaged one only feeds the status.
    if (!invalid) this.#state.update(detail as PrinterDetail, receivedAt);
    const { status, error } = toPrinterStatus(detail, receivedAt);
    this.setStatus(status);
    const problem = error ?? invalid;
    if (problem) {
      this.#logger.debug('prusa-connect: protocol error', { printer: this.#uuid, error: problem.message });
      this.emitError(problem);
    }
    return status;
  }

  // --- background polling (client/session.ts) ----------------------------------------------

  /** The delay the poller would wait now (exposed for tests and tools). */
  nextPollDelay(): number {
    return this.#session.nextDelay();
  }

  #onPollFailure(error: PrintkitError, report: boolean, failures: number): void {
    if (ConnectionError.isInstance(error)) this.setConnectionState('reconnecting');
    this.#logger.debug('prusa-connect: poll failed', { printer: this.#uuid, failures, error: error.message });
    if (report) this.emitError(error);
  }

  /** After a command: poll soon to show its effect. */
  #afterCommand(): void {
    this.#session.commandSent(this.#options.background !== false && this.connectionState !== 'disconnected');
  }

  async #command(name: string, kwargs: Record<string, unknown>, signal: AbortSignal): Promise<void> {
    try {
      await this.#client.command(this.#uuid, name, kwargs, { signal });
    } finally {
      this.#afterCommand();
    }
  }

  // --- capabilities ---------------------------------------------------------------------------

  #pathOf(file: string, storage?: string): string {
    if (file.startsWith('/')) return file;
    const root = (storage ?? this.#options.storage ?? '/usb').replace(/\/+$/, '');
    return `${root.startsWith('/') ? root : `/${root}`}/${file}`;
  }

  protected override doStartPrint(file: string, options: StartPrintOptions, signal: AbortSignal) {
    return this.#command('START_PRINT', { path: this.#pathOf(file, options.storage) }, signal);
  }
  protected override doPause(signal: AbortSignal) {
    return this.#command('PAUSE_PRINT', {}, signal);
  }
  protected override doResume(signal: AbortSignal) {
    return this.#command('RESUME_PRINT', {}, signal);
  }
  protected override doCancel(signal: AbortSignal) {
    return this.#command('STOP_PRINT', {}, signal);
  }
  protected override doSetTargetTemperature(heater: HeaterName, celsius: number, signal: AbortSignal) {
    if (heater === 'nozzle')
      return this.#command('SET_NOZZLE_TEMPERATURE', { nozzle_temperature: celsius }, signal);
    if (heater === 'bed')
      return this.#command('SET_HEATBED_TEMPERATURE', { bed_temperature: celsius }, signal);
    return Promise.reject(
      new UnsupportedError('Connect has no chamber target command', { capability: 'temperature.chamber' }),
    );
  }
  protected override doSetSpeed(percent: number, signal: AbortSignal) {
    return this.#command('SET_SPEED', { speed: Math.round(percent) }, signal);
  }
  protected override doCancelObject(objectId: string | number, signal: AbortSignal) {
    return this.#command('CANCEL_OBJECT', { object_id: Number(objectId) }, signal);
  }
  protected override doSendGcode(script: string, signal: AbortSignal) {
    return this.#command('SEND_GCODE', { gcode: script }, signal);
  }
  protected override doSetLight(on: boolean, signal: AbortSignal) {
    return this.#command('SET_CHAMBER_LED_INTENSITY', { 'chamber.led_intensity': on ? 100 : 0 }, signal);
  }

  protected override async doListFiles(signal: AbortSignal): Promise<PrinterFile[]> {
    const files: PrinterFile[] = [];
    for await (const entry of this.#client.files.iterate(this.#uuid, {}, { signal })) {
      const path = entry.path ?? entry.name;
      if (!path) continue;
      const file: PrinterFile = { path };
      if (typeof entry.size === 'number') file.sizeBytes = entry.size;
      const modified = fileModifiedAt(entry);
      if (modified !== undefined) file.modifiedAt = modified * 1000;
      const storage = path.startsWith('/') ? path.slice(0, path.indexOf('/', 1)) : undefined;
      if (storage) file.storage = storage;
      files.push(file);
    }
    return files;
  }

  protected override async doUploadFile(
    name: string,
    data: Uint8Array,
    options: UploadOptions,
    signal: AbortSignal,
  ): Promise<void> {
    const teamId = this.#teamId;
    if (teamId === undefined) {
      throw new UnsupportedError('Uploading needs a team id (option teamId)', { capability: 'files.upload' });
    }
    const slash = name.lastIndexOf('/');
    const folder = slash > 0 ? name.slice(0, slash) : (this.#options.storage ?? '/usb');
    const result = await this.#client.uploads.uploadFile({
      teamId,
      filename: name.slice(slash + 1),
      data,
      destination: `${folder.replace(/\/+$/, '')}/`,
      printerUuid: this.#uuid,
      signal,
    });
    if (options.startPrint) await this.#command('START_PRINT', { path: result.path }, signal);
  }

  protected override async doCamera(signal: AbortSignal): Promise<CameraFeed> {
    const camera = this.#camera;
    if (!camera)
      throw new UnsupportedError('This printer has no camera in Connect', { capability: 'camera' });
    const snapshot = await this.#client.cameras.snapshot(camera.id, { printerUuid: this.#uuid, signal });
    if (snapshot.notModified) {
      throw new ProtocolError('Connect answered "not modified" to an unconditional snapshot request', {
        operation: 'camera',
      });
    }
    return { kind: 'snapshot', contentType: snapshot.contentType, data: snapshot.data };
  }
}

export type { PrusaConnectPrinter };

export function createPrusaConnectPrinter(options: PrusaConnectPrinterOptions): PrusaConnectPrinter {
  checkPrinterOptions(options);
  return new PrusaConnectPrinter(options);
}

/** The printer's own options (the client checks the rest); bad ones throw `InvalidArgumentError`. */
function checkPrinterOptions(options: PrusaConnectPrinterOptions): void {
  const fail = (argument: string, expected: string): never => {
    throw new InvalidArgumentError(`Option ${argument} must be ${expected}`, { argument });
  };
  if (typeof options !== 'object' || options === null) fail('options', 'an object');
  if (typeof options.printerUuid !== 'string' || options.printerUuid === '')
    fail('printerUuid', "the printer's uuid in Connect");
  if (options.teamId !== undefined && !Number.isInteger(options.teamId)) fail('teamId', 'an integer');
  if (options.storage !== undefined && typeof options.storage !== 'string') fail('storage', 'a string');
  checkTimeout('timeoutMs', options.timeoutMs);
  for (const [name, value] of Object.entries(options.poll ?? {})) checkTimeout(`poll.${name}`, value);
  const client = options.client as Partial<PrusaConnectClient> | undefined;
  if (client !== undefined && typeof client?.request !== 'function')
    fail('client', 'a client made by createPrusaConnectClient');
}

const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
