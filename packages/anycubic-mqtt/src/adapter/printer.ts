/**
 * `createAnycubicPrinter(options)`: the printkit `Printer` for Anycubic printers, built only on the
 * protocol client.
 */
import {
  type CameraFeed,
  type HeaterName,
  PrinterBase,
  type PrinterFile,
  type PrinterStatus,
  type StartPrintOptions,
  UnsupportedError,
  type UploadOptions,
} from '@printkit/core-types';
import { AnycubicClient, type CommandOptions } from '../client/client.js';
import type { AnycubicClientOptions } from '../client/options.js';
import {
  DEFAULT_MODEL_ID,
  type LightTypeValue,
  type ModelOverride,
  type SuppliesUnit,
} from '../protocol/models.js';
import { CURRENT_TASK, speedModeForPercent } from '../protocol/table.js';
import type { FileRecord } from '../protocol/wire.js';
import { capabilitiesForModel, reportedCamera, resolveModel } from './capabilities.js';
import { mapStatus, type StatusMapOptions } from './status.js';
import { type SuppliesUsage, suppliesUsage } from './supplies.js';

export interface AnycubicPrinterOptions extends AnycubicClientOptions, StatusMapOptions {
  /** Which light `setLight` switches. Default: the model's main light (head; chamber on the S1 family). */
  lightType?: LightTypeValue;
  /**
   * Corrections to the model table for this printer (sources disagree: on a Kobra 3 V2 one says type 3
   * is the chamber LED): `lights`, `chamberSensor`, `camera: false` for a printer without one, `name`,
   * `suppliesUnit` (`'g'` or `'mm'`: what `supplies_usage` counts on this printer).
   */
  model?: ModelOverride;
  /** Deadline of `connect()`, ms. Default 30 000. */
  connectTimeoutMs?: number;
}

/** Seconds or milliseconds since the epoch → milliseconds (firmware differs). */
function toEpochMs(timestamp: number | null | undefined): number | undefined {
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp) || timestamp <= 0) return undefined;
  return timestamp < 1e12 ? timestamp * 1000 : timestamp;
}

function toPrinterFile(record: FileRecord, storage: string): PrinterFile {
  const file: PrinterFile = { path: record.filename, storage };
  if (typeof record.size === 'number') file.sizeBytes = record.size;
  const modifiedAt = toEpochMs(record.timestamp);
  if (modifiedAt !== undefined) file.modifiedAt = modifiedAt;
  return file;
}

export class AnycubicPrinter extends PrinterBase {
  readonly vendor = 'anycubic';
  readonly id: string;
  /** The protocol client underneath, for everything the `Printer` interface does not cover. */
  readonly client: AnycubicClient;
  readonly #lightType: LightTypeValue;
  readonly #statusOptions: StatusMapOptions;
  readonly #unsubscribe: Array<() => void> = [];
  readonly #modelId: number;
  readonly #modelOverride: ModelOverride | undefined;
  readonly #suppliesUnit: SuppliesUnit;
  /** The camera as `peripherie` last reported it; `undefined` until then (the model table decides). */
  #cameraReported: boolean | undefined;

  constructor(options: AnycubicPrinterOptions) {
    const modelId = options.modelId ?? DEFAULT_MODEL_ID;
    super({
      capabilities: capabilitiesForModel(modelId, options.model),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs }),
    });
    this.client = new AnycubicClient(options);
    this.id = options.deviceId;
    this.#modelId = modelId;
    this.#modelOverride = options.model;
    this.#suppliesUnit = resolveModel(modelId, options.model).suppliesUnit;
    this.#lightType = options.lightType ?? resolveModel(modelId, options.model).lights[0] ?? 1;
    this.#statusOptions = options.timeUnit === undefined ? {} : { timeUnit: options.timeUnit };
  }

  /**
   * Filament the current (or last) job has used, from `supplies_usage`, with the unit of this model
   * (grams on the Kobra S1, mm elsewhere; `model.suppliesUnit` overrides). `undefined` until reported.
   */
  get suppliesUsage(): SuppliesUsage | undefined {
    return suppliesUsage(this.client.state, this.#suppliesUnit);
  }

  protected async doConnect(signal: AbortSignal): Promise<void> {
    if (this.#unsubscribe.length === 0) {
      this.#unsubscribe.push(
        this.client.on('state', () => {
          this.#updateCapabilities();
          this.#publishStatus();
        }),
        this.client.on('error', (error) => this.emitError(error)),
        this.client.on('connection', (state) => {
          if (state === 'closed') return; // PrinterBase reports `closed` itself.
          this.setConnectionState(state);
          if (state === 'reconnecting' || state === 'disconnected') {
            this.setStatus({ ...this.status, state: 'offline', rawState: 'disconnected' });
          }
        }),
      );
    }
    this.setConnectionState('connecting');
    await this.client.connect({ signal, timeoutMs: 0 });
    await this.client.queryInfo(this.#call(signal));
    this.#publishStatus();
    this.setConnectionState('connected');
    // Whether a camera is fitted: asked once here (LAN mode's poll asks again); not awaited, so a
    // printer that never answers `peripherie` costs no connect time — the model table stays until then.
    this.client.queryPeripherals({ signal: this.closedSignal }).catch(() => undefined);
  }

  protected async doClose(): Promise<void> {
    for (const off of this.#unsubscribe.splice(0)) off();
    await this.client.close();
  }

  protected async doRefresh(signal: AbortSignal): Promise<PrinterStatus> {
    await this.client.queryInfo(this.#call(signal));
    return this.#publishStatus();
  }

  protected override async doStartPrint(file: string, _options: StartPrintOptions, signal: AbortSignal) {
    await this.client.startPrint({ taskid: CURRENT_TASK, filename: file, filetype: 1 }, this.#call(signal));
  }

  protected override async doPause(signal: AbortSignal): Promise<void> {
    await this.client.pausePrint(this.#call(signal));
  }

  protected override async doResume(signal: AbortSignal): Promise<void> {
    await this.client.resumePrint(this.#call(signal));
  }

  protected override async doCancel(signal: AbortSignal): Promise<void> {
    await this.client.stopPrint(this.#call(signal));
  }

  /** While printing: `print/update`; idle: `tempature/set` (an idle printer ignores `print/update`). */
  protected override async doSetTargetTemperature(heater: HeaterName, celsius: number, signal: AbortSignal) {
    const call = this.#call(signal);
    if (this.client.isPrinting) {
      const settings = heater === 'bed' ? { target_hotbed_temp: celsius } : { target_nozzle_temp: celsius };
      await this.client.updatePrint(settings, call);
    } else {
      await this.client.setIdleTemperature(heater === 'bed' ? { bed: celsius } : { nozzle: celsius }, call);
    }
  }

  protected override async doListFiles(signal: AbortSignal): Promise<PrinterFile[]> {
    const records = await this.client.listAllFiles('local', this.#call(signal));
    return records.filter((record) => !record.is_dir).map((record) => toPrinterFile(record, 'local'));
  }

  protected override async doUploadFile(
    name: string,
    data: Uint8Array,
    options: UploadOptions,
    signal: AbortSignal,
  ): Promise<void> {
    await this.client.uploadFile(name, data, { signal, timeoutMs: 0 });
    if (options.startPrint) await this.doStartPrint(name, {}, signal);
  }

  protected override async doSetLight(on: boolean, signal: AbortSignal): Promise<void> {
    await this.client.setLight(this.#lightType, on, this.#call(signal));
  }

  /** `peripherie/query` is how a printer says whether it has a camera: `camera: 0` refuses here. */
  protected override async doCamera(signal: AbortSignal): Promise<CameraFeed> {
    const camera = this.client.state.peripherie?.camera;
    if (camera === 0 || camera === false) {
      throw new UnsupportedError('This printer reports no camera (peripherie: camera 0)', {
        capability: 'camera',
      });
    }
    const stream = await this.client.startCamera(this.#call(signal));
    return { kind: 'stream', url: stream.url, format: stream.format };
  }

  /** The firmware has three speed modes, not a percentage: see `speedModeForPercent`. */
  protected override async doSetSpeed(percent: number, signal: AbortSignal): Promise<void> {
    await this.client.updatePrint({ print_speed_mode: speedModeForPercent(percent) }, this.#call(signal));
  }

  protected override async doSetFan(percent: number, signal: AbortSignal): Promise<void> {
    const call = this.#call(signal);
    if (this.client.isPrinting) await this.client.updatePrint({ fan_speed_pct: percent }, call);
    else await this.client.setFanSpeed(percent, call);
  }

  /** `camera` follows the printer's `peripherie` report once there is one (the table before). */
  #updateCapabilities(): void {
    const camera = reportedCamera(this.client.state.peripherie?.camera);
    if (camera === undefined || camera === this.#cameraReported) return;
    this.#cameraReported = camera;
    this.setCapabilities(capabilitiesForModel(this.#modelId, this.#modelOverride, camera));
  }

  /** PrinterBase already put a deadline on `signal`; the client adds none of its own. */
  #call(signal: AbortSignal): CommandOptions {
    return { signal, timeoutMs: 0 };
  }

  /** The message of the last dropped-fields error, so a bad value that stays is reported once. */
  #lastStatusProblem: string | undefined;

  #publishStatus(): PrinterStatus {
    const { status, error } = mapStatus(this.client.state, {
      ...this.#statusOptions,
      previous: this.status.state,
    });
    if (error && error.message !== this.#lastStatusProblem) this.emitError(error);
    this.#lastStatusProblem = error?.message;
    this.setStatus(status);
    return this.status;
  }
}

export function createAnycubicPrinter(options: AnycubicPrinterOptions): AnycubicPrinter {
  return new AnycubicPrinter(options);
}
