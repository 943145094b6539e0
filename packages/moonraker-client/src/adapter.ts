/**
 * `createMoonrakerPrinter(options)`: a printkit `Printer` on top of `MoonrakerClient`.
 *
 * Capabilities are what stock Klipper + Moonraker offer: print start/pause/resume/cancel, nozzle
 * and bed temperature, file list and upload, G-code, part fan (`M106`), speed factor (`M220`) and
 * emergency stop. `light` is declared only when a light pin or macros are configured, since Klipper
 * has no standard light. No camera (Moonraker's webcam list points at other services) and no
 * chamber heater (no standard object).
 */
import {
  type Capability,
  type HeaterName,
  PrinterBase,
  type ConnectionState as PrinterConnectionState,
  type PrinterFile,
  PrinterRejectedError,
  type PrinterStatus,
  type StartPrintOptions,
  type UploadOptions,
} from '@printkit/core-types';
import {
  createMoonrakerClient,
  DEFAULT_SUBSCRIPTION,
  type MoonrakerClient,
  type MoonrakerClientOptions,
} from './client.js';
import type { ObjectsRequest } from './objects.js';
import { toPrinterStatus } from './status-mapping.js';

export type MoonrakerLight =
  /** An `[output_pin NAME]`: `SET_PIN PIN=NAME VALUE=1|0`. */
  | { pin: string }
  /** G-code macros (or any G-code) that switch the light. */
  | { on: string; off: string };

export interface MoonrakerPrinterOptions extends Omit<MoonrakerClientOptions, 'transport' | 'subscribe'> {
  /** Use an existing client instead of creating one (the printer then owns and closes it). */
  client?: MoonrakerClient;
  /** Declares the `light` capability: how to switch the light. */
  light?: MoonrakerLight;
}

const HEATER_OBJECT: Partial<Record<HeaterName, string>> = { nozzle: 'extruder', bed: 'heater_bed' };

const REFRESH_OBJECTS: ObjectsRequest = Object.fromEntries(DEFAULT_SUBSCRIPTION.map((name) => [name, null]));

function percent(value: number, what: string): number {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new PrinterRejectedError(`${what} must be a percentage ≥ 0, got ${value}`, { operation: what });
  }
  return value;
}

export class MoonrakerPrinter extends PrinterBase {
  readonly vendor = 'moonraker';
  readonly id: string;
  readonly client: MoonrakerClient;
  readonly #light: MoonrakerLight | undefined;
  #updatedAt = 0;
  #wired = false;

  constructor(options: MoonrakerPrinterOptions) {
    const capabilities: Capability[] = [
      'print.start',
      'print.pause',
      'print.resume',
      'print.cancel',
      'temperature.nozzle',
      'temperature.bed',
      'files.list',
      'files.upload',
      'gcode',
      'fan',
      'speed',
      'emergency-stop',
    ];
    if (options.light) capabilities.push('light');
    super({
      capabilities,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs }),
    });
    this.id = options.url;
    this.#light = options.light;
    this.client = options.client ?? createMoonrakerClient({ ...options, transport: 'websocket' });
  }

  protected async doConnect(signal: AbortSignal): Promise<void> {
    this.#wire();
    this.setConnectionState('connecting');
    await this.client.connect({ signal, timeoutMs: 0 });
    this.#update();
  }

  protected async doClose(): Promise<void> {
    await this.client.close();
  }

  protected async doRefresh(signal: AbortSignal): Promise<PrinterStatus> {
    const available = new Set(this.client.availableObjects);
    const objects =
      available.size === 0
        ? REFRESH_OBJECTS
        : Object.fromEntries(Object.entries(REFRESH_OBJECTS).filter(([name]) => available.has(name)));
    await this.client.queryObjects(objects, { signal, timeoutMs: 0 });
    this.#updatedAt = Date.now();
    this.#update();
    return this.status;
  }

  protected override async doStartPrint(
    file: string,
    _options: StartPrintOptions,
    signal: AbortSignal,
  ): Promise<void> {
    await this.client.startPrint(file, { signal, timeoutMs: 0 });
  }
  protected override async doPause(signal: AbortSignal): Promise<void> {
    await this.client.pausePrint({ signal, timeoutMs: 0 });
  }
  protected override async doResume(signal: AbortSignal): Promise<void> {
    await this.client.resumePrint({ signal, timeoutMs: 0 });
  }
  protected override async doCancel(signal: AbortSignal): Promise<void> {
    await this.client.cancelPrint({ signal, timeoutMs: 0 });
  }
  protected override async doSetTargetTemperature(
    heater: HeaterName,
    celsius: number,
    signal: AbortSignal,
  ): Promise<void> {
    const object = HEATER_OBJECT[heater];
    if (!object)
      throw new PrinterRejectedError(`No ${heater} heater on a Klipper printer`, {
        operation: 'setTargetTemperature',
      });
    const target = percent(celsius, 'setTargetTemperature');
    await this.#gcode(`SET_HEATER_TEMPERATURE HEATER=${object} TARGET=${target}`, signal);
  }
  protected override async doListFiles(signal: AbortSignal): Promise<PrinterFile[]> {
    const files = await this.client.listFiles('gcodes', { signal, timeoutMs: 0 });
    return files.map((file) => ({
      path: file.path,
      sizeBytes: file.size,
      modifiedAt: Math.round(file.modified * 1000),
      storage: 'gcodes',
    }));
  }
  protected override async doUploadFile(
    name: string,
    data: Uint8Array,
    options: UploadOptions,
    signal: AbortSignal,
  ): Promise<void> {
    await this.client.uploadFile(name, data, { signal, timeoutMs: 0, print: options.startPrint ?? false });
  }
  protected override async doSendGcode(script: string, signal: AbortSignal): Promise<void> {
    await this.#gcode(script, signal);
  }
  protected override async doSetLight(on: boolean, signal: AbortSignal): Promise<void> {
    const light = this.#light;
    if (!light) return;
    await this.#gcode(
      'pin' in light ? `SET_PIN PIN=${light.pin} VALUE=${on ? 1 : 0}` : on ? light.on : light.off,
      signal,
    );
  }
  protected override async doSetSpeed(value: number, signal: AbortSignal): Promise<void> {
    await this.#gcode(`M220 S${Math.round(percent(value, 'setSpeed'))}`, signal);
  }
  protected override async doSetFan(value: number, signal: AbortSignal): Promise<void> {
    const pwm = Math.round((Math.min(100, percent(value, 'setFan')) / 100) * 255);
    await this.#gcode(`M106 S${pwm}`, signal);
  }
  protected override async doEmergencyStop(signal: AbortSignal): Promise<void> {
    await this.client.emergencyStop({ signal, timeoutMs: 0 });
  }

  #gcode(script: string, signal: AbortSignal): Promise<string> {
    return this.client.runGcode(script, { signal, timeoutMs: 0 });
  }

  /** Client events → printer events, once. */
  #wire(): void {
    if (this.#wired) return;
    this.#wired = true;
    const { client } = this;
    client.on('status', () => {
      this.#updatedAt = Date.now();
      this.#update();
    });
    client.on('klippy', () => this.#update());
    client.on('notify_gcode_response', (line) => this.emitGcodeResponse(line));
    client.on('error', (error) => this.emitError(error));
    client.on('connection', (state) => {
      if (state === 'closed') return;
      this.setConnectionState(state as PrinterConnectionState);
      this.#update();
    });
  }

  #update(): void {
    if (this.client.connectionState !== 'connected') {
      if (this.status.state !== 'offline' || this.#updatedAt !== 0) {
        this.setStatus({ ...this.status, state: 'offline', updatedAt: this.status.updatedAt });
      }
      return;
    }
    this.setStatus(
      toPrinterStatus(this.client.status, this.client.klippyState, this.#updatedAt || Date.now()),
    );
  }
}

export function createMoonrakerPrinter(options: MoonrakerPrinterOptions): MoonrakerPrinter {
  return new MoonrakerPrinter(options);
}
