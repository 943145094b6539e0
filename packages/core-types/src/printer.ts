/**
 * The interface every vendor adapter implements (`createMoonrakerPrinter`, `createAnycubicPrinter`,
 * `createPrusaConnectPrinter`). Code written against it drives any supported printer.
 */
import type { Capability } from './capabilities.js';
import type { RequestOptions } from './deadline.js';
import type { PrintkitError } from './errors.js';
import type { HeaterName, PrinterStatus } from './status.js';

/**
 * - `disconnected`: not connected yet. `connecting`: the first connect is under way.
 * - `connected`: talking to the printer. `reconnecting`: the link dropped; retrying with backoff.
 * - `closed`: `close()` was called; the printer object is done.
 */
export type ConnectionState = 'disconnected' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

export interface PrinterEvents {
  /** The status changed. `previous` is the status before this change. */
  status: [status: PrinterStatus, previous: PrinterStatus];
  connection: [state: ConnectionState, previous: ConnectionState];
  /** Something went wrong outside any call (a malformed push from the printer, a failed poll). */
  error: [error: PrintkitError];
  /** A line of G-code console output, where the printer has a console. */
  'gcode-response': [line: string];
}

export interface StartPrintOptions extends RequestOptions {
  /** Where the file lives, for printers with several storages (e.g. `local`, `udisk`, `/usb`). */
  storage?: string;
}

export interface PrinterFile {
  /** Path or name as `startPrint` accepts it. */
  path: string;
  sizeBytes?: number;
  /** Milliseconds since the epoch. */
  modifiedAt?: number;
  storage?: string;
}

export interface UploadOptions extends RequestOptions {
  /** Start printing the file once it is uploaded. */
  startPrint?: boolean;
}

export type CameraFeed =
  | { kind: 'stream'; url: string; format: 'flv' | 'mjpeg' | 'hls' | 'rtsp' | 'webrtc' | 'other' }
  | { kind: 'snapshot'; contentType: string; data: Uint8Array };

export interface Printer {
  /** Which adapter this is, e.g. `moonraker`, `anycubic`, `prusa-connect`. */
  readonly vendor: string;
  /** A stable identifier of the printer within its vendor (device id, uuid, URL). */
  readonly id: string;
  readonly capabilities: ReadonlySet<Capability>;
  readonly connectionState: ConnectionState;
  /** The last known status; never undefined (`offline` until something is known). */
  readonly status: PrinterStatus;

  connect(options?: RequestOptions): Promise<void>;
  /** Closes the connection; every pending call settles. Idempotent. */
  close(): Promise<void>;
  /** Asks the printer for its status now. */
  refresh(options?: RequestOptions): Promise<PrinterStatus>;
  on<E extends keyof PrinterEvents>(event: E, listener: (...args: PrinterEvents[E]) => void): () => void;

  /** `print.start` */
  startPrint(file: string, options?: StartPrintOptions): Promise<void>;
  /** `print.pause` */
  pause(options?: RequestOptions): Promise<void>;
  /** `print.resume` */
  resume(options?: RequestOptions): Promise<void>;
  /** `print.cancel` */
  cancel(options?: RequestOptions): Promise<void>;
  /** `temperature.nozzle` / `temperature.bed` / `temperature.chamber`; 0 turns the heater off. */
  setTargetTemperature(heater: HeaterName, celsius: number, options?: RequestOptions): Promise<void>;
  /** `files.list` */
  listFiles(options?: RequestOptions): Promise<PrinterFile[]>;
  /** `files.upload`; `data` is the whole file. */
  uploadFile(name: string, data: Uint8Array, options?: UploadOptions): Promise<void>;
  /** `gcode`: sends one or more lines of G-code; output arrives as `gcode-response` events. */
  sendGcode(script: string, options?: RequestOptions): Promise<void>;
  /** `light`: the main light (head/chamber light, depending on the printer). */
  setLight(on: boolean, options?: RequestOptions): Promise<void>;
  /** `camera` */
  camera(options?: RequestOptions): Promise<CameraFeed>;
  /** `speed`: print speed as a percentage of the sliced speed (100 = normal). */
  setSpeed(percent: number, options?: RequestOptions): Promise<void>;
  /** `fan`: part-cooling fan, 0–100 %. */
  setFan(percent: number, options?: RequestOptions): Promise<void>;
  /** `emergency-stop` */
  emergencyStop(options?: RequestOptions): Promise<void>;
  /** `cancel-object`: skips one object of the running job. */
  cancelObject(objectId: string | number, options?: RequestOptions): Promise<void>;
}

/** The capability each `Printer` method needs, for adapters and generic tools. */
export const METHOD_CAPABILITIES = {
  startPrint: 'print.start',
  pause: 'print.pause',
  resume: 'print.resume',
  cancel: 'print.cancel',
  listFiles: 'files.list',
  uploadFile: 'files.upload',
  sendGcode: 'gcode',
  setLight: 'light',
  camera: 'camera',
  setSpeed: 'speed',
  setFan: 'fan',
  emergencyStop: 'emergency-stop',
  cancelObject: 'cancel-object',
} as const satisfies Partial<Record<keyof Printer, Capability>>;

/** The capability `setTargetTemperature(heater, ...)` needs. */
export function temperatureCapability(heater: HeaterName): Capability {
  return `temperature.${heater}`;
}
