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
  type CameraFeed,
  type Clock,
  type HeaterName,
  InvalidArgumentError,
  PrinterBase,
  type ConnectionState as PrinterConnectionState,
  type PrinterFile,
  type PrinterStatus,
  ProtocolError,
  redactText,
  type StartPrintOptions,
  UnsupportedError,
  type UploadOptions,
} from '@printkit/core-types';
import { ownValue } from '@printkit/core-types/codec';
import { createMoonrakerClient, DEFAULT_SUBSCRIPTION, type MoonrakerClient } from '../client/client.js';
import type { MoonrakerClientOptions } from '../client/options.js';
import type { ObjectsRequest } from '../protocol/wire.js';
import { redactError } from '../transport/redact.js';
import { moonrakerCapabilities } from './capabilities.js';
import { toPrinterStatus } from './status.js';

/** Klippy states in which `printer.objects.*` answer (shutdown and error still serve objects). */
const KLIPPY_SERVES_OBJECTS: ReadonlySet<string> = new Set(['ready', 'shutdown', 'error']);

export type MoonrakerLight =
  /** An `[output_pin NAME]`: `SET_PIN PIN=NAME VALUE=1|0`. */
  | { pin: string }
  /** G-code macros (or any G-code) that switch the light. */
  | { on: string; off: string };

export interface MoonrakerPrinterOptions extends Omit<MoonrakerClientOptions, 'transport' | 'subscribe'> {
  /**
   * Use an existing client instead of creating one. Whoever creates a resource closes it: the printer
   * never closes an injected client (close it yourself after `printer.close()`).
   */
  client?: MoonrakerClient;
  /** Declares the `light` capability: how to switch the light. */
  light?: MoonrakerLight;
  /**
   * Declares the `camera` capability: `camera()` gives the stream of the webcam with this `uid` from
   * Moonraker's webcam list, or (`true`) of the first enabled one.
   */
  camera?: boolean | { uid: string };
}

const HEATER_OBJECT: Readonly<Record<string, string>> = { nozzle: 'extruder', bed: 'heater_bed' };

/** The typed objects, plus the light's `output_pin` when the light is a pin (so its value is in `client.status`). */
function objectsFor(light: MoonrakerLight | undefined): ObjectsRequest {
  const objects: ObjectsRequest = Object.fromEntries(DEFAULT_SUBSCRIPTION.map((name) => [name, null]));
  if (light && 'pin' in light) objects[`output_pin ${light.pin}`] = null;
  return objects;
}

export class MoonrakerPrinter extends PrinterBase {
  readonly vendor = 'moonraker';
  readonly id: string;
  readonly client: MoonrakerClient;
  readonly #light: MoonrakerLight | undefined;
  readonly #camera: boolean | { uid: string } | undefined;
  readonly #baseUrl: string;
  readonly #refreshObjects: ObjectsRequest;
  /** Whether this printer created its client (and so closes it). */
  readonly #ownsClient: boolean;
  #updatedAt = 0;
  #wired = false;
  readonly #unsubscribe: (() => void)[] = [];
  readonly #clock: Clock | undefined;
  #lastProblem: string | undefined;

  constructor(options: MoonrakerPrinterOptions) {
    const capabilities = moonrakerCapabilities({
      light: options.light !== undefined,
      camera: options.camera !== undefined && options.camera !== false,
    });
    super({
      capabilities,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs }),
    });
    this.id = options.url;
    if (options.light && 'pin' in options.light && !/^\S+$/.test(options.light.pin)) {
      throw new InvalidArgumentError(
        `light.pin must be one word (an [output_pin] name), got "${options.light.pin}"`,
        {
          argument: 'light.pin',
        },
      );
    }
    this.#light = options.light;
    this.#camera = options.camera;
    this.#baseUrl = options.url;
    this.#clock = options.clock;
    this.#refreshObjects = objectsFor(options.light);
    this.#ownsClient = options.client === undefined;
    this.client =
      options.client ??
      createMoonrakerClient({ ...options, transport: 'websocket', subscribe: this.#refreshObjects });
  }

  protected async doConnect(signal: AbortSignal): Promise<void> {
    this.#wire();
    this.setConnectionState('connecting');
    await this.client.connect({ signal, timeoutMs: 0 });
    this.#update();
  }

  protected async doClose(): Promise<void> {
    for (const off of this.#unsubscribe.splice(0)) off();
    this.#wired = false;
    if (this.#ownsClient) await this.client.close();
  }

  protected async doRefresh(signal: AbortSignal): Promise<PrinterStatus> {
    if (!KLIPPY_SERVES_OBJECTS.has(this.client.klippyState)) {
      // Klippy is off or starting: object queries would fail with 503 "Klippy Host not connected",
      // yet the printer's state is known (offline / preparing). Moonraker itself still answers.
      await this.client.serverInfo({ signal, timeoutMs: 0 });
      this.#updatedAt = this.#now();
      this.#update();
      return this.status;
    }
    const available = new Set(this.client.availableObjects);
    const objects =
      available.size === 0
        ? this.#refreshObjects
        : Object.fromEntries(Object.entries(this.#refreshObjects).filter(([name]) => available.has(name)));
    await this.client.queryObjects(objects, { signal, timeoutMs: 0 });
    this.#updatedAt = this.#now();
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
    const object = ownValue(HEATER_OBJECT, heater);
    if (!object) {
      throw new UnsupportedError(`No ${heater} heater on a Klipper printer`, {
        capability: `temperature.${heater}`,
        operation: 'setTargetTemperature',
      });
    }
    // PrinterBase has refused negative and non-finite values already.
    await this.#gcode(`SET_HEATER_TEMPERATURE HEATER=${object} TARGET=${celsius}`, signal);
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
    // Klipper's M220 takes any S above 0 (a float), so the percentage (checked > 0 by PrinterBase)
    // is sent as it is.
    await this.#gcode(`M220 S${value}`, signal);
  }
  protected override async doSetFan(value: number, signal: AbortSignal): Promise<void> {
    const pwm = Math.round((value / 100) * 255);
    await this.#gcode(`M106 S${pwm}`, signal);
  }
  protected override async doCamera(signal: AbortSignal): Promise<CameraFeed> {
    const wanted = this.#camera;
    const { webcams } = await this.client.webcams({ signal, timeoutMs: 0 });
    const webcam =
      typeof wanted === 'object'
        ? webcams.find((entry) => entry.uid === wanted.uid)
        : webcams.find((entry) => entry.enabled !== false && entry.stream_url);
    if (!webcam?.stream_url) {
      throw new UnsupportedError(
        typeof wanted === 'object' ? `No webcam with uid ${wanted.uid}` : 'Moonraker lists no enabled webcam',
        { capability: 'camera', operation: 'camera' },
      );
    }
    // Moonraker's URLs may be paths on its own host (webcam.py `_get_url`).
    let url: string;
    try {
      url = new URL(webcam.stream_url, this.#baseUrl).toString();
    } catch {
      throw new ProtocolError(`The webcam's stream_url is not a URL`, {
        operation: 'camera',
        payload: webcam.stream_url,
      });
    }
    return { kind: 'stream', url, format: streamFormat(webcam.service) };
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
    this.#unsubscribe.push(
      client.on('status', () => {
        this.#updatedAt = this.#now();
        this.#update();
      }),
      client.on('klippy', () => this.#update()),
      client.on('notify_gcode_response', (line) => this.emitGcodeResponse(line)),
      client.on('error', (error) => this.emitError(error)),
      client.on('connection', (state) => {
        if (state === 'closed') return;
        this.setConnectionState(state as PrinterConnectionState);
        this.#update();
      }),
    );
  }

  #update(): void {
    if (this.client.connectionState !== 'connected') {
      if (this.status.state !== 'offline' || this.#updatedAt !== 0) {
        this.setStatus({ ...this.status, state: 'offline', updatedAt: this.status.updatedAt });
      }
      return;
    }
    const { status, problem } = toPrinterStatus(
      this.client.status,
      this.client.klippyState,
      this.#updatedAt || this.#now(),
    );
    this.setStatus(status);
    // One ProtocolError per distinct set of dropped fields: a broken field repeated in every update
    // is reported once, not once per frame.
    const key = problem?.message;
    if (key !== this.#lastProblem) {
      this.#lastProblem = key;
      if (problem)
        this.emitError(redactError(problem, (text) => redactText(text, this.client.auth.secrets())));
    }
  }

  #now(): number {
    return this.#clock?.now() ?? Date.now();
  }
}

/** The stream format from Moonraker's `service` names (Mainsail's and Fluidd's values). */
function streamFormat(service: string | undefined): 'mjpeg' | 'hls' | 'webrtc' | 'other' {
  const name = (service ?? '').toLowerCase();
  if (name.includes('mjpeg')) return 'mjpeg';
  if (name.includes('hls')) return 'hls';
  if (name.includes('webrtc')) return 'webrtc';
  return 'other';
}

export function createMoonrakerPrinter(options: MoonrakerPrinterOptions): MoonrakerPrinter {
  return new MoonrakerPrinter(options);
}
