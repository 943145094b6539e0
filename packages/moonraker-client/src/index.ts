// The public surface of @printkit/moonraker-client: re-exports only. Wire types beyond the handful
// here are in `@printkit/moonraker-client/protocol`; errors are core-types' classes
// (`@printkit/core-types`), which this client throws and emits as they are.

export {
  createMoonrakerPrinter,
  type MoonrakerLight,
  MoonrakerPrinter,
  type MoonrakerPrinterOptions,
} from './adapter/printer.js';
export {
  type ConnectionState,
  createMoonrakerClient,
  DEFAULT_SUBSCRIPTION,
  type KlippyState,
  MoonrakerClient,
  type MoonrakerEvents,
} from './client/client.js';
export type { MoonrakerClientOptions } from './client/options.js';
export type {
  CallOptions,
  MethodParams,
  MethodResult,
  MoonrakerMethod,
  MoonrakerMethods,
} from './protocol/table.js';
export type {
  FileMetadata,
  KlipperStatus,
  ObjectsRequest,
  ObjectsStatus,
  PrintStats,
  ServerInfo,
  StatusDiff,
  UploadResult,
} from './protocol/wire.js';
export type { MoonrakerCredentials } from './transport/auth.js';
export type { FetchLike } from './transport/http.js';
export type { UploadData, UploadFileOptions } from './transport/upload.js';
export type { WebSocketConstructor, WebSocketLike } from './transport/websocket.js';
export { VERSION } from './version.js';
