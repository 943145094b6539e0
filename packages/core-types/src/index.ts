export { type Backoff, type BackoffOptions, backoffDelay, createBackoff } from './backoff.js';
export { CAPABILITIES, type Capability, isCapability } from './capabilities.js';
export { type Clock, systemClock } from './clock.js';
export {
  abortReason,
  createDeadline,
  type Deadline,
  type DeadlineOptions,
  type RequestOptions,
  sleep,
  throwIfAborted,
  withDeadline,
} from './deadline.js';
export { DeadlineTimer } from './deadline-timer.js';
export { type EventMap, type Listener, TypedEmitter, type TypedEmitterOptions } from './emitter.js';
export {
  AbortedError,
  AuthError,
  ConnectionError,
  hasErrorMarker,
  InvalidArgumentError,
  PrinterRejectedError,
  PrintkitError,
  type PrintkitErrorCode,
  type PrintkitErrorOptions,
  ProtocolError,
  TimeoutError,
  toPrintkitError,
  truncateMessage,
  UnsupportedError,
} from './errors.js';
export { type Logger, silentLogger } from './logger.js';
export {
  guardNetwork,
  guardNetworkChunks,
  type NetworkContext,
  networkError,
  type ReadLimitedOptions,
  readLimited,
  streamChunks,
} from './network.js';
export {
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
export { PrinterBase, type PrinterBaseOptions } from './printer-base.js';
export {
  type RedactUrlOptions,
  redactCause,
  redactHeaders,
  redactPayload,
  redactText,
  redactUrl,
  SECRET_FIELDS,
  SECRET_HEADERS,
  SECRET_QUERY_KEYS,
} from './redact.js';
export {
  ACTIVE_JOB_STATES,
  HEATER_NAMES,
  type HeaterName,
  initialStatus,
  isJobActive,
  isPrinterState,
  type JobStatus,
  PRINTER_STATES,
  type PrinterState,
  type PrinterStatus,
  type TemperatureReading,
  type Temperatures,
} from './status.js';
export { statusEquals } from './status-equals.js';
