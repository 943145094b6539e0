// The public surface of @printkit/anycubic-mqtt: re-exports only. Wire types power users need are in
// the `@printkit/anycubic-mqtt/protocol` subpath.
export {
  type AnycubicPrinter,
  type AnycubicPrinterOptions,
  createAnycubicPrinter,
} from './adapter/printer.js';
export type { SuppliesUsage } from './adapter/supplies.js';
export {
  type AnycubicClient,
  type AnycubicClientEvents,
  type CommandOptions,
  createAnycubicClient,
  type FileListOptions,
} from './client/client.js';
export type { AnycubicClientOptions } from './client/options.js';
export type { AnycubicState } from './client/state.js';
export {
  ANYCUBIC_ERROR_CODES,
  describeFirmwareError,
  HandshakeRejectedError,
  LanModeOffError,
  UnsupportedPrinterError,
} from './protocol/errors.js';
export {
  LightType,
  type LightTypeValue,
  MODELS,
  type ModelInfo,
  type ModelOverride,
  type SuppliesUnit,
} from './protocol/models.js';
export type { AnycubicCommands, CommandKey } from './protocol/table.js';
export type { AnyReport, InfoData, PrintData, RawMessage, Report, ReportType } from './protocol/wire.js';
export type { CameraStream } from './transport/camera.js';
export { discover, type PrinterDiscovery } from './transport/discovery.js';
export { type LanOptionsInput, lanOptions } from './transport/handshake.js';
export type { CommandReply } from './transport/request-tracker.js';
export { fetchCertificateFingerprint, type TlsTrust } from './transport/tls-trust.js';
export type { UploadRequestOptions, UploadResult } from './transport/upload.js';
export { VERSION } from './version.js';
