export { createMoonrakerPrinter, MoonrakerPrinter, type MoonrakerPrinterOptions } from './adapter.js';
export type { MoonrakerCredentials } from './auth.js';
export {
  createMoonrakerClient,
  DEFAULT_SUBSCRIPTION,
  MoonrakerClient,
  type MoonrakerClientOptions,
} from './client.js';
export { knownOr, lenientEnum, type WithLenientEnum } from './enums.js';
export { isAuthFailure, type MoonrakerErrorBody, moonrakerError } from './errors.js';
export type {
  ConnectionState,
  FilelistChanged,
  HistoryChanged,
  JobQueueChanged,
  KlippyState,
  MoonrakerEvents,
  ProcStat,
} from './events.js';
export { HTTP_ROUTES, type HttpRoute } from './http-routes.js';
export type { FetchLike, HttpRequest } from './http-transport.js';
export { JsonRpcPeer, type JsonRpcPeerOptions } from './jsonrpc.js';
export {
  type CallArgs,
  type CallOptions,
  type ClientType,
  type HistoryListParams,
  type IdentifyParams,
  METHOD_NAMES,
  type MethodParams,
  type MethodResult,
  type MoonrakerMethod,
  type MoonrakerMethods,
  type ObjectsParams,
  type ObjectsStatus,
} from './methods.js';
export {
  type DisplayStatus,
  type Extruder,
  type Fan,
  type GcodeMove,
  type HeaterBed,
  IDLE_TIMEOUT_STATES,
  type IdleTimeout,
  KLIPPY_STATES,
  type KlipperObject,
  type KlipperStatus,
  type KnownKlipperObjects,
  type ObjectsRequest,
  type ParsedKlipperObject,
  type ParseObjectResult,
  PRINT_STATS_STATES,
  type PrintStats,
  parseKlipperObject,
  type Toolhead,
  type VirtualSdcard,
  type Webhooks,
} from './objects.js';
export { JOB_STATUSES, SERVER_KLIPPY_STATES } from './schemas.js';
export {
  deepMerge,
  type StatusDiff,
  type StatusListener,
  StatusStore,
  type StatusStoreOptions,
} from './status-store.js';
export { sha256Hex, type UploadData, type UploadFileOptions, type UploadResult } from './upload.js';
export type { WebSocketConstructor, WebSocketLike } from './websocket-transport.js';
