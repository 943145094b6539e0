/**
 * The behaviour every adapter shares, written once: declared capabilities are enforced, every call
 * gets a deadline and the caller's signal, every pending call settles when the printer is closed,
 * status and connection changes become typed events.
 *
 * An adapter extends `PrinterBase`, implements `doConnect` / `doClose` / `doRefresh`, and overrides
 * the `doXxx` method of each capability it declares. Undeclared capabilities reject with an
 * `UnsupportedError` before any `doXxx` runs.
 */
import type { Capability } from './capabilities.js';
import { type RequestOptions, withDeadline } from './deadline.js';
import { TypedEmitter } from './emitter.js';
import { ConnectionError, InvalidArgumentError, type PrintkitError, UnsupportedError } from './errors.js';
import {
  type CameraFeed,
  type ConnectionState,
  METHOD_CAPABILITIES,
  type Printer,
  type PrinterEvents,
  type PrinterFile,
  type StartPrintOptions,
  temperatureCapability,
  type UploadOptions,
} from './printer.js';
import { type HeaterName, initialStatus, type PrinterStatus } from './status.js';
import { statusEquals } from './status-equals.js';

export interface PrinterBaseOptions {
  capabilities: Iterable<Capability>;
  /** Default deadline of every call, in milliseconds. Default 10 000. */
  timeoutMs?: number;
  /** Deadline of `connect()`, which may include waiting for the printer. Default 30 000. */
  connectTimeoutMs?: number;
}

/**
 * The ranges every printer shares (a vendor may refuse more, e.g. above its maximum temperature).
 * Checked after the capability, so an undeclared capability still rejects as unsupported.
 */
function assertRange(argument: string, value: number, min: number, max: number, operation: string): void {
  if (Number.isFinite(value) && value >= min && value <= max) return;
  const range =
    max === Number.POSITIVE_INFINITY ? (min > 0 ? 'above 0' : `at least ${min}`) : `${min}–${max}`;
  throw new InvalidArgumentError(`${operation}: ${argument} must be a number ${range}, got ${value}`, {
    argument,
    operation,
  });
}

export abstract class PrinterBase implements Printer {
  abstract readonly vendor: string;
  abstract readonly id: string;
  #capabilities: ReadonlySet<Capability>;
  protected readonly timeoutMs: number;
  readonly #connectTimeoutMs: number;
  readonly #events = new TypedEmitter<PrinterEvents>();
  readonly #closed = new AbortController();
  #status: PrinterStatus = initialStatus();
  #connectionState: ConnectionState = 'disconnected';

  constructor(options: PrinterBaseOptions) {
    this.#capabilities = new Set(options.capabilities);
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 30_000;
  }

  get capabilities(): ReadonlySet<Capability> {
    return this.#capabilities;
  }

  /**
   * Replaces the declared capabilities, for printers that tell what they can do only once connected
   * (Prusa Connect's supported-commands). Calls check the set current when they start.
   */
  protected setCapabilities(capabilities: Iterable<Capability>): void {
    this.#capabilities = new Set(capabilities);
  }

  get status(): PrinterStatus {
    return this.#status;
  }

  get connectionState(): ConnectionState {
    return this.#connectionState;
  }

  /** Aborted when `close()` is called; adapters hand it to long-running work (polls, reconnects). */
  protected get closedSignal(): AbortSignal {
    return this.#closed.signal;
  }

  on<E extends keyof PrinterEvents>(event: E, listener: (...args: PrinterEvents[E]) => void): () => void {
    return this.#events.on(event, listener);
  }

  /** Replaces the status; emits `status` when anything but `updatedAt` changed. */
  protected setStatus(next: PrinterStatus): void {
    const previous = this.#status;
    this.#status = next;
    if (!statusEquals(previous, next)) this.#events.emit('status', next, previous);
  }

  protected setConnectionState(next: ConnectionState): void {
    const previous = this.#connectionState;
    if (previous === next || previous === 'closed') return;
    this.#connectionState = next;
    this.#events.emit('connection', next, previous);
  }

  protected emitError(error: PrintkitError): void {
    this.#events.emit('error', error);
  }

  protected emitGcodeResponse(line: string): void {
    this.#events.emit('gcode-response', line);
  }

  /**
   * Runs one call: checks the capability and that the printer is open, then runs `work` under a
   * deadline that also ends when the caller aborts or the printer is closed.
   */
  protected run<T>(
    capability: Capability | undefined,
    operation: string,
    options: RequestOptions | undefined,
    work: (signal: AbortSignal) => Promise<T>,
    defaultTimeoutMs = this.timeoutMs,
  ): Promise<T> {
    if (capability !== undefined && !this.capabilities.has(capability)) {
      return Promise.reject(
        new UnsupportedError(`${this.vendor} printers do not support ${capability} (${operation})`, {
          capability,
          operation,
        }),
      );
    }
    if (this.#closed.signal.aborted) {
      return Promise.reject(new ConnectionError(`${operation}: the printer was closed`, { operation }));
    }
    const signals = [this.#closed.signal];
    if (options?.signal) signals.push(options.signal);
    return withDeadline(work, {
      signal: AbortSignal.any(signals),
      timeoutMs: options?.timeoutMs ?? defaultTimeoutMs,
      operation,
    });
  }

  connect(options?: RequestOptions): Promise<void> {
    return this.run(
      undefined,
      'connect',
      options,
      (signal) => this.doConnect(signal),
      this.#connectTimeoutMs,
    );
  }

  async close(): Promise<void> {
    if (this.#closed.signal.aborted) return;
    this.#closed.abort(new ConnectionError('The printer was closed', { operation: 'close' }));
    try {
      await this.doClose();
    } finally {
      this.setConnectionState('closed');
      this.#events.removeAllListeners();
    }
  }

  refresh(options?: RequestOptions): Promise<PrinterStatus> {
    return this.run(undefined, 'refresh', options, (signal) => this.doRefresh(signal));
  }

  startPrint(file: string, options?: StartPrintOptions): Promise<void> {
    return this.run(METHOD_CAPABILITIES.startPrint, 'startPrint', options, (signal) =>
      this.doStartPrint(file, options ?? {}, signal),
    );
  }

  pause(options?: RequestOptions): Promise<void> {
    return this.run(METHOD_CAPABILITIES.pause, 'pause', options, (signal) => this.doPause(signal));
  }

  resume(options?: RequestOptions): Promise<void> {
    return this.run(METHOD_CAPABILITIES.resume, 'resume', options, (signal) => this.doResume(signal));
  }

  cancel(options?: RequestOptions): Promise<void> {
    return this.run(METHOD_CAPABILITIES.cancel, 'cancel', options, (signal) => this.doCancel(signal));
  }

  setTargetTemperature(heater: HeaterName, celsius: number, options?: RequestOptions): Promise<void> {
    return this.run(temperatureCapability(heater), 'setTargetTemperature', options, (signal) => {
      assertRange('celsius', celsius, 0, Number.POSITIVE_INFINITY, 'setTargetTemperature');
      return this.doSetTargetTemperature(heater, celsius, signal);
    });
  }

  listFiles(options?: RequestOptions): Promise<PrinterFile[]> {
    return this.run(METHOD_CAPABILITIES.listFiles, 'listFiles', options, (signal) =>
      this.doListFiles(signal),
    );
  }

  uploadFile(name: string, data: Uint8Array, options?: UploadOptions): Promise<void> {
    return this.run(METHOD_CAPABILITIES.uploadFile, 'uploadFile', options, (signal) =>
      this.doUploadFile(name, data, options ?? {}, signal),
    );
  }

  sendGcode(script: string, options?: RequestOptions): Promise<void> {
    return this.run(METHOD_CAPABILITIES.sendGcode, 'sendGcode', options, (signal) =>
      this.doSendGcode(script, signal),
    );
  }

  setLight(on: boolean, options?: RequestOptions): Promise<void> {
    return this.run(METHOD_CAPABILITIES.setLight, 'setLight', options, (signal) =>
      this.doSetLight(on, signal),
    );
  }

  camera(options?: RequestOptions): Promise<CameraFeed> {
    return this.run(METHOD_CAPABILITIES.camera, 'camera', options, (signal) => this.doCamera(signal));
  }

  setSpeed(percent: number, options?: RequestOptions): Promise<void> {
    return this.run(METHOD_CAPABILITIES.setSpeed, 'setSpeed', options, (signal) => {
      assertRange('percent', percent, Number.MIN_VALUE, Number.POSITIVE_INFINITY, 'setSpeed');
      return this.doSetSpeed(percent, signal);
    });
  }

  setFan(percent: number, options?: RequestOptions): Promise<void> {
    return this.run(METHOD_CAPABILITIES.setFan, 'setFan', options, (signal) => {
      assertRange('percent', percent, 0, 100, 'setFan');
      return this.doSetFan(percent, signal);
    });
  }

  emergencyStop(options?: RequestOptions): Promise<void> {
    return this.run(METHOD_CAPABILITIES.emergencyStop, 'emergencyStop', options, (signal) =>
      this.doEmergencyStop(signal),
    );
  }

  cancelObject(objectId: string | number, options?: RequestOptions): Promise<void> {
    return this.run(METHOD_CAPABILITIES.cancelObject, 'cancelObject', options, (signal) =>
      this.doCancelObject(objectId, signal),
    );
  }

  protected abstract doConnect(signal: AbortSignal): Promise<void>;
  protected abstract doClose(): Promise<void>;
  protected abstract doRefresh(signal: AbortSignal): Promise<PrinterStatus>;

  // Each default below is only reachable if an adapter declares a capability without overriding
  // its method: a bug in the adapter, reported as such.
  protected doStartPrint(_file: string, _options: StartPrintOptions, _signal: AbortSignal): Promise<void> {
    return this.#notImplemented('print.start');
  }
  protected doPause(_signal: AbortSignal): Promise<void> {
    return this.#notImplemented('print.pause');
  }
  protected doResume(_signal: AbortSignal): Promise<void> {
    return this.#notImplemented('print.resume');
  }
  protected doCancel(_signal: AbortSignal): Promise<void> {
    return this.#notImplemented('print.cancel');
  }
  protected doSetTargetTemperature(
    heater: HeaterName,
    _celsius: number,
    _signal: AbortSignal,
  ): Promise<void> {
    return this.#notImplemented(temperatureCapability(heater));
  }
  protected doListFiles(_signal: AbortSignal): Promise<PrinterFile[]> {
    return this.#notImplemented('files.list');
  }
  protected doUploadFile(
    _name: string,
    _data: Uint8Array,
    _options: UploadOptions,
    _signal: AbortSignal,
  ): Promise<void> {
    return this.#notImplemented('files.upload');
  }
  protected doSendGcode(_script: string, _signal: AbortSignal): Promise<void> {
    return this.#notImplemented('gcode');
  }
  protected doSetLight(_on: boolean, _signal: AbortSignal): Promise<void> {
    return this.#notImplemented('light');
  }
  protected doCamera(_signal: AbortSignal): Promise<CameraFeed> {
    return this.#notImplemented('camera');
  }
  protected doSetSpeed(_percent: number, _signal: AbortSignal): Promise<void> {
    return this.#notImplemented('speed');
  }
  protected doSetFan(_percent: number, _signal: AbortSignal): Promise<void> {
    return this.#notImplemented('fan');
  }
  protected doEmergencyStop(_signal: AbortSignal): Promise<void> {
    return this.#notImplemented('emergency-stop');
  }
  protected doCancelObject(_objectId: string | number, _signal: AbortSignal): Promise<void> {
    return this.#notImplemented('cancel-object');
  }

  #notImplemented(capability: Capability): Promise<never> {
    return Promise.reject(
      new UnsupportedError(`The ${this.vendor} adapter declares ${capability} but does not implement it`, {
        capability,
      }),
    );
  }
}
